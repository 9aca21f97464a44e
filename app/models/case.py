"""Cases (casus), referrals, check-ins and the audit log.

A case is pseudonymous on purpose (AVG: least data): a case reference, the resident's
initials, year of birth and kern — no BSN, no full name, no address.  Free text (the
question in the resident's own words, notes) is the most sensitive part and is what the
retention command erases.  Access: the regisseur (``director``) and the colleagues the
regisseur adds (``CaseMember``); managers see aggregates only.

Statuses and codes are plain strings checked by the database; their meaning and the
allowed transitions live in ``app/domain/cases.py``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    DDL,
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey, utcnow

CASE_STATUSES = ("open", "closed")
REFERRAL_STATUSES = ("proposed", "handed_over", "active", "evaluated", "ended")
REFERRAL_OUTCOMES = ("reached", "partly", "not_reached", "stopped_early", "not_started")
# How the lightest-suitable rule decided (``app.domain.referral.OUTCOME_CODES``).
REFERRAL_DECISIONS = ("lichtste", "onderbouwd", "buiten-suggesties")
SAFETY_ROUTE_KINDS = ("route", "uitzondering")
MEMBER_ROLES = ("regisseur", "collega", "aandachtsfunctionaris", "coach")
# A household (één gezin, één plan): who lives in it, by their place in the family.
FAMILY_ROLES = ("ouder", "partner", "kind", "huisgenoot")
# Where the signal came from (execution vision: school, huisarts, SDOA, GGD, police …).
SIGNAL_SOURCES = ("zelf", "netwerk", "huisarts", "school-leerplicht", "sdoa", "ggd", "politie",
                  "woningcorporatie", "anders")
# When a ZRM score was given: at intake, or at a review of the plan.
ZRM_MOMENTS = ("intake", "evaluatie")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Case(UUIDPrimaryKey, Base):
    __tablename__ = "case_file"
    __table_args__ = (
        CheckConstraint(_in("status", CASE_STATUSES), name="status"),
        CheckConstraint("birth_year IS NULL OR (birth_year BETWEEN 1900 AND 2100)", name="birth_year"),
        CheckConstraint("checkin_weeks IS NULL OR checkin_weeks BETWEEN 1 AND 52", name="checkin_weeks"),
        CheckConstraint(f"signal_source IS NULL OR {_in('signal_source', SIGNAL_SOURCES)}",
                        name="signal_source"),
    )

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    initials: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    kern_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("kern.id"))
    question: Mapped[str | None] = mapped_column(Text)
    own_strength: Mapped[str | None] = mapped_column(Text)
    safety_concern: Mapped[bool] = mapped_column(Boolean, default=False)
    director_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Waakvlam: after the help ends, a check-in every N weeks.
    checkin_weeks: Mapped[int | None] = mapped_column(Integer)
    next_checkin: Mapped[date | None] = mapped_column(Date)
    # Set by the retention command once personal fields and free text are erased.
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Where the signal came from, at intake.
    signal_source: Mapped[str | None] = mapped_column(String(30))
    # The plan's own review: when it is next due (the referrals keep their own dates).
    plan_review_date: Mapped[date | None] = mapped_column(Date)

    kern = relationship("Kern")
    director = relationship("User", foreign_keys=[director_id])
    life_domains: Mapped[list[CaseLifeDomain]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseLifeDomain.code")
    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMember.added_at")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Consent.given_on")
    referrals: Mapped[list[Referral]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Referral.created_at")
    checkins: Mapped[list[CheckIn]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CheckIn.at")
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.at")
    safety_routes: Mapped[list[SafetyRoute]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SafetyRoute.at")
    household: Mapped[list[HouseholdMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="HouseholdMember.position")
    goals: Mapped[list[PlanGoal]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="PlanGoal.position")
    outside_care: Mapped[list[OutsideCare]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="OutsideCare.recorded_at")
    zrm_scores: Mapped[list[ZrmScore]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ZrmScore.assessed_on")
    plan_reviews: Mapped[list[PlanReview]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="PlanReview.at")


class HouseholdMember(UUIDPrimaryKey, Base):
    """A person in the household, pseudonymised as the case is: their place in the family
    (``role``), a short label the family recognises ("vader", "zoon") — never a name — and
    a year of birth, so suggestions use the age of the person a need is about.  ``life_domains``
    are this person's own needs (ZRM codes)."""

    __tablename__ = "household_member"
    __table_args__ = (
        CheckConstraint(_in("role", FAMILY_ROLES), name="role"),
        CheckConstraint("birth_year IS NULL OR (birth_year BETWEEN 1900 AND 2100)", name="birth_year"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(20))
    label: Mapped[str | None] = mapped_column(String(40))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    life_domains: Mapped[list | None] = mapped_column(JSON)
    is_contact: Mapped[bool] = mapped_column(Boolean, default=False)  # the case's own resident

    case: Mapped[Case] = relationship(back_populates="household")


class PlanGoal(UUIDPrimaryKey, Base):
    """One goal of the household plan, per life domain, in the family's own words, with
    what the family and its network do themselves."""

    __tablename__ = "plan_goal"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    member_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("household_member.id", ondelete="SET NULL"))
    life_domain: Mapped[str] = mapped_column(String(40))
    goal: Mapped[str] = mapped_column(Text)
    own_part: Mapped[str | None] = mapped_column(Text)  # what the family and network do
    position: Mapped[int] = mapped_column(Integer, default=0)
    reached_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="goals")
    member = relationship("HouseholdMember")


class OutsideCare(UUIDPrimaryKey, Base):
    """Help that started outside Voormekaar (through the huisarts, a PGB, the CIZ …), so
    the one plan shows all help the household gets."""

    __tablename__ = "outside_care"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    member_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("household_member.id", ondelete="SET NULL"))
    provider: Mapped[str] = mapped_column(String(200))
    what: Mapped[str | None] = mapped_column(Text)
    legal_framework: Mapped[str | None] = mapped_column(String(40))  # vocabulary LEGAL_FRAMEWORKS
    pgb: Mapped[bool] = mapped_column(Boolean, default=False)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="outside_care")
    member = relationship("HouseholdMember")


class ZrmScore(UUIDPrimaryKey, Base):
    """A self-reliance score (ZRM 2017, 1–5) per life domain at intake and at each review:
    the household's trend, and the management's share of households that improved."""

    __tablename__ = "zrm_score"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score"),
        CheckConstraint(_in("moment", ZRM_MOMENTS), name="moment"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    life_domain: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    moment: Mapped[str] = mapped_column(String(20))
    assessed_on: Mapped[date] = mapped_column(Date)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="zrm_scores")


class PlanReview(UUIDPrimaryKey, Base):
    """A review of the household plan: when, by whom, what was agreed, and whether it was
    on time (due date as it stood)."""

    __tablename__ = "plan_review"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    due_on: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="plan_reviews")
    by = relationship("User")


class CaseLifeDomain(Base):
    """A life domain (ZRM 2017) the case touches, with a ZRM score 1–5 where assessed."""

    __tablename__ = "case_life_domain"
    __table_args__ = (CheckConstraint("zrm_score IS NULL OR zrm_score BETWEEN 1 AND 5", name="zrm"),)

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    zrm_score: Mapped[int | None] = mapped_column(Integer)

    case: Mapped[Case] = relationship(back_populates="life_domains")


class CaseMember(UUIDPrimaryKey, Base):
    """A colleague with access to the case (need-to-know), added by the regisseur."""

    __tablename__ = "case_member"
    __table_args__ = (
        UniqueConstraint("case_id", "user_id", name="uq_case_member"),
        CheckConstraint(_in("role", MEMBER_ROLES), name="role"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    expertise: Mapped[str | None] = mapped_column(String(60))
    added_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="members")
    user = relationship("User", foreign_keys=[user_id])


class Consent(UUIDPrimaryKey, Base):
    """Permission to share information with a named partner, for a scope; can be withdrawn."""

    __tablename__ = "consent"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"))
    partner: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(Text)
    given_on: Mapped[date] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="consents")


class Referral(UUIDPrimaryKey, Base):
    """A provision attached to a case, with the agreements of the warm handover."""

    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint(_in("status", REFERRAL_STATUSES), name="status"),
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', REFERRAL_OUTCOMES)}", name="outcome"),
        CheckConstraint(_in("decision", REFERRAL_DECISIONS), name="decision"),
        # the rule's record cannot be left out, whatever code path writes the row
        CheckConstraint("decision <> 'onderbouwd' OR (weighing_core_values IS NOT NULL AND "
                        "weighing_lawfulness IS NOT NULL AND weighing_cost IS NOT NULL)",
                        name="justified_is_weighed"),
        CheckConstraint("decision <> 'buiten-suggesties' OR outside_reason IS NOT NULL",
                        name="outside_has_reason"),
        Index("ix_referral_status_review", "status", "review_date"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("service.id"))
    # For whom in the household (None: the household as a whole, or a one-person case).
    member_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("household_member.id", ondelete="SET NULL"))
    # Copied at the moment of choice: the map may change later, the decision may not.
    tier: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    # The weighing the execution vision asks for when a heavier provision is chosen.
    weighing_core_values: Mapped[str | None] = mapped_column(Text)
    weighing_lawfulness: Mapped[str | None] = mapped_column(Text)
    weighing_cost: Mapped[str | None] = mapped_column(Text)
    outside_reason: Mapped[str | None] = mapped_column(Text)
    # What the rule saw and decided: the outcome code, the need as it was (life domains,
    # kern, age, groups, question, the kerncoach's words) and the options shown.
    decision: Mapped[str] = mapped_column(String(20))
    need: Mapped[dict | None] = mapped_column(JSON)
    shown: Mapped[dict | None] = mapped_column(JSON)
    # One reason given for every lighter option without its own.
    group_reason: Mapped[str | None] = mapped_column(String(30))
    group_reason_note: Mapped[str | None] = mapped_column(Text)
    # Warm handover and agreements.
    contact_person: Mapped[str | None] = mapped_column(String(200))
    agreed_outcome: Mapped[str | None] = mapped_column(Text)
    intensity: Mapped[str | None] = mapped_column(String(200))
    duration: Mapped[str | None] = mapped_column(String(200))
    review_date: Mapped[date | None] = mapped_column(Date)
    monitoring: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    handed_over_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    case: Mapped[Case] = relationship(back_populates="referrals")
    service = relationship("Service")
    member = relationship("HouseholdMember")
    skips: Mapped[list[ReferralSkip]] = relationship(
        back_populates="referral", cascade="all, delete-orphan")
    transitions: Mapped[list[ReferralTransition]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralTransition.at")


class ReferralSkip(UUIDPrimaryKey, Base):
    """A lighter suitable provision that was passed over, and why."""

    __tablename__ = "referral_skip"

    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("referral.id", ondelete="CASCADE"),
                                                   index=True)
    service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("service.id"))
    tier: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    # how the option fitted (vraag, doelgroep, leefgebied) and whether the reason was the
    # one given for all lighter options
    fit: Mapped[str | None] = mapped_column(String(20))
    shared: Mapped[bool] = mapped_column(Boolean, default=False)

    referral: Mapped[Referral] = relationship(back_populates="skips")
    service = relationship("Service")


class ReferralTransition(UUIDPrimaryKey, Base):
    """Each status change and each review decision: who, when, what."""

    __tablename__ = "referral_transition"

    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("referral.id", ondelete="CASCADE"),
                                                   index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str | None] = mapped_column(String(20))  # review: continue / change / stop
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="transitions")
    by = relationship("User")


class CheckIn(UUIDPrimaryKey, Base):
    """A waakvlamcontact: a short periodic contact after the help has ended."""

    __tablename__ = "checkin"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))

    case: Mapped[Case] = relationship(back_populates="checkins")
    by = relationship("User")


class CaseEvent(UUIDPrimaryKey, Base):
    """Safety route shown, expertise added, regisseur handed over, escalation and decision."""

    __tablename__ = "case_event"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # An escalation names the trained coach who decides it; only that coach may.
    coach_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"),
                                                       index=True)

    case: Mapped[Case] = relationship(back_populates="events")
    by = relationship("User", foreign_keys=[by_id])
    coach = relationship("User", foreign_keys=[coach_id])


class SafetyRoute(UUIDPrimaryKey, Base):
    """The safety route of a case, recorded before any referral when safety is at stake.

    ``route``: Veilig Thuis was consulted (when, with whom, the advice) and the safety
    plan's agreements are written down.  ``uitzondering``: an aandachtsfunctionaris records
    why the route is not needed now (``reason``).
    """

    __tablename__ = "safety_route"
    __table_args__ = (
        CheckConstraint(_in("kind", SAFETY_ROUTE_KINDS), name="kind"),
        CheckConstraint("kind <> 'route' OR (consulted_on IS NOT NULL AND consulted_with IS NOT "
                        "NULL AND advice IS NOT NULL AND plan IS NOT NULL)", name="route_complete"),
        CheckConstraint("kind <> 'uitzondering' OR reason IS NOT NULL", name="exception_reasoned"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_file.id", ondelete="CASCADE"),
                                               index=True)
    kind: Mapped[str] = mapped_column(String(20))
    consulted_on: Mapped[date | None] = mapped_column(Date)
    consulted_with: Mapped[str | None] = mapped_column(String(200))
    advice: Mapped[str | None] = mapped_column(Text)
    plan: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="safety_routes")
    by = relationship("User")


class AuditEntry(Base):
    """Append-only: who read or changed what, when, from where.

    Database triggers (see the migration) refuse UPDATE and DELETE, so staff cannot alter
    it; only the admin can search it.  ``object_id`` is an id, never a name or free text.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(String(200))

    user = relationship("User")


# The same append-only triggers as the migration creates, for schemas made by
# ``create_all`` (tests, a fresh development database).  Migrations keep their own frozen copy.
_APPEND_ONLY = {
    "sqlite": (
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    ),
}
for _dialect, _statements in _APPEND_ONLY.items():
    for _statement in _statements:
        event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
