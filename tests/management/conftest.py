"""Fixtures for management information: the demo map on each configured database (SQLite,
and PostgreSQL when TEST_POSTGRES_URL is set), a fixed "today", signed-in staff, and a
builder for cases with referrals of known numbers."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Case,
    CaseLifeDomain,
    Kern,
    Referral,
    ReferralSkip,
    Service,
    TaxonomyTerm,
    User,
    service_legal_framework,
)
from tests import sites
from tests.staff.conftest import staff_login  # noqa: F401  (a fixture)

TODAY = date(2025, 6, 15)
QUESTION = "Mijn buurman Zwartbes en ik hebben ruzie over de schutting"
INITIALS = "Q.Z."
_numbers = itertools.count(1)


@pytest.fixture(params=sites.DATABASES)
def app(request, tmp_path):
    with sites.site(request.param, tmp_path, index=False) as app:
        app.config["MANAGEMENT_CLOCK"] = lambda: TODAY
        app.config["FRESHNESS_CLOCK"] = lambda: TODAY
        yield app


def service_of(tier: str, law: str | None = None) -> Service:
    stmt = select(Service).where(Service.tier == tier, Service.status == "active",
                                 Service.publication == "published").order_by(Service.name)
    if law:
        stmt = stmt.where(Service.id.in_(
            select(service_legal_framework.c.service_id)
            .join(TaxonomyTerm, TaxonomyTerm.id == service_legal_framework.c.taxonomy_term_id)
            .where(TaxonomyTerm.code == law, TaxonomyTerm.taxonomy == "wettelijk-kader")))
    return db.session.scalars(stmt).first()


def director() -> User:
    user = db.session.scalar(select(User).where(User.email == "regie@voormekaar.test"))
    if user is None:
        user = User(email="regie@voormekaar.test", display_name="Regie", role="staff",
                    is_active=True)
        user.set_password("correct horse battery staple")
        db.session.add(user)
        db.session.flush()
    return user


def make_referrals(kern: str, tier: str, count: int, *, when: datetime | None = None,
                   domain: str = "financien", law: str | None = None, outcome: str | None = None,
                   handover_days: float | None = None, skips: tuple[str, ...] = (),
                   review_date: date | None = None, next_checkin: date | None = None) -> list[Case]:
    """``count`` residents (cases) in ``kern``, each with one referral of ``tier``."""
    when = when or datetime(2025, 3, 10, 10, 0, tzinfo=UTC)
    kern_row = db.session.scalar(select(Kern).where(Kern.name == kern))
    service = service_of(tier, law)
    lighter = service_of("algemeen")
    made = []
    for _ in range(count):
        number = next(_numbers)
        case = Case(reference=f"VMK-2025-T{number:04d}", initials=INITIALS, birth_year=1950,
                    kern_id=kern_row.id, question=QUESTION, director_id=director().id,
                    created_at=when, next_checkin=next_checkin)
        case.life_domains = [CaseLifeDomain(code=domain, zrm_score=2)]
        weighed = "afgewogen" if skips else None
        referral = Referral(service_id=service.id, tier=tier, created_at=when,
                            status="active" if review_date else ("ended" if outcome else "proposed"),
                            outcome=outcome, review_date=review_date,
                            decision="onderbouwd" if skips else "lichtste",
                            weighing_core_values=weighed, weighing_lawfulness=weighed,
                            weighing_cost=weighed)
        if handover_days is not None:
            referral.handed_over_at = when + timedelta(days=handover_days)
        for reason in skips:
            referral.skips.append(ReferralSkip(service_id=lighter.id, tier="algemeen", reason=reason))
        case.referrals.append(referral)
        db.session.add(case)
        made.append(case)
    db.session.commit()
    return made
