"""Staff sign-in: sessions in the database, rotation, idle expiry, revocation, throttling,
the second factor, CSRF, security headers and what ends up in the logs."""

from __future__ import annotations

import logging
import re

import pyotp
from sqlalchemy import select

from app.extensions import db
from app.models import LoginFailure, StaffSession, User
from app.staff import auth
from tests.staff.conftest import PASSWORD, csrf_token, login_client, make_user, totp_code

THROTTLED = "Te veel mislukte pogingen"
WRONG = "Het e-mailadres of het wachtwoord klopt niet."


def _login(client, email, password, **environ):
    token = csrf_token(client)
    return client.post("/staff/login", data={"email": email, "password": password,
                                             "csrf_token": token}, environ_base=environ)


def _session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


# --- sign in and out ------------------------------------------------------------------------

def test_login_and_logout(app, client):
    user = make_user("staff", display_name="Anna de Vries")
    assert client.get("/staff/").status_code == 302
    response = login_client(client, user)
    assert response.headers["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "Anna de Vries" in page.get_data(as_text=True)
    rows = db.session.scalars(select(StaffSession)).all()
    assert len(rows) == 1 and rows[0].user_id == user.id and rows[0].revoked_at is None

    response = client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")
    assert "uitgelogd" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.scalars(select(StaffSession)).one().revoked_at is not None
    assert client.get("/staff/").status_code == 302
    assert "U bent uitgelogd." in client.get("/staff/login?uitgelogd=1").get_data(as_text=True)


def test_the_cookie_holds_only_a_token_whose_hash_is_stored(app, client):
    user = make_user("editor")
    login_client(client, user)
    with client.session_transaction() as session:
        token = session[auth.SESSION_KEY]
        assert set(session.keys()) <= {auth.SESSION_KEY, "csrf_token"}
    row = db.session.scalars(select(StaffSession)).one()
    assert row.token_hash == auth.hash_token(token) != token


def test_wrong_password_and_unknown_email_get_the_same_answer(app, client):
    make_user("staff", email="bekend@voormekaar.test")
    wrong = _login(client, "bekend@voormekaar.test", "not the password at all")
    unknown = _login(client, "onbekend@voormekaar.test", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    assert WRONG in wrong.get_data(as_text=True)
    assert WRONG in unknown.get_data(as_text=True)

    def scrub(text):
        text = re.sub(r'name="csrf_token" value="[^"]+"', "", text)
        return text.replace("onbekend@", "bekend@")

    assert scrub(wrong.get_data(as_text=True)) == scrub(unknown.get_data(as_text=True))


def test_inactive_account_cannot_sign_in(app, client):
    user = make_user("staff", is_active=False)
    response = _login(client, user.email, PASSWORD)
    assert WRONG in response.get_data(as_text=True)


def test_session_id_is_rotated_at_login(app, client):
    user = make_user("staff")
    # A session fixed by someone else before the login ...
    with client.session_transaction() as session:
        session[auth.SESSION_KEY] = "planted-by-an-attacker"
        session["csrf_token"] = "planted"
    before = _session_cookie(client)
    login_client(client, user)
    with client.session_transaction() as session:
        assert session[auth.SESSION_KEY] != "planted-by-an-attacker"
        assert session.get("csrf_token") != "planted"
    assert _session_cookie(client) != before
    # ... and each login makes a new session record with a new token.
    login_client(app.test_client(), user)
    hashes = db.session.scalars(select(StaffSession.token_hash)).all()
    assert len(hashes) == len(set(hashes)) == 2


def test_a_copied_cookie_stops_working_after_logout(app, client):
    user = make_user("staff")
    login_client(client, user)
    stolen = _session_cookie(client)
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/staff/").status_code == 200  # a copy works while the session lives

    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    replay = thief.get("/staff/")
    assert replay.status_code == 302
    assert replay.headers["Location"].startswith("/staff/login")


def test_session_ends_after_inactivity(app, client, clock):
    user = make_user("staff")
    login_client(client, user)
    clock.advance(minutes=29)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=29)  # 58 minutes after login, 29 after the last request
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "verlopen=1" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.scalars(select(StaffSession)).one().revoked_at is not None
    clock.advance(minutes=1)
    assert client.get("/staff/").status_code == 302  # and it stays ended
    assert "niet actief" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_idle_limit_is_configurable(app, client, clock):
    app.config["STAFF_IDLE_MINUTES"] = 5
    login_client(client, make_user("manager"))
    clock.advance(minutes=6)
    assert client.get("/staff/").status_code == 302


def test_session_has_an_absolute_limit(app, client, clock):
    login_client(client, make_user("staff"))
    for _ in range(29):  # 9 h 40 min of steady work
        clock.advance(minutes=20)
        assert client.get("/staff/").status_code == 200
    clock.advance(minutes=25)
    assert client.get("/staff/").status_code == 302


def test_deactivating_an_account_ends_its_sessions(app, staff_login):
    worker = staff_login("staff")
    admin = staff_login("admin")
    assert worker.get("/staff/").status_code == 200
    token = csrf_token(admin, "/staff/admin/users")
    response = admin.post(f"/staff/admin/users/{worker.staff_user.id}/deactivate",
                          data={"csrf_token": token})
    assert response.status_code == 302
    assert worker.get("/staff/").status_code == 302
    assert WRONG in _login(app.test_client(), worker.staff_user.email, PASSWORD).get_data(as_text=True)


def test_signed_in_users_are_sent_on_from_the_login_page(app, staff_login):
    client = staff_login("staff")
    assert client.get("/staff/login").headers["Location"] == "/staff/"


def test_next_only_goes_inside_the_staff_area(app, client):
    user = make_user("staff")
    first = client.get("/staff/account/2fa")
    assert first.headers["Location"] == "/staff/login?next=/staff/account/2fa"
    token = csrf_token(client)
    response = client.post("/staff/login", data={"email": user.email, "password": PASSWORD,
                                                 "csrf_token": token, "next": "/staff/account/2fa"})
    assert response.headers["Location"] == "/staff/login/code?next=/staff/account/2fa"
    response = client.post("/staff/login/code", data={
        "code": totp_code(app, user), "next": "/staff/account/2fa",
        "csrf_token": csrf_token(client, "/staff/login/code")})
    assert response.headers["Location"] == "/staff/account/2fa"
    for evil in ("https://evil.example/", "//evil.example/staff/", "/\\evil.example", "/zoeken"):
        assert auth.safe_next(evil) is None


# --- throttling ----------------------------------------------------------------------------

def test_five_failures_lock_the_account_for_a_while(app, client, clock):
    user = make_user("staff")
    for attempt in range(5):
        # from five different addresses: the account itself is throttled
        response = _login(client, user.email, f"wrong password nr {attempt}",
                          REMOTE_ADDR=f"10.0.0.{attempt + 1}")
        assert WRONG in response.get_data(as_text=True)
    refused = _login(client, user.email, PASSWORD, REMOTE_ADDR="10.0.0.99")
    assert refused.status_code == 429
    assert THROTTLED in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    assert db.session.scalars(select(StaffSession)).all() == []

    clock.advance(minutes=16)
    assert _login(client, user.email, PASSWORD).status_code == 302


def test_unknown_accounts_are_throttled_the_same_way(app, client):
    for _ in range(5):
        _login(client, "niemand@voormekaar.test", "wrong password", REMOTE_ADDR="10.1.1.1")
    refused = _login(client, "niemand@voormekaar.test", "wrong password", REMOTE_ADDR="10.1.1.2")
    assert refused.status_code == 429
    assert THROTTLED in refused.get_data(as_text=True)


def test_failures_from_one_address_lock_that_address(app, client, clock):
    # Its own limit (default 50, higher than an account's); 5 here to keep the test short.
    app.config["STAFF_LOGIN_MAX_FAILURES_PER_ADDRESS"] = 5
    user = make_user("staff")
    for number in range(5):
        _login(client, f"gok{number}@voormekaar.test", "wrong password", REMOTE_ADDR="192.0.2.7")
    assert _login(client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 429
    assert _login(client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_throttle_counters_live_in_the_database_without_addresses(app, client):
    user = make_user("staff")
    _login(client, user.email, "wrong password", REMOTE_ADDR="203.0.113.5")
    rows = db.session.scalars(select(LoginFailure)).all()
    assert len(rows) == 2  # one for the account, one for the client address
    for row in rows:
        assert user.email not in row.key_hash and "203.0.113.5" not in row.key_hash
    # A second app (another worker) sees the same counters.
    assert auth.is_throttled(auth.account_key(user.email)) is False
    app.config["STAFF_LOGIN_MAX_FAILURES"] = 1
    assert auth.is_throttled(auth.account_key(user.email)) is True


def test_a_successful_login_clears_the_account_counter(app, client):
    user = make_user("staff")
    for _ in range(4):
        _login(client, user.email, "wrong password", REMOTE_ADDR="10.2.0.1")
    login_client(client, user)
    other = app.test_client()
    for _ in range(4):
        _login(other, user.email, "wrong password", REMOTE_ADDR="10.2.0.2")
    assert _login(app.test_client(), user.email, PASSWORD, REMOTE_ADDR="10.2.0.3").status_code == 302


# --- the second factor ------------------------------------------------------------------------

def test_admin_without_totp_must_enrol_before_anything_else(app, client):
    admin = make_user("admin", totp=False)
    response = _login(client, admin.email, PASSWORD)
    assert response.headers["Location"] == "/staff/account/2fa"
    for path in ("/staff/", "/staff/admin/users", "/staff/login"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked.headers["Location"] == "/staff/account/2fa"
    page = client.get("/staff/account/2fa")
    text = page.get_data(as_text=True)
    assert "eerst tweestapsverificatie" in text
    row = db.session.scalars(select(StaffSession)).one()
    secret = row.pending_totp_secret
    assert secret and secret[:4] in text
    assert "otpauth://totp/" in text

    token = csrf_token(client, "/staff/account/2fa")
    wrong = client.post("/staff/account/2fa", data={"action": "enrol", "code": "000000",
                                                   "csrf_token": token})
    assert wrong.status_code == 422
    assert client.get("/staff/admin/users").status_code == 302

    code = pyotp.TOTP(secret).now()
    done = client.post("/staff/account/2fa", data={"action": "enrol", "code": code,
                                                  "csrf_token": token})
    assert done.status_code == 200 and "herstelcodes" in done.get_data(as_text=True)
    assert client.get("/staff/admin/users").status_code == 200
    db.session.refresh(admin)
    assert admin.totp_secret == secret


def test_admin_with_totp_gives_the_code_after_the_password(app, client):
    admin = make_user("admin")
    response = _login(client, admin.email, PASSWORD)
    assert response.headers["Location"].startswith("/staff/login/code")
    assert client.get("/staff/").headers["Location"] == "/staff/login/code"
    assert client.get("/staff/admin/users").status_code == 302
    token = csrf_token(client, "/staff/login/code")
    wrong = client.post("/staff/login/code", data={"code": "12345x", "csrf_token": token})
    assert "klopt niet" in wrong.get_data(as_text=True)
    code = totp_code(app, admin)
    assert client.post("/staff/login/code", data={"code": code, "csrf_token": token}).status_code == 302
    assert client.get("/staff/admin/users").status_code == 200

    # The same code does not work twice.
    again = app.test_client()
    _login(again, admin.email, PASSWORD)
    replay = again.post("/staff/login/code",
                        data={"code": code, "csrf_token": csrf_token(again, "/staff/login/code")})
    assert replay.status_code == 200 and "klopt niet" in replay.get_data(as_text=True)


def test_current_staff_is_none_until_signing_in_is_complete(app, client):
    admin = make_user("admin")
    _login(client, admin.email, PASSWORD)
    with app.test_request_context("/staff/"):
        assert auth.current_staff() is None
    with client.session_transaction() as session:
        token = session[auth.SESSION_KEY]
    with app.test_request_context("/staff/"):
        from flask import session as flask_session

        flask_session[auth.SESSION_KEY] = token
        row = auth.current_session()
        assert row is not None and auth.session_step(row) == auth.STEP_SECOND_FACTOR
        assert auth.current_staff() is None


# --- user administration ------------------------------------------------------------------

def test_admin_creates_a_user_who_can_then_sign_in(app, staff_login):
    admin = staff_login("admin")
    token = csrf_token(admin, "/staff/admin/users")
    bad = admin.post("/staff/admin/users", data={"email": "geen-adres", "role": "baas",
                                                 "password": "kort", "csrf_token": token})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'aria-invalid="true"' in text and "Controleer het formulier" in text
    ok = admin.post("/staff/admin/users", data={
        "email": "Nieuw@Voormekaar.test", "display_name": "Nieuwe Collega", "role": "editor",
        "password": "een lang genoeg wachtwoord", "csrf_token": token})
    assert ok.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "nieuw@voormekaar.test"))
    assert created.role == "editor" and created.is_active
    assert _login(app.test_client(), "nieuw@voormekaar.test",
                  "een lang genoeg wachtwoord").status_code == 302
    listing = admin.get("/staff/admin/users").get_data(as_text=True)
    assert "Nieuwe Collega" in listing
    duplicate = admin.post("/staff/admin/users", data={
        "email": "nieuw@voormekaar.test", "role": "staff",
        "password": "een lang genoeg wachtwoord", "csrf_token": token})
    assert duplicate.status_code == 422


def test_admin_cannot_deactivate_themselves_and_can_reactivate_others(app, staff_login):
    admin = staff_login("admin")
    other = make_user("staff")
    token = csrf_token(admin, "/staff/admin/users")
    me = admin.post(f"/staff/admin/users/{admin.staff_user.id}/deactivate", data={"csrf_token": token})
    assert me.status_code == 409
    admin.post(f"/staff/admin/users/{other.id}/deactivate", data={"csrf_token": token})
    db.session.refresh(other)
    assert not other.is_active
    admin.post(f"/staff/admin/users/{other.id}/activate", data={"csrf_token": token})
    db.session.refresh(other)
    assert other.is_active


# --- CSRF ------------------------------------------------------------------------------------

def test_forms_without_a_csrf_token_are_refused(app, client):
    user = make_user("staff")
    response = client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert db.session.scalars(select(StaffSession)).all() == []

    login_client(client, user)
    assert client.post("/staff/logout").status_code == 400
    assert client.post("/staff/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/staff/").status_code == 200  # still signed in


def test_a_token_from_another_session_is_refused(app):
    user = make_user("staff")
    mallory = app.test_client()
    token = csrf_token(mallory)
    victim = app.test_client()
    login_client(victim, user)
    assert victim.post("/staff/logout", data={"csrf_token": token}).status_code == 400


def test_every_staff_form_carries_the_token(app, staff_login):
    admin = staff_login("admin")
    for path in ("/staff/", "/staff/account/2fa", "/staff/admin/users"):
        text = admin.get(path).get_data(as_text=True)
        forms = re.findall(r"<form\b.*?</form>", text, flags=re.S)
        posts = [f for f in forms if 'method="post"' in f]
        assert posts, path
        for form in posts:
            assert 'name="csrf_token"' in form, (path, form[:120])
    text = app.test_client().get("/staff/login").get_data(as_text=True)
    assert 'name="csrf_token"' in text


# --- logs ------------------------------------------------------------------------------------

def test_no_password_email_token_or_code_in_the_logs(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    admin = make_user("admin", email="geheim.adres@voormekaar.test")
    _login(client, admin.email, "wrong password for the log test")
    _login(client, "onbekend.adres@voormekaar.test", "another wrong password")
    login_client(client, admin)
    with client.session_transaction() as session:
        token = session[auth.SESSION_KEY]
    admin_token = csrf_token(client, "/staff/admin/users")
    client.post("/staff/admin/users", data={"email": "nieuw.adres@voormekaar.test", "role": "staff",
                                            "password": "new user secret passphrase",
                                            "csrf_token": admin_token})
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    for _ in range(6):
        _login(client, admin.email, "wrong password for the log test")
    text = caplog.text
    assert "login failed" in text and "login: password accepted" in text and "logout" in text
    for secret in (PASSWORD, "wrong password for the log test", "another wrong password",
                   "new user secret passphrase", "geheim.adres", "onbekend.adres", "nieuw.adres",
                   "@voormekaar", token, admin.totp_secret):
        assert secret not in text, secret


# --- headers -----------------------------------------------------------------------------------

def _assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "https://service.pdok.nl" in directives["img-src"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]


def test_security_headers_on_public_pages(demo_client):
    for path in ("/", "/zoeken?q=eenzaam", "/kernen/rekken", "/bestaat-niet",
                 "/static/css/site.css"):
        response = demo_client.get(path)
        _assert_security_headers(response)
        assert "no-store" not in response.headers.get("Cache-Control", ""), path


def test_security_headers_and_no_store_on_staff_pages(app, staff_login):
    anonymous = app.test_client()
    for response in (anonymous.get("/staff/login"), anonymous.get("/staff/"),
                     staff_login("admin").get("/staff/admin/users"),
                     staff_login("staff").get("/staff/admin/users")):
        _assert_security_headers(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text()
        assert "<style" not in text, path
        assert not re.search(r"\sstyle=", text), path
        assert not re.search(r"\son[a-z]+=", text), path
        for script in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in script or "application/ld+json" in script, (path, script)


def test_behind_https_the_session_cookie_is_a_secure_host_cookie(tmp_path, database_url):
    from tests.conftest import make_app

    app = make_app(tmp_path, database_url, SESSION_COOKIE_SECURE=True)
    with app.app_context():
        db.create_all()
        try:
            user = make_user("staff")
            client = app.test_client()
            page = client.get("/staff/login", base_url="https://localhost")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
            response = client.post("/staff/login", base_url="https://localhost", data={
                "email": user.email, "password": PASSWORD, "csrf_token": token},
                headers={"Referer": "https://localhost/staff/login"})
            assert response.status_code == 302
            cookie = response.headers["Set-Cookie"]
            assert cookie.startswith("__Host-session=")
            for part in ("Secure", "HttpOnly", "Path=/", "SameSite=Lax"):
                assert part in cookie
            assert "Domain" not in cookie
            assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
