"""A kerncoach on a sofa with a tablet (1024 x 768, Chromium): three walks through a case.

1. A heavier choice: the referral screen fits in three screens before any justification;
   choosing the indicated day care past lighter help asks why, marks what is missing,
   keeps what was typed, and one reason for all plus the weighing (four inputs) saves it.
2. A safety case: nothing can be chosen before the safety route is recorded; an incomplete
   route is refused at its field with everything typed kept; then the kerncoach refers.
3. A warm handover with an evaluation date in the past: refused at that field, every other
   field keeps what was typed; corrected, it is saved.

Every screen on the way has no axe violations (WCAG 2.1 AA).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.browser.test_case_accessibility import check, sign_in
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 768}
SCREENS = 3  # the referral screen before any justification: at most three tablet screens


@pytest.fixture(scope="module")
def sofa(live_server):
    """A kerncoach with two cases: loneliness in Eibergen, and violence at home in Neede."""
    _, app = live_server
    from sqlalchemy import select

    from app.domain import cases
    from app.extensions import db
    from app.models import Service, User

    with app.test_request_context():
        user = User(email="kerncoach.sofa@voormekaar.test", display_name="Kerncoach Sofa",
                    role="staff", is_active=True)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.flush()
        lonely = cases.open_case(db.session, user, cases.CaseInput(
            initials="H.W.", birth_year=1944, kern="Eibergen",
            question="Sinds mijn vrouw is overleden zie ik bijna niemand meer",
            own_strength="Dochter belt elke zondag",
            life_domains={"sociaal-netwerk": 2, "tijdsbesteding": 2}))
        unsafe = cases.open_case(db.session, user, cases.CaseInput(
            initials="S.", birth_year=1990, kern="Neede",
            question="Mijn partner slaat mij als hij gedronken heeft; de kinderen zijn bang",
            life_domains={"huiselijke-relaties": 2}))
        day_care = db.session.scalar(select(Service.id).where(
            Service.name == "Dagbesteding voor ouderen in Eibergen"))
        db.session.commit()
        return user.email, str(lonely.id), str(unsafe.id), str(day_care)


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def _choose(page, service_id: str) -> None:
    radio = page.locator(f"#kies-{service_id}")
    if not radio.is_visible():  # folded away among the others of its life domains
        page.locator("details.others", has=radio).locator("summary").click()
    radio.check()


def _submit_referral(page) -> None:
    page.click("#verwijsformulier button[type=submit]")
    page.wait_for_load_state()


def test_a_heavier_choice_is_justified_in_four_inputs_on_a_tablet(live_server, browser, sofa):
    base, app = live_server
    email, lonely, _unsafe, day_care = sofa
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    sign_in(page, base, email)
    page.goto(f"{base}/staff/casussen/{lonely}/verwijzen")
    before = _height(page)
    print(f"\nreferral screen before any justification: {before} px ({before / 768:.1f} screens)")
    assert before <= SCREENS * TABLET["height"], before
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    check(page)
    # Lighter help comes first on the screen.
    first = page.locator("#verwijsformulier .option").first
    assert "Algemene voorziening" in page.locator(".rung").nth(1).inner_text()
    assert first.is_visible()

    _choose(page, day_care)
    _submit_referral(page)
    assert page.locator("#foutmelding").is_visible()
    assert page.locator("#reden-alle").count() == 1 and page.locator("#kernwaarden").count() == 1
    assert "Vrij toegankelijke hulp gaat voor hulp-op-maat." in page.locator(".core-values").inner_text()
    justify = _height(page)
    print(f"referral screen with the justification: {justify} px")
    check(page)

    # Half done: the weighing's first field only. The error marks what is missing, keeps the rest.
    page.fill("#kernwaarden", "Meneer wil onder de mensen zijn maar durft niet alleen")
    _submit_referral(page)
    assert page.locator("#rechtmatigheid[aria-invalid=true]").count() == 1
    assert page.input_value("#kernwaarden") == "Meneer wil onder de mensen zijn maar durft niet alleen"
    assert page.locator(f"#kies-{day_care}").is_checked()

    # One reason for all lighter options and the other two parts of the weighing.
    page.select_option("#reden-alle", "al-geprobeerd")
    page.fill("#rechtmatigheid", "Wmo 2015: algemene voorzieningen geprobeerd, niet toereikend")
    page.fill("#financieel", "Twee dagdelen per week, een half jaar, dan evaluatie")
    _submit_referral(page)
    assert f"/staff/casussen/{lonely}" in page.url and "/verwijzen" not in page.url
    assert "Dagbesteding voor ouderen in Eibergen" in page.locator("#verwijzingen-titel").locator(
        "xpath=..").inner_text()
    with app.app_context():
        from sqlalchemy import select

        from app.extensions import db
        from app.models import Referral

        made = db.session.scalar(select(Referral).where(Referral.service_id == uuid.UUID(day_care)))
        assert made.decision == "onderbouwd" and made.group_reason == "al-geprobeerd"
        assert made.skips and all(s.shared for s in made.skips)
        db.session.remove()
    context.close()


def test_safety_comes_first_as_a_step_on_a_tablet(live_server, browser, sofa):
    base, _ = live_server
    email, _lonely, unsafe, _ = sofa
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    sign_in(page, base, email)
    page.goto(f"{base}/staff/casussen/{unsafe}/verwijzen")
    assert page.locator("#veiligheid").is_visible()
    assert page.locator("input[name=service]").count() == 0  # nothing to choose yet
    check(page)

    page.fill("#consulted_on", date.today().isoformat())
    page.fill("#consulted_with", "Mw. Aydin, Veilig Thuis")
    page.fill("#advice", "Huisverbod bespreken; moeder en kinderen naar haar zus")
    page.click("#veiligheidsroute button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#plan[aria-invalid=true]").count() == 1
    assert page.input_value("#consulted_with") == "Mw. Aydin, Veilig Thuis"
    assert page.input_value("#advice") == "Huisverbod bespreken; moeder en kinderen naar haar zus"
    check(page)

    page.fill("#plan", "Moeder en kinderen slapen bij de zus; wijkagent weet ervan")
    page.click("#veiligheidsroute button[type=submit]")
    page.wait_for_url(f"**/staff/casussen/{unsafe}/verwijzen")
    assert page.locator("#veiligheid form").count() == 0
    options = page.locator("#verwijsformulier input[name=service]:not([disabled])")
    assert options.count() > 0
    first = page.locator("#verwijsformulier .option label").first.inner_text()
    assert "Veilig Thuis" in first, first
    options.first.check()
    _submit_referral(page)
    assert "/verwijzen" not in page.url
    context.close()


def test_a_handover_error_keeps_what_was_typed(live_server, browser, sofa):
    base, _ = live_server
    email, lonely, _unsafe, _ = sofa
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    sign_in(page, base, email)
    page.goto(f"{base}/staff/casussen/{lonely}")
    form = page.locator("form[id^=overdracht-]").first
    form.locator("[name=contact_person]").fill("Mw. Jansen, Meergaarden")
    form.locator("[name=intensity]").fill("Twee dagdelen per week")
    form.locator("[name=duration]").fill("Zes maanden")
    form.locator("[name=agreed_outcome]").fill("Meneer heeft twee vaste contacten buiten huis")
    form.locator("[name=monitoring]").fill("Belafspraak na vier weken")
    form.locator("[name=review_date]").fill((date.today() - timedelta(days=3)).isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    form = page.locator("form[id^=overdracht-]").first
    assert form.locator("[name=review_date][aria-invalid=true]").count() == 1
    assert "evaluatiedatum na vandaag" in form.inner_text()
    assert form.locator("[name=contact_person]").input_value() == "Mw. Jansen, Meergaarden"
    assert (form.locator("[name=agreed_outcome]").input_value()
            == "Meneer heeft twee vaste contacten buiten huis")
    assert form.locator("[name=monitoring]").input_value() == "Belafspraak na vier weken"
    check(page)

    form.locator("[name=review_date]").fill((date.today() + timedelta(weeks=8)).isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("form[id^=overdracht-]").count() == 0
    assert "Mw. Jansen, Meergaarden" in page.content()
    context.close()
