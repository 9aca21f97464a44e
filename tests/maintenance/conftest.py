"""Fixtures for keeping the map true: the demo map in a real database (SQLite, and
PostgreSQL when TEST_POSTGRES_URL is set), signed-in staff, settable clocks, and helpers
to post the public change-report form the way a browser does."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.extensions import db
from tests import sites
from tests.staff.conftest import Clock, staff_login  # noqa: F401  (a fixture)

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture(params=sites.DATABASES)
def app(request, tmp_path):
    """The demo map, indexed, on each configured database."""
    with sites.site(request.param, tmp_path) as app:
        yield app


@pytest.fixture
def report_clock(app):
    """A settable clock for the report form's timestamp token and the rate limit."""
    clock = Clock()
    app.config["REPORT_CLOCK"] = clock
    yield clock
    app.config.pop("REPORT_CLOCK", None)


def public_service(name_part: str | None = None):
    from sqlalchemy import select

    from app.models import Service

    stmt = select(Service).where(Service.status == "active", Service.publication == "published")
    if name_part:
        stmt = stmt.where(Service.name.contains(name_part))
    return db.session.scalars(stmt.order_by(Service.name)).first()


def open_form(client, service_id):
    page = client.get(f"/voorziening/{service_id}/melden")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return _CSRF.search(html).group(1), _TOKEN.search(html).group(1)


def post_report(client, service_id, clock=None, *, wait=timedelta(seconds=5),
                remote_addr="198.51.100.7", **fields):
    """Open the form, let ``wait`` pass on ``clock``, and send it back."""
    csrf, token = open_form(client, service_id)
    if clock is not None:
        clock.now += wait
    data = {"csrf_token": csrf, "token": token, "kind": "contact",
            "message": "Het telefoonnummer is veranderd", "email": "", "website": ""}
    data.update(fields)
    return client.post(f"/voorziening/{service_id}/melden", data=data,
                       environ_base={"REMOTE_ADDR": remote_addr})


def search_ids(client, **args) -> str:
    response = client.get("/zoeken", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)
