"""WCAG 2.1 AA behind the login: axe-core in Chromium reports zero violations on the staff
sign-in pages, the landing page, the second-factor page and the user list, nl and en."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from tests.browser.conftest import sign_in_staff

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "een wachtwoord voor de browsertest"


@pytest.fixture(scope="module")
def accounts(live_server):
    from app.extensions import db
    from app.models import User

    _, app = live_server
    made = {}
    with app.app_context():
        for role, name in (("staff", "Sanne Bos"), ("admin", "Arjen Beheer")):
            email = f"browser-{role}@voormekaar.test"
            user = db.session.scalar(select(User).where(User.email == email))
            if user is None:
                user = User(email=email, display_name=name, role=role, is_active=True)
                user.set_password(PASSWORD)
                user.totp_secret = pyotp.random_base32()  # every role has a second factor
                db.session.add(user)
                db.session.commit()
            made[role] = (email, user.totp_secret, user.id)
        db.session.remove()
    return made


def _fresh_code(app, secret: str, user_id) -> str:
    """The current code, or the next one when the current one was just used."""
    from app.extensions import db
    from app.models import User

    totp = pyotp.TOTP(secret)
    moment = datetime.now(UTC)
    with app.app_context():
        last = db.session.get(User, user_id).totp_last_step
        db.session.remove()
    if last is not None and last >= totp.timecode(moment):
        moment += timedelta(seconds=totp.interval)
    return totp.at(moment)


def _assert_no_violations(page, lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    assert page.locator("html").get_attribute("lang") == lang
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.response["violations"] == [], f"{page.url}\n{results.generate_report()}"


def _sign_in(page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/staff/login")
    page.fill("#veld-email", email)
    page.fill("#veld-password", password)
    page.click("form[action='/staff/login'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_staff_sign_in_and_landing_pages(live_server, page, accounts, lang):
    base, app = live_server
    page.goto(f"{base}/staff/login?lang={lang}")
    _assert_no_violations(page, lang)

    _sign_in(page, base, f"niemand-{lang}@voormekaar.test", "a wrong password")  # error state
    assert page.locator(".utrecht-alert--error").count() == 1
    _assert_no_violations(page, lang)

    email, secret, user_id = accounts["staff"]
    _sign_in(page, base, email)
    assert "/staff/login/code" in page.url
    page.fill("#veld-code", _fresh_code(app, secret, user_id))
    page.click("form[action='/staff/login/code'] button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/staff/")
    _assert_no_violations(page, lang)

    # the second factor, the password change (with "sign out everywhere"), the list of
    # sessions; a 403 page
    for path in ("/staff/account/2fa", "/staff/account/password", "/staff/account/sessions",
                 "/staff/admin/users"):
        page.goto(base + path)
        _assert_no_violations(page, lang)

    page.goto(f"{base}/staff/")
    page.click("form[action='/staff/logout'] button[type=submit]")
    page.wait_for_load_state()
    assert "/staff/login" in page.url
    _assert_no_violations(page, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_admin_pages_with_the_second_factor(live_server, page, accounts, lang):
    base, app = live_server
    page.goto(f"{base}/staff/login?lang={lang}")
    email, secret, user_id = accounts["admin"]
    _sign_in(page, base, email)
    assert "/staff/login/code" in page.url
    _assert_no_violations(page, lang)

    page.fill("#veld-code", _fresh_code(app, secret, user_id))
    page.click("form[action='/staff/login/code'] button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/staff/")
    _assert_no_violations(page, lang)

    for path in ("/staff/admin/users", "/staff/account/2fa"):
        page.goto(base + path)
        _assert_no_violations(page, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_first_sign_in_sets_up_the_second_factor_and_shows_recovery_codes(live_server, page, lang):
    """A new account (any role) must enrol first: the key page, then the recovery codes."""
    from app.extensions import db
    from app.models import User

    base, app = live_server
    email = f"browser-nieuw-{lang}@voormekaar.test"
    with app.app_context():
        user = User(email=email, display_name="Nieuwe Collega", role="manager", is_active=True)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.session.remove()
    page.goto(f"{base}/staff/login?lang={lang}")
    _sign_in(page, base, email)
    assert page.url.endswith("/staff/account/2fa")
    _assert_no_violations(page, lang)
    key = page.locator("#totp-sleutel").inner_text().replace(" ", "")
    page.fill("#veld-code", pyotp.TOTP(key).now())
    page.click("form[action='/staff/account/2fa'] button[type=submit]")
    page.wait_for_load_state()
    codes = page.locator(".recovery-codes code")
    assert codes.count() == 10
    _assert_no_violations(page, lang)


def _provision_with_map(app) -> str:
    from app.extensions import db
    from app.models import Service

    with app.app_context():
        for service in db.session.scalars(select(Service).order_by(Service.name)):
            if service.is_public and any(loc.latitude for loc in service.locations):
                path = f"/voorziening/{service.id}"
                break
        db.session.remove()
    return path


def test_no_content_security_policy_violations(live_server, browser, accounts):
    """The strict CSP breaks nothing: public pages (with the map), print page, staff pages."""
    base, app = live_server
    context = browser.new_context()
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });")
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    provision = _provision_with_map(app)
    for path in ("/", "/zoeken?q=eenzaam", provision, "/kernen/rekken/print", "/staff/login"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        if path == provision:
            page.wait_for_selector(".leaflet-container", state="attached")
        assert page.evaluate("window.__csp") == [], path
    email, _, _ = accounts["staff"]
    sign_in_staff(page, base, email, PASSWORD)
    page.goto(base + "/staff/account/2fa")
    assert page.evaluate("window.__csp") == []
    assert not [m for m in console if "Content Security Policy" in m], console
    context.close()
