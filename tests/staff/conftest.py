"""Fixtures for staff pages: users of each role, signed-in test clients, a settable clock.

For other test modules::

    def test_something(staff_login):
        client = staff_login("staff")          # a signed-in test client
        client.staff_user                      # the User behind it
        client.post(url, data={..., "csrf_token": csrf_token(client)})

CSRF stays enabled: post forms with ``csrf_token(client)``.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests import sites

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_numbers = itertools.count(1)


class Clock:
    """A settable clock for ``app.config["STAFF_CLOCK"]``."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def csrf_token(client, path: str = "/staff/login") -> str:
    """A valid CSRF token for this client's session, read from a page that has a form.

    Signed-in clients are sent on from the login page, so this follows redirects to a page
    that carries the logout form (every staff page does)."""
    response = client.get(path, follow_redirects=True)
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


def make_user(role: str, *, password: str = PASSWORD, totp: bool | None = None,
              email: str | None = None, **fields) -> User:
    """A user of ``role`` with a TOTP secret (every role signs in with a second factor),
    unless ``totp=False`` (the user then enrols at the first sign-in)."""
    number = next(_numbers)
    user = User(email=email or f"{role}{number}@voormekaar.test",
                display_name=fields.pop("display_name", f"Test {role} {number}"),
                role=role, **{"is_active": True, **fields})
    user.set_password(password)
    if totp is not False:
        user.totp_secret = pyotp.random_base32()
    db.session.add(user)
    db.session.commit()
    return user


def totp_code(app, user: User) -> str:
    """A code the app accepts now: the current step, or the next one if that was used."""
    clock = app.config.get("STAFF_CLOCK")
    moment = clock() if clock else datetime.now(UTC)
    totp = pyotp.TOTP(user.totp_secret)
    db.session.refresh(user)
    if user.totp_last_step is not None and user.totp_last_step >= totp.timecode(moment):
        moment += timedelta(seconds=totp.interval)
    return totp.at(moment)


def login_client(client, user: User, password: str = PASSWORD):
    """Sign ``client`` in as ``user`` through the real forms, with the second factor (a user
    without one enrols it on the way, as at a first sign-in).  Returns the last response."""
    token = csrf_token(client)
    response = client.post("/staff/login", data={"email": user.email, "password": password,
                                                  "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    if response.headers["Location"].startswith("/staff/login/code"):
        token = csrf_token(client, "/staff/login/code")
        response = client.post("/staff/login/code", data={
            "code": totp_code(client.application, user), "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
    elif response.headers["Location"].startswith("/staff/account/2fa"):
        response = enrol_client(client)
    return response


def enrol_client(client):
    """Set up the second factor for the user signed in on ``client`` (who is in the enrol
    step), as a person would with the key shown; returns the page with the recovery codes."""
    from app.models import StaffSession
    from app.staff import auth

    client.get("/staff/account/2fa")
    with client.session_transaction() as session:
        token_hash = auth.hash_token(session[auth.SESSION_KEY])
    db.session.expire_all()
    secret = db.session.scalar(select(StaffSession.pending_totp_secret)
                               .where(StaffSession.token_hash == token_hash))
    response = client.post("/staff/account/2fa", data={
        "action": "enrol", "code": pyotp.TOTP(secret).now(),
        "csrf_token": csrf_token(client, "/staff/account/2fa")})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


@pytest.fixture(autouse=True)
def _quick_password_hashing(monkeypatch):
    """Real argon2, with the cheapest parameters: signing in many times stays fast."""
    from argon2 import PasswordHasher

    from app.models import user as user_module

    monkeypatch.setattr(user_module, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def clock(app):
    clock = Clock()
    app.config["STAFF_CLOCK"] = clock
    yield clock
    app.config.pop("STAFF_CLOCK", None)


@pytest.fixture
def staff_login(app):
    """``staff_login(role, **user_fields)`` → a test client signed in as a new user."""
    def login(role: str, **fields):
        user = make_user(role, **fields)
        client = app.test_client()
        login_client(client, user)
        client.staff_user = user
        return client

    return login


# --- the demo map on either database -------------------------------------------------------

DATABASES = sites.DATABASES


@pytest.fixture(params=DATABASES)
def demo_site(request, tmp_path):
    """The demo map on each configured database (use as ``app`` in a test module)."""
    with sites.site(request.param, tmp_path) as app:
        yield app
