"""Kerngericht werken: kernteams, a kerncoach's specialism and coach training.

The admin keeps the data (which kernen a team covers, who is in it, who is the
aandachtsfunctionaris for which concern, who is trained to decide escalations); the case
rules read it: the aandachtsfunctionaris proposed when the regisseur adds expertise, the
coach an escalation may name, and the counts of the team's open cases on the worklist.

The Dutch labels of the expertises live here, the one place: never a code on screen.
Functions flush but never commit (the view owns the transaction) and raise ``TeamError``
with a Dutch message.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.models import Case, CaseMember, Kern, Team, User
from app.models.base import DbSession
from app.models.user import SPECIALISMS

TEAM_ROLE = "staff"  # only Voormekaar staff (kerncoaches) belong to a kernteam
MAX_NAME = 80

# The concern an aandachtsfunctionaris is for (``cases.EXPERTISE``), as it reads in a sentence.
EXPERTISE_LABELS = {
    "dementie": _l("dementie"),
    "huiselijk-geweld-kindermishandeling": _l("huiselijk geweld en kindermishandeling"),
    "vluchtelingen-statushouders": _l("vluchtelingen en statushouders"),
}
# The same as a function: "Aandachtsfunctionaris huiselijk geweld en kindermishandeling".
SPECIALISM_LABELS = {
    "dementie": _l("Aandachtsfunctionaris dementie"),
    "huiselijk-geweld-kindermishandeling":
        _l("Aandachtsfunctionaris huiselijk geweld en kindermishandeling"),
    "vluchtelingen-statushouders": _l("Aandachtsfunctionaris vluchtelingen en statushouders"),
}
assert set(EXPERTISE_LABELS) == set(SPECIALISM_LABELS) == set(SPECIALISMS)


def expertise_label(code: str | None) -> str:
    return str(EXPERTISE_LABELS.get(code or "", code or ""))


def specialism_label(code: str | None) -> str:
    return str(SPECIALISM_LABELS.get(code or "", code or ""))


def person(user: User) -> str:
    return user.display_name or user.email


class TeamError(Exception):
    def __init__(self, message: object, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


# --------------------------------------------------------------------------- teams (admin)

def teams(session: DbSession) -> list[Team]:
    return list(session.scalars(select(Team).options(selectinload(Team.kernen))
                                .order_by(Team.name)))


def team_of_kern(session: DbSession, kern_id: uuid.UUID | None) -> Team | None:
    """The kernteam that covers this kern (a kern belongs to at most one)."""
    if kern_id is None:
        return None
    return session.scalar(select(Team).where(Team.kernen.any(Kern.id == kern_id)))


def save_team(session: DbSession, team: Team | None, name: str,
              kern_ids: Iterable[str | uuid.UUID] | None) -> tuple[Team, list[str]]:
    """Create (``team`` None) or rename a kernteam and set its kernen.  Refused when the
    name is empty, too long or taken, or a kern already belongs to another team.
    Returns the team and what changed (for the audit log: codes and ids, no free text)."""
    name = " ".join((name or "").split())
    if not name:
        raise TeamError(_l("Geef het kernteam een naam."), field="name")
    if len(name) > MAX_NAME:
        raise TeamError(_l("De naam mag hoogstens %(max)d tekens hebben.", max=MAX_NAME),
                        field="name")
    taken = session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if taken is not None and taken is not team:
        raise TeamError(_l("Er is al een kernteam met deze naam."), field="name")
    wanted = []
    for value in dict.fromkeys(kern_ids or ()):
        try:
            kern = session.get(Kern, uuid.UUID(str(value)))
        except ValueError:
            kern = None
        if kern is None:
            raise TeamError(_l("Kies kernen van Berkelland."), field="kernen")
        wanted.append(kern)
    for kern in wanted:
        other = team_of_kern(session, kern.id)
        if other is not None and other is not team:
            raise TeamError(_l("%(kern)s hoort al bij kernteam %(team)s. Haal de kern daar eerst "
                               "weg.", kern=kern.name, team=other.name), field="kernen")
    changes = []
    if team is None:
        team = Team(name=name)
        session.add(team)
        changes.append("created")
    elif team.name != name:
        team.name = name
        changes.append("renamed")
    if {k.id for k in team.kernen} != {k.id for k in wanted}:
        team.kernen = sorted(wanted, key=lambda k: (k.sort_order, k.name))
        changes.append("kernen")
    session.flush()
    return team, changes


def set_profile(session: DbSession, user: User, *, team_id: str | uuid.UUID | None,
                specialism: str | None,
                coach_qualified: bool) -> list[str]:
    """Set a kerncoach's kernteam, specialism and coach training.  Only Voormekaar staff
    have them (an editor, manager or admin works on no case).  Returns what changed."""
    team = None
    if team_id:
        try:
            team = session.get(Team, uuid.UUID(str(team_id)))
        except ValueError:
            team = None
        if team is None:
            raise TeamError(_l("Kies een bestaand kernteam."), field="team")
    specialism = specialism or None
    if specialism is not None and specialism not in SPECIALISMS:
        raise TeamError(_l("Kies een aandachtsgebied uit de lijst."), field="specialism")
    if user.role != TEAM_ROLE and (team or specialism or coach_qualified):
        raise TeamError(_l("Alleen medewerkers van Voormekaar horen bij een kernteam, zijn "
                           "aandachtsfunctionaris of coach."), field="team")
    changes = []
    if user.team_id != (team.id if team else None):
        user.team = team
        changes.append(f"team={team.id if team else '-'}")
    if user.specialism != specialism:
        user.specialism = specialism
        changes.append(f"specialism={specialism or '-'}")
    if bool(user.coach_qualified) != bool(coach_qualified):
        user.coach_qualified = bool(coach_qualified)
        changes.append(f"coach={'ja' if coach_qualified else 'nee'}")
    session.flush()
    return changes


# --------------------------------------------------------------------------- on a case

def proposed_experts(session: DbSession, case: Case) -> dict[str, User]:
    """For each expertise: the aandachtsfunctionaris of the case's kernteam (the team whose
    kernen include the case's kern) with that specialism, who is not on the case yet.
    Several: the first by name.  None of the team: no proposal for that concern."""
    team = team_of_kern(session, case.kern_id)
    if team is None:
        return {}
    on_case = {m.user_id for m in case.members} | {case.director_id}
    found: dict[str, User] = {}
    for user in session.scalars(select(User).where(
            User.team_id == team.id, User.role == TEAM_ROLE, User.is_active,
            User.specialism.is_not(None)).order_by(User.display_name, User.email)):
        if user.id not in on_case and user.specialism is not None:
            found.setdefault(user.specialism, user)
    return found


def coaches(session: DbSession, case: Case) -> list[User]:
    """Who an escalation of this case may name: active staff trained as coach, not the
    case's regisseur (the coach weighs the regisseur's request independently)."""
    return [u for u in session.scalars(select(User).where(
        User.role == TEAM_ROLE, User.is_active, User.coach_qualified)
        .order_by(User.display_name, User.email)) if u.id != case.director_id]


# --------------------------------------------------------------------------- worklist

@dataclass
class KernCount:
    kern: Kern
    open: int  # open cases of the team in this kern
    without_colleague: int  # of which nobody but the regisseur works on
    mine: int  # of which the viewer is on (and can open from "Mijn casussen")


@dataclass
class TeamOverview:
    team: Team | None
    kernen: list[KernCount]

    @property
    def total(self) -> int:
        return sum(k.open for k in self.kernen)


def team_overview(session: DbSession, user: User) -> TeamOverview:
    """The open cases of the viewer's kernteam, as counts per kern: no reference, no
    resident data, no link — case access stays need-to-know (``cases.can_access``).  The
    viewer's own cases are in "Mijn casussen"; here they only count in ``mine``."""
    team = session.get(Team, user.team_id) if user.team_id else None
    if team is None:
        return TeamOverview(None, [])
    kern_ids = [k.id for k in team.kernen]
    rows: dict[uuid.UUID | None, list[int]] = {}
    if kern_ids:
        members = (select(CaseMember.case_id, func.count().label("n"))
                   .where(CaseMember.role != "regisseur").group_by(CaseMember.case_id).subquery())
        mine = select(CaseMember.case_id).where(CaseMember.user_id == user.id)
        query = (select(Case.kern_id, Case.id, Case.director_id, members.c.n,
                        Case.id.in_(mine))
                 .outerjoin(members, members.c.case_id == Case.id)
                 .where(Case.kern_id.in_(kern_ids), Case.status == "open",
                        Case.anonymised_at.is_(None)))
        for kern_id, _case_id, director_id, others, member in session.execute(query):
            count = rows.setdefault(kern_id, [0, 0, 0])
            count[0] += 1
            count[1] += not others
            count[2] += bool(member) or director_id == user.id
    return TeamOverview(team, [KernCount(k, *rows.get(k.id, (0, 0, 0))) for k in team.kernen])
