"""The Beltrum family of SCENARIOS.md, walked by kerncoach Anouk on a tablet (1024 x 768,
Chromium): one case for the household, a plan with referrals per member, a review, a
waakvlam check-in.

A father (44) on sick leave with debts, a son (14) who skips school, a daughter (10); a
fourth member (the mother, 41) for the issue's measure: a household of four with two needs
is taken in on one form of at most three tablet screens with fewer than 25 inputs.  The
suggestions for the son use his age; the plan puts money first; every screen has no axe
violations (WCAG 2.1 AA)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser.test_case_accessibility import check, sign_in
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 768}
YEAR = date.today().year


@pytest.fixture(scope="module")
def anouk(live_server):
    _, app = live_server
    from app.extensions import db
    from app.models import User

    with app.test_request_context():
        user = User(email="anouk.kerncoach@voormekaar.test", display_name="Anouk (kernteam Eibergen)",
                    role="staff", is_active=True)
        coach = User(email="coach.bram@voormekaar.test", display_name="Bram (coach)",
                     role="staff", is_active=True, coach_qualified=True)
        for person in (user, coach):
            person.set_password(PASSWORD)
            db.session.add(person)
        db.session.commit()
        return user.email, coach.email


class Inputs:
    """Counts what the kerncoach fills in, chooses or ticks."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, selector, value):
        self.page.fill(selector, value)
        self.count += 1

    def select(self, selector, value):
        self.page.select_option(selector, value)
        self.count += 1

    def check(self, selector):
        self.page.check(selector)
        self.count += 1


def test_the_beltrum_family_from_intake_to_plan_review_and_waakvlam(live_server, browser, anouk):
    base, app = live_server
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    anouk, coach = anouk
    sign_in(page, base, anouk)

    # --- intake: one form for the household ------------------------------------------
    page.goto(f"{base}/staff/casussen/nieuw")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"\nhousehold intake: {height} px = {height / TABLET['height']:.1f} tablet screens")
    assert height <= 3 * TABLET["height"]
    check(page)
    inputs = Inputs(page)
    inputs.select("#veld-kern", "Beltrum")
    inputs.fill("#veld-question", "Vader is ziek thuis en er zijn schulden. Onze zoon spijbelt.")
    inputs.select("#veld-signal_source", "school-leerplicht")
    inputs.check("#lg-financien")
    inputs.select("#zrm-financien", "2")  # the intake's self-reliance score starts the trend
    for n, (who, role, age, need) in enumerate([
            ("vader", "ouder", 44, "financien"), ("moeder", "ouder", 41, ""),
            ("zoon", "kind", 14, "werk-en-opleiding"), ("dochter", "kind", 10, "")], start=1):
        inputs.fill(f"#lid-{n}-wie", who)
        inputs.select(f"#lid-{n}-rol", role)
        inputs.fill(f"#lid-{n}-jaar", str(YEAR - age))
        if need:
            inputs.select(f"#lid-{n}-leefgebied", need)
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    print(f"household intake: {inputs.count} inputs on 1 screen")
    assert inputs.count < 25
    assert "/staff/casussen/" in page.url and "/nieuw" not in page.url
    case_url = page.url.split("#")[0]
    facts = page.locator("dl.facts").first.inner_text()
    assert "zoon, 14 jaar" in facts and "Geldzaken" in facts and "school of leerplicht" in facts
    check(page)

    # --- the son: suggestions at his age ------------------------------------------------
    page.goto(case_url + "/verwijzen")
    page.select_option("#voor", label="zoon, 14 jaar")
    page.click("form.for-whom button[type=submit]")
    page.wait_for_load_state()
    assert "14 jaar" in page.locator("dl.need").inner_text()
    assert page.get_by_text("Leerplicht: hulp als uw kind niet naar school gaat").count() >= 1
    check(page)
    page.locator("#verwijsformulier .option input[type=radio]").first.check()
    page.click("#verwijsformulier button[type=submit]")
    page.wait_for_load_state()
    assert "/verwijzen" not in page.url
    assert "zoon, 14 jaar" in page.locator(".referral").first.inner_text()

    # --- the household's money: lightest first, money help at the top --------------------
    page.goto(case_url + "/verwijzen")
    page.locator("#verwijsformulier .option input[type=radio]").first.check()
    page.click("#verwijsformulier button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".referral").count() == 2

    # --- the plan: goals in the family's words, who does what, a review -------------------
    page.goto(case_url + "/plan")
    check(page)
    assert "Bestaanszekerheid voorop" in page.inner_text("main")
    page.select_option("#doel-leefgebied", "werk-en-opleiding")
    page.select_option("#doel-voor", label="zoon, 14 jaar")
    page.fill("#doel-tekst", "Weer elke dag naar school")
    page.fill("#doel-zelf", "Moeder brengt hem de eerste weken")
    page.click("#doelen button[type=submit]")
    page.wait_for_load_state()
    page.select_option("#doel-leefgebied", "financien")
    page.select_option("#doel-voor", label="vader, 44 jaar")
    page.fill("#doel-tekst", "Rust over geld: elke maand de vaste lasten betalen")
    page.click("#doelen button[type=submit]")
    page.wait_for_load_state()
    son = page.locator("article.plan-person", has_text="zoon, 14 jaar").inner_text()
    assert "Weer elke dag naar school" in son and "Moeder brengt hem" in son
    assert "Verwijzing:" in son  # the son's referral is in his part of the plan
    page.fill("#ev-notitie", "Zoon gaat weer drie dagen; schuldhulp gestart")
    page.select_option("#ev-zrm-financien", "3")
    page.fill("#ev-volgende", (date.today() + timedelta(days=91)).isoformat())
    page.click("#evaluatie button[type=submit]:not([name])")
    page.wait_for_load_state()
    trend = page.locator("#zrm").inner_text()
    assert "Geldzaken" in trend and "beter (+1)" in trend
    check(page)
    page.goto(case_url + "/plan/afdruk")
    assert "Ons plan" in page.inner_text("h1")
    assert "Weer elke dag naar school" in page.inner_text("main")

    # --- waakvlam: a check-in every eight weeks, and the first contact --------------------
    page.goto(case_url)
    page.fill("#weeks", "8")
    page.locator("#waakvlam form", has=page.locator("#weeks")).locator("button").click()
    page.wait_for_load_state()
    page.fill("#checkin-note", "Gebeld: het gaat goed, zoon gaat naar school")
    page.locator("#waakvlam form", has=page.locator("#checkin-note")).locator("button").click()
    page.wait_for_load_state()
    assert "Gebeld: het gaat goed" in page.locator("#waakvlam").inner_text()

    # --- a breakthrough: Anouk asks, a trained coach (not the regisseur) decides ----------
    page.fill("#escalation-reason", "Schuldhulp wacht op een besluit dat de regels niet toestaan")
    page.select_option("#escalation-coach", label="Bram (coach)")
    page.locator("#escalatie form button").click()
    page.wait_for_load_state()
    assert page.locator("#escalation-decision").count() == 0  # the regisseur cannot decide
    context.close()

    coach_context = browser.new_context(viewport=TABLET)
    coach_page = coach_context.new_page()
    sign_in(coach_page, base, coach)
    coach_page.goto(case_url)
    coach_page.fill("#escalation-decision", "Doorbraak: tijdelijke betalingsregeling via de gemeente")
    coach_page.locator("#escalatie form button").click()
    coach_page.wait_for_load_state()
    coach_page.goto(case_url + "/plan")
    breakthrough = coach_page.locator("#doorbraak").inner_text()
    assert "Besluit van de coach (Bram (coach))" in breakthrough
    assert "tijdelijke betalingsregeling" in breakthrough
    check(coach_page)
    coach_context.close()
