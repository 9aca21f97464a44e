"""WCAG 2.1 AA on the kerncoach's screens: axe in Chromium finds zero violations, nl and en.

A kerncoach signs in through the real form and walks a case: worklist, new case, the case
page with a referral waiting for handover, the referral screen (also after a refused
choice, with the skip reasons and the weighing), and the right-of-access export.  The
screens are used on a tablet, so they are also checked at 768 px without sideways scroll.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in_staff
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def coach_case(live_server):
    """A kerncoach with one case about debts in Rekken, with a proposed referral."""
    _, app = live_server
    from app.domain import cases
    from app.domain import referral as rule
    from app.extensions import db
    from app.models import User
    from app.services import search_engine

    with app.test_request_context():
        user = User(email="kerncoach.a11y@voormekaar.test", display_name="Kerncoach A11y",
                    role="staff", is_active=True)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.flush()
        case = cases.open_case(db.session, user, cases.CaseInput(
            initials="A.B.", birth_year=1960, kern="Rekken",
            question="Ik kom niet meer rond en de brieven stapelen zich op",
            own_strength="Zoon helpt met de post", life_domains={"financien": 2}))
        found = cases.suggestions(db.session, search_engine(), cases.need_of(case)).all
        lightest = found[0]
        cases.choose(db.session, case, user, search_engine(),
                     cases.Choice(service_id=lightest.id, skip_reasons={}, weighing=rule.Weighing()))
        heavy = next(s for s in reversed(found) if s.tier != lightest.tier)
        db.session.commit()
        return user.email, str(case.id), heavy.id


def sign_in(page, base, email):
    """Through the real forms (password, then the second factor)."""
    sign_in_staff(page, base, email, PASSWORD, lang="nl")


def check(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_case_screens_have_no_axe_violations(live_server, browser, coach_case, lang):
    base, _ = live_server
    email, case_id, heavy_id = coach_case
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    sign_in(page, base, email)
    for path in ("/staff/casussen/", "/staff/casussen/nieuw", f"/staff/casussen/{case_id}",
                 f"/staff/casussen/{case_id}/verwijzen", f"/staff/casussen/{case_id}/inzage",
                 f"/staff/casussen/{case_id}/plan", f"/staff/casussen/{case_id}/plan/afdruk"):
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert "/staff/login" not in page.url, path
        check(page)
    # A refused choice: the lighter options ask for a reason, and the weighing appears.
    page.goto(f"{base}/staff/casussen/{case_id}/verwijzen?lang={lang}")
    if not page.locator(f"#kies-{heavy_id}").is_visible():  # folded away among the others
        page.locator("details.others", has=page.locator(f"#kies-{heavy_id}")).locator("summary").click()
    page.check(f"#kies-{heavy_id}")
    page.click("form[method=post] button[type=submit].utrecht-button--primary-action")
    assert page.locator("#foutmelding").is_visible()
    assert page.locator("#kernwaarden").count() == 1
    check(page)
    context.close()


def test_case_page_fits_a_tablet_and_works_by_keyboard(live_server, browser, coach_case):
    base, _ = live_server
    email, case_id, _heavy = coach_case
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    sign_in(page, base, email)
    page.goto(f"{base}/staff/casussen/{case_id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    # The handover form is reachable and fillable with the keyboard alone.
    page.focus("[id^=contact_person-]")
    page.keyboard.type("Mw. Jansen")
    assert page.evaluate("document.activeElement.value") == "Mw. Jansen"
    context.close()
