"""Shared fixtures: a real database (SQLite file, and PostgreSQL when TEST_POSTGRES_URL is
set), a real search engine (in-memory twin or Whoosh in a temp folder), real HTTP where
a test says so."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.extensions import db
from tests import sites
from tests.sites import POSTGRES_URL, make_app, need, need_postgres  # noqa: F401  (shared)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_url() -> str:
    """The Redis server for the page cache tests; outside CI a missing one skips them, in CI
    (CI=true) it fails them."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _session_databases():
    """The session's demo file and PostgreSQL templates (tests/sites.py) go at the end."""
    yield
    sites.drop_templates()


@contextmanager
def postgres_demo_site(tmp_path: Path):
    """The demo map in a PostgreSQL database of its own, searched by the PostgreSQL backend
    in the same database; yields the app inside its app context."""
    need_postgres()
    with sites.site("postgres", tmp_path, SEARCH_BACKEND="postgres") as app:
        yield app


@pytest.fixture(params=sites.DATABASES)
def database_url(request, tmp_path) -> Iterator[str]:
    """An empty database: every test that takes this fixture runs on SQLite and, when
    configured, PostgreSQL (a database of its own, dropped after the test)."""
    url = sites.database_for(request.param, tmp_path, demo=False)
    yield url
    sites.release(url)


@pytest.fixture
def app(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- one demo database per test session, copied for each test ----------------------------

@pytest.fixture(scope="session")
def demo_db_file() -> Path:
    return sites.sqlite_demo_file()


@pytest.fixture
def demo_app(tmp_path):
    """The demo map on SQLite (a copy of the session's file), indexed."""
    with sites.site("sqlite", tmp_path) as app:
        yield app


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


# --- markers: what a test needs, so `make test-fast` can leave it out ----------------------

#: Files whose tests take long by design (property-based fuzzing, imports at scale, the
#: relevance figures over every judged query); `make test-fast` leaves them out.
SLOW_FILES = {"tests/api/test_fuzz.py", "tests/importers/test_import_at_scale.py",
              "tests/test_relevance_figures.py", "tests/test_migrations.py",
              "tests/api/test_openapi_responses.py"}
#: Files that start servers or processes beside the ones under tests/ops/.
OPS_FILES = {"tests/test_wsgi_server.py", "tests/test_index_catch_up.py"}
_BROWSER_FIXTURES = {"live_server", "browser", "page"}


def pytest_configure(config):
    """The Dutch lexicon is millions of small objects that live as long as the process: with
    Python's default thresholds the cyclic collector walks them again and again (about 45% of
    a demo site's set-up).  Collect young objects less often; the tests make no cycles that
    matter in between."""
    gc.set_threshold(100_000, 50, 1000)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(ROOT).as_posix()
        fixtures = set(getattr(item, "fixturenames", ()))
        if path.startswith("tests/browser/") or fixtures & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if path.startswith("tests/ops/") or path in OPS_FILES:
            item.add_marker(pytest.mark.ops)
        if "postgres" in item.name or "postgres" in item.nodeid.split("::")[-1]:
            item.add_marker(pytest.mark.postgres)
        if path in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item):
    """A test marked ``reference(present=False, reason=…)`` lacks the official HSDS files:
    skipped on a developer's machine, failed in CI."""
    for mark in item.iter_markers("reference"):
        if not mark.kwargs.get("present", True):
            need("The official HSDS 3.0 reference", mark.kwargs.get("reason", ""))
