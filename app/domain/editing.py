"""The editor's rules: records, validation, conflicts, review, revisions, restore.

An *editor record* is a flat, JSON-friendly dict of what the editor form shows (strings,
lists of codes, lists of small dicts).  It is diffed field by field (revisions, conflicts),
stored as a snapshot (restore) and in a pending change, and turned into the canonical
Berkelland record that ``app/schemas/records.py`` validates — the schemas the importers use
too, with their Dutch messages.  Writes go through ``app.domain.directory.upsert_service`` /
``upsert_organization``, the same code the importers use.

Nothing is lost:

* every form carries a *token* of the state it was read at (the entry's ``version`` —
  ``Service``, ``Organization`` and ``Location`` all have one — and the open pending
  change's version); a save against another token is a ``Conflict`` (409), and the flush
  itself checks the version (``StaleDataError``) for the race in between — the same check
  that makes an import roll back rather than overwrite;
* every applied change writes an ``EditRevision`` (full snapshot, field changes) and one
  HSDS ``metadata`` row per field; restore of an earlier snapshot is a new change;
* archive sets ``status`` (inactive / defunct); nothing is deleted.  Under review it is a
  proposal like any other change; an urgent hide applies at once with a reason and waits
  for a second editor to confirm (or undo) it (``archive``).

Review (``EDITOR_REVIEW_REQUIRED``): a change to a published provision, an organisation or
a location (their website, phone and address show on provision pages, in JSON-LD and in the
API) is kept in an ``EditChange`` until a second editor — none of those who saved it —
approves it; a new provision is a draft (not public) until approved; a new organisation or
location is only a proposal (``action='create'``, the id it will get reserved) until
approved.  An approval and a rejection are bound to the version of the proposal the
reviewer was shown (``review_token``): a proposal changed since is refused
(``ProposalChanged``), nothing applied or closed.  Functions flush, never commit: the view commits once.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from marshmallow import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.domain.directory import (
    UpsertReport,
    Vocabulary,
    upsert_location,
    upsert_organization,
    upsert_service,
)
from app.domain.ladder import service_access_conflict
from app.domain.opening import utc_offset
from app.models import (
    EditChange,
    EditRevision,
    Location,
    Metadata,
    Organization,
    Service,
    User,
)
from app.models.base import DbSession, utcnow
from app.schemas.records import (
    LocationIn,
    OrganizationIn,
    ServiceIn,
    dutch,
    kern_names_in,
    kernen_known,
)
from app.vocabulary import MUNICIPALITY

if TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict

#: An editor record: the form's fields as the editor, a proposal and a revision hold them.
Record = dict[str, Any]
#: What an editor edits.
Editable = Service | Organization | Location

T = TypeVar("T")

EDITOR_SOURCE = "redactie"
ARCHIVE_STATUSES = ("inactive", "defunct")
# Pending changes that take an entry out of public view: ``archive`` waits for a second
# editor; ``hide`` was applied at once (urgent) and waits for a second editor to confirm it
# (or to undo it).  Their payload is ``{"status": ...}`` (plus the reason and the statuses
# before, for ``hide``), not an editor record.
WITHDRAWALS = ("archive", "hide")
MIN_REASON_LENGTH = 10
DAY_CODES = {"ma": "MO", "di": "TU", "wo": "WE", "do": "TH", "vr": "FR", "za": "SA", "zo": "SU"}
DAY_NAMES = {v: k for k, v in DAY_CODES.items()}

SERVICE_FIELDS = (
    "organization", "name", "description", "status", "tier", "access", "life_domains",
    "target_groups", "legal_frameworks", "kernen", "locations", "schedules", "schedule_note",
    "cost_options", "fees_description", "eligibility", "application_process", "minimum_age",
    "maximum_age", "phone", "email", "url",
)
ORGANIZATION_FIELDS = ("name", "description", "website", "email", "phone")
LOCATION_FIELDS = ("organization", "name", "address", "postcode", "city", "kern", "lat", "lon",
                   "accessibility", "transportation")
FIELDS = {"service": SERVICE_FIELDS, "organization": ORGANIZATION_FIELDS,
          "location": LOCATION_FIELDS}
MODELS: dict[str, type[Editable]] = {"service": Service, "organization": Organization, "location": Location}


class EditError(Exception):
    """A refusal with a message for the editor (Dutch, shown as is)."""


class WithdrawalWaiting(EditError):
    """The entry has an archive proposal or an urgent hide waiting for a second editor: no
    other change until that is decided."""


@dataclass
class Conflict(Exception):
    """Someone else changed the entry since the form was read."""

    current: Record  # their state (live, or the open pending change)
    token: str  # the token to save against now


class ProposalChanged(Exception):
    """The proposal (or the live entry) changed after the reviewer opened it."""


@dataclass
class Outcome:
    resource: Editable | None
    applied: bool  # False: waiting for review
    change: EditChange | None = None
    revision: EditRevision | None = None
    errors: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- records

def _text(value: str | None) -> str:
    return value or ""


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def _amount(value: Decimal | float | str | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def service_record(service: Service) -> Record:
    return {
        "organization": str(service.organization_id) if service.organization_id else "",
        "name": service.name or "",
        "description": service.description or "",
        "status": service.status or "active",
        "tier": service.tier or "",
        "access": service.access or "",
        "life_domains": sorted(t.code for t in service.life_domains),
        "target_groups": sorted(t.code for t in service.target_groups),
        "legal_frameworks": sorted(t.code for t in service.legal_frameworks),
        "kernen": [MUNICIPALITY] if service.serves_whole_municipality
        else sorted(k.name for k in service.kernen_served),
        "locations": sorted(str(sal.location_id or sal.location.id)
                            for sal in service.service_at_locations),
        "schedules": sorted(({"byday": s.byday or "", "opens_at": _hhmm(s.opens_at),
                              "closes_at": _hhmm(s.closes_at), "description": _text(s.description)}
                             for s in service.schedules),
                            key=lambda s: (s["byday"], s["opens_at"], s["closes_at"])),
        "schedule_note": _text(service.schedule_note),
        "cost_options": [{"amount": _amount(c.amount), "description": _text(c.amount_description)}
                         for c in service.cost_options],
        "fees_description": _text(service.fees_description),
        "eligibility": _text(service.eligibility_description),
        "application_process": _text(service.application_process),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "phone": service.phones[0].number if service.phones else "",
        "email": _text(service.email),
        "url": _text(service.url),
    }


def organization_record(org: Organization) -> Record:
    return {
        "name": org.name or "",
        "description": org.description or "",
        "website": _text(org.website),
        "email": _text(org.email),
        "phone": org.phones[0].number if org.phones else "",
    }


def location_record(location: Location) -> Record:
    address = location.physical_address
    return {
        "organization": str(location.organization_id) if location.organization_id else "",
        "name": _text(location.name),
        "address": address.address_1 if address else "",
        "postcode": address.postal_code if address else "",
        "city": address.city if address else "",
        "kern": location.kern.name if location.kern else "",
        "lat": "" if location.latitude is None else str(location.latitude),
        "lon": "" if location.longitude is None else str(location.longitude),
        "accessibility": location.accessibility[0].description or "" if location.accessibility else "",
        "transportation": _text(location.transportation),
    }


RECORDS: dict[str, Callable[[Any], Record]] = {"service": service_record, "organization": organization_record,
           "location": location_record}


def record_of(kind: str, obj: Editable) -> Record:
    return RECORDS[kind](obj)


def fingerprint(record: Record) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()[:16]


def open_change(session: DbSession, kind: str, resource_id: uuid.UUID | None) -> EditChange | None:
    return session.scalar(select(EditChange).where(EditChange.open_key == resource_id,
                                                   EditChange.resource_type == kind))


def _entry(session: DbSession, kind: str, ident: uuid.UUID | None) -> Editable | None:
    """The live service, organisation or location (None: not there)."""
    obj = session.get(MODELS[kind], ident)
    return obj if isinstance(obj, Service | Organization | Location) else None


def live_token(kind: str, obj: Editable | None) -> str:
    """The entry's version counter (``-`` for an entry that does not exist yet)."""
    return "-" if obj is None else str(obj.version)


def review_token(session: DbSession, change: EditChange) -> str:
    """What the review form carries: the proposal's version and content and the live entry's
    version, as the reviewer was shown them.  Approval is refused when any has moved."""
    obj = _entry(session, change.resource_type, change.resource_id)
    return ":".join((str(change.id), str(change.version), fingerprint(change.payload or {}),
                     live_token(change.resource_type, obj)))


def token_of(session: DbSession, kind: str, obj: Editable) -> str:
    """What a form must carry to save ``obj``: the live state and the open change's version."""
    change = open_change(session, kind, obj.id)
    suffix = f"{change.id}.{change.version}" if change else "-"
    return f"{live_token(kind, obj)}:{suffix}"


def editable_state(session: DbSession, kind: str, obj: Editable) -> tuple[Record, EditChange | None]:
    """What the editor sees: the open pending change if there is one, else the live entry."""
    change = open_change(session, kind, obj.id)
    if change is not None and change.payload is not None and change.action not in WITHDRAWALS:
        return dict(change.payload), change
    return record_of(kind, obj), change


# --------------------------------------------------------------------------- form parsing

def _days(value: str) -> str:
    """'ma, wo' or 'MO,WE' → 'MO,WE' (unknown parts pass through for the schema to refuse)."""
    parts = [p.strip() for p in re.split(r"[,\s]+", value or "") if p.strip()]
    return ",".join(DAY_CODES.get(p.lower(), p.upper()) for p in parts)


def days_dutch(byday: str) -> str:
    return ", ".join(DAY_NAMES.get(d.strip(), d.strip()) for d in (byday or "").split(",") if d.strip())


def _int_or_text(value: str | None) -> int | str | None:
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() else value


def service_from_form(form: MultiDict[str, str]) -> Record:
    """The editor record from a posted form (``werkzeug`` MultiDict)."""
    record: Record = {name: (form.get(name) or "").strip() for name in (
        "organization", "name", "description", "status", "tier", "access", "schedule_note",
        "fees_description", "eligibility", "application_process", "phone", "email", "url")}
    record["description"] = (form.get("description") or "").strip().replace("\r\n", "\n")
    for name in ("life_domains", "target_groups", "legal_frameworks", "kernen", "locations"):
        record[name] = sorted({v for v in form.getlist(name) if v})
    record["minimum_age"] = _int_or_text(form.get("minimum_age"))
    record["maximum_age"] = _int_or_text(form.get("maximum_age"))
    schedules = []
    for index in range(int(form.get("schedule_rows") or 0)):
        row = {key: (form.get(f"schedules-{index}-{key}") or "").strip()
               for key in ("byday", "opens_at", "closes_at", "description")}
        if any(row.values()):
            row["byday"] = _days(row["byday"])
            schedules.append(row)
    record["schedules"] = schedules
    costs = []
    for index in range(int(form.get("cost_rows") or 0)):
        row = {key: (form.get(f"cost_options-{index}-{key}") or "").strip()
               for key in ("amount", "description")}
        if any(row.values()):
            row["amount"] = row["amount"].replace(",", ".").lstrip("€").strip()
            costs.append(row)
    record["cost_options"] = costs
    return record


def organization_from_form(form: MultiDict[str, str]) -> Record:
    return {name: (form.get(name) or "").strip().replace("\r\n", "\n")
            for name in ORGANIZATION_FIELDS}


def location_from_form(form: MultiDict[str, str]) -> Record:
    return {name: (form.get(name) or "").strip() for name in LOCATION_FIELDS}


# --------------------------------------------------------------------------- validation

def _none(value: T) -> T | None:
    return None if value in ("", None) else value


def _flatten(messages: object, path: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                out.update(_flatten(value, path or "_schema"))
            else:
                out.update(_flatten(value, f"{path}-{key}" if path else str(key)))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        out[path] = " ".join(dutch(m) for m in messages)
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            out.update(_flatten(value, f"{path}-{index}"))
    else:
        out[path] = dutch(str(messages))
    return out


def _schema_service(record: Record) -> Record:
    return {
        "key": "redactie",
        "name": record.get("name") or "",
        "description": record.get("description") or "",
        "status": record.get("status") or "active",
        "tier": record.get("tier") or None,
        "access": record.get("access") or None,
        "life_domains": record.get("life_domains") or [],
        "target_groups": record.get("target_groups") or [],
        "legal_frameworks": record.get("legal_frameworks") or [],
        "kernen": record.get("kernen") or [],
        "locations": record.get("locations") or [],
        "schedules": [{"byday": s.get("byday") or "", "opens_at": s.get("opens_at") or "",
                       "closes_at": s.get("closes_at") or "",
                       "description": _none(s.get("description"))}
                      for s in record.get("schedules") or []],
        "schedule_note": _none(record.get("schedule_note")),
        "cost_options": [{"amount": _none(c.get("amount")),
                          "amount_description": _none(c.get("description"))}
                         for c in record.get("cost_options") or []],
        "fees_description": _none(record.get("fees_description")),
        "eligibility": _none(record.get("eligibility")),
        "application_process": _none(record.get("application_process")),
        "minimum_age": _none(record.get("minimum_age")),
        "maximum_age": _none(record.get("maximum_age")),
        "phone": _none(record.get("phone")),
        "email": _none(record.get("email")),
        "url": _none(record.get("url")),
    }


def validate(session: DbSession, kind: str, record: dict[str, Any]) -> dict[str, str]:
    """Field name → Dutch message; empty when the record may be saved."""
    data, schema = _form_data(kind, record)
    errors = _schema_errors(session, schema, data)
    if kind == "service" and not errors:
        conflict = service_access_conflict(data)
        if conflict is not None:
            errors[conflict.field] = str(conflict.message)
    if kind in ("service", "location"):
        errors.update(_organization_errors(session, kind, record))
    return errors


def _form_data(kind: str, record: dict[str, Any]
               ) -> tuple[dict[str, Any], ServiceIn | OrganizationIn | LocationIn]:
    """The form's record as the importers' schema for ``kind`` reads it, and that schema."""
    if kind == "service":
        return _schema_service(record), ServiceIn()
    if kind == "organization":
        return ({"key": "redactie", **{k: _none(v) for k, v in record.items()},
                 "description": record.get("description") or ""}, OrganizationIn())
    return ({"key": "redactie", **{k: _none(v) for k, v in record.items() if k != "organization"}},
            LocationIn())


def _schema_errors(session: DbSession, schema: ServiceIn | OrganizationIn | LocationIn,
                   data: dict[str, Any]) -> dict[str, str]:
    """The schema's messages by form field (the key the form does not have left out)."""
    errors: dict[str, str] = {}
    try:
        with kernen_known(kern_names_in(session)):
            schema.load(data)
    except ValidationError as exc:
        errors = _flatten(exc.messages)
    errors = {k.replace("amount_description", "description"): v for k, v in errors.items()}
    errors.pop("key", None)
    return errors


def _organization_of(session: DbSession, record: dict[str, Any]) -> Organization | None:
    try:
        return session.get(Organization, uuid.UUID(record.get("organization") or ""))
    except ValueError:
        return None


def _organization_errors(session: DbSession, kind: str, record: dict[str, Any]) -> dict[str, str]:
    """A service needs its organisation (a location may have one), and a service only the
    locations of that organisation."""
    org = _organization_of(session, record)
    errors: dict[str, str] = {}
    if org is None and (kind == "service" or record.get("organization")):
        errors["organization"] = "Kies de organisatie die dit aanbiedt."
    if kind == "service" and org is not None:
        own = {str(loc.id) for loc in org.locations}
        foreign = [loc for loc in record.get("locations") or [] if loc not in own]
        if foreign:
            errors["locations"] = "Kies alleen locaties van deze organisatie."
    return errors


# --------------------------------------------------------------------------- applying

def new_key(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60] or "item"
    return f"{slug}-{secrets.token_hex(3)}"


def _money(value: str | None) -> Decimal | None:
    try:
        return None if value in ("", None) else Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _source_key(obj: Editable, name: str) -> tuple[str, str]:
    if not obj.source or not obj.external_id:
        obj.source, obj.external_id = obj.source or EDITOR_SOURCE, new_key(name)
    return obj.source, obj.external_id


def _apply_service(session: DbSession, service: Service | None, record: dict[str, Any]) -> Service:
    org = session.get_one(Organization, uuid.UUID(record["organization"]))
    if service is None:
        source, key = EDITOR_SOURCE, new_key(record["name"])
    else:
        source, key = _source_key(service, record["name"])
    locations = {str(loc.id): loc for loc in org.locations}
    upsert = {
        "key": key,
        "name": record["name"],
        "description": record["description"],
        "status": record.get("status") or "active",
        "tier": record["tier"],
        "access": record["access"],
        "life_domains": record["life_domains"],
        "target_groups": record["target_groups"],
        "legal_frameworks": record.get("legal_frameworks") or [],
        "locations": [loc for loc in record.get("locations") or [] if loc in locations],
        "schedules": _schedule_rows(record, service),
        "schedule_note": _none(record.get("schedule_note")),
        "cost_options": _cost_rows(record, service),
        "fees_description": _none(record.get("fees_description")),
        "eligibility": _none(record.get("eligibility")),
        "application_process": _none(record.get("application_process")),
        "minimum_age": _none(record.get("minimum_age")),
        "maximum_age": _none(record.get("maximum_age")),
        "phones": _service_phones(service, _none(record.get("phone"))),
        "email": _none(record.get("email")),
        "url": _none(record.get("url")),
        "provenance": service.provenance if service else None,
        "source": service.provenance_note if service else None,
    }
    if service is not None:
        upsert.update(_kept_service_detail(service, record))
    else:
        upsert["kernen"] = record["kernen"]
    return upsert_service(session, source, org, upsert, locations, UpsertReport(),
                          Vocabulary(session))


_SCHEDULE_DETAIL = ("freq", "interval", "valid_from", "valid_to", "attending_type", "notes",
                    "dtstart", "until", "count", "wkst", "byweekno", "bymonthday", "byyearday",
                    "schedule_link")  # HSDS detail the form does not show


def _schedule_rows(record: dict[str, Any], service: Service | None) -> list[dict[str, Any]]:
    """The form's opening hours, row by row keeping the HSDS detail of the row it replaces."""
    old_schedules = list(service.schedules) if service else []
    schedules = []
    for index, row in enumerate(record.get("schedules") or []):
        detail: dict[str, Any] = {}
        if index < len(old_schedules):  # keep HSDS detail the form does not show
            old = old_schedules[index]
            detail = {k: getattr(old, k) for k in _SCHEDULE_DETAIL}
            detail["timezone"] = utc_offset(old.timezone)  # HSDS's hours, not ours
        schedules.append({**detail, "byday": row["byday"], "opens_at": row["opens_at"],
                          "closes_at": row["closes_at"], "description": _none(row.get("description"))})
    return schedules


def _cost_rows(record: dict[str, Any], service: Service | None) -> list[dict[str, Any]]:
    """The form's costs, row by row keeping the detail of the row it replaces."""
    old_costs = list(service.cost_options) if service else []
    costs = []
    for index, row in enumerate(record.get("cost_options") or []):
        detail: dict[str, Any] = {"currency": "EUR"}
        if index < len(old_costs):
            old = old_costs[index]
            detail = {k: getattr(old, k) for k in ("option", "currency", "valid_from", "valid_to")}
        costs.append({**detail, "amount": _money(row.get("amount")),
                      "amount_description": _none(row.get("description"))})
    return costs


def _service_phones(service: Service | None, phone: Any) -> list[dict[str, Any]]:
    """The service's phones with the form's one number as the first (none: the first goes)."""
    phones = [{k: getattr(p, k) for k in ("number", "extension", "type", "description")}
              for p in (service.phones if service else [])]
    if phone and phones:
        phones[0]["number"] = phone
    elif phone:
        phones = [{"number": phone, "type": "voice"}]
    elif phones:
        phones = phones[1:]
    return phones


def _kept_service_detail(service: Service, record: dict[str, Any]) -> dict[str, Any]:
    """What the form does not show and an edit keeps: languages, contacts, and the areas'
    detail while the kernen stay the same (else the form's kernen)."""
    kept: dict[str, Any] = {
        "language_details": [{"code": lang.code, "name": lang.name, "note": lang.note}
                             for lang in service.languages],
        "contacts": [{k: getattr(c, k) for k in ("name", "title", "department", "email")}
                     for c in service.contacts],
    }
    current_kernen = service_record(service)["kernen"]
    if sorted(record["kernen"]) == current_kernen:  # unchanged: keep the areas' detail
        kept["service_areas"] = [
            {k: getattr(a, k) for k in ("name", "description", "extent", "extent_type", "uri")}
            for a in service.service_areas]
    else:
        kept["kernen"] = record["kernen"]
    return kept


def _apply_organization(session: DbSession, org: Organization | None, record: Record, *,
                        new_id: uuid.UUID | None = None) -> Organization:
    if org is None:
        source, key = EDITOR_SOURCE, new_key(record["name"])
        phones = []
    else:
        source, key = _source_key(org, record["name"])
        phones = [{k: getattr(p, k) for k in ("number", "extension", "type", "description")}
                  for p in org.phones]
    phone = _none(record.get("phone"))
    if phone and phones:
        phones[0]["number"] = phone
    elif phone:
        phones = [{"number": phone, "type": "voice"}]
    elif phones:
        phones = phones[1:]
    upsert = {"key": key, "name": record["name"], "description": record.get("description") or "",
              "website": _none(record.get("website")), "email": _none(record.get("email")),
              "provenance": org.provenance if org else None, "phones": phones}
    if new_id is not None:
        upsert["id"] = new_id
    if org is not None:
        upsert["contacts"] = [{k: getattr(c, k) for k in ("name", "title", "department", "email")}
                              for c in org.contacts]
    return upsert_organization(session, source, upsert, UpsertReport(), Vocabulary(session))


def _apply_location(session: DbSession, location: Location | None, record: Record, *,
                    new_id: uuid.UUID | None = None) -> Location:
    org = session.get(Organization, uuid.UUID(record["organization"])) if record.get(
        "organization") else (location.organization if location else None)
    if location is None:
        source, key = EDITOR_SOURCE, new_key(record.get("name") or record.get("address") or "locatie")
    else:
        source, key = _source_key(location, record.get("name") or "locatie")
    upsert = {"key": key, "name": _none(record.get("name")), "address": _none(record.get("address")),
              "postcode": _none(record.get("postcode")), "city": _none(record.get("city")),
              "kern": _none(record.get("kern")),
              "lat": float(record["lat"]) if record.get("lat") else None,
              "lon": float(record["lon"]) if record.get("lon") else None,
              "accessibility": _none(record.get("accessibility")),
              "transportation": _none(record.get("transportation"))}
    if location is not None:
        for key_name in ("url", "alternate_name", "description"):
            upsert[key_name] = getattr(location, key_name)
        upsert["location_type"] = location.location_type
    if new_id is not None:
        upsert["id"] = new_id
    if org is None:  # validate() requires the organisation
        raise EditError("Kies de organisatie van deze locatie.")
    return upsert_location(session, source, org, upsert, UpsertReport(), Vocabulary(session))


APPLY: dict[str, Callable[..., Editable]] = {"service": _apply_service, "organization": _apply_organization,
         "location": _apply_location}


# --------------------------------------------------------------------------- revisions

def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff(kind: str, before: Record | None, after: Record) -> list[Record]:
    before = before or {}
    return [{"field": name, "old": before.get(name), "new": after.get(name)}
            for name in FIELDS[kind] if before.get(name) != after.get(name)]


def revisions(session: DbSession, kind: str, resource_id: uuid.UUID | None) -> list[EditRevision]:
    return list(session.scalars(
        select(EditRevision).where(EditRevision.resource_type == kind,
                                   EditRevision.resource_id == resource_id)
        .order_by(EditRevision.number.desc())))


def write_revision(session: DbSession, kind: str, resource_id: uuid.UUID | None,
                   before: Record | None, after: Record,
                   user: User, action: str, *, change: EditChange | None = None,
                   approver: User | None = None) -> EditRevision | None:
    changes = diff(kind, before, after)
    if not changes and action not in ("archive", "hide", "unhide", "publish", "create"):
        return None
    last = session.scalar(select(func.max(EditRevision.number)).where(
        EditRevision.resource_type == kind, EditRevision.resource_id == resource_id)) or 0
    moment = utcnow()
    if last == 0 and before is not None:
        # The state before the first edit (loaded or imported), so it can be restored too.
        last = 1
        session.add(EditRevision(resource_type=kind, resource_id=resource_id, number=1,
                                 created_at=moment, user_label="", action="baseline",
                                 snapshot=before, changes=[]))
    author = change.author if change is not None else user
    revision = EditRevision(
        resource_type=kind, resource_id=resource_id, number=last + 1, created_at=moment,
        user_id=author.id, user_label=author.display_name or author.email, action=action,
        snapshot=after, changes=changes, change_id=change.id if change else None,
        approved_by=(approver.display_name or approver.email) if approver else None)
    session.add(revision)
    for item in changes:
        session.add(Metadata(resource_id=resource_id, resource_type=kind, last_action_date=moment,
                             last_action_type=action, field_name=item["field"],
                             previous_value=_as_text(item["old"]),
                             replacement_value=_as_text(item["new"]),
                             updated_by=author.email))
    return revision


# --------------------------------------------------------------------------- saving

def _check_token(session: DbSession, kind: str, obj: Editable, token: str, current: Record) -> None:
    now_token = token_of(session, kind, obj)
    if token != now_token:
        raise Conflict(current=current, token=now_token)


def _apply(session: DbSession, kind: str, obj: Editable | None, record: Record, user: User, action: str, *,
           change: EditChange | None = None, approver: User | None = None,
           publish: bool = False, new_id: uuid.UUID | None = None) -> Outcome:
    before = record_of(kind, obj) if obj is not None else None
    was_published = isinstance(obj, Service) and obj.publication == "published"
    # A new entry from an approved proposal takes the id the proposal reserved.
    result = APPLY[kind](session, obj, record, **({"new_id": new_id} if new_id else {}))
    if isinstance(result, Service):
        # An editor's record has no draft_reason: publication is decided here, not by upsert.
        result.publication = "published" if publish or was_published else "draft"
        result.draft_reason = None
    session.flush()
    after = record_of(kind, result)
    revision = write_revision(session, kind, result.id, before, after, user,
                              "create" if obj is None else action, change=change,
                              approver=approver)
    session.flush()
    return Outcome(resource=result, applied=True, change=change, revision=revision)


def save(session: DbSession, kind: str, obj: Editable | None, record: Record, user: User, *,
         token: str | None,
         review: bool, action: str = "update", rebase: bool = False) -> Outcome:
    """Save an editor record: validate, check the token, then apply or propose.

    Raises ``Conflict`` when the entry changed since ``token`` was read; returns an
    ``Outcome`` with ``errors`` when the record is not valid (nothing is written).
    """
    errors = validate(session, kind, record)
    if errors:
        return Outcome(resource=obj, applied=False, errors=errors)
    if obj is None:
        if kind == "service":
            outcome = _apply(session, kind, None, record, user, "create", publish=not review)
            if review and outcome.resource is not None:  # _apply always gives the entry
                outcome.change = _propose(session, kind, outcome.resource, None, None, user,
                                          "publish", basis=None)
                outcome.applied = False
            return outcome
        if review:
            # Not applied (so not in the API) until a second editor approves it.
            return Outcome(resource=None, applied=False,
                           change=_propose_new(session, kind, record, user))
        return _apply(session, kind, None, record, user, "create")
    current, change = editable_state(session, kind, obj)
    _check_token(session, kind, obj, token or "", current)
    if change is not None and change.action in WITHDRAWALS:
        raise WithdrawalWaiting(_WAITING_WITHDRAWAL)
    if not review:
        if change is not None:
            _close(change, "withdrawn", user, "vervangen door een directe wijziging")
            session.flush()
        return _apply(session, kind, obj, record, user, action, publish=True)
    if isinstance(obj, Service) and obj.publication == "draft":
        # A draft is not public: edit it in place; publishing waits for a second editor.
        outcome = _apply(session, kind, obj, record, user, action)
        outcome.change = _propose(session, kind, obj, change, None, user, "publish", basis=None)
        outcome.applied = False
        return outcome
    if record == record_of(kind, obj):
        if change is not None:  # back to what is live: the proposal is no longer needed
            _close(change, "withdrawn", user, "teruggezet naar de gepubliceerde versie")
        return Outcome(resource=obj, applied=True)
    proposed = _propose(session, kind, obj, change, record, user, action,
                        basis=record_of(kind, obj), rebase=rebase)
    return Outcome(resource=obj, applied=False, change=proposed)


def _add_change(session: DbSession, change: EditChange, kind: str, obj: Editable | None) -> None:
    """Insert a new pending change; another editor's change opened at the same moment (the
    unique ``open_key``) is a ``Conflict``, not an error."""
    try:
        with session.begin_nested():
            session.add(change)
            session.flush()
    except IntegrityError:
        if obj is None:
            raise
        session.expire(obj)
        raise Conflict(current=editable_state(session, kind, obj)[0],
                       token=token_of(session, kind, obj)) from None


def _propose_new(session: DbSession, kind: str, record: Record, user: User) -> EditChange:
    """A new organisation or location, waiting for review; its id is reserved now."""
    ident = uuid.uuid4()
    change = EditChange(resource_type=kind, resource_id=ident, open_key=ident, action="create",
                        payload=record, basis=None, base_token=live_token(kind, None), status="pending",
                        author_id=user.id, editor_ids=[str(user.id)], created_at=utcnow(),
                        updated_at=utcnow())
    _add_change(session, change, kind, None)
    return change


def _propose(session: DbSession, kind: str, obj: Editable, change: EditChange | None, payload: Record | None,
             user: User, action: str, *, basis: Record | None, rebase: bool = False) -> EditChange:
    editor = str(user.id)
    if change is None:
        change = EditChange(resource_type=kind, resource_id=obj.id, open_key=obj.id,
                            action=action, payload=payload, basis=basis,
                            base_token=live_token(kind, obj), status="pending", author_id=user.id,
                            editor_ids=[editor], created_at=utcnow(), updated_at=utcnow())
        _add_change(session, change, kind, obj)
    else:
        if change.action == "publish" and payload is not None:
            action = "update"
        change.action = action if change.action != "publish" else "publish"
        change.payload = payload
        if basis is not None and (rebase or change.basis is None):
            # Only a merge moves the proposal onto today's live entry; otherwise approval
            # compares with the state it was first proposed against.
            change.basis = basis
            change.base_token = live_token(kind, obj)
        change.author_id = user.id
        change.editor_ids = sorted({*change.editor_ids, editor})
        change.updated_at = utcnow()
    session.flush()
    return change


def _close(change: EditChange, status: str, user: User, note: str | None = None) -> None:
    change.status = status
    change.open_key = None
    change.reviewer_id = user.id
    change.reviewed_at = utcnow()
    change.review_note = note


def may_review(change: EditChange, user: User) -> bool:
    return str(user.id) not in (change.editor_ids or []) and change.author_id != user.id


def approve(session: DbSession, change: EditChange, user: User, *, token: str | None) -> Outcome:
    """A second editor approves what they were shown: the change goes live (a revision by
    its author).

    ``token`` is the ``review_token`` the review form carried; when the proposal (or the live
    entry) moved since, ``ProposalChanged`` — nothing is applied.  The flush checks the
    change's own version too, for a proposer saving between this check and the write.
    """
    if change.status != "pending":
        raise EditError("Deze wijziging is al afgehandeld.")
    if not may_review(change, user):
        raise EditError("U heeft deze wijziging zelf gemaakt; een andere redacteur moet haar goedkeuren.")
    kind = change.resource_type
    obj = _entry(session, kind, change.resource_id)
    if not token or token != review_token(session, change):
        raise ProposalChanged()
    if change.action == "create":
        _close(change, "approved", user)
        session.flush()
        return _apply(session, kind, None, _payload(change), user, "create", change=change,
                      approver=user, new_id=change.resource_id)
    if change.action == "hide":
        # Already applied: a second editor confirms that it was right to hide it.
        _close(change, "approved", user)
        session.flush()
        return Outcome(resource=obj, applied=True, change=change)
    if obj is None:  # the entry of an update, archive or publish proposal is gone
        raise EditError("Dit item bestaat niet meer.")
    if change.action != "publish" and change.base_token != live_token(kind, obj):
        # The live entry changed (an import, an archive) since this was proposed.
        raise Conflict(current=record_of(kind, obj), token=token_of(session, kind, obj))
    _close(change, "approved", user)
    session.flush()
    if change.action == "archive":
        _withdraw_now(session, kind, obj, change.author, _payload(change)["status"],
                      change=change, approver=user)
        session.flush()
        return Outcome(resource=obj, applied=True, change=change)
    if change.action == "publish" and isinstance(obj, Service):
        before = record_of(kind, obj)
        obj.publication = "published"
        obj.draft_reason = None
        session.flush()
        revision = write_revision(session, kind, obj.id, before, record_of(kind, obj), user,
                                  "publish", change=change, approver=user)
        session.flush()
        return Outcome(resource=obj, applied=True, change=change, revision=revision)
    return _apply(session, kind, obj, _payload(change), user, change.action, change=change,
                  approver=user)


def _payload(change: EditChange) -> Record:
    """The proposed record (every proposal but a publish, an archive's status, a hide's)."""
    if change.payload is None:
        raise EditError("Dit voorstel heeft geen inhoud.")
    return change.payload


def reject(session: DbSession, change: EditChange, user: User, note: str | None, *,
           token: str | None) -> None:
    """A second editor rejects what they were shown.  Bound to the version shown like
    ``approve``: a rejection of a proposal that changed since (the author may have fixed
    what the reviewer objects to) is refused with ``ProposalChanged``, nothing closed; the
    flush checks the change's version for a save in between."""
    if change.status != "pending":
        raise EditError("Deze wijziging is al afgehandeld.")
    if not may_review(change, user):
        raise EditError("U heeft deze wijziging zelf gemaakt; een andere redacteur beoordeelt haar.")
    if not token or token != review_token(session, change):
        raise ProposalChanged()
    _close(change, "rejected", user, note)
    session.flush()
    if change.action == "hide":
        _undo_hide(session, change, user)


_WAITING_WITHDRAWAL = ("Er wacht een voorstel om dit uit de openbare kaart te halen. Laat een "
                       "andere redacteur dat eerst beoordelen.")


def archive(session: DbSession, kind: str, obj: Editable, user: User, *, token: str, status: str,
            review: bool, urgent: bool = False, reason: str | None = None) -> Outcome:
    """Take an entry out of public view; never deleted.

    What the public sees disappear goes through the same four eyes as any other change
    (``review``): the archive is a proposal (``action='archive'``) that a second editor
    approves (bound to the version shown) before it is applied.  An editor who finds a
    dangerous entry (a phishing link, a closed shelter still taking people in) cannot wait
    for that: ``urgent`` hides it at once, with a mandatory ``reason``, and opens a
    ``hide`` change that a second editor must confirm afterwards — or reject, which makes
    the entry public again as it was.  Without ``review`` the archive applies at once.
    """
    if status not in ARCHIVE_STATUSES:
        raise EditError("Kies 'niet meer actief' of 'opgeheven'.")
    reason = " ".join((reason or "").split())
    if urgent and len(reason) < MIN_REASON_LENGTH:
        raise EditError("Geef de reden waarom dit direct offline moet (minstens "
                        f"{MIN_REASON_LENGTH} tekens); een andere redacteur beoordeelt die.")
    current, change = editable_state(session, kind, obj)
    _check_token(session, kind, obj, token, current)
    if change is not None and change.action in WITHDRAWALS:
        raise WithdrawalWaiting(_WAITING_WITHDRAWAL)
    if urgent and review:
        if change is not None:  # kept, not lost: it stays readable in the history
            _close(change, "withdrawn", user, "direct verborgen")
            session.flush()
        before = _withdraw_now(session, kind, obj, user, status, action="hide")
        hide = EditChange(resource_type=kind, resource_id=obj.id, open_key=obj.id, action="hide",
                          payload={"status": status, "reason": reason, "before": before},
                          basis=None, base_token=live_token(kind, obj), status="pending",
                          author_id=user.id, editor_ids=[str(user.id)], created_at=utcnow(),
                          updated_at=utcnow())
        _add_change(session, hide, kind, obj)
        return Outcome(resource=obj, applied=True, change=hide)
    if review:
        if change is not None:
            raise EditError("Er wacht al een wijziging op beoordeling. Laat die eerst "
                            "beoordelen; is het dringend, verberg het dan direct.")
        proposal = EditChange(resource_type=kind, resource_id=obj.id, open_key=obj.id,
                              action="archive", payload={"status": status}, basis=None,
                              base_token=live_token(kind, obj), status="pending",
                              author_id=user.id, editor_ids=[str(user.id)],
                              created_at=utcnow(), updated_at=utcnow())
        _add_change(session, proposal, kind, obj)
        return Outcome(resource=obj, applied=False, change=proposal)
    if change is not None:  # kept, not lost: it stays readable in the history
        _close(change, "withdrawn", user, "de voorziening is gearchiveerd")
        session.flush()
    _withdraw_now(session, kind, obj, user, status)
    session.flush()
    return Outcome(resource=obj, applied=True)


def services_withdrawn_with(kind: str, obj: Editable) -> list[Service]:
    """The provisions that leave public view when ``obj`` is archived."""
    if isinstance(obj, Organization):
        services = list(obj.services)
    elif isinstance(obj, Service):
        services = [obj]
    else:  # a location is not archived
        services = []
    return [service for service in services if service.status not in ARCHIVE_STATUSES]


def _withdraw_now(session: DbSession, kind: str, obj: Editable, user: User, status: str, *,
                  action: str = "archive", change: EditChange | None = None,
                  approver: User | None = None) -> dict[str, str]:
    """Set ``status`` on the provision (or on every provision of the organisation), with a
    revision each; their open proposals are withdrawn.  Returns id → the status before."""
    before_statuses = {}
    for service in services_withdrawn_with(kind, obj):
        before = record_of("service", service)
        before_statuses[str(service.id)] = service.status
        pending = open_change(session, "service", service.id)
        if pending is not None and pending is not change and pending.status == "pending":
            _close(pending, "withdrawn", user, "de voorziening is gearchiveerd")
            session.flush()
        service.status = status
        session.flush()
        write_revision(session, "service", service.id, before, record_of("service", service),
                       user, action, change=change if kind == "service" else None,
                       approver=approver)
    session.flush()
    return before_statuses


def _undo_hide(session: DbSession, change: EditChange, user: User) -> None:
    """A rejected urgent hide: the provisions it hid are public again as they were (those
    whose status nobody changed since)."""
    payload = _payload(change)
    hidden = payload.get("status")
    for ident, status in (payload.get("before") or {}).items():
        service = session.get(Service, uuid.UUID(ident))
        if service is None or service.status != hidden:
            continue
        before = record_of("service", service)
        service.status = status
        session.flush()
        write_revision(session, "service", service.id, before, record_of("service", service),
                       user, "unhide")
    session.flush()


def restore(session: DbSession, kind: str, obj: Editable, number: int, user: User, *, token: str,
            review: bool) -> Outcome:
    """Make revision ``number`` the entry's content again (itself a new change)."""
    revision = session.scalar(select(EditRevision).where(
        EditRevision.resource_type == kind, EditRevision.resource_id == obj.id,
        EditRevision.number == number))
    if revision is None:
        raise EditError("Deze versie bestaat niet.")
    return save(session, kind, obj, dict(revision.snapshot), user, token=token, review=review,
                action="restore")


# --------------------------------------------------------------------------- merging

def merge(basis: Record | None, theirs: Record, yours: Record,
          fields: Iterable[str]) -> tuple[Record, list[str]]:
    """Three-way merge: a field only one side changed takes that side; both → yours, flagged."""
    merged = dict(yours)
    conflicts = []
    for name in fields:
        base = (basis or {}).get(name, theirs.get(name))
        mine, other = yours.get(name), theirs.get(name)
        if mine == other:
            continue
        if basis is not None and mine == base:
            merged[name] = other
        elif basis is not None and other == base:
            merged[name] = mine
        else:
            conflicts.append(name)
    return merged, conflicts
