"""WCAG 2.1 AA on the management figures (#7): axe in Chromium finds zero violations, nl and
en, on the referral dashboard (with suppressed cells, charts and tables) and the map's
health, unfiltered and filtered; the page reflows on a narrow screen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.browser.test_case_accessibility import check
from tests.browser.test_maintenance_accessibility import sign_in
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def manager(live_server):
    """A manager, and a few referrals so that there are figures and "<5" cells."""
    _, app = live_server
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Case, CaseLifeDomain, Kern, Referral, Service, User

    with app.app_context():
        user = User(email="manager.a11y@voormekaar.test", display_name="Manager A11y",
                    role="manager", is_active=True)
        user.set_password(PASSWORD)
        coach = User(email="regie.a11y.cijfers@voormekaar.test", display_name="Regie",
                     role="staff", is_active=True)
        coach.set_password(PASSWORD)
        db.session.add_all([user, coach])
        db.session.flush()
        kernen = {k.name: k for k in db.session.scalars(select(Kern))}
        now = datetime.now(UTC)
        for number, (kern, tier) in enumerate([("Rekken", "algemeen")] * 7
                                              + [("Neede", "maatwerk")] * 3):
            service = db.session.scalars(select(Service).where(Service.tier == tier)).first()
            case = Case(reference=f"VMK-A11Y-{number:03d}", kern_id=kernen[kern].id,
                        director_id=coach.id, created_at=now)
            case.life_domains = [CaseLifeDomain(code="financien")]
            case.referrals = [Referral(service_id=service.id, tier=tier, created_at=now,
                                       decision="lichtste")]
            db.session.add(case)
        db.session.commit()
        return user.email


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_management_pages_have_no_axe_violations(live_server, browser, manager, lang):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, base, manager)
    for path in ("/staff/cijfers", "/staff/cijfers?kern=rekken&leefgebied=financien&wet=wmo",
                 "/staff/cijfers/kaart", "/staff/cijfers/kaart?kern=neede"):
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert "/staff/login" not in page.url, path
        assert page.locator("svg[role=img]").count() >= 3
        check(page)
    context.close()


def test_management_page_reflows_on_a_narrow_screen(live_server, browser, manager):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    sign_in(page, base, manager)
    page.goto(f"{base}/staff/cijfers")
    assert page.locator("text=<5").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
