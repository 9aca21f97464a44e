"""Editor records as short readable text, field by field: what the conflict table ("their
version / your version") and the review table ("now / proposed") show.

Ids become names (the organisation, the locations), opening hours and costs become one line
each; the provision status is worded by the caller (``status_label``, a translated label).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.domain.editing import FIELDS, days_dutch
from app.models import Location, Organization
from app.models.base import DbSession, parse_uuid


@dataclass(frozen=True)
class _Names:
    """What the ids of one record are called, and how a status reads."""

    organizations: Mapping[str, str]
    locations: Mapping[str, str]
    status_label: Callable[[str], str]


def _organization(value: Any, names: _Names) -> Any:
    return names.organizations.get(value or "", value)


def _locations(value: Any, names: _Names) -> str:
    return ", ".join(names.locations.get(i, i) for i in value or [])


def _schedule(item: Mapping[str, Any]) -> str:
    text = f"{days_dutch(item['byday'])} {item['opens_at']}–{item['closes_at']}"
    return text + (f" ({item['description']})" if item.get("description") else "")


def _schedules(value: Any, names: _Names) -> str:
    return "; ".join(_schedule(item) for item in value or [])


def _cost(item: Mapping[str, Any]) -> str:
    return f"€ {item['amount']}" + (f" {item['description']}" if item.get("description") else "")


def _costs(value: Any, names: _Names) -> str:
    return "; ".join(_cost(item) for item in value or [])


def _status(value: Any, names: _Names) -> str:
    return names.status_label(value or "")


def _plain(value: Any, names: _Names) -> Any:
    return ", ".join(value) if isinstance(value, list) else value


_FORMATS: dict[str, Callable[[Any, _Names], Any]] = {
    "organization": _organization, "locations": _locations, "schedules": _schedules,
    "cost_options": _costs, "status": _status,
}


def _organization_names(session: DbSession, kind: str, record: Mapping[str, Any]
                        ) -> dict[str, str]:
    ident = parse_uuid(record.get("organization")) if kind != "organization" else None
    if ident is None:
        return {}
    org = session.get(Organization, ident)
    return {str(org.id): org.name} if org is not None else {}


def _location_names(session: DbSession, kind: str, record: Mapping[str, Any]) -> dict[str, str]:
    if kind != "service":
        return {}
    ids = [i for i in (parse_uuid(v) for v in record.get("locations") or []) if i is not None]
    if not ids:
        return {}
    return {str(loc.id): loc.name or str(loc.id)
            for loc in session.scalars(select(Location).where(Location.id.in_(ids)))}


def describe(session: DbSession, kind: str, record: Mapping[str, Any], *,
             status_label: Callable[[str], str]) -> dict[str, str]:
    """Every field of ``kind`` in ``record`` as short readable text ("" for no value)."""
    names = _Names(_organization_names(session, kind, record),
                   _location_names(session, kind, record), status_label)
    out = {}
    for name in FIELDS[kind]:
        value = _FORMATS.get(name, _plain)(record.get(name), names)
        out[name] = "" if value is None else str(value)
    return out
