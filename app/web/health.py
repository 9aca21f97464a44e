"""Health and readiness, for the load balancer, systemd and monitoring.

* ``GET /healthz`` — the process is alive and answers; touches nothing else (no database),
  so a slow database never gets a healthy worker restarted.
* ``GET /readyz`` — the worker can serve: a trivial query on the database and a trivial
  search on the search backend.  200 with ``{"database": "ok", "search": "ok"}``, or 503
  with ``"failed"`` for what did not answer (the reason goes to the log, not the response).

Both answer JSON, set no cookie and are never cached.
"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from app.extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz():
    return _no_store(jsonify(status="ok"))


def check_database() -> None:
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1")).scalar_one()


def check_search() -> None:
    from app.services import search_engine
    from search.interface import SearchQuery

    search_engine().search(SearchQuery(text="zorg", limit=1, with_facets=False))


@bp.get("/readyz")
def readyz():
    checks = {"database": check_database, "search": check_search}
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            log.error("readiness check failed: %s: %s", name, type(exc).__name__)
            results[name] = "failed"
        else:
            results[name] = "ok"
    response = jsonify(results)
    response.status_code = 200 if all(v == "ok" for v in results.values()) else 503
    return _no_store(response)
