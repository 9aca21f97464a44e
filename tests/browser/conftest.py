"""Browser tests: Debian's Chromium driven by Playwright over a real HTTP server.

Never downloads a browser.  Outside CI a missing Chromium skips these tests; in CI
(CI=true) it fails them, so accessibility is never silently untested.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from tests.conftest import make_app

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def _need_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; `make install-test` installs it")
        pytest.skip(f"Chromium not found at {CHROMIUM}")


LIVE: dict = {}  # the live server's app, for the sign-in helper


def second_factor_code(app, email: str) -> str:
    """A second-factor code the live server accepts now for ``email``: the TOTP code of this
    time step, or of the next one when this one was used (a code is good once), or else (both
    used: a third sign-in within the same half minute) a fresh recovery code."""
    from datetime import UTC, datetime, timedelta

    import pyotp
    from sqlalchemy import select

    from app.models import User
    from app.staff import auth

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        totp = pyotp.TOTP(user.totp_secret)
        moment = datetime.now(UTC)
        step, last = totp.timecode(moment), user.totp_last_step
        if last is None or last < step:
            code = totp.at(moment)
        elif last == step:
            code = totp.at(moment + timedelta(seconds=totp.interval))
        else:
            code = auth.new_recovery_codes(user)[0]
            db.session.commit()
        db.session.remove()
    return code


def _ensure_totp(app, email: str) -> None:
    """Every role signs in with a second factor: give a test account one if it has none."""
    import pyotp
    from sqlalchemy import select

    from app.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None and not user.totp_secret:
            user.totp_secret = pyotp.random_base32()
            db.session.commit()
        db.session.remove()


def sign_in_staff(page, base: str, email: str, password: str, *, lang: str | None = None,
                  expect_success: bool = True) -> None:
    """Sign in through the real forms: e-mail and password, then the code from the app."""
    app = LIVE["app"]
    _ensure_totp(app, email)
    page.goto(base + "/staff/login" + (f"?lang={lang}" if lang else ""))
    page.fill("#veld-email", email)
    page.fill("#veld-password", password)
    page.click("form[action$='/staff/login'] button[type=submit]")
    page.wait_for_load_state()
    if "/staff/login/code" in page.url:
        page.fill("#veld-code", second_factor_code(app, email))
        page.click("form[action$='/staff/login/code'] button[type=submit]")
        page.wait_for_load_state()
    if expect_success:
        page.wait_for_url(lambda url: "/staff/login" not in url)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, demo_db_file):
    """The demo site on a free port of 127.0.0.1, served by werkzeug in a thread."""
    base = tmp_path_factory.mktemp("live")
    target = base / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(base, f"sqlite:///{target}", SEARCH_BACKEND="whoosh",
                   SEARCH_INDEX_DIR=str(base / "index"), TESTING=False)
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    LIVE["app"] = app
    yield f"http://127.0.0.1:{server.server_port}", app
    LIVE.pop("app", None)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    yield page
    context.close()
