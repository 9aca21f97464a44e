"""Request hygiene (#14, findings 9 and 12): control characters are refused with a 400 (JSON
under /api/, a plain page elsewhere) on SQLite and PostgreSQL; every /api/ error is JSON;
an oversized body gets a 413 page; a database that cannot be reached gives 503, not 500."""

from __future__ import annotations

import json

import pytest

from app.extensions import db
from tests.conftest import make_app
from tests.staff.conftest import csrf_token, staff_login  # noqa: F401  (a fixture)

CONTROL_PAGE = "Dit kunnen we niet lezen"


def _api_json(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:300]
    body = json.loads(response.get_data(as_text=True))
    assert body["status"] == status
    return body


def _control_page(response) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code == 400, text[:300]
    assert response.mimetype == "text/html"
    assert CONTROL_PAGE in text and "Traceback" not in text


@pytest.mark.parametrize("url", [
    "/zoeken?kern=%00", "/zoeken?q=fiets%00", "/zoeken?q=a%01b", "/zoeken?leefgebied=%00",
    "/voorziening/%00", "/zoeken?%00=1",
])
def test_control_characters_in_pages_are_refused(client, url):
    _control_page(client.get(url))


@pytest.mark.parametrize("url", [
    "/api/v1/organizations?search=%00", "/api/v1/services?search=zorg%00",
    "/api/v1/services?taxonomy_term_id=%00", "/api/v1/services/%00", "/api/v1/taxonomies?x=%1b",
])
def test_control_characters_in_the_api_are_refused_as_json(client, url):
    _api_json(client.get(url), 400)


def test_control_characters_in_form_fields_and_json_bodies(client):
    token = csrf_token(client)
    _control_page(client.post("/staff/login", data={
        "email": "a\x00@voormekaar.test", "password": "x", "csrf_token": token}))
    _control_page(client.post("/staff/login", data={
        "email": "a@voormekaar.test\x0b", "password": "x", "csrf_token": token}))
    _api_json(client.post("/api/v1/services", json={"naam": "a\x00b"}), 400)
    # tab, CR and LF are text in a form field: not refused (the sign-in just fails)
    response = client.post("/staff/login", data={
        "email": "a@voormekaar.test", "password": "regel\r\nregel\tnog", "csrf_token": token})
    assert response.status_code != 400 or CONTROL_PAGE not in response.get_data(as_text=True)


def test_control_characters_in_staff_forms(app, staff_login):  # noqa: F811  (the fixture)
    editor = staff_login("editor")
    _control_page(editor.get("/staff/redactie/?q=%00"))
    coach = staff_login("staff")
    token = csrf_token(coach, "/staff/casussen/nieuw")
    _control_page(coach.post("/staff/casussen/nieuw", data={
        "csrf_token": token, "initials": "A.B.", "kern": "borculo",
        "question": "Hulp bij\x00 de administratie", "own_strength": "",
    }))


def test_every_api_error_is_json(app):
    client = app.test_client()
    _api_json(client.get("/api/v1/bestaat-niet"), 404)
    _api_json(client.get("/api/v1/services/bestaat-niet"), 404)
    _api_json(client.post("/api/v1/services"), 405)
    _api_json(client.delete("/api/v1/organizations"), 405)

    def broken():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.view_functions["api.taxonomies"] = broken
    body = _api_json(client.get("/api/v1/taxonomies"), 500)
    assert "boom" not in json.dumps(body)


def test_oversized_body_gets_a_413_page(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    response = client.post("/zoeken", data={"q": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Te groot om te versturen" in response.get_data(as_text=True)
    response = client.post("/api/v1/services", data="x" * (2 * 1024 * 1024),
                           content_type="application/json")
    _api_json(response, 413)


def test_max_request_size_comes_from_config(tmp_path):
    from app.config import Config, ConfigError

    config = Config.from_env(tmp_path, {"MAX_REQUEST_KB": "64", "SECRET_KEY": "k" * 40})
    assert config.as_flask_config()["MAX_CONTENT_LENGTH"] == 64 * 1024
    with pytest.raises(ConfigError, match="MAX_REQUEST_KB"):
        Config.from_env(tmp_path, {"MAX_REQUEST_KB": "veel", "SECRET_KEY": "k" * 40})


@pytest.mark.parametrize("url_of", [
    lambda tmp: f"sqlite:///{tmp / 'geen-map' / 'nergens' / 'x.db'}",
    lambda tmp: "postgresql://postgres@127.0.0.1:1/nergens",
], ids=["sqlite-unopenable", "postgres-unreachable"])
def test_database_gone_gives_503(tmp_path, url_of):
    app = make_app(tmp_path, url_of(tmp_path), PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    for url in ("/", "/zoeken?q=fiets", "/zoeken?kern=borculo"):
        response = client.get(url)
        text = response.get_data(as_text=True)
        assert response.status_code == 503, (url, text[:300])
        assert "De site is even niet beschikbaar" in text and "Traceback" not in text
        assert response.headers["Retry-After"]
    for url in ("/api/v1/services", "/api/v1/organizations"):
        _api_json(client.get(url), 503)
    token = csrf_token(client)
    response = client.post("/staff/login", data={"email": "a@voormekaar.test", "password": "x",
                                                 "csrf_token": token})
    assert response.status_code == 503
    with app.app_context():
        db.engine.dispose()
