"""Fixtures for the API tests: the demo map on SQLite (a copy per test) and, when
TEST_POSTGRES_URL is set, on PostgreSQL (loaded once per module, reloaded after a test
that changes it)."""

from __future__ import annotations

import shutil

import pytest

from app.extensions import db
from tests.conftest import POSTGRES_URL, _reset_postgres, make_app

_PG_LOADED: dict[str, bool] = {}


def _load_postgres(tmp_path):
    _reset_postgres(POSTGRES_URL)
    app = make_app(tmp_path, POSTGRES_URL)
    with app.app_context():
        db.create_all()
        from importers.demo import load_demo

        load_demo(db.session)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _app(request, tmp_path, demo_db_file, *, changes: bool):
    if request.param == "sqlite":
        target = tmp_path / "demo.db"
        shutil.copy(demo_db_file, target)
        return make_app(tmp_path, f"sqlite:///{target}")
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    module = request.node.module.__name__
    if changes or not _PG_LOADED.get(module):
        _load_postgres(tmp_path)
        _PG_LOADED.clear()
        _PG_LOADED[module] = not changes
    return make_app(tmp_path, POSTGRES_URL)


def _running(app):
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        yield app
        db.session.remove()
        db.engine.dispose()


DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def api_app(request, tmp_path, demo_db_file):
    """The demo map; tests with this fixture only read."""
    yield from _running(_app(request, tmp_path, demo_db_file, changes=False))


@pytest.fixture(params=DATABASES)
def changing_app(request, tmp_path, demo_db_file):
    """The demo map, for a test that changes it."""
    yield from _running(_app(request, tmp_path, demo_db_file, changes=True))


@pytest.fixture
def api(api_app):
    return api_app.test_client()
