"""Small helpers for the API tests."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.extensions import db
from app.models import Service


def get(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    return response


def ndjson(client, url: str) -> list[dict]:
    joiner = "&" if "?" in url else "?"
    response = get(client, f"{url}{joiner}format=ndjson")
    assert response.mimetype == "application/x-ndjson"
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def ids(client, url: str) -> list[str]:
    """Every id a list endpoint returns, in order (one NDJSON request)."""
    return [item["id"] for item in ndjson(client, url)]


def public_services() -> list[Service]:
    return [s for s in db.session.scalars(select(Service)) if s.is_public]
