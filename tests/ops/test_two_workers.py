"""Stateless workers: two gunicorn processes (one worker each, two ports) on one database.

Two separate processes make "the other worker" deterministic: whatever one process keeps
in its memory the other cannot see, so everything that works across them is shared through
the database (or the search index on disk).  Proven over real HTTP, on SQLite and, when
TEST_POSTGRES_URL is set, PostgreSQL:

* a staff login made through A is honoured by B, and a logout through B ends it on A;
* the login throttle and the "Meld een wijziging" limit count requests to both;
* an editor's change saved through B (EDITOR_REVIEW_REQUIRED=0) is on A's public page and in
  A's search results at once, although A had that search in the shared page cache (Redis);
* a thesaurus concept an editor adds through A is used by B's search within
  SYNONYM_RECHECK_SECONDS (1 s here), past B's cached page for the same words;
* the JSON request log of both holds none of the personal words that went in.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import quote

import pyotp
import pytest

from tests.editor.conftest import parse_form
from tests.ops.servers import Browser, Server, prepare_site

EMAIL = "redacteur.ops@voormekaar.test"
PASSWORD = "Correct-Paard-Batterij-Niet"  # noqa: S105 - a test account
PERSONAL_QUERY = "Jansen Dorpsstraat 12 depressie"


@pytest.fixture
def two_servers(tmp_path, database_url, demo_db_file, redis_url):
    from app import page_cache

    env = prepare_site(tmp_path, database_url, demo_db_file)
    env.update(EDITOR_REVIEW_REQUIRED="0", LOG_FORMAT="json", STAFF_LOGIN_MAX_FAILURES="3",
               REPORT_RATE_LIMIT="3", CACHE_URL=redis_url, SYNONYM_RECHECK_SECONDS="1")
    # A database reused by an earlier test (PostgreSQL): nothing cached from that one.
    page_cache.forget(redis_url, env["DATABASE_URL"])
    a = Server(env, tmp_path / "a.log")
    try:
        b = Server(env, tmp_path / "b.log")
    except Exception:
        a.stop()
        raise
    servers = {"a": a, "b": b, "env": env, "logs": {}}
    yield servers
    for name in ("a", "b"):
        servers["logs"][name] = servers[name].stop()


def _login(browser: Browser, port: int, email: str = EMAIL, password: str = PASSWORD):
    token = browser.csrf(port, "/staff/login")
    return browser.post(port, "/staff/login",
                        {"email": email, "password": password, "csrf_token": token})


def _second_factor(browser: Browser, port: int, code: str):
    token = browser.csrf(port, "/staff/login/code")
    return browser.post(port, "/staff/login/code", {"code": code, "csrf_token": token})


def test_two_workers_share_sessions_limits_and_edits(two_servers):
    a, b = two_servers["a"].port, two_servers["b"].port
    service_id = two_servers["env"]["SERVICE_ID"]
    assert two_servers["a"].process.pid != two_servers["b"].process.pid

    # --- a login through A is honoured by B; a logout through B ends it on A -------------
    anna = Browser()
    status, headers, _ = _login(anna, a)
    assert status == 302 and headers["Location"].startswith("/staff/login/code"), status
    env = two_servers["env"]
    status, headers, _ = _second_factor(anna, b, pyotp.TOTP(env["EDITOR_TOTP_SECRET"]).now())
    assert status == 302 and headers["Location"].endswith("/staff/"), status
    status, _, body = anna.get(b, "/staff/")
    assert status == 200 and "Ops Redacteur" in body
    token = anna.csrf(b, "/staff/")
    status, _, _ = anna.post(b, "/staff/logout", {"csrf_token": token})
    assert status in (302, 303)
    status, headers, _ = anna.get(a, "/staff/")
    assert status == 302 and "/staff/login" in headers["Location"]

    # --- an editor's change through B is seen by A (page and search) ------------------------
    status, _, body = anna.get(a, "/zoeken?q=zwaluwstaarthulp")  # now in A's page cache
    assert status == 200 and service_id not in body
    status, _, _ = _login(anna, a)
    assert status == 302
    # The TOTP code of a moment ago is good once: a recovery code, also good once.
    status, _, _ = _second_factor(anna, a, env["EDITOR_RECOVERY_CODES"].split(",")[0])
    assert status == 302
    url = f"/staff/redactie/voorzieningen/{service_id}"
    status, _, html = anna.get(b, url)
    assert status == 200
    form = parse_form(html)
    form["name"] = ["Zwaluwstaarthulp voor de tweewerkerstest"]
    form["actie"] = ["opslaan"]
    form["csrf_token"] = [anna.csrf(b, "/staff/")]
    status, _, body = anna.post(b, url, form)
    assert status == 302, body[:2000]
    status, _, body = anna.get(a, f"/voorziening/{service_id}")
    assert status == 200 and "Zwaluwstaarthulp voor de tweewerkerstest" in body
    status, _, body = anna.get(a, "/zoeken?q=zwaluwstaarthulp")
    assert status == 200 and service_id in body

    # --- a personal-looking search (its words must not reach the log) -----------------------
    status, _, _ = Browser().get(a, "/zoeken?q=" + quote(PERSONAL_QUERY))
    assert status == 200

    # --- "Meld een wijziging": the limit (3) counts posts to both --------------------------
    resident = Browser()
    report_url = f"/voorziening/{service_id}/melden"
    statuses = []
    for port in (a, b, a, b):
        token = resident.csrf(port, report_url)
        # the honeypot filled in: refused, and counted, without waiting for the form timer
        status, _, _ = resident.post(port, report_url, {
            "csrf_token": token, "kind": "other", "message": "x", "website": "spam"})
        statuses.append(status)
    assert statuses == [400, 400, 400, 429]

    # --- login throttle (3 failures): failures through A and B add up ----------------------
    robot = Browser()
    statuses = [_login(robot, port, password="fout-wachtwoord")[0] for port in (a, b, a)]
    assert statuses == [200, 200, 200]
    status, _, _ = _login(robot, b)  # even the right password: refused now
    assert status == 429


def test_a_thesaurus_concept_added_through_one_worker_is_used_by_the_other(two_servers):
    a, b = two_servers["a"].port, two_servers["b"].port
    service_id = two_servers["env"]["SERVICE_ID"]
    resident = Browser()
    status, _, body = resident.get(b, "/zoeken?q=zwoerdbrommer")  # cached by B: no results
    assert status == 200 and service_id not in body

    anna = Browser()
    assert _login(anna, a)[0] == 302
    code = pyotp.TOTP(two_servers["env"]["EDITOR_TOTP_SECRET"]).now()
    assert _second_factor(anna, a, code)[0] == 302
    status, _, body = anna.get(a, f"/voorziening/{service_id}")
    name = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1)
    longest = max(re.findall(r"[^\W\d_]+", name), key=len).lower()
    token = anna.csrf(a, "/staff/redactie/zoekwoorden/nieuw")
    status, _, _ = anna.post(a, "/staff/redactie/zoekwoorden/nieuw",
                             {"text": f"= zwoerdbrommer\nleefgebied: sociaal-netwerk\n"
                                      f"nl: zwoerdbrommer\nvak: {longest}", "csrf_token": token})
    assert status == 302

    deadline = time.monotonic() + 10  # B looks for new groups every second
    found = False
    while not found and time.monotonic() < deadline:
        time.sleep(0.5)
        status, _, body = resident.get(b, "/zoeken?q=zwoerdbrommer")
        found = status == 200 and service_id in body
    assert found, "B never used the thesaurus concept added through A"


def test_logs_of_both_workers_hold_no_personal_data(two_servers):
    """Runs the same traffic's personal parts, then reads both servers' JSON log lines."""
    a, b = two_servers["a"].port, two_servers["b"].port
    Browser().get(a, "/zoeken?q=" + quote(PERSONAL_QUERY))
    Browser().get(b, "/zoeken?q=" + quote(PERSONAL_QUERY) + "&kern=neede")
    _login(Browser(), b)
    _login(Browser(), a, password="fout-wachtwoord")
    for name in ("a", "b"):
        two_servers["logs"][name] = two_servers[name].stop()
    request_lines = 0
    for name in ("a", "b"):
        text = two_servers["logs"][name]
        for word in ("Jansen", "Dorpsstraat", "depressie", EMAIL, "redacteur.ops", PASSWORD,
                     "fout-wachtwoord", "q=", "kern=neede"):
            assert word not in text, (name, word)
        for line in text.splitlines():
            if not line.startswith("{"):
                continue  # gunicorn's own start/stop lines
            record = json.loads(line)
            assert "127.0.0.1" not in line
            if record["logger"] == "berkellandwijzer.request":
                request_lines += 1
                assert set(record) == {"time", "level", "logger", "message", "request_id",
                                       "method", "path", "status", "duration_ms"}
                assert "?" not in record["path"]
                assert re.fullmatch(r"[0-9a-f]{32}", record["request_id"])
    assert request_lines >= 6
