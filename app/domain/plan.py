"""One family, one plan, one regisseur: the household plan.

The plan is the page the kerncoach opens: the household's goals per life domain in the
family's own words, who does what (the family's own strength and network, each referral
for whom, care that started outside Voormekaar, a PGB), what was agreed (outcome,
intensity, duration, review), and the self-reliance scores (ZRM) over time.

Bestaanszekerheid voorop: when money or housing is among the household's needs, the plan
puts those goals first (and the suggestions put existence-security help at the top of the
lightest tier, ``app/domain/referral.py``).

Rules live here; ``app/domain/cases.py`` owns access (``check``) and the case itself.
Functions flush but never commit, and raise ``CaseError`` with a Dutch message.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from app.domain import cases
from app.domain import referral as rule
from app.domain.cases import CaseError, check, household_member, member_name
from app.models import (
    Case,
    CaseEvent,
    HouseholdMember,
    OutsideCare,
    PlanGoal,
    PlanReview,
    User,
    ZrmScore,
)
from app.models.base import DbSession
from app.vocabulary import LEGAL_FRAMEWORKS, LIFE_DOMAIN_CODES

# Money and housing first (execution vision: bestaanszekerheid voorop); the rule's own set
# (``app/domain/referral.py``) in the order the plan shows them.
EXISTENCE_SECURITY = tuple(sorted(rule.EXISTENCE_SECURITY))  # financien, huisvesting
LEGAL_CODES = tuple(term.code for term in LEGAL_FRAMEWORKS)


def existence_first(codes: Iterable[str]) -> list[str]:
    """Life domain codes with money and housing first, the rest in their own order."""
    codes = list(codes)
    return ([c for c in EXISTENCE_SECURITY if c in codes]
            + [c for c in codes if c not in EXISTENCE_SECURITY])


# --------------------------------------------------------------------------- writes

def _member(case: Case, member_id: object) -> HouseholdMember | None:
    if not member_id:
        return None
    person = household_member(case, member_id)
    if person is None:
        raise CaseError(_l("Kies een gezinslid van deze casus."), field="member")
    return person


def add_goal(session: DbSession, case: Case, by: User, *, life_domain: str, goal: str,
             own_part: str = "", member_id: object = None) -> PlanGoal:
    check(by, case, "plan")
    if life_domain not in LIFE_DOMAIN_CODES:
        raise CaseError(_l("Kies een leefgebied voor dit doel."), field="life_domain")
    if not (goal or "").strip():
        raise CaseError(_l("Schrijf het doel op in de woorden van het gezin."), field="goal")
    person = _member(case, member_id)
    item = PlanGoal(life_domain=life_domain, goal=goal.strip(), own_part=(own_part or "").strip()
                    or None, member_id=person.id if person else None, created_by_id=by.id,
                    position=len(case.goals))
    case.goals.append(item)
    session.flush()
    return item


def mark_goal_reached(session: DbSession, case: Case, by: User, goal_id: object,
                      on: date | None = None) -> None:
    check(by, case, "plan")
    goal = next((g for g in case.goals if str(g.id) == str(goal_id)), None)
    if goal is None:
        raise CaseError(_l("Dit doel hoort niet bij deze casus."), field="goal")
    goal.reached_on = on or date.today()
    session.flush()


@dataclass
class OutsideCareInput:
    provider: str
    what: str = ""
    legal_framework: str = ""
    pgb: bool = False
    started_on: date | None = None
    member_id: str = ""


def add_outside_care(session: DbSession, case: Case, by: User, data: OutsideCareInput) -> OutsideCare:
    """Help that started elsewhere (huisarts, a PGB, the CIZ): registered so the one plan
    shows all help, with its provider and legal framework."""
    check(by, case, "zorg-elders")
    if not (data.provider or "").strip():
        raise CaseError(_l("Vul in wie de hulp geeft."), field="provider")
    if data.legal_framework and data.legal_framework not in LEGAL_CODES:
        raise CaseError(_l("Kies het wettelijk kader van deze hulp."), field="legal_framework")
    if data.started_on and data.started_on > date.today():
        raise CaseError(_l("Hulp die al loopt, is niet in de toekomst begonnen."),
                        field="started_on")
    person = _member(case, data.member_id)
    care = OutsideCare(provider=data.provider.strip()[:200], what=(data.what or "").strip() or None,
                       legal_framework=data.legal_framework or None, pgb=data.pgb,
                       started_on=data.started_on, member_id=person.id if person else None,
                       recorded_by_id=by.id)
    case.outside_care.append(care)
    session.flush()
    return care


def set_plan_review_date(session: DbSession, case: Case, by: User, on: date | None) -> None:
    check(by, case, "plan-evaluatie")
    if on is not None and on < date.today():
        raise CaseError(_l("Kies een evaluatiedatum vandaag of later."), field="review_date")
    case.plan_review_date = on
    session.flush()


def review_plan(session: DbSession, case: Case, by: User, *, scores: dict[str, int | None],
                note: str, next_review: date | None, today: date | None = None) -> PlanReview:
    """A review of the whole plan: the ZRM scores now (per life domain of the household),
    what was agreed, and the next review date.  Whether it was on time is kept (the due
    date as it stood) for the management figures."""
    check(by, case, "plan-evaluatie")
    today = today or date.today()
    if not (note or "").strip():
        raise CaseError(_l("Schrijf kort op wat u samen heeft besproken."), field="note")
    if next_review is not None and next_review <= today:
        raise CaseError(_l("De volgende evaluatie ligt na vandaag."), field="next_review")
    for code, score in scores.items():
        if code not in LIFE_DOMAIN_CODES:
            raise CaseError(_l("Onbekend leefgebied: %(code)s.", code=code), field="zrm")
        if score is not None and not 1 <= score <= 5:
            raise CaseError(_l("Een ZRM-score is 1 tot en met 5."), field="zrm")
    review = PlanReview(due_on=case.plan_review_date, held_on=today, note=note.strip(), by_id=by.id)
    case.plan_reviews.append(review)
    for code, score in sorted(scores.items()):
        if score is not None:
            case.zrm_scores.append(ZrmScore(life_domain=code, score=score, moment="evaluatie",
                                            assessed_on=today, by_id=by.id))
    case.plan_review_date = next_review
    session.flush()
    return review


# --------------------------------------------------------------------------- the plan page

@dataclass
class Help:
    """One line of "who does what"."""

    kind: str  # eigen-kracht | verwijzing | elders
    text: str
    detail: str = ""
    referral: object = None
    care: object = None


@dataclass
class PersonPlan:
    name: str
    member: HouseholdMember | None
    needs: list[str] = field(default_factory=list)
    goals: list[PlanGoal] = field(default_factory=list)
    help: list[Help] = field(default_factory=list)


@dataclass
class Trend:
    life_domain: str
    scores: list[tuple[date, int]]

    @property
    def change(self) -> int | None:
        return self.scores[-1][1] - self.scores[0][1] if len(self.scores) > 1 else None


@dataclass
class Plan:
    case: Case
    existence_first: bool
    household: list[PersonPlan]
    goals: list[PlanGoal]
    trends: list[Trend]
    review_due: date | None
    review_overdue: bool
    escalations: list[CaseEvent] = field(default_factory=list)  # escalation, coach's decision


def _goal_order(goal: PlanGoal) -> tuple[bool, int, int]:
    code = goal.life_domain
    rank = EXISTENCE_SECURITY.index(code) if code in EXISTENCE_SECURITY else len(EXISTENCE_SECURITY)
    return (goal.reached_on is not None, rank, goal.position)


def trends(case: Case) -> list[Trend]:
    by_domain: dict[str, list[tuple[date, int]]] = {}
    for score in sorted(case.zrm_scores, key=lambda z: (z.assessed_on, z.moment != "intake")):
        by_domain.setdefault(score.life_domain, []).append((score.assessed_on, score.score))
    return [Trend(code, by_domain[code]) for code in existence_first(sorted(by_domain))]


def improved(case: Case) -> bool | None:
    """Whether the household's self-reliance improved: the latest score is higher than the
    intake's in at least one life domain and lower in none.  None without a second score."""
    changes = [t.change for t in trends(case) if t.change is not None]
    if not changes:
        return None
    return any(c > 0 for c in changes) and not any(c < 0 for c in changes)


def plan_of(case: Case, today: date | None = None) -> Plan:
    today = today or date.today()
    people: list[PersonPlan] = []
    by_member: dict[uuid.UUID | None, PersonPlan] = {}
    for person in case.household:
        item = PersonPlan(member_name(person, today), person,
                          existence_first(person.life_domains or ()))
        people.append(item)
        by_member[person.id] = item
    whole = PersonPlan(str(_l("Het hele gezin")) if case.household else str(_l("De inwoner")), None,
                       existence_first(sorted(d.code for d in case.life_domains)))
    if case.own_strength:
        whole.help.append(Help("eigen-kracht", case.own_strength))
    goals = sorted(case.goals, key=_goal_order)
    for goal in goals:
        owner = by_member.get(goal.member_id, whole)
        owner.goals.append(goal)
        if goal.own_part:
            owner.help.append(Help("eigen-kracht", goal.own_part))
    for made in case.referrals:
        if made.status == "ended":
            continue
        owner = by_member.get(made.member_id, whole)
        owner.help.append(Help("verwijzing", made.service.name if made.service else "",
                               made.agreed_outcome or "", referral=made))
    for care in case.outside_care:
        if care.ended_on is not None:
            continue
        owner = by_member.get(care.member_id, whole)
        owner.help.append(Help("elders", care.provider, care.what or "", care=care))
    household = [whole] + people
    return Plan(case=case, existence_first=cases.has_existence_need(case), household=household,
                goals=goals, trends=trends(case), review_due=case.plan_review_date,
                review_overdue=bool(case.plan_review_date and case.plan_review_date < today),
                escalations=[e for e in case.events
                             if e.kind in ("escalatie", "escalatie-besluit")])

