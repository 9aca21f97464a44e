"""A staff member sees where they are signed in and ends any of those sessions, or all
others (ASVS 7.5.2); an admin ends a user's sessions or everyone's (7.4.5).

Real sign-ins through the forms, each test client a "device" with its own User-Agent; the
sessions are the server-side ``StaffSession`` rows, so an ended session is refused on its
very next request, whichever worker answers it.
"""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, StaffSession
from app.staff.auth import device_summary
from tests.staff.conftest import PASSWORD, csrf_token, login_client, make_user

FIREFOX_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 "
                   "Firefox/133.0")
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1")
EDGE_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36")


def device(app, user, agent: str):
    """A test client with its own User-Agent, signed in as ``user``."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    client.environ_base["REMOTE_ADDR"] = "192.0.2.44"
    login_client(client, user)
    return client


def signed_in(client) -> bool:
    response = client.get("/staff/")
    return response.status_code == 200


def session_ids(page: str) -> list[str]:
    return re.findall(r'name="sessie" value="([0-9a-f-]{36})"', page)


def end(client, choice: str, password: str = PASSWORD):
    return client.post("/staff/account/sessions", data={
        "sessie": choice, "password": password,
        "csrf_token": csrf_token(client, "/staff/account/sessions")})


@pytest.mark.parametrize(("agent", "summary"), [
    (FIREFOX_WINDOWS, "Firefox, Windows"), (SAFARI_IPHONE, "Safari, iOS"),
    (EDGE_WINDOWS, "Edge, Windows"), (CHROME_ANDROID, "Chrome, Android"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.6 Safari/605.1.15", "Safari, macOS"),
    ("curl/8.5.0", None), ("", None), (None, None)])
def test_the_device_is_summarised_as_browser_and_system_only(agent, summary):
    assert device_summary(agent) == summary


def test_a_user_sees_their_sessions_and_ends_another_one(app):
    user = make_user("staff")
    laptop = device(app, user, FIREFOX_WINDOWS)
    phone = device(app, user, SAFARI_IPHONE)
    other = device(app, make_user("staff"), EDGE_WINDOWS)  # someone else's: never listed

    page = laptop.get("/staff/account/sessions").get_data(as_text=True)
    assert "Firefox, Windows <strong>(dit apparaat)</strong>" in page
    assert "Safari, iOS" in page and "Edge" not in page
    assert "192.0.2.44" not in page                          # no addresses shown …
    rows = db.session.scalars(select(StaffSession).where(StaffSession.user_id == user.id)).all()
    stored = " ".join(str(value) for row in rows for value in vars(row).values())
    assert "192.0.2.44" not in stored and "Gecko" not in stored   # … nor stored
    ids = session_ids(page)
    assert len(ids) == 2
    phone_id = next(i for i in ids if db.session.get(StaffSession, uuid.UUID(i)).device
                    == "Safari, iOS")

    # Ending a session needs the password again.
    refused = end(laptop, phone_id, password="niet mijn wachtwoord")
    assert refused.status_code == 422
    assert "Dit is niet uw huidige wachtwoord" in refused.get_data(as_text=True)
    assert signed_in(phone)

    ended = end(laptop, phone_id)
    assert ended.status_code == 302
    assert "melding=beeindigd" in ended.headers["Location"]
    assert not signed_in(phone)                               # the phone must sign in again
    assert signed_in(laptop) and signed_in(other)
    after = laptop.get(ended.headers["Location"]).get_data(as_text=True)
    assert "Safari, iOS" not in after and "De sessie is beëindigd" in after
    db.session.expire_all()
    assert "session_ended" in db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.user_id == user.id)).all()


def test_ending_all_other_sessions_keeps_this_one(app, clock):
    user = make_user("editor")
    here = device(app, user, FIREFOX_WINDOWS)
    elsewhere = []
    for agent in (SAFARI_IPHONE, CHROME_ANDROID):
        clock.advance(seconds=30)  # a TOTP code is good once: the next sign-in, the next code
        elsewhere.append(device(app, user, agent))
    assert len(session_ids(here.get("/staff/account/sessions").get_data(as_text=True))) == 3
    response = end(here, "andere")
    assert response.status_code == 302
    assert signed_in(here)
    assert not any(signed_in(client) for client in elsewhere)
    page = here.get(response.headers["Location"]).get_data(as_text=True)
    assert len(session_ids(page)) == 1 and "Al uw andere sessies zijn beëindigd" in page


def test_ending_this_session_signs_out(app):
    user = make_user("staff")
    laptop = device(app, user, FIREFOX_WINDOWS)
    own = session_ids(laptop.get("/staff/account/sessions").get_data(as_text=True))[0]
    response = end(laptop, own)
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    assert not signed_in(laptop)


def test_nobody_ends_another_users_session(app):
    victim = device(app, make_user("staff"), SAFARI_IPHONE)
    victim_id = session_ids(victim.get("/staff/account/sessions").get_data(as_text=True))[0]
    attacker = device(app, make_user("staff"), FIREFOX_WINDOWS)
    assert end(attacker, victim_id).status_code == 404
    assert signed_in(victim)
    assert end(attacker, "geen-id").status_code == 400
    no_csrf = attacker.post("/staff/account/sessions", data={"sessie": "andere",
                                                            "password": PASSWORD})
    assert no_csrf.status_code in (400, 403) and signed_in(victim)


def test_an_expired_session_is_not_listed(app, clock):
    user = make_user("staff")
    old = device(app, user, SAFARI_IPHONE)
    clock.advance(minutes=app.config["STAFF_IDLE_MINUTES"] + 1)
    fresh = device(app, user, FIREFOX_WINDOWS)
    page = fresh.get("/staff/account/sessions").get_data(as_text=True)
    assert "Safari" not in page and len(session_ids(page)) == 1
    assert not signed_in(old)


def test_an_admin_ends_one_users_sessions_or_everyones(app):
    admin_user = make_user("admin")
    admin = device(app, admin_user, FIREFOX_WINDOWS)
    admin_elsewhere = device(app, admin_user, SAFARI_IPHONE)
    anna_user = make_user("staff")
    anna = [device(app, anna_user, agent) for agent in (EDGE_WINDOWS, CHROME_ANDROID)]
    bert = device(app, make_user("editor"), FIREFOX_WINDOWS)

    listing = admin.get("/staff/admin/users").get_data(as_text=True)
    assert f"/staff/admin/users/{anna_user.id}/end-sessions" in listing
    response = admin.post(f"/staff/admin/users/{anna_user.id}/end-sessions",
                          data={"csrf_token": csrf_token(admin, "/staff/admin/users")})
    assert response.status_code == 302
    assert not any(signed_in(client) for client in anna)
    assert signed_in(bert) and signed_in(admin) and signed_in(admin_elsewhere)
    assert "Alle sessies van deze gebruiker zijn beëindigd" in admin.get(
        response.headers["Location"]).get_data(as_text=True)

    # Only an admin may: anyone else gets 403 and nothing ends.
    assert bert.post(f"/staff/admin/users/{admin_user.id}/end-sessions",
                     data={"csrf_token": csrf_token(bert)}).status_code == 403
    assert bert.post("/staff/admin/sessions/end-all",
                     data={"csrf_token": csrf_token(bert)}).status_code == 403
    assert signed_in(admin_elsewhere)

    response = admin.post("/staff/admin/sessions/end-all",
                          data={"csrf_token": csrf_token(admin, "/staff/admin/users")})
    assert response.status_code == 302
    assert signed_in(admin)
    assert not signed_in(bert) and not signed_in(admin_elsewhere)
    db.session.expire_all()
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.user_id == admin_user.id)).all()
    assert "sessions_ended" in actions and "all_sessions_ended" in actions


def test_an_admin_reset_of_the_second_factor_ends_the_users_sessions(app):
    admin = device(app, make_user("admin"), FIREFOX_WINDOWS)
    user = make_user("staff")
    phone = device(app, user, SAFARI_IPHONE)
    assert "1</td>" in admin.get("/staff/admin/users").get_data(as_text=True)
    response = admin.post(f"/staff/admin/users/{user.id}/reset-2fa",
                          data={"csrf_token": csrf_token(admin, "/staff/admin/users")})
    assert response.status_code == 302
    assert not signed_in(phone)
    db.session.expire_all()
    assert db.session.scalars(select(StaffSession).where(
        StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None))).all() == []
