"""JSON log lines: request id, method, path, status, duration — never personal data.

A search for a personal-looking query and a staff sign-in (failed and successful) go
through the app; every line the JSON formatter writes is then checked.
"""

from __future__ import annotations

import io
import json
import logging
from urllib.parse import quote

import pytest

from app import logging_setup
from tests.staff.conftest import csrf_token, make_user

PERSONAL = "mevrouw De Vries Kerkstraat 4 schulden"


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging_setup.configure_logging("json", stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_search_and_login_leave_no_personal_data_in_the_log(app, client, json_log):
    user = make_user("editor", email="w.de.vries@voormekaar.test", password="Geheim-Wachtwoord-42")
    client.get("/zoeken?q=" + quote(PERSONAL) + "&kern=rekken",
               environ_base={"REMOTE_ADDR": "203.0.113.77"})
    token = csrf_token(client)
    client.post("/staff/login", data={"email": user.email, "password": "verkeerd-wachtwoord",
                                      "csrf_token": token},
                environ_base={"REMOTE_ADDR": "203.0.113.77"})
    response = client.post("/staff/login", data={"email": user.email,
                                                 "password": "Geheim-Wachtwoord-42",
                                                 "csrf_token": token},
                           environ_base={"REMOTE_ADDR": "203.0.113.77"},
                           headers={"X-Request-ID": "nginx-0123456789abcdef"})
    assert response.status_code == 302
    assert response.headers["X-Request-ID"] == "nginx-0123456789abcdef"

    text = json_log.getvalue()
    for word in ("Vries", "Kerkstraat", "schulden", "w.de.vries", "voormekaar.test",
                 "Geheim-Wachtwoord", "verkeerd-wachtwoord", "203.0.113", "q=", "rekken"):
        assert word not in text, word
    records = [json.loads(line) for line in text.splitlines()]
    requests = [r for r in records if r["logger"] == logging_setup.REQUEST_LOGGER]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/zoeken", 200), ("GET", "/staff/login", 200), ("POST", "/staff/login", 200),
        ("POST", "/staff/login", 302)]
    assert all(isinstance(r["duration_ms"], float) for r in requests)
    assert requests[-1]["request_id"] == "nginx-0123456789abcdef"
    # The security log's lines of the same request carry the same id.
    assert any(r["logger"] == "berkellandwijzer.security" and
               r.get("request_id") == "nginx-0123456789abcdef" for r in records)


def test_a_strange_request_id_is_replaced(client, json_log):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id <script> j.jansen@example.nl"})
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32 and "jansen" not in json_log.getvalue()
    record = json.loads(json_log.getvalue().splitlines()[-1])
    assert record["request_id"] == request_id and record["path"] == "/healthz"


def test_text_format_is_the_default(tmp_path):
    from app.config import Config

    assert Config.from_env(tmp_path, env={"SECRET_KEY": "k" * 40}).LOG_FORMAT == "text"
    from app.config import ConfigError

    with pytest.raises(ConfigError, match="LOG_FORMAT='xml'"):
        Config.from_env(tmp_path, env={"SECRET_KEY": "k" * 40, "LOG_FORMAT": "xml"})
