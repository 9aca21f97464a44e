"""Fixtures for the API tests: the demo map on SQLite (a copy per test) and, when
TEST_POSTGRES_URL is set, on PostgreSQL (a database per test, cloned from the demo template)."""

from __future__ import annotations

import pytest

from tests import sites

DATABASES = sites.DATABASES


@pytest.fixture(scope="module", params=DATABASES)
def api_app(request, tmp_path_factory):
    """The demo map, one per test module and database: tests with this fixture only read
    (a test that changes the map takes ``changing_app``)."""
    with sites.site(request.param, tmp_path_factory.mktemp("api")) as app:
        yield app


@pytest.fixture(params=DATABASES)
def changing_app(request, tmp_path):
    """The demo map, for a test that changes it."""
    with sites.site(request.param, tmp_path) as app:
        yield app


@pytest.fixture
def api(api_app):
    return api_app.test_client()
