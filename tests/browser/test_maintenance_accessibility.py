"""WCAG 2.1 AA on keeping the map true: axe in Chromium finds zero violations, nl and en,
on the public "Meld een wijziging" form (empty, with errors, after a refusal, and its
confirmation), the editors' freshness worklist (with a report in it) and the signals view."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in_staff
from tests.browser.test_case_accessibility import check
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, email):
    """Through the real forms (password, then the second factor)."""
    sign_in_staff(page, base, email, PASSWORD, lang="nl")


@pytest.fixture(scope="module")
def editor_and_service(live_server):
    _, app = live_server
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Service, User

    with app.app_context():
        user = User(email="actueel.a11y@voormekaar.test", display_name="Actueel A11y",
                    role="editor", is_active=True)
        user.set_password(PASSWORD)
        db.session.add(user)
        service = db.session.scalars(select(Service).where(
            Service.status == "active", Service.publication == "published")
            .order_by(Service.name)).first()
        db.session.commit()
        return user.email, str(service.id)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_form_worklist_and_signals_have_no_axe_violations(
        live_server, browser, editor_and_service, lang):
    base, app = live_server
    email, service_id = editor_and_service
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    form = f"{base}/voorziening/{service_id}/melden?lang={lang}"
    sign_in(page, base, email)

    page.goto(form)
    assert page.locator("html").get_attribute("lang") == lang
    check(page)
    # A robot-fast post is refused with one message; the form stays filled in.
    page.check("#soort-hours")
    page.fill("#veld-message", "Op dinsdag is het nu van 10 tot 12 uur")
    page.click("form.report-form button[type=submit]")
    assert page.locator("#foutmeldingen").is_visible()
    check(page)

    app.config["REPORT_MIN_SECONDS"] = 0  # the browser is faster than a person
    try:
        page.goto(form)
        page.fill("#veld-email", "geen-adres")
        page.click("form.report-form button[type=submit]")
        assert page.locator("[aria-invalid=true]").count() >= 1  # no choice, bad address
        check(page)
        page.check("#soort-closed")
        page.fill("#veld-email", "")
        page.click("form.report-form button[type=submit]")
        page.wait_for_url("**/melden/bedankt*")
        check(page)
    finally:
        app.config["REPORT_MIN_SECONDS"] = 3

    for path in ("/staff/actueel", "/staff/actueel?kern=neede", "/staff/signalen",
                 "/staff/signalen/lijst?soort=meldingen", "/staff/signalen/lijst?soort=verwijzingen"):
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        assert "/staff/login" not in page.url, path
        assert page.locator("html").get_attribute("lang") == lang
        check(page)
    context.close()


def test_report_form_fits_a_phone(live_server, browser, editor_and_service):
    base, _ = live_server
    _, service_id = editor_and_service
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{base}/voorziening/{service_id}/melden")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The honeypot is not reachable by keyboard.
    page.focus("#soort-closed")
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
    context.close()
