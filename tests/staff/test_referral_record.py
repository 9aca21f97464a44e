"""The rule's record holds whatever writes a referral row: the database refuses a referral
without its decision code, a heavier choice ("onderbouwd") without the weighing, and a choice
outside the suggestions without its reason — on SQLite and on PostgreSQL.

The form is tested in ``test_cases_flow.py``; there is no JSON or import path that writes
referrals, and these constraints keep any future one (or a hand-written SQL insert) honest.
"""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Case, Kern, Organization, Referral, Service, User

FULL_WEIGHING = {"weighing_core_values": "Eigen kracht benut; dochter helpt al",
                 "weighing_lawfulness": "Wmo art. 2.3.5: lichtere hulp past niet",
                 "weighing_cost": "Binnen het budget maatwerk"}


@pytest.fixture
def case_and_service(app):
    kern = Kern(name="Rekken", slug="rekken", latitude=52.0933, longitude=6.5603)
    coach = User(email="coach.record@voormekaar.test", role="staff", is_active=True)
    coach.set_password("correct horse battery staple")
    org = Organization(name="Zorgaanbieder Achterhoek")
    service = Service(organization=org, name="Dagbesteding", tier="maatwerk",
                      access="beschikking-gemeente", status="active", publication="published")
    db.session.add_all([kern, coach, org, service])
    db.session.flush()
    case = Case(reference="C-REC-001", initials="A.B.", kern_id=kern.id, director_id=coach.id,
                question="Overdag alleen thuis")
    db.session.add(case)
    db.session.commit()
    return case, service


def _insert(case, service, **fields) -> None:
    referral = Referral(case_id=case.id, service_id=service.id, tier="maatwerk", **fields)
    db.session.add(referral)
    db.session.commit()


@pytest.mark.parametrize("fields", [
    pytest.param({}, id="no-decision"),
    pytest.param({"decision": "onderbouwd"}, id="heavier-without-weighing"),
    pytest.param({"decision": "onderbouwd", **FULL_WEIGHING, "weighing_cost": None},
                 id="heavier-without-cost"),
    pytest.param({"decision": "buiten-suggesties"}, id="outside-without-reason"),
    pytest.param({"decision": "zomaar"}, id="unknown-decision"),
])
def test_the_database_refuses_a_referral_without_the_rules_record(app, case_and_service, fields):
    case, service = case_and_service
    with pytest.raises(IntegrityError):
        _insert(case, service, **fields)
    db.session.rollback()
    assert db.session.query(Referral).count() == 0


@pytest.mark.parametrize("fields", [
    pytest.param({"decision": "lichtste"}, id="lightest"),
    pytest.param({"decision": "onderbouwd", **FULL_WEIGHING}, id="heavier-weighed"),
    pytest.param({"decision": "buiten-suggesties", "outside_reason": "Door de huisarts genoemd"},
                 id="outside-with-reason"),
])
def test_a_referral_with_its_record_is_kept(app, case_and_service, fields):
    case, service = case_and_service
    _insert(case, service, **fields)
    assert db.session.query(Referral).one().decision == fields["decision"]
