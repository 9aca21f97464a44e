"""Casusregie: cases, referrals under the lightest-suitable rule, handover, review, waakvlam.

Every rule about cases lives here; the staff views only translate HTTP to these calls
and back.  Functions flush but never commit (the view owns the transaction), and raise
``CaseError`` with a Dutch message a kerncoach can act on.

Access is need-to-know: the regisseur and the colleagues the regisseur added.  Nobody
else — not a manager, not an admin — reads a case.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.domain import referral as rule
from app.domain.queries import kern_named
from app.models import (
    Case,
    CaseEvent,
    CaseLifeDomain,
    CaseMember,
    CheckIn,
    Consent,
    HouseholdMember,
    Kern,
    Referral,
    ReferralSkip,
    ReferralTransition,
    SafetyRoute,
    Service,
    User,
    ZrmScore,
    service_options,
)
from app.models.base import DbSession, utcnow
from app.models.case import FAMILY_ROLES, SIGNAL_SOURCES
from app.models.user import SPECIALISMS
from app.vocabulary import LIFE_DOMAIN_CODES

if TYPE_CHECKING:  # only for types
    from collections.abc import Callable

    from search.interface import SearchBackend
    from search.language import Language

CASE_ROLES = ("staff",)  # VMK staff only: need-to-know, so not even an admin reads a case
EXPERTISE = SPECIALISMS  # labels: ``app.domain.teams.EXPERTISE_LABELS``
REVIEW_DECISIONS = ("continue", "change", "stop")
ERASED = "-"  # what retention leaves in a free-text field that must stay filled

# Referral lifecycle: proposed → handed over → active → evaluated → ended.
TRANSITIONS = {
    "proposed": ("handed_over", "ended"),
    "handed_over": ("active", "ended"),
    "active": ("evaluated", "ended"),
    "evaluated": ("active", "ended"),
    "ended": (),
}


class CaseError(Exception):
    """A rule was not met; ``message`` says what to do, ``field`` where (if one field).
    ``status``: the HTTP status a view answers with (422: the input can be corrected)."""

    status = 422

    def __init__(self, message: object, field: str | None = None,
                 decision: rule.Decision | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.decision = decision


class CaseForbidden(CaseError):
    """This user's role on the case does not allow the action (``CASE_ACTIONS``)."""

    status = 403


class CaseClosed(CaseError):
    """The case is closed or anonymised: it takes no writes at all."""

    status = 409


# --------------------------------------------------------------------------- access

# A user's role on a case: the member role (the regisseur is the case's director), staff
# who are not on the case, or the user's own role for everybody else.
UNINVOLVED = "niet-betrokken"
CASE_ACTORS = ("regisseur", "collega", "aandachtsfunctionaris", "coach", UNINVOLVED,
               "editor", "manager", "admin")
_WORKERS = frozenset({"regisseur", "collega", "aandachtsfunctionaris"})
_DIRECTOR = frozenset({"regisseur"})
_COACH = frozenset({"coach"})

# Every write on an existing case, and who may do it.  The one place the server decides;
# the views map a refusal to 403 and the templates show a form only when it is allowed.
# Nobody outside the case (other staff, editor, manager, admin) does anything on it.
CASE_ACTIONS: dict[str, frozenset[str]] = {
    "bewerken": _DIRECTOR,                       # edit the case's data
    "collega-toevoegen": _DIRECTOR,              # give a colleague access
    "regie-overdragen": _DIRECTOR,               # hand the regie to another kerncoach
    "escaleren": _WORKERS,                       # ask for a breakthrough
    "escalatie-besluit": _COACH,                 # only the coach the escalation names
    "veiligheidsroute": _WORKERS,                # Veilig Thuis consulted, safety plan
    "veiligheid-uitzondering": frozenset({"aandachtsfunctionaris"}),
    "toestemming": _WORKERS,                     # record a consent
    "toestemming-intrekken": _WORKERS,           # record its withdrawal
    "waakvlam-ritme": _DIRECTOR,                 # set the check-in rhythm
    "waakvlamcontact": _WORKERS,                 # record a check-in
    "afsluiten": _DIRECTOR,                      # close the case
    "verwijzen": _DIRECTOR,                      # attach a provision (the rule)
    "overdracht": _DIRECTOR,                     # warm handover of a referral
    "hulp-gestart": _DIRECTOR,                   # the help started
    "evalueren": _DIRECTOR,                      # review a referral
    "verwijzing-beeindigen": _DIRECTOR,          # end a referral
    "plan": _DIRECTOR,                           # the household plan's goals
    "zorg-elders": _WORKERS,                     # register care that started elsewhere
    "plan-evaluatie": _DIRECTOR,                 # review the plan (ZRM now, next date)
}


def case_role(user: User | None, case: Case) -> str | None:
    """``user``'s role on ``case`` (one of ``CASE_ACTORS``), ``None`` without a user."""
    if user is None:
        return None
    if user.role not in CASE_ROLES:
        return user.role
    if not user.is_active:
        return UNINVOLVED
    if case.director_id == user.id:
        return "regisseur"
    member = next((m for m in case.members if m.user_id == user.id), None)
    return member.role if member is not None else UNINVOLVED


def may(user: User | None, case: Case, action: str) -> bool:
    """Whether ``user``'s role on ``case`` allows ``action`` (regardless of the case's status)."""
    return case_role(user, case) in CASE_ACTIONS[action]


def is_writable(case: Case) -> bool:
    return case.status == "open" and case.anonymised_at is None


def check(user: User | None, case: Case, action: str) -> None:
    """Refuse ``action`` unless the user's case role allows it (``CaseForbidden``) and the
    case is open (``CaseClosed``).  Every write function below starts here."""
    allowed = CASE_ACTIONS[action]
    if case_role(user, case) not in allowed:
        if allowed == _DIRECTOR:
            message = _l("Alleen de regisseur van deze casus kan dit doen.")
        elif allowed == _COACH:
            message = _l("Alleen de coach die bij de escalatie is genoemd, legt het besluit "
                         "vast.")
        elif allowed == {"aandachtsfunctionaris"}:
            message = _l("Alleen een aandachtsfunctionaris van deze casus kan een uitzondering "
                         "vastleggen.")
        else:
            message = _l("U heeft in deze casus geen rol die dit mag.")
        raise CaseForbidden(message)
    _open(case)

def can_access(user: User | None, case: Case) -> bool:
    if user is None or user.role not in CASE_ROLES or not user.is_active:
        return False
    return case.director_id == user.id or any(m.user_id == user.id for m in case.members)


def visible_cases(session: DbSession, user: User, *, include_closed: bool = False) -> list[Case]:
    member = select(CaseMember.case_id).where(CaseMember.user_id == user.id)
    query = (select(Case).where(or_(Case.director_id == user.id, Case.id.in_(member)))
             .options(selectinload(Case.kern), selectinload(Case.referrals))
             .order_by(Case.created_at.desc()))
    if not include_closed:
        query = query.where(Case.status == "open")
    return list(session.scalars(query))


def get_case(session: DbSession, user: User, case_id: object) -> Case | None:
    """The case if this user may see it; ``None`` both when absent and when not allowed,
    so an id reveals nothing."""
    try:
        key = case_id if isinstance(case_id, uuid.UUID) else uuid.UUID(str(case_id))
    except ValueError:
        return None
    case = session.get(Case, key)
    return case if case is not None and can_access(user, case) else None


# --------------------------------------------------------------------------- cases

@dataclass
class MemberInput:
    """A person in the household as the intake form gives them (pseudonymised)."""

    role: str  # FAMILY_ROLES
    birth_year: int | None = None
    label: str = ""  # how the family calls them in the plan ("vader", "zoon"), never a name
    life_domains: tuple[str, ...] = ()  # this person's own needs
    is_contact: bool = False  # the resident the case was opened for


@dataclass
class CaseInput:
    initials: str | None
    birth_year: int | None
    kern: str  # kern name or slug
    question: str
    own_strength: str = ""
    life_domains: dict[str, int | None] | None = None  # code -> ZRM score 1–5 or None
    safety_concern: bool = False
    signal_source: str | None = None  # SIGNAL_SOURCES
    household: list[MemberInput] | None = None  # None: leave the household as it is


def _reference(session: DbSession, today: date) -> str:
    prefix = f"VMK-{today.year}-"
    count = session.scalar(select(func.count()).select_from(Case)
                           .where(Case.reference.like(prefix + "%"))) or 0
    return f"{prefix}{count + 1:04d}"


def _kern(session: DbSession, name: str) -> Kern:
    kern = kern_named(session, name)
    if kern is None:
        raise CaseError(_l("Kies een kern van Berkelland."), field="kern")
    return kern


def _check_case_input(data: CaseInput, today: date) -> None:
    _check_resident(data, today)
    _check_life_domains(data.life_domains or {})
    if data.signal_source and data.signal_source not in SIGNAL_SOURCES:
        raise CaseError(_l("Kies waar het signaal vandaan kwam."), field="signal_source")
    for number, member in enumerate(data.household or [], start=1):
        _check_member(number, member, today)


def _check_resident(data: CaseInput, today: date) -> None:
    """The resident's initials and birth year, and the question in their words."""
    if data.initials and (len(data.initials) > 10 or " " in data.initials.strip()):
        raise CaseError(_l("Vul alleen voorletters in, zonder spaties (bijvoorbeeld J.K.)."),
                        field="initials")
    if data.birth_year is not None and not 1900 <= data.birth_year <= today.year:
        raise CaseError(_l("Vul een geboortejaar in tussen 1900 en %(year)d.", year=today.year),
                        field="birth_year")
    if not (data.question or "").strip():
        raise CaseError(_l("Schrijf de vraag op in de woorden van de inwoner."), field="question")


def _check_life_domains(domains: dict[str, int | None]) -> None:
    """At least one known life domain, each with no ZRM score or one from 1 to 5."""
    if not domains:
        raise CaseError(_l("Kies minstens één leefgebied."), field="life_domains")
    for code, score in domains.items():
        if code not in LIFE_DOMAIN_CODES:
            raise CaseError(_l("Onbekend leefgebied: %(code)s.", code=code), field="life_domains")
        if score is not None and not 1 <= score <= 5:
            raise CaseError(_l("Een ZRM-score is 1 tot en met 5."), field="life_domains")


def _check_member(number: int, member: MemberInput, today: date) -> None:
    """One person of the household (``number`` counts from 1, as the form shows them)."""
    where = f"lid-{number}"
    if member.role not in FAMILY_ROLES:
        raise CaseError(_l("Gezinslid %(num)d: kies ouder, partner, kind of huisgenoot.",
                           num=number), field=where)
    if member.birth_year is not None and not 1900 <= member.birth_year <= today.year:
        raise CaseError(_l("Gezinslid %(num)d: vul een geboortejaar in tussen 1900 en "
                           "%(year)d.", num=number, year=today.year), field=where)
    if len((member.label or "").strip()) > 40:
        raise CaseError(_l("Gezinslid %(num)d: houd de aanduiding kort (zoals 'vader' of "
                           "'oudste zoon'), zonder naam.", num=number), field=where)
    for code in member.life_domains:
        if code not in LIFE_DOMAIN_CODES:
            raise CaseError(_l("Onbekend leefgebied: %(code)s.", code=code), field=where)


def _set_household(case: Case, members: list[MemberInput] | None) -> None:
    """The household as the form gives it, row by row: a row keeps its person (referrals and
    goals stay attached); a removed row that help is attached to is refused."""
    if members is None:
        return
    current = list(case.household)
    for index, member in enumerate(members):
        person = current[index] if index < len(current) else HouseholdMember()
        person.position = index
        person.role = member.role
        person.birth_year = member.birth_year
        person.label = (member.label or "").strip() or None
        person.life_domains = sorted(set(member.life_domains)) or None
        person.is_contact = member.is_contact
        if index >= len(current):
            case.household.append(person)
    for person in current[len(members):]:
        if person.id is not None and any(r.member_id == person.id for r in case.referrals):
            raise CaseError(_l("Aan %(who)s is hulp gekoppeld: dit gezinslid kan niet weg.",
                               who=member_name(person)), field="household")
        case.household.remove(person)


def _record_intake_scores(case: Case, by: User | None, today: date) -> None:
    """The intake's ZRM scores, kept beside later reviews (the trend); changed while the
    plan has had no review, they are corrected rather than added."""
    intake = {z.life_domain: z for z in case.zrm_scores if z.moment == "intake"}
    for item in case.life_domains:
        if item.zrm_score is None:
            if item.code in intake and not case.plan_reviews:
                case.zrm_scores.remove(intake[item.code])
            continue
        if item.code in intake:
            if not case.plan_reviews:
                intake[item.code].score = item.zrm_score
        else:
            case.zrm_scores.append(ZrmScore(life_domain=item.code, score=item.zrm_score,
                                            moment="intake", assessed_on=today,
                                            by_id=by.id if by else None))


FAMILY_ROLE_LABELS = {"ouder": _l("ouder"), "partner": _l("partner"), "kind": _l("kind"),
                      "huisgenoot": _l("huisgenoot")}
SIGNAL_SOURCE_LABELS = {
    "zelf": _l("de inwoner zelf"), "netwerk": _l("familie, buren of vrienden"),
    "huisarts": _l("de huisarts"), "school-leerplicht": _l("school of leerplicht"),
    "sdoa": _l("SDOA (Sociale Dienst Oost-Achterhoek)"), "ggd": _l("de GGD"),
    "politie": _l("de politie"), "woningcorporatie": _l("de woningcorporatie"),
    "anders": _l("anders"),
}


def member_age(member: HouseholdMember, today: date | None = None) -> int | None:
    if member.birth_year is None:
        return None
    return (today or date.today()).year - member.birth_year


def member_name(member: HouseholdMember, today: date | None = None) -> str:
    """How the plan names a person: the family's own word and the age ("zoon, 14 jaar")."""
    word = member.label or str(FAMILY_ROLE_LABELS.get(member.role, member.role))
    age = member_age(member, today)
    return str(_l("%(who)s, %(age)d jaar", who=word, age=age)) if age is not None else word


def has_existence_need(case: Case) -> bool:
    """Money or housing is among the household's needs (bestaanszekerheid voorop)."""
    codes = {d.code for d in case.life_domains}
    for person in case.household:
        codes.update(person.life_domains or ())
    return bool(codes & rule.EXISTENCE_SECURITY)


def household_member(case: Case, member_id: object) -> HouseholdMember | None:
    """A person of this case's household by id (None: not of this household)."""
    return next((m for m in case.household if str(m.id) == str(member_id)), None)


def open_case(session: DbSession, director: User, data: CaseInput, *, today: date | None = None) -> Case:
    today = today or date.today()
    if director.role not in CASE_ROLES:
        raise CaseError(_l("Alleen medewerkers van Voormekaar kunnen regisseur zijn."))
    _check_case_input(data, today)
    kern = _kern(session, data.kern)
    for attempt in range(5):
        case = Case(reference=_reference(session, today), initials=(data.initials or "").strip() or None,
                    birth_year=data.birth_year, kern=kern, question=data.question.strip(),
                    own_strength=(data.own_strength or "").strip() or None,
                    safety_concern=data.safety_concern, director_id=director.id,
                    signal_source=data.signal_source or None)
        case.life_domains = [CaseLifeDomain(code=c, zrm_score=s)
                             for c, s in sorted((data.life_domains or {}).items())]
        case.members = [CaseMember(user_id=director.id, role="regisseur", added_by_id=director.id)]
        _set_household(case, data.household)
        _record_intake_scores(case, director, today)
        try:
            with session.begin_nested():
                session.add(case)
                session.flush()
            return case
        except IntegrityError:  # two cases got the same reference at the same moment
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def update_case(session: DbSession, case: Case, by: User, data: CaseInput) -> None:
    check(by, case, "bewerken")
    _check_case_input(data, date.today())
    case.kern = _kern(session, data.kern)
    case.initials = (data.initials or "").strip() or None
    case.birth_year = data.birth_year
    case.question = data.question.strip()
    case.own_strength = (data.own_strength or "").strip() or None
    case.safety_concern = data.safety_concern
    if data.signal_source is not None:
        case.signal_source = data.signal_source or None
    _set_household(case, data.household)
    wanted = dict(data.life_domains or {})
    for item in list(case.life_domains):
        if item.code not in wanted:
            case.life_domains.remove(item)
        else:
            item.zrm_score = wanted.pop(item.code)
    for code, score in sorted(wanted.items()):
        case.life_domains.append(CaseLifeDomain(code=code, zrm_score=score))
    _record_intake_scores(case, by, date.today())
    session.flush()


def age_of(case: Case, today: date | None = None) -> int | None:
    if case.birth_year is None:
        return None
    return (today or date.today()).year - case.birth_year


def need_of(case: Case, *, target_groups: Iterable[str] = (), search: str = "",
            age: int | None = None,
            member: HouseholdMember | None = None) -> rule.Need:
    """The case's need as the rule reads it: the case's life domains, kern, question and
    flag; ``target_groups``, the kerncoach's own words (``search``) and the age of the person
    the need is about as given on the referral screen.  For a member of the household
    (``member``) the age is theirs and the life domains their own needs (else the
    household's); an age typed on the screen still wins; default: the resident's age."""
    domains = frozenset(d.code for d in case.life_domains)
    default_age = age_of(case)
    if member is not None:
        domains = frozenset(member.life_domains or ()) or domains
        default_age = member_age(member)
    return rule.Need(life_domains=domains,
                     kern=case.kern.name if case.kern else None,
                     age=default_age if age is None else age,
                     target_groups=frozenset(target_groups), question=case.question or "",
                     own_strength=case.own_strength or "", safety_concern=case.safety_concern,
                     search=search, existence_first=has_existence_need(case))


def add_member(session: DbSession, case: Case, by: User, colleague: User, *, role: str = "collega",
               expertise: str | None = None) -> CaseMember:
    check(by, case, "collega-toevoegen")
    if colleague.role not in CASE_ROLES or not colleague.is_active:
        raise CaseError(_l("Alleen actieve medewerkers van Voormekaar kunnen meekijken."), field="user")
    if role == "aandachtsfunctionaris" and expertise not in EXPERTISE:
        raise CaseError(_l("Kies de deskundigheid van de aandachtsfunctionaris."), field="expertise")
    if any(m.user_id == colleague.id for m in case.members):
        raise CaseError(_l("Deze collega heeft al toegang."), field="user")
    member = CaseMember(user_id=colleague.id, role=role, expertise=expertise, added_by_id=by.id)
    case.members.append(member)
    _event(case, by, "collega-toegevoegd", f"{role}:{expertise or ''}:{colleague.id}")
    session.flush()
    return member


def hand_over_case(session: DbSession, case: Case, by: User, new_director: User, reason: str) -> None:
    """Another regisseur takes over; the old one keeps access as a colleague."""
    check(by, case, "regie-overdragen")
    if new_director.role not in CASE_ROLES or not new_director.is_active:
        raise CaseError(_l("Kies een actieve medewerker van Voormekaar."), field="user")
    if not reason.strip():
        raise CaseError(_l("Schrijf op waarom de regie overgaat."), field="reason")
    old = case.director_id
    for member in case.members:
        if member.user_id == old:
            member.role = "collega"
    existing = next((m for m in case.members if m.user_id == new_director.id), None)
    if existing is None:
        case.members.append(CaseMember(user_id=new_director.id, role="regisseur", added_by_id=by.id))
    else:
        existing.role = "regisseur"
    case.director_id = new_director.id
    _event(case, by, "regie-overgedragen", reason.strip())
    session.flush()


def open_escalation(case: Case) -> CaseEvent | None:
    """The escalation still waiting for the coach's decision (the last one, when no
    decision came after it)."""
    waiting = None
    for event in case.events:
        if event.kind == "escalatie":
            waiting = event
        elif event.kind == "escalatie-besluit":
            waiting = None
    return waiting


def escalate(session: DbSession, case: Case, by: User, reason: str, coach: User | None = None) -> CaseEvent:
    """Escalatieprotocol: a case that needs a breakthrough outside the usual rules.  The
    escalation names a trained coach (``User.coach_qualified``) who is not the case's
    regisseur and not already working on it in another role; the coach joins the case as
    coach and is the only one who records the decision."""
    check(by, case, "escaleren")
    if open_escalation(case) is not None:
        raise CaseError(_l("Er loopt al een escalatie: eerst legt de coach het besluit vast."))
    if not reason.strip():
        raise CaseError(_l("Schrijf op waarom een doorbraak nodig is."), field="reason")
    if coach is None:
        raise CaseError(_l("Kies de coach die over de escalatie besluit."), field="coach")
    if coach.id == case.director_id:
        raise CaseError(_l("De regisseur van de casus kan niet de coach van de escalatie zijn: "
                           "kies een andere getrainde coach."), field="coach")
    if coach.role not in CASE_ROLES or not coach.is_active or not coach.coach_qualified:
        raise CaseError(_l("%(name)s is niet getraind als coach voor escalaties. Kies een "
                           "getrainde coach.", name=coach.display_name or coach.email),
                        field="coach")
    member = next((m for m in case.members if m.user_id == coach.id), None)
    if member is not None and member.role != "coach":
        raise CaseError(_l("%(name)s werkt al mee aan deze casus en kan daarom niet "
                           "onafhankelijk besluiten. Kies een andere getrainde coach.",
                           name=coach.display_name or coach.email), field="coach")
    if member is None:
        case.members.append(CaseMember(user_id=coach.id, role="coach", added_by_id=by.id))
    event = _event(case, by, "escalatie", reason.strip())
    event.coach_id = coach.id
    session.flush()
    return event


def record_escalation_decision(session: DbSession, case: Case, by: User, decision: str) -> CaseEvent:
    """The coach named in the open escalation records the decision (the regisseur cannot)."""
    check(by, case, "escalatie-besluit")
    waiting = open_escalation(case)
    if waiting is None:
        raise CaseError(_l("Er is geen escalatie om over te besluiten."))
    if (waiting.coach_id is not None and waiting.coach_id != by.id) or not by.coach_qualified:
        raise CaseForbidden(_l("Alleen de coach die bij de escalatie is genoemd, legt het "
                               "besluit vast."))
    if not decision.strip():
        raise CaseError(_l("Schrijf het besluit op."), field="decision")
    event = _event(case, by, "escalatie-besluit", decision.strip())
    event.coach_id = by.id
    session.flush()
    return event


@dataclass
class SafetyRouteInput:
    consulted_on: date | None
    consulted_with: str
    advice: str
    plan: str


def safety_route_done(case: Case) -> SafetyRoute | None:
    """The recorded safety route (or reasoned exception) of this case, latest first."""
    return case.safety_routes[-1] if case.safety_routes else None


def needs_safety_route(case: Case, need: rule.Need | None = None,
                       language: Language | None = None) -> bool:
    """Safety is at stake for this case (the flag, or violence at home or an unsafe child in
    the question or the kerncoach's words) and no route is recorded yet."""
    need = need or need_of(case)
    return rule.needs_safety_route(need, language) and safety_route_done(case) is None


def record_safety_route(session: DbSession, case: Case, by: User, data: SafetyRouteInput,
                        *, today: date | None = None) -> SafetyRoute:
    """Veilig Thuis was consulted (when, with whom, the advice) and the safety plan's
    agreements are written down: only then can the case be referred."""
    today = today or date.today()
    check(by, case, "veiligheidsroute")
    if data.consulted_on is None:
        raise CaseError(_l("Vul in wanneer Veilig Thuis is geraadpleegd."), field="consulted_on")
    if data.consulted_on > today:
        raise CaseError(_l("De datum van het overleg met Veilig Thuis ligt in de toekomst."),
                        field="consulted_on")
    for name, message in (("consulted_with", _l("Met wie bij Veilig Thuis heeft u overlegd?")),
                          ("advice", _l("Schrijf het advies van Veilig Thuis op.")),
                          ("plan", _l("Schrijf de afspraken van het veiligheidsplan op."))):
        if not (getattr(data, name) or "").strip():
            raise CaseError(message, field=name)
    route = SafetyRoute(kind="route", consulted_on=data.consulted_on,
                        consulted_with=data.consulted_with.strip()[:200], advice=data.advice.strip(),
                        plan=data.plan.strip(), by_id=by.id)
    case.safety_routes.append(route)
    _event(case, by, "veiligheid", None)
    session.flush()
    return route


def record_safety_exception(session: DbSession, case: Case, by: User, reason: str) -> SafetyRoute:
    """An aandachtsfunctionaris of this case records why the safety route is not needed now."""
    check(by, case, "veiligheid-uitzondering")
    if not reason.strip():
        raise CaseError(_l("Schrijf op waarom de veiligheidsroute nu niet nodig is."), field="reason")
    route = SafetyRoute(kind="uitzondering", reason=reason.strip(), by_id=by.id)
    case.safety_routes.append(route)
    _event(case, by, "veiligheid-uitzondering", None)
    session.flush()
    return route


def _open(case: Case) -> None:
    if case.anonymised_at is not None:
        raise CaseClosed(_l("Deze casus is geanonimiseerd: er kan niets meer worden vastgelegd "
                            "of gewijzigd."))
    if case.status != "open":
        raise CaseClosed(_l("Deze casus is afgesloten: er kan niets meer worden vastgelegd of "
                            "gewijzigd."))


def record_consent(session: DbSession, case: Case, by: User, partner: str, scope: str,
                   given_on: date) -> Consent:
    check(by, case, "toestemming")
    if not partner.strip():
        raise CaseError(_l("Met wie mag informatie worden gedeeld?"), field="partner")
    if not scope.strip():
        raise CaseError(_l("Welke informatie, en waarvoor?"), field="scope")
    if given_on > date.today():
        raise CaseError(_l("De datum van toestemming ligt in de toekomst."), field="given_on")
    consent = Consent(partner=partner.strip(), scope=scope.strip(), given_on=given_on,
                      recorded_by_id=by.id)
    case.consents.append(consent)
    session.flush()
    return consent


def withdraw_consent(session: DbSession, consent: Consent, by: User, on: date | None = None) -> None:
    check(by, consent.case, "toestemming-intrekken")
    if consent.withdrawn_on is None:
        consent.withdrawn_on = on or date.today()
        session.flush()


def close_case(session: DbSession, case: Case, by: User) -> None:
    check(by, case, "afsluiten")
    open_referrals = [r for r in case.referrals if r.status != "ended"]
    if open_referrals:
        raise CaseError(_l("Rond eerst alle verwijzingen af."))
    case.status, case.closed_at = "closed", utcnow()
    _event(case, by, "afgesloten", None)
    session.flush()


def _event(case: Case, by: User, kind: str, detail: str | None) -> CaseEvent:
    event = CaseEvent(kind=kind, detail=detail, by_id=by.id)
    case.events.append(event)
    return event


# --------------------------------------------------------------------------- referrals

def candidates(session: DbSession) -> list[rule.Candidate]:
    """Every public provision as a rule candidate (the rule filters by need)."""
    services = session.scalars(select(Service).where(Service.is_public)
                               .options(*service_options()))
    return [rule.candidate_from_service(s) for s in services]


def relevance(session: DbSession, engine: SearchBackend, need: rule.Need,
              candidates_: list[rule.Candidate], language: Language | None = None) -> rule.Relevance:
    """What the need's words are about, by the same search engine (and thesaurus, typos,
    compounds) as the public site: the matches of the question and of the kerncoach's
    words, each as a share of its best match; words that only name an indicated provision
    ("dagbesteding") rank, but say nothing about the need."""
    from search import SearchQuery
    from search.query import names_only

    scores: dict[str, float] = {}
    about: dict[str, float] = {}
    if not need.texts:
        return rule.Relevance()
    names = [c.name for c in candidates_ if c.tier == "maatwerk"]
    places = [k.name for k in session.scalars(select(Kern))]
    for text in need.texts:
        result = engine.search(SearchQuery(text=text, limit=1000, with_facets=False))
        top = max((hit.score for hit in result.hits), default=0.0) or 1.0
        named = language is not None and names_only(text, names, language, places)
        for hit in result.hits:
            share = hit.score / top  # each text's matches on one scale, whatever its length
            scores[hit.id] = max(scores.get(hit.id, 0.0), share)
            if not named:
                about[hit.id] = max(about.get(hit.id, 0.0), share)
    return rule.Relevance(scores, about, _safety_partners(engine, need, language))


def _safety_partners(engine: SearchBackend, need: rule.Need,
                     language: Language | None) -> frozenset[str]:
    """For a need that touches safety: the provisions about the safety concepts it touches
    (partner violence, child abuse, elder abuse …; domestic violence for the flag alone), as
    the search finds them — Veilig Thuis among them on any map that has it."""
    from app.domain import safety
    from search import SearchQuery

    if not rule.needs_safety_route(need, language):
        return frozenset()
    found = [c for t in need.texts for c in safety.concepts(t, language)] or list(safety.SAFETY_CONCEPTS)
    ids: set[str] = set()
    for concept in dict.fromkeys(found):
        text = concept.replace("-", " ")
        result = engine.search(SearchQuery(text=text, limit=50, with_facets=False))
        ids.update(hit.id for hit in result.hits if hit.strong)
    return frozenset(ids)


def suggestions(session: DbSession, engine: SearchBackend, need: rule.Need,
                language: Language | None = None) -> rule.Options:
    """What fits a need, lightest first: the suitable provisions (about the question) and
    the others that fit its life domains, kern, age and groups (``rule.options``)."""
    found = candidates(session)
    return rule.options(need, found, relevance(session, engine, need, found, language))


@dataclass
class Choice:
    service_id: str
    skip_reasons: dict[str, rule.SkipReason]
    weighing: rule.Weighing | None
    outside_reason: str = ""
    group_reason: rule.SkipReason | None = None


def choose(session: DbSession, case: Case, by: User, engine: SearchBackend, choice: Choice,
           *, target_groups: Iterable[str] = (), search: str = "", age: int | None = None,
           language: Language | None = None,
           member: HouseholdMember | None = None) -> Referral:
    """Attach a provision to the case under the lightest-suitable rule.

    Refused (``CaseError``) while the case needs its safety route; refused with the rule's
    decision when lighter options are skipped without a reason each (or one for all) and
    the weighing of core values, lawfulness and cost.  The options are computed again here
    from the same need (``target_groups``, ``search`` and ``age`` as on the screen), so the
    rule cannot be bypassed by a crafted form.  The referral records what the rule saw:
    the need, the options shown, the outcome code and the reasons.
    """
    check(by, case, "verwijzen")
    if member is not None and member not in case.household:
        raise CaseError(_l("Kies een gezinslid van deze casus."), field="voor")
    need = need_of(case, target_groups=target_groups, search=search, age=age, member=member)
    if needs_safety_route(case, need, language):
        raise CaseError(_l("Veiligheid eerst: leg de veiligheidsroute vast (Veilig Thuis "
                           "geraadpleegd, afspraken van het veiligheidsplan) voordat u "
                           "verwijst."), field="veiligheid")
    service = _chosen_service(session, case, choice)
    found = suggestions(session, engine, need, language)
    considered = {str(r.service_id) for r in case.referrals}
    decision = rule.check_choice(str(service.id), found, choice.skip_reasons, choice.weighing,
                                 outside_reason=choice.outside_reason, chosen_tier=service.tier,
                                 considered=considered, group_reason=choice.group_reason)
    if not decision.allowed:
        raise CaseError(decision.message, decision=decision)
    made = Referral(service_id=service.id, tier=service.tier, created_by_id=by.id,
                    member_id=member.id if member is not None else None,
                    decision=decision.outcome, need=need.snapshot(),
                    shown=_shown_record(found, decision),
                    outside_reason=decision.outside_reason or None
                    if decision.outcome == rule.OUTCOME_OUTSIDE else None,
                    **_group_reason_columns(decision.group_reason),
                    **_weighing_columns(decision.weighing))
    made.skips.extend(_skip_rows(decision))
    made.transitions.append(ReferralTransition(from_status=None, to_status="proposed", by_id=by.id))
    case.referrals.append(made)
    session.flush()
    return made


def _chosen_service(session: DbSession, case: Case, choice: Choice) -> Service:
    """The public provision chosen, not already linked to the case (ended links aside)."""
    try:
        service = session.get(Service, uuid.UUID(str(choice.service_id)))
    except ValueError:
        service = None
    if service is None or not service.is_public:
        raise CaseError(_l("Kies een voorziening."), field="service")
    if any(r.service_id == service.id and r.status != "ended" for r in case.referrals):
        raise CaseError(_l("Deze voorziening is al aan deze casus gekoppeld."), field="service")
    return service


def _shown_record(found: rule.Options, decision: rule.Decision) -> dict[str, Any]:
    """What the rule saw, kept with the referral."""
    return {"op-vraag": found.by_question,
            "suggesties": [s.record() for s in found.suggestions[:_RECORDED]],
            "anderen": len(found.others),
            "lichter": [s.record() for s in decision.lighter],
            "al-verwezen": [s.id for s in decision.considered]}


def _group_reason_columns(group: rule.SkipReason | None) -> dict[str, str | None]:
    if group is None:
        return {"group_reason": None, "group_reason_note": None}
    return {"group_reason": group.code, "group_reason_note": (group.text or "").strip() or None}


def _weighing_columns(weighing: rule.Weighing | None) -> dict[str, str | None]:
    if weighing is None:
        return {"weighing_core_values": None, "weighing_lawfulness": None, "weighing_cost": None}
    return {"weighing_core_values": weighing.kernwaarden.strip(),
            "weighing_lawfulness": weighing.rechtmatigheid.strip(),
            "weighing_cost": weighing.financieel.strip()}


def _skip_rows(decision: rule.Decision) -> list[ReferralSkip]:
    """One row per lighter option passed over, with its reason (a shared one without note)."""
    return [ReferralSkip(
        service_id=uuid.UUID(skip.option.id), tier=skip.option.tier, reason=skip.reason.code,
        note=None if skip.shared else (skip.reason.text or "").strip() or None,
        fit=skip.option.fit, shared=skip.shared) for skip in decision.skipped]


_RECORDED = 40  # suggestions kept in a referral's record


def _move(referral: Referral, by: User, to: str, *, decision: str | None = None,
          note: str | None = None) -> None:
    if to not in TRANSITIONS[referral.status]:
        raise CaseError(_l("Deze stap kan nu niet (status: %(status)s).", status=referral.status))
    referral.transitions.append(ReferralTransition(from_status=referral.status, to_status=to,
                                                   decision=decision, note=note, by_id=by.id))
    referral.status = to


@dataclass
class Agreements:
    contact_person: str
    agreed_outcome: str
    intensity: str
    duration: str
    review_date: date | None
    monitoring: str


def hand_over(session: DbSession, referral: Referral, by: User, agreements: Agreements,
              *, today: date | None = None) -> None:
    """Warm handover: the contact at the provider and the agreements are required."""
    today = today or date.today()
    check(by, referral.case, "overdracht")
    missing = [name for name in ("contact_person", "agreed_outcome", "intensity", "duration",
                                 "monitoring") if not (getattr(agreements, name) or "").strip()]
    if missing:
        raise CaseError(_l("Vul de afspraken van de warme overdracht in: contactpersoon, beoogd "
                           "resultaat, intensiteit, duur en hoe het gevolgd wordt."), field=missing[0])
    if agreements.review_date is None or agreements.review_date <= today:
        raise CaseError(_l("Kies een evaluatiedatum na vandaag."), field="review_date")
    _move(referral, by, "handed_over")
    referral.contact_person = agreements.contact_person.strip()
    referral.agreed_outcome = agreements.agreed_outcome.strip()
    referral.intensity = agreements.intensity.strip()
    referral.duration = agreements.duration.strip()
    referral.review_date = agreements.review_date
    referral.monitoring = agreements.monitoring.strip()
    referral.handed_over_at = utcnow()
    session.flush()


def activate(session: DbSession, referral: Referral, by: User) -> None:
    check(by, referral.case, "hulp-gestart")
    _move(referral, by, "active")
    session.flush()


def review(session: DbSession, referral: Referral, by: User, decision: str, note: str, *,
           next_review: date | None = None, outcome: str | None = None,
           today: date | None = None) -> None:
    """Active casusregie at review: continue (new review date), change (evaluated; the
    regisseur chooses anew) or stop (ended, with an outcome)."""
    today = today or date.today()
    check(by, referral.case, "evalueren")
    if decision not in REVIEW_DECISIONS:
        raise CaseError(_l("Kies: doorgaan, aanpassen of stoppen."), field="decision")
    if not note.strip():
        raise CaseError(_l("Schrijf kort op wat de evaluatie opleverde."), field="note")
    if referral.status not in ("active", "evaluated"):
        raise CaseError(_l("Alleen lopende hulp kan worden geëvalueerd."))
    if referral.status == "active":
        _move(referral, by, "evaluated", decision=decision, note=note.strip())
    if decision == "continue":
        if next_review is None or next_review <= today:
            raise CaseError(_l("Kies een nieuwe evaluatiedatum na vandaag."), field="next_review")
        _move(referral, by, "active")
        referral.review_date = next_review
    elif decision == "stop":
        end(session, referral, by, outcome or "", note)
    session.flush()


def started(referral: Referral) -> bool:
    """Whether the help ever started (the referral was ever active)."""
    return referral.status in ("active", "evaluated") or any(
        t.to_status == "active" for t in referral.transitions)


def end(session: DbSession, referral: Referral, by: User, outcome: str, note: str) -> None:
    """End a referral.  Help that started ends with how far the goal was reached; help that
    never started ends as "niet doorgegaan" (``not_started``), with a reason."""
    from app.models.case import REFERRAL_OUTCOMES

    check(by, referral.case, "verwijzing-beeindigen")
    if outcome not in REFERRAL_OUTCOMES:
        raise CaseError(_l("Kies de uitkomst."), field="outcome")
    if started(referral) and outcome == "not_started":
        raise CaseError(_l("Deze hulp is begonnen: kies doel bereikt, deels bereikt, niet "
                           "bereikt of voortijdig gestopt."), field="outcome")
    if not started(referral) and outcome != "not_started":
        raise CaseError(_l("Deze hulp is niet begonnen: kies ‘niet doorgegaan’."), field="outcome")
    if outcome in ("not_reached", "stopped_early", "not_started") and not note.strip():
        raise CaseError(_l("Schrijf kort op waarom."), field="note")
    _move(referral, by, "ended", note=note.strip() or None)
    referral.outcome, referral.outcome_note = outcome, note.strip() or None
    referral.ended_at = utcnow()
    session.flush()


# --------------------------------------------------------------------------- waakvlam

def set_waakvlam(session: DbSession, case: Case, by: User, weeks: int | None,
                 *, today: date | None = None) -> None:
    check(by, case, "waakvlam-ritme")
    today = today or date.today()
    if weeks is None:
        case.checkin_weeks = case.next_checkin = None
    else:
        if not 1 <= weeks <= 52:
            raise CaseError(_l("Kies een ritme van 1 tot 52 weken."), field="weeks")
        case.checkin_weeks = weeks
        case.next_checkin = today + timedelta(weeks=weeks)
    _event(case, by, "waakvlam", str(weeks) if weeks else "uit")
    session.flush()


def record_checkin(session: DbSession, case: Case, by: User, note: str,
                   *, today: date | None = None) -> CheckIn:
    check(by, case, "waakvlamcontact")
    today = today or date.today()
    if not note.strip():
        raise CaseError(_l("Schrijf in een regel of twee hoe het gaat."), field="note")
    if len(note) > 1000:
        raise CaseError(_l("Houd het kort: hoogstens 1000 tekens."), field="note")
    checkin = CheckIn(note=note.strip(), by_id=by.id)
    case.checkins.append(checkin)
    if case.checkin_weeks:
        case.next_checkin = today + timedelta(weeks=case.checkin_weeks)
    session.flush()
    return checkin


# --------------------------------------------------------------------------- worklist

@dataclass
class Worklist:
    cases: list[Case]
    reviews_due: list[Referral]
    checkins_due: list[Case]
    awaiting_handover: list[Referral]
    plans_due: list[Case] | None = None  # household plans whose review date has come


def worklist(session: DbSession, user: User, *, today: date | None = None) -> Worklist:
    today = today or date.today()
    cases = visible_cases(session, user, include_closed=True)
    mine = [c for c in cases if c.director_id == user.id]
    referrals = [r for c in mine for r in c.referrals]
    return Worklist(
        cases=[c for c in cases if c.status == "open"],
        reviews_due=_due([r for r in referrals if r.status == "active"],
                         lambda r: r.review_date, today),
        checkins_due=_due(mine, lambda c: c.next_checkin, today),
        awaiting_handover=[r for r in referrals if r.status == "proposed"],
        plans_due=_due([c for c in mine if c.status == "open"],
                       lambda c: c.plan_review_date, today),
    )


_Row = TypeVar("_Row")


def _due(rows: list[_Row], when: Callable[[_Row], date | None], today: date) -> list[_Row]:
    """The rows whose date has come, earliest first (rows without a date left out)."""
    dated = [(moment, row) for row in rows if (moment := when(row)) and moment <= today]
    return [row for _moment, row in sorted(dated, key=lambda pair: pair[0])]


# --------------------------------------------------------------------------- privacy

def anonymise_ended(session: DbSession, *, older_than_days: int, now: datetime | None = None) -> int:
    """Retention: erase personal fields and free text of cases closed long enough ago, and
    erase again whatever personal data is found on a case already anonymised (written
    afterwards, by whatever path): the erase is idempotent and runs over those rows too.

    What stays is anonymous: kern, life domains and scores, tiers, statuses, outcomes and
    dates — the management figures.  Returns how many cases had something erased.
    """
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    due = or_(Case.anonymised_at.is_not(None), (Case.status == "closed") & (Case.closed_at <= cutoff))
    count = 0
    for case in session.scalars(select(Case).where(due)):
        erased = _erase(case)
        if case.anonymised_at is None:
            case.anonymised_at = utcnow()
            erased = True
        count += erased
    session.flush()
    return count


_NEED_PERSONAL = ("vraag", "zoekwoorden", "leeftijd")  # in a referral's need snapshot


def _erase(case: Case) -> bool:
    """Erase everything personal of one case; ``True`` when anything was left to erase."""
    changed = False

    def to(row: object, name: str, value: object) -> None:
        nonlocal changed
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True

    def blank(row: object, name: str) -> None:
        """The record keeps that it was written (the database's constraints), not what."""
        if getattr(row, name) is not None:
            to(row, name, ERASED)

    for name in ("initials", "birth_year", "question", "own_strength", "checkin_weeks",
                 "next_checkin"):
        to(case, name, None)
    for consent in case.consents:
        to(consent, "partner", ERASED)
        to(consent, "scope", ERASED)
    for made in case.referrals:
        for name in ("contact_person", "agreed_outcome", "intensity", "duration",
                     "monitoring", "outcome_note", "group_reason_note"):
            to(made, name, None)
        for name in ("weighing_core_values", "weighing_lawfulness", "weighing_cost",
                     "outside_reason"):
            blank(made, name)
        if made.need and any(made.need.get(key) is not None for key in _NEED_PERSONAL):
            to(made, "need", {**made.need, **dict.fromkeys(_NEED_PERSONAL)})
        for skip in made.skips:
            to(skip, "note", None)
        for step in made.transitions:
            to(step, "note", None)
    for route in case.safety_routes:
        for name in ("consulted_with", "advice", "plan", "reason"):
            blank(route, name)
    for checkin in case.checkins:
        to(checkin, "note", None)
    for event in case.events:
        to(event, "detail", None)
    for person in case.household:  # the household: roles stay (the figures), persons go
        to(person, "label", None)
        to(person, "birth_year", None)
    for goal in case.goals:
        blank(goal, "goal")
        to(goal, "own_part", None)
    for care in case.outside_care:
        blank(care, "provider")
        to(care, "what", None)
    for review in case.plan_reviews:
        to(review, "note", None)
    return changed
