"""Signals of what is missing: searches without (enough) results, change reports and
referral reasons per kern and life domain — nothing that identifies a person."""

from __future__ import annotations

from sqlalchemy import inspect, select

from app.domain import signals
from app.extensions import db
from app.models import Case, CaseLifeDomain, Kern, Referral, ReferralSkip, SearchSignal, User
from tests.maintenance.conftest import post_report, public_service, search_ids

NONSENSE = "maaltijdgroepjekrokus"


def test_scrub_removes_what_could_identify_someone():
    assert signals.scrub("hulp voor jan@example.org bel 06-12345678") == "hulp voor … bel …"
    assert signals.scrub("  maaltijden   rietmolen ") == "maaltijden rietmolen"


def test_zero_result_search_appears_in_signals_view_of_its_kern(app, client, staff_login):
    search_ids(client, q=NONSENSE, kern="rietmolen")
    client.get("/zoeken", query_string={"q": NONSENSE, "kern": "rietmolen", "pagina": "2"})
    search_ids(client, q="eenzaam")  # plenty of results: no signal
    rows = db.session.scalars(select(SearchSignal)).all()
    assert [(r.query, r.kern, r.result_count) for r in rows] == [(NONSENSE, "rietmolen", 0)]
    # Nothing that identifies a person: no address, no session, the hour only.
    columns = {c["name"] for c in inspect(db.engine).get_columns("search_signal")}
    assert columns == {"id", "at", "query", "kern", "life_domains", "result_count"}
    assert rows[0].at.minute == 0 and rows[0].at.second == 0

    editor = staff_login("editor")
    here = editor.get("/staff/signalen?kern=rietmolen").get_data(as_text=True)
    assert NONSENSE in here
    assert NONSENSE not in editor.get("/staff/signalen?kern=neede").get_data(as_text=True)
    raw = editor.get("/staff/signalen/lijst?soort=zoeken&kern=rietmolen")
    assert raw.status_code == 200 and NONSENSE in raw.get_data(as_text=True)
    assert "127.0.0.1" not in raw.get_data(as_text=True)


def test_change_reports_and_referral_reasons_are_counted_without_case_data(
        app, client, report_clock, staff_login):
    service = public_service()
    assert post_report(client, service.id, report_clock, kind="closed", message="").status_code == 303

    kern = db.session.scalar(select(Kern).where(Kern.slug == "rietmolen"))
    coach = User(email="coach.sig@voormekaar.test", role="staff", is_active=True)
    coach.set_password("correct horse battery staple")
    db.session.add(coach)
    db.session.flush()
    case = Case(reference="C-SIG-001", initials="X.Y.", kern_id=kern.id, director_id=coach.id,
                question="Zeer persoonlijke vraag over schulden")
    case.life_domains.append(CaseLifeDomain(code="financien"))
    heavy = db.session.scalar(select(type(service)).where(type(service).tier == "maatwerk"))
    referral = Referral(service_id=heavy.id, tier="maatwerk", outside_reason=None,
                        decision="onderbouwd", weighing_core_values="-", weighing_lawfulness="-",
                        weighing_cost="-")
    referral.skips.append(ReferralSkip(service_id=service.id, tier="algemeen",
                                       reason="wachtlijst", note="Persoonlijke toelichting"))
    case.referrals.append(referral)
    db.session.add(case)
    db.session.commit()

    manager = staff_login("manager")
    overview = manager.get("/staff/signalen?kern=rietmolen&leefgebied=financien")
    assert overview.status_code == 200
    html = overview.get_data(as_text=True)
    assert "Wachtlijst" in html and "zwaardere voorziening gekozen" in html
    assert "/staff/signalen/lijst" not in html  # managers read aggregates only
    assert manager.get("/staff/signalen/lijst?soort=verwijzingen").status_code == 403

    editor = staff_login("editor")
    raw = editor.get("/staff/signalen/lijst?soort=verwijzingen&kern=rietmolen").get_data(as_text=True)
    assert "Wachtlijst" in raw
    for personal in ("C-SIG-001", str(case.id), str(referral.id), "Persoonlijke toelichting",
                     "Zeer persoonlijke vraag", "X.Y."):
        assert personal not in raw
    reports = editor.get("/staff/signalen/lijst?soort=meldingen").get_data(as_text=True)
    assert f"/voorziening/{service.id}" in reports
    total = editor.get("/staff/signalen").get_data(as_text=True)
    assert "Rietmolen" in total
