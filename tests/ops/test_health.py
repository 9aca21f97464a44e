"""/healthz (alive, no database) and /readyz (database and search answer)."""

from __future__ import annotations

from app.web import health


def test_healthz_answers_while_the_database_is_down(client, monkeypatch):
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import OperationalError

    def no_database(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database down"))

    monkeypatch.setattr(Engine, "connect", no_database)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_readyz_checks_database_and_search(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "search": "ok"}
    assert "Set-Cookie" not in response.headers


def test_readyz_names_what_failed(client, monkeypatch, caplog):
    def broken():
        raise OSError("index folder gone")

    monkeypatch.setattr(health, "check_search", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "search": "failed"}
    assert "readiness check failed: search: OSError" in caplog.text


def test_readyz_reports_a_database_that_does_not_answer(client, monkeypatch):
    def broken():
        raise ConnectionError("no database")

    monkeypatch.setattr(health, "check_database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "failed", "search": "ok"}
    assert response.headers["X-Request-ID"]
