"""Fixtures for the editor: the demo map (SQLite copy, or loaded into PostgreSQL), editors."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Service
from tests import sites
from tests.staff.conftest import csrf_token, login_client, make_user  # noqa: F401


@pytest.fixture(params=sites.DATABASES)
def editor_app(request, tmp_path):
    """The demo map on SQLite or PostgreSQL (a copy of the session's demo), indexed in memory."""
    with sites.site(request.param, tmp_path) as app:
        yield app


@pytest.fixture
def editors(editor_app):
    """``editors(role="editor")`` → a signed-in test client of a new user."""
    def login(role: str = "editor"):
        user = make_user(role)
        client = editor_app.test_client()
        login_client(client, user)
        client.staff_user = user
        return client

    return login


@pytest.fixture
def provision(editor_app):
    """A published, active demo provision with a location."""
    service = next(s for s in db.session.scalars(select(Service).order_by(Service.name))
                   if s.is_public and s.service_at_locations and s.schedules)
    return service


def form_of(client, url: str) -> dict:
    """The edit form as the browser would post it (hidden fields and current values)."""
    html = client.get(url).get_data(as_text=True)
    return parse_form(html)


def parse_form(html: str) -> dict:
    import html as htmllib

    data: dict[str, list[str]] = {}
    form = html[html.index('class="staff-form editor-form"') if 'editor-form' in html
                else html.index('<form method="post" class="staff-form"'):]
    form = form[:form.index("</form>")]
    for match in re.finditer(r'<input ([^>]*)>', form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', match.group(1)))
        if "name" not in attrs:
            continue
        if attrs.get("type") == "checkbox" and "checked" not in match.group(1):
            continue
        data.setdefault(attrs["name"], []).append(htmllib.unescape(attrs.get("value", "")))
    for match in re.finditer(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[match.group(1)] = [htmllib.unescape(match.group(2))]
    for match in re.finditer(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', match.group(2))
        data[match.group(1)] = [htmllib.unescape(chosen.group(1)) if chosen else ""]
    return data


def post(client, url: str, data: dict, **extra):
    payload = {k: list(v) for k, v in data.items()}
    for key, value in extra.items():
        payload[key] = value if isinstance(value, list) else [value]
    payload["csrf_token"] = [csrf_token(client, "/staff/")]
    return client.post(url, data=payload)
