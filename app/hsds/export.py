"""Exports the directory as HSDS 3.0: a JSON list of fully nested services, or a tabular
data package (a folder of CSV files with ``datapackage.json``).

What is exported: every *published* provision (any HSDS ``status``), with its organisation
and locations.  Left out, and counted for the operator (``left_out``): drafts (unfinished
work: an editor completes and publishes them) and entries withdrawn for being long unchecked
(``app.domain.freshness``: out of public search and the API's lists until an editor checks
them).  Output is deterministic —
services by name then id, table rows by id, keys in HSDS order — so exporting, importing
into an empty database and exporting again gives identical files.

The CSV files of the data package are written for spreadsheets too: a text cell that begins
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and is not a plain number) is
written with one leading apostrophe (``app.hygiene.neutralise_cell``), so opening the open
data in Excel never runs a formula from imported data.  Machine readers should strip that
one apostrophe (``app.hygiene.restore_cell``); this site's own importer does, so a round
trip stays exact.  The JSON export is unchanged: JSON is not opened as a spreadsheet.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.domain.freshness import is_withdrawn
from app.hsds import HSDS_VERSION
from app.hsds.serialize import forget_caches, service_full, service_load_options
from app.hsds.tables import TABLES, field_type
from app.hygiene import csv_writer
from app.models import Service
from app.models.base import DbSession
from app.runtime import freshness_today, grace_days


@dataclass(frozen=True)
class LeftOut:
    """What an export leaves out, and so what its operator is told."""

    drafts: int = 0
    withdrawn: int = 0


def left_out(session: DbSession) -> LeftOut:
    """Drafts and withdrawn entries (not exported), counted."""
    drafts = session.scalar(select(func.count()).select_from(Service)
                            .where(Service.publication == "draft")) or 0
    on, grace = freshness_today(), grace_days()
    withdrawn = sum(1 for row in session.execute(
        select(Service.assured_date, Service.review_interval_days)
        .where(Service.publication == "published", Service.assured_date.is_not(None)))
        if is_withdrawn(row, on, grace))
    return LeftOut(drafts=drafts, withdrawn=withdrawn)


def exported_services(session: DbSession) -> list[Service]:
    forget_caches(session)
    on, grace = freshness_today(), grace_days()
    services = session.scalars(select(Service).where(Service.publication == "published")
                               .options(*service_load_options())).all()
    return sorted((s for s in services if not is_withdrawn(s, on, grace)),
                  key=lambda s: (s.name, str(s.id)))


def _dumps(data: list[dict]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_json(session: DbSession, path: Path) -> int:
    """Write the JSON list; returns how many services it holds."""
    data = [service_full(s) for s in exported_services(session)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dumps(data), encoding="utf-8")
    return len(data)


# --- tabular ------------------------------------------------------------------------

_CHILDREN = {  # list in a full service -> table
    "phones": "phone", "schedules": "schedule", "service_areas": "service_area",
    "languages": "language", "cost_options": "cost_option", "contacts": "contact",
    "metadata": "metadata", "required_documents": "required_document",
}


def tables_from(services: list[dict]) -> dict[str, dict[str, dict]]:
    """Distribute fully nested services over the HSDS tables (rows keyed by id)."""
    tables: dict[str, dict[str, dict]] = {name: {} for name in TABLES}

    def put(table: str, row: dict) -> None:
        tables[table].setdefault(row["id"], row)

    for service in services:
        put("service", service)
        org = service.get("organization")
        if org:
            put("organization", org)
            for phone in org.get("phones", []):
                put("phone", phone)
            for contact in org.get("contacts", []):
                put("contact", contact)
        for name, table in _CHILDREN.items():
            for row in service.get(name, []):
                put(table, row)
        for link in service.get("service_at_locations", []):
            put("service_at_location", link)
            location = link.get("location")
            if location:
                put("location", location)
                for address in location.get("addresses", []):
                    put("address", address)
                for access in location.get("accessibility", []):
                    put("accessibility", access)
                for attribute in location.get("attributes", []):
                    _put_attribute(put, attribute)
        for attribute in service.get("attributes", []):
            _put_attribute(put, attribute)
    return tables


def _put_attribute(put, attribute: dict) -> None:
    put("attribute", attribute)
    term = attribute.get("taxonomy_term")
    if term:
        put("taxonomy_term", term)
        if term.get("taxonomy_detail"):
            put("taxonomy", term["taxonomy_detail"])


def _cell(value) -> str:
    if value is None or isinstance(value, list | dict):
        return ""
    return str(value)


def table_csv(name: str, rows: dict[str, dict]) -> str:
    _path, columns = TABLES[name]
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")  # formula-like cells get a leading '

    writer.writerow(columns)
    for key in sorted(rows):
        writer.writerow([_cell(rows[key].get(column)) for column in columns])
    return buffer.getvalue()


_FOREIGN_KEYS = {"organization_id": "organization", "service_id": "service",
                 "location_id": "location", "taxonomy_term_id": "taxonomy_term",
                 "taxonomy_id": "taxonomy", "service_at_location_id": "service_at_location",
                 "contact_id": "contact", "phone_id": "phone"}


def descriptor() -> dict:
    resources = []
    for name, (path, columns) in TABLES.items():
        foreign = [{"fields": column, "reference": {"resource": _FOREIGN_KEYS[column],
                                                    "fields": "id"}}
                   for column in columns if column in _FOREIGN_KEYS and _FOREIGN_KEYS[column] != name]
        resources.append({
            "name": name, "path": path, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": c, "type": field_type(name, c)} for c in columns],
                       "primaryKey": "id", "foreignKeys": foreign},
        })
    return {
        "name": "berkellandwijzer",
        "title": "Berkellandwijzer — sociale kaart van de gemeente Berkelland",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "homepage": "https://openreferral.org",
        "resources": resources,
    }


def export_datapackage(session: DbSession, folder: Path) -> int:
    services = [service_full(s) for s in exported_services(session)]
    tables = tables_from(services)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (folder / TABLES[name][0]).write_text(table_csv(name, rows), encoding="utf-8")
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(services)
