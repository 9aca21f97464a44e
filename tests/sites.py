"""The one fixture factory: a real Berkellandwijzer site on a real database, for any test.

``site(database, base, demo=True)`` yields the application inside its app context, with

* ``database="sqlite"``: a copy of the session's demo file (built once per test session), or
  an empty file;
* ``database="postgres"``: a database of its own, cloned from a template that holds the demo
  map (``CREATE DATABASE … TEMPLATE``: a fraction of a second, where emptying the schema and
  loading the demo took seconds), or an empty database.

PostgreSQL is the server of ``TEST_POSTGRES_URL``; this module creates its databases beside
that one (the URL's name plus a suffix; the pytest-xdist worker's name when there is one) and
drops them again.  Outside CI a missing ``TEST_POSTGRES_URL`` skips a PostgreSQL test; in CI
(``CI=true``) it fails it, so PostgreSQL is never silently untested.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SECRET = "test-secret-key-not-for-production-0123456789"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(what: str, reason: str) -> None:
    """Skip (on a developer's machine) or fail (in CI) a test that lacks ``what``."""
    if in_ci():
        pytest.fail(f"{what} is missing in CI: {reason}")
    pytest.skip(reason)


def need_postgres() -> str:
    if not POSTGRES_URL:
        need("PostgreSQL", "TEST_POSTGRES_URL is not set: the PostgreSQL variant is not tested")
    return POSTGRES_URL  # type: ignore[return-value]


def make_app(tmp_path: Path, database_url: str, **overrides: Any):
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SEARCH_BACKEND": "memory",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": SECRET,
    }
    config.update(overrides)
    return create_app(config)


# --- SQLite: one demo file per session ----------------------------------------------------

_SQLITE_DEMO: dict[str, Path] = {}


def sqlite_demo_file() -> Path:
    """The demo map in a SQLite file, built once per test session (copy it: never write it)."""
    if "demo" not in _SQLITE_DEMO:
        base = Path(tempfile.mkdtemp(prefix="bw-demo-"))
        app = make_app(base, f"sqlite:///{base / 'demo.db'}")
        with app.app_context():
            db.create_all()
            from importers.demo import load_demo

            load_demo(db.session)
            db.session.commit()
            db.session.remove()
            db.engine.dispose()
        _SQLITE_DEMO["demo"] = base / "demo.db"
    return _SQLITE_DEMO["demo"]


# --- PostgreSQL: databases cloned from templates --------------------------------------------

_lock = threading.Lock()
_templates: dict[str, str] = {}
_counter = iter(range(1, 1_000_000))


def _name(suffix: str) -> str:
    base = make_url(need_postgres()).database
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{base}_{worker}_{suffix}" if worker else f"{base}_{suffix}"


def _url(name: str) -> str:
    return make_url(need_postgres()).set(database=name).render_as_string(hide_password=False)


def _admin():
    url = need_postgres().replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _recreate(name: str, template: str | None = None) -> None:
    engine = _admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            clause = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    finally:
        engine.dispose()


def drop_database(name: str) -> None:
    engine = _admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def _demo_template(base: Path) -> str:
    """A database holding the demo map, made once per session: the template of each test's."""
    with _lock:
        if "demo" not in _templates:
            name = _name("tpl_demo")
            _recreate(name)
            app = make_app(base, _url(name))
            with app.app_context():
                db.create_all()
                from importers.demo import load_demo

                load_demo(db.session)
                db.session.commit()
                db.session.remove()
                db.engine.dispose()
            _close_search(app)
            _templates["demo"] = name
        return _templates["demo"]


def postgres_database(base: Path, *, demo: bool) -> str:
    """A new database for one test: the demo map (cloned) or empty.  Returns its URL."""
    template = _demo_template(base / "template") if demo else None
    name = _name(f"t{next(_counter)}")
    _recreate(name, template)
    return _url(name)


def drop_templates() -> None:
    for name in list(_templates.values()):
        drop_database(name)
    _templates.clear()
    for path in _SQLITE_DEMO.values():
        shutil.rmtree(path.parent, ignore_errors=True)
    _SQLITE_DEMO.clear()


# --- the factory --------------------------------------------------------------------------

def database_for(database: str, base: Path, *, demo: bool) -> str:
    """The URL of a new database for one test."""
    if database == "sqlite":
        target = base / "test.db"
        if demo:
            shutil.copy(sqlite_demo_file(), target)
        return f"sqlite:///{target}"
    return postgres_database(base, demo=demo)


def release(url: str) -> None:
    """Drop a test's own PostgreSQL database (SQLite files go with the test's folder)."""
    if url.startswith("postgresql") and POSTGRES_URL:
        name = make_url(url).database
        if name and name != make_url(POSTGRES_URL).database:
            drop_database(name)


@contextmanager
def site(database: str, base: Path, *, demo: bool = True, index: bool = True,
         **config: Any) -> Iterator:
    """A site on ``database`` ("sqlite" or "postgres"): the demo map (``demo``), indexed
    (``index``, by the configured search backend), with ``config`` overrides; yields the
    application inside its app context and cleans up after."""
    url = database_for(database, base, demo=demo)
    app = make_app(base, url, **config)
    try:
        with app.app_context():
            if not demo:
                db.create_all()
            if demo and index:
                from app import indexing

                indexing.rebuild(db.session)
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        _close_search(app)
        release(url)


def _close_search(app) -> None:
    search = app.extensions.get("bw_search")
    if search is not None and hasattr(search, "close"):
        search.close()
