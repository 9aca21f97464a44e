"""Issue 14 (OWASP ASVS 5.0 L2) for staff sign-in: a second factor for every role with
recovery codes and an audited reset, TOTP secrets encrypted at rest, a password policy that
refuses guessable passwords, a password change and "sign out everywhere", per-account and
per-address throttling that cannot be raced, and ``next`` that cannot be bent."""

from __future__ import annotations

import re
import threading
import time

import pyotp
import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import AuditEntry, StaffSession, User
from app.models.user import ROLES
from app.staff import auth
from tests.staff.conftest import PASSWORD, csrf_token, login_client, make_user, totp_code

THROTTLED = "Te veel mislukte pogingen"
WRONG = "Het e-mailadres of het wachtwoord klopt niet."
NEW_PASSWORD = "Een nieuw wachtwoord voor de Ruurlose koffieochtend"
_RECOVERY = re.compile(r"\b[a-z2-7]{4}(?:-[a-z2-7]{4}){5}\b")


def _login(client, email, password, **environ):
    token = csrf_token(client)
    return client.post("/staff/login", data={"email": email, "password": password,
                                             "csrf_token": token}, environ_base=environ)


def _live_sessions(user) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(StaffSession).where(
        StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None)))


def _enrol(client, app):
    """Enrol the signed-in (enrolling) user; returns the enrolment response."""
    client.get("/staff/account/2fa")
    secret = db.session.scalars(select(StaffSession.pending_totp_secret)
                                .where(StaffSession.revoked_at.is_(None))
                                .order_by(StaffSession.created_at.desc())).first()
    token = csrf_token(client, "/staff/account/2fa")
    return client.post("/staff/account/2fa", data={
        "action": "enrol", "code": pyotp.TOTP(secret).now(), "csrf_token": token}), secret


# --- finding 1: a second factor for every role ---------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_every_role_must_enrol_a_second_factor_before_anything_else(app, client, role):
    user = make_user(role, totp=False)
    response = _login(client, user.email, PASSWORD)
    assert response.headers["Location"] == "/staff/account/2fa"
    blocked = client.get("/staff/")
    assert blocked.status_code == 302 and blocked.headers["Location"] == "/staff/account/2fa"
    with app.test_request_context("/staff/"):
        assert auth.current_staff() is None


def test_no_role_can_turn_the_second_factor_off(app, staff_login):
    for role in ROLES:
        client = staff_login(role)
        response = client.post("/staff/account/2fa", data={
            "action": "disable", "code": totp_code(app, client.staff_user),
            "csrf_token": csrf_token(client, "/staff/account/2fa")})
        assert response.status_code == 400
        db.session.refresh(client.staff_user)
        assert client.staff_user.totp_secret


def test_totp_secrets_are_encrypted_at_rest(app):
    user = make_user("staff")
    secret = user.totp_secret
    stored = db.session.execute(text("SELECT totp_secret FROM user_account WHERE email = :e"),
                                {"e": user.email}).scalar_one()
    assert stored and secret not in stored and stored != secret
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret
    # With another key the stored value says nothing.
    from cryptography.fernet import Fernet, InvalidToken

    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(stored.encode())


def test_the_encryption_key_comes_from_configuration(app):
    from cryptography.fernet import Fernet

    from app import secrets_at_rest

    key = Fernet.generate_key().decode()
    app.config["TOTP_ENCRYPTION_KEY"] = key
    token = secrets_at_rest.encrypt("JBSWY3DPEHPK3PXP")
    assert Fernet(key.encode()).decrypt(token.encode()) == b"JBSWY3DPEHPK3PXP"
    # A second key (rotation): new values with the first, old ones still readable.
    app.config["TOTP_ENCRYPTION_KEY"] = f"{Fernet.generate_key().decode()},{key}"
    assert secrets_at_rest.decrypt(token) == "JBSWY3DPEHPK3PXP"


def test_rotate_totp_key_re_encrypts_with_the_new_key(app):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app.config["TOTP_ENCRYPTION_KEY"] = old
    user = make_user("manager")
    secret = user.totp_secret
    app.config["TOTP_ENCRYPTION_KEY"] = f"{new},{old}"
    result = app.test_cli_runner().invoke(args=["rotate-totp-key"])
    assert result.exit_code == 0 and "Re-encrypted 1" in result.output, result.output
    stored = db.session.execute(text("SELECT totp_secret FROM user_account")).scalar_one()
    assert Fernet(new.encode()).decrypt(stored.encode()).decode() == secret
    app.config["TOTP_ENCRYPTION_KEY"] = new
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret


def test_enrolment_shows_recovery_codes_once_and_stores_only_their_hashes(app, client):
    user = make_user("staff", totp=False)
    _login(client, user.email, PASSWORD)
    response, _secret = _enrol(client, app)
    assert response.status_code == 200
    codes = _RECOVERY.findall(response.get_data(as_text=True))
    assert len(set(codes)) == 10
    stored = db.session.execute(text("SELECT code_hash FROM recovery_code")).scalars().all()
    assert len(stored) == 10
    for code in codes:
        assert all(code not in value and code.replace("-", "") not in value for value in stored)
    # Shown once: the account page does not show them again.
    again = client.get("/staff/account/2fa").get_data(as_text=True)
    assert not _RECOVERY.search(again)
    assert client.get("/staff/").status_code == 200


def test_a_recovery_code_signs_in_once(app, client):
    user = make_user("editor", totp=False)
    _login(client, user.email, PASSWORD)
    response, _secret = _enrol(client, app)
    code = _RECOVERY.findall(response.get_data(as_text=True))[0]

    def sign_in_with(value):
        other = app.test_client()
        _login(other, user.email, PASSWORD)
        return other, other.post("/staff/login/code", data={
            "code": value, "csrf_token": csrf_token(other, "/staff/login/code")})

    other, first = sign_in_with(code.upper().replace("-", " "))
    assert first.status_code == 302 and first.headers["Location"] == "/staff/"
    assert other.get("/staff/").status_code == 200
    _, second = sign_in_with(code)
    assert second.status_code == 200 and "klopt niet" in second.get_data(as_text=True)
    used = db.session.execute(text("SELECT count(*) FROM recovery_code WHERE used_at IS NOT NULL"))
    assert used.scalar_one() == 1


def test_an_admin_resets_a_second_factor_and_the_reset_is_audited(app, staff_login):
    admin = staff_login("admin")
    colleague = staff_login("staff")
    user = colleague.staff_user
    page = admin.get("/staff/admin/users").get_data(as_text=True)
    assert f"/staff/admin/users/{user.id}/reset-2fa" in page
    response = admin.post(f"/staff/admin/users/{user.id}/reset-2fa",
                          data={"csrf_token": csrf_token(admin, "/staff/admin/users")})
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.totp_secret is None and user.totp_last_step is None
    assert _live_sessions(user) == 0
    assert colleague.get("/staff/").status_code == 302
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "reset_2fa")).one()
    assert entry.user_id == admin.staff_user.id and entry.object_id == str(user.id)
    # The next sign-in enrols a new second factor.
    again = app.test_client()
    assert _login(again, user.email, PASSWORD).headers["Location"] == "/staff/account/2fa"


def test_only_admins_reset_a_second_factor(app, staff_login):
    manager = staff_login("manager")
    other = make_user("staff")
    response = manager.post(f"/staff/admin/users/{other.id}/reset-2fa",
                            data={"csrf_token": csrf_token(manager, "/staff/")})
    assert response.status_code == 403
    db.session.refresh(other)
    assert other.totp_secret


# --- finding 10: passwords -------------------------------------------------------------------

GUESSABLE = ("aaaaaaaaaaaa", "123456789012", "passwordpassword", "wachtwoord12", "Berkelland2026!")


def test_admin_cannot_give_a_new_account_a_guessable_password(app, staff_login):
    admin = staff_login("admin")
    for number, password in enumerate(GUESSABLE):
        response = admin.post("/staff/admin/users", data={
            "email": f"nieuw{number}@voormekaar.test", "display_name": "Nieuw", "role": "staff",
            "password": password, "csrf_token": csrf_token(admin, "/staff/admin/users")})
        assert response.status_code == 422, password
        assert "te makkelijk te raden" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_the_command_line_refuses_the_same_guessable_passwords(app):
    runner = app.test_cli_runner()
    for password in GUESSABLE:
        result = runner.invoke(args=["create-user", "cli@voormekaar.test", "--role", "staff"],
                               input=f"{password}\n{password}\n")
        assert result.exit_code != 0 and "too easy to guess" in result.output, password
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_signed_in_user_changes_their_password_with_the_current_one(app, staff_login):
    client = staff_login("staff")
    user = client.staff_user
    elsewhere = app.test_client()
    login_client(elsewhere, user)
    page = client.get("/staff/account/password")
    assert page.status_code == 200
    token = csrf_token(client, "/staff/account/password")

    def change(current, new, repeat=None):
        return client.post("/staff/account/password", data={
            "current_password": current, "new_password": new,
            "new_password_repeat": new if repeat is None else repeat, "csrf_token": token})

    assert change("not my password", NEW_PASSWORD).status_code == 422
    assert change(PASSWORD, "aaaaaaaaaaaa").status_code == 422
    assert change(PASSWORD, NEW_PASSWORD, "something else entirely").status_code == 422
    db.session.refresh(user)
    assert user.check_password(PASSWORD)

    done = change(PASSWORD, NEW_PASSWORD)
    assert done.status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    # This browser stays signed in; every other session of the user has ended.
    assert client.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 302
    assert _live_sessions(user) == 1
    assert _login(app.test_client(), user.email, PASSWORD).status_code == 200
    assert _login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_sign_out_everywhere_ends_every_session_of_the_user(app, staff_login, clock):
    client = staff_login("editor")
    user = client.staff_user
    others = [app.test_client() for _ in range(2)]
    for other in others:
        clock.advance(seconds=30)  # a TOTP code is good once: the next sign-in needs the next
        login_client(other, user)
    bystander = staff_login("editor")
    assert _live_sessions(user) == 3
    response = client.post("/staff/logout/everywhere",
                           data={"csrf_token": csrf_token(client, "/staff/")})
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    assert _live_sessions(user) == 0
    for each in (client, *others):
        assert each.get("/staff/").status_code == 302
    assert bystander.get("/staff/").status_code == 200


# --- finding 11: throttling per account and per address, without a race --------------------

def test_failures_on_one_account_do_not_lock_the_office_address(app, client):
    unlucky = make_user("staff")
    colleague = make_user("staff")
    for attempt in range(5):
        _login(client, unlucky.email, f"wrong {attempt}", REMOTE_ADDR="192.0.2.7")
    assert _login(client, unlucky.email, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 429
    assert _login(app.test_client(), colleague.email, PASSWORD,
                  REMOTE_ADDR="192.0.2.7").status_code == 302


def test_an_address_has_its_own_higher_limit(app, client):
    app.config["STAFF_LOGIN_MAX_FAILURES_PER_ADDRESS"] = 8
    user = make_user("staff")
    for number in range(8):
        assert WRONG in _login(client, f"gok{number}@voormekaar.test", "wrong",
                               REMOTE_ADDR="192.0.2.9").get_data(as_text=True)
    assert _login(client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 429
    assert _login(app.test_client(), user.email, PASSWORD,
                  REMOTE_ADDR="192.0.2.10").status_code == 302


def test_parallel_wrong_passwords_are_checked_at_most_the_limit(app, monkeypatch):
    email = make_user("staff").email
    limit = app.config.get("STAFF_LOGIN_MAX_FAILURES", 5)
    checks = []
    real_check = auth.check_credentials

    def slow_check(email, password):
        checks.append(email)
        time.sleep(0.05)  # widen the window between the check and the count
        return real_check(email, password)

    monkeypatch.setattr(auth, "check_credentials", slow_check)
    clients = [app.test_client() for _ in range(30)]
    tokens = [csrf_token(each) for each in clients]
    barrier = threading.Barrier(len(clients))
    statuses, errors = [], []

    def attempt(number):
        try:
            barrier.wait()
            response = clients[number].post("/staff/login", data={
                "email": email, "password": f"wrong {number}", "csrf_token": tokens[number]},
                environ_base={"REMOTE_ADDR": f"10.9.0.{number + 1}"})
            statuses.append(response.status_code)
        except Exception:  # noqa: BLE001 - reported below
            import traceback

            errors.append(traceback.format_exc())

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors[0]
    assert len(statuses) == 30 and set(statuses) <= {200, 429}
    assert len(checks) <= limit, f"{len(checks)} password checks with a limit of {limit}"
    assert statuses.count(429) >= 30 - limit


# --- finding 12 (part): next= cannot be bent ------------------------------------------------

BENT = ("/staff/\n//evil.example", "/staff/\r\nSet-Cookie: x=1", "/staff/\t//evil.example",
        "/staff/\x00", "/staff/\x7f", "/staff/\u2028//evil.example", "\\\\evil.example",
        "/staff/\\evil.example", "/\\evil.example", "//evil.example/staff/",
        "https://evil.example/staff/", "javascript:alert(1)//staff/", "/staff/../zoeken",
        "/staff/%2e%2e/zoeken", " /staff/", "/zoeken")


def test_next_refuses_control_characters_and_redirect_tricks(app, client):
    for target in BENT:
        assert auth.safe_next(target) is None, repr(target)
    assert auth.safe_next("/staff/casussen?pagina=2") == "/staff/casussen?pagina=2"


def test_a_control_character_in_next_does_not_break_signing_in(app, client):
    """A raw control character is refused by the request hook before anything happens (400,
    no session); one that arrives percent-encoded (``%250A``) reaches ``safe_next``, which
    refuses it: signing in goes on, to the staff home page."""
    user = make_user("staff")
    sessions = db.session.query(StaffSession).count()
    assert client.get("/staff/login?next=/staff/%0A//evil.example").status_code == 400
    token = csrf_token(client)
    refused = client.post("/staff/login?next=/staff/%0A//evil.example", data={
        "email": user.email, "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 400
    assert db.session.query(StaffSession).count() == sessions

    assert client.get("/staff/login?next=/staff/%250A//evil.example").status_code == 200
    response = client.post("/staff/login?next=/staff/%250A//evil.example", data={
        "email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]
    token = csrf_token(client, "/staff/login/code")
    done = client.post("/staff/login/code?next=/staff/%250A//evil.example", data={
        "code": totp_code(app, user), "csrf_token": token})
    assert done.status_code == 302 and done.headers["Location"] == "/staff/"


# --- the migration encrypts the plain secrets already stored ----------------------------------

def test_the_migration_encrypts_existing_plain_totp_secrets(tmp_path, database_url):
    import uuid

    from flask_migrate import downgrade, upgrade

    from tests.conftest import make_app

    app = make_app(tmp_path, database_url)
    secret = pyotp.random_base32()
    user_id = uuid.uuid4()
    with app.app_context():
        upgrade(revision="c45e0010rulerecord")
        import sqlalchemy as sa

        users = sa.table("user_account", *(sa.column(name) for name in (
            "email", "password_hash", "role", "is_active", "totp_secret")),
            sa.column("id", sa.Uuid()), sa.column("created_at", sa.DateTime(timezone=True)),
            sa.column("last_modified", sa.DateTime(timezone=True)))
        with db.engine.begin() as connection:
            connection.execute(users.insert().values(
                id=user_id, email="oud@voormekaar.test", password_hash="x", role="staff",
                is_active=True, totp_secret=secret, created_at=auth.datetime.now(auth.UTC),
                last_modified=auth.datetime.now(auth.UTC)))
        upgrade()
        stored = db.session.execute(text("SELECT totp_secret FROM user_account")).scalar_one()
        assert stored.startswith("gAAAAA") and secret not in stored
        assert db.session.get(User, user_id).totp_secret == secret
        db.session.remove()
        downgrade(revision="c45e0010rulerecord")
        plain = db.session.execute(text("SELECT totp_secret FROM user_account")).scalar_one()
        assert plain == secret
        db.session.remove()
        db.engine.dispose()
