"""Shared fixtures: a real database (SQLite file, and PostgreSQL when TEST_POSTGRES_URL is
set), a real search engine (in-memory twin or Whoosh in a temp folder), real HTTP where
a test says so."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
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


def _reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@contextmanager
def postgres_demo_site(tmp_path: Path):
    """The demo map in PostgreSQL, searched by the PostgreSQL backend in the same database;
    yields the app inside its app context."""
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set: the postgres search backend is not tested")
    _reset_postgres(POSTGRES_URL)
    app = make_app(tmp_path, POSTGRES_URL, SEARCH_BACKEND="postgres")
    with app.app_context():
        from importers.demo import load_demo

        db.create_all()
        load_demo(db.session)
        db.session.commit()
        yield app
        db.session.remove()
        app.extensions["bw_search"].close()
        db.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """Every test that takes this fixture runs on SQLite and, when configured, PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


def make_app(tmp_path: Path, database_url: str, **overrides):
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url.replace(
            "postgresql://", "postgresql+psycopg://", 1),
        "SEARCH_BACKEND": "memory",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "test-secret-key-not-for-production-0123456789",
    }
    config.update(overrides)
    return create_app(config)


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


# --- one demo database per test session, copied for each test that only reads ---------

@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("demo")
    app = make_app(base, f"sqlite:///{base / 'demo.db'}")
    with app.app_context():
        db.create_all()
        from importers.demo import load_demo

        load_demo(db.session)
        db.session.commit()
        db.engine.dispose()
    return base / "demo.db"


@pytest.fixture
def demo_app(tmp_path, demo_db_file):
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(tmp_path, f"sqlite:///{target}")
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()
