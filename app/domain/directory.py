"""Write operations on the directory, shared by the demo loader, importers and editors.

Input is the canonical Berkelland record (``app/schemas/records.py`` validates it).
Upserts match on (source, external_id) and only touch what differs, so loading the
same data twice changes nothing — not even ``last_modified``.  Functions flush but
never commit: the caller owns the transaction (an import is all or nothing).

Records may carry HSDS detail (ids and lists, see ``app/schemas/records.py``).  Children are
then matched by id, else by content, so a re-import updates rows in place and a record
created from an HSDS file keeps that file's ids (which is what makes export → import →
export give identical files).  An import never sets ``assured_date``: only a person assures.

Drafts: a record with ``draft_reason`` may lack the profile's tier, access, life domains,
target groups or kernen (``None``).  A new service then gets ``publication='draft'`` and
neutral placeholders in the NOT NULL columns (``DRAFT_TIER``/``DRAFT_ACCESS``, never shown:
drafts are not public); an existing service keeps what an editor already filled in.

Concurrent edits: ``Service.version`` (and ``Organization.version``, ``Location.version``)
is SQLAlchemy's version counter, so every UPDATE of such a row says ``WHERE version = <the
version this session read>``.  Whatever the import changes on a service, organisation or
location (children included: phones, addresses) also updates its row, so the version moves:
an editor's form read before the import is refused as stale, and if an editor saved the
same entry after the import read it, the flush raises ``StaleDataError`` and the caller
rolls the whole import back instead of overwriting the editor's change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, time
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import QueryableAttribute, selectinload

from app.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Kern,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from app.models.base import DbSession, utcnow


@dataclass
class UpsertReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.by_kind.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        self.by_kind[kind][outcome] += 1


#: A record as the importers and the editor hand it over (``app/schemas/records.py``).
Record = dict[str, Any]
#: A model class (Organization, Location, Service, a child).
M = TypeVar("M")

#: Ids in one ``IN (...)`` (SQLite allows 32,766 parameters; fewer keep each query quick).
ID_BATCH = 1000

#: The children an import reads of each existing record it may update (``Vocabulary.prepare``).
IMPORT_CHILDREN = {
    Organization: ("phones", "contacts"),
    Location: ("addresses", "accessibility"),
    Service: ("life_domains", "target_groups", "legal_frameworks", "service_areas",
              "service_at_locations", "schedules", "cost_options", "languages", "phones",
              "contacts", "required_documents"),
}
#: Children HSDS may list under several parents (``Vocabulary.made``): for these a load
#: remembers the ids it gave across chunks.
SHARED = (Phone, Contact)


def _ids_in(records: Iterable[object]) -> set[uuid.UUID]:
    """Every id that records (and the children nested in them) give."""
    found: set[uuid.UUID] = set()
    todo: list[object] = list(records)
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), uuid.UUID):
                found.add(value["id"])
            todo.extend(v for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            todo.extend(v for v in value if isinstance(v, dict | list))
    return found


def _in_batches(session: DbSession, statement: Select[Any], column: QueryableAttribute[Any],
                values: Iterable[object]) -> list[Any]:
    values = list(values)
    return [row for start in range(0, len(values), ID_BATCH)
            for row in session.scalars(statement.where(column.in_(values[start:start + ID_BATCH])))]


class Vocabulary:
    """Looks up kernen, taxonomy terms and (after ``prepare``) the existing records of a chunk."""

    def __init__(self, session: DbSession) -> None:
        self.kernen = {k.name: k for k in session.scalars(select(Kern))}
        self.terms: dict[tuple[str, str], TaxonomyTerm] = {}
        for term in session.scalars(select(TaxonomyTerm).join(Taxonomy)):
            if term.taxonomy_detail is not None and term.code is not None:  # the join: never
                self.terms[(term.taxonomy_detail.name, term.code)] = term
        self._existing: dict[tuple[type, str], dict[str, Any]] = {}
        self._taken: dict[type, set[object]] = {}
        self._made: dict[tuple[type, object], object] = {}  # rows given an input id (chunk)
        self._made_ids: set[tuple[type, object]] = set()  # ... of SHARED models, this load
        # service id -> its stored attributes (prepare)
        self._attributes: dict[uuid.UUID, list[Attribute]] | None = None
        self._chunk: list[Record] | None = None  # the records of the prepared chunk (prepare)
        self._candidates: set[uuid.UUID] | None = None  # the ids they give, once asked
        self._held: list[Any] = []  # rows of the chunk found by id (the identity map is weak)
        self._session = session

    def made(self, model: type, ident: object) -> Any:
        """The row this load created with the input's id ``ident`` (a child that HSDS lists
        under several parents, such as one phone under organisation and service), if any;
        one an earlier chunk made is read back (only its id was kept)."""
        found = self._made.get((model, ident))
        if found is None and (model, ident) in self._made_ids:
            with self._session.no_autoflush:
                found = self._session.get(model, ident)
        return found

    def claim(self, model: type, ident: object, obj: object = None) -> bool:
        """Whether a new ``model`` row may take the id ``ident`` (given by the input).

        Not when a row already has it (another source's copy of the same record) or when this
        load gave it to another new row (HSDS files may repeat one contact under the
        organisation and the service); the row then gets an id of its own.
        """
        if ident is None or self._is_taken(model, ident):
            return False
        self._known_ids(model).add(ident)
        if obj is not None:
            self._made[(model, ident)] = obj
            if model in SHARED:
                self._made_ids.add((model, ident))
        return True

    def _is_taken(self, model: Any, ident: object) -> bool:
        if ident in self._known_ids(model):
            return True
        if self._chunk is None or ident in self._chunk_ids() or not isinstance(ident, uuid.UUID):
            return False
        with self._session.no_autoflush:  # an id the chunk did not announce: ask
            return self._session.scalar(select(model.id).where(model.id == ident)) is not None

    def _known_ids(self, model: Any) -> set[object]:
        """The ids of ``model`` rows (those the prepared chunk gives, once prepared), and the
        ids this load gave away since."""
        taken = self._taken.get(model)
        if taken is None:
            if self._chunk is None:
                taken = set(self._session.scalars(select(model.id)))
            else:
                with self._session.no_autoflush:
                    taken = set(_in_batches(self._session, select(model.id), model.id,
                                            self._chunk_ids()))
            self._taken[model] = taken
        return taken

    def _chunk_ids(self) -> set[uuid.UUID]:
        if self._candidates is None:
            self._candidates = _ids_in(self._chunk or [])
        return self._candidates

    def term(self, taxonomy: str, code: str) -> TaxonomyTerm:
        try:
            return self.terms[(taxonomy, code)]
        except KeyError:
            raise LookupError(f"unknown code {code!r} in taxonomy {taxonomy!r}") from None

    def kern(self, name: str) -> Kern:
        try:
            return self.kernen[name]
        except KeyError:
            raise LookupError(f"unknown kern {name!r}") from None

    def prepare(self, session: DbSession, model: Any, source: str, records: list[Record]) -> None:
        """Before writing a chunk of ``model`` records of ``source``: fetch the rows they
        match (by key, else by the id the input gives) with their children, and which of the
        ids the records give rows already have, in a few queries for the whole chunk.  What
        the previous chunk fetched is let go, so a load of any size holds one chunk."""
        self._existing = {}
        self._taken = {}
        self._made = {}
        self._attributes = None
        self._held = []
        self._chunk, self._candidates = records, None
        if not records:
            return
        options = [selectinload(getattr(model, name)) for name in IMPORT_CHILDREN[model]]
        by_key = {obj.external_id: obj for obj in _in_batches(
            session, select(model).where(model.source == source).options(*options),
            model.external_id, {record["key"] for record in records})}
        self._existing[(model, source)] = by_key
        ids = {record["id"] for record in records if record["key"] not in by_key
               and isinstance(record.get("id"), uuid.UUID)}
        self._held = _in_batches(session, select(model).options(*options), model.id, ids) \
            if ids else []
        if model is Service:
            self._attributes = {}
            services = [*by_key.values(), *self._held]
            for attribute in _in_batches(session, select(Attribute).where(
                    Attribute.link_entity == "service"), Attribute.link_id,
                    [service.id for service in services]):
                self._attributes.setdefault(attribute.link_id, []).append(attribute)

    def find(self, session: DbSession, model: type[M], source: str, external_id: str,
             ident: object = None) -> M | None:
        """The record with this source and key; else the row that has the input's id.

        The id fallback makes importing this installation's own export (whose records came
        from another source, e.g. the demo file or an editor) update them instead of copying.
        """
        table: Any = model  # a mapped class with ``source`` and ``external_id`` columns
        cache = self._existing.get((model, source))
        found: M | None
        if cache is None:
            found = session.scalar(
                select(table).where(table.source == source, table.external_id == external_id))
        else:
            found = cache.get(external_id)
        if found is None and ident is not None and self._is_taken(model, ident):
            found = session.get(model, ident)
        return found

    def attributes(self, session: DbSession, service: Service) -> list[Attribute]:
        """The attributes (outside the profile) stored for an existing service."""
        if self._attributes is not None:
            return list(self._attributes.get(service.id, []))
        return list(session.scalars(select(Attribute).where(
            Attribute.link_entity == "service", Attribute.link_id == service.id)))

    def remember(self, obj: Any, source: str) -> None:
        cache = self._existing.get((type(obj), source))
        if cache is not None:
            cache[obj.external_id] = obj


#: Placeholders for a new draft that lacks them (NOT NULL columns; drafts are never public).
DRAFT_TIER = "voorliggend"
DRAFT_ACCESS = "aanmelden"


def _assign(obj: object, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _new(model: type[M], record: Record, source: str, vocab: Vocabulary, **values: Any) -> M:
    make: Any = model  # a mapped class: its constructor takes the column values
    obj = make(source=source, external_id=record["key"], **values)
    if record.get("id") is not None and vocab.claim(model, record["id"]):
        obj.id = record["id"]
    made: M = obj
    return made


def _sync(session: DbSession, collection: Any, wanted: Iterable[dict[str, Any]],
          make: Callable[[dict[str, Any]], Any], keys: tuple[str, ...], *, use_ids: bool,
          delete_removed: bool = False, claim: Callable[..., bool] | None = None,
          reuse: Callable[[Any], Any] | None = None) -> bool:
    """Make ``collection`` hold exactly ``wanted`` (dicts of column values, maybe an ``id``).

    An existing child is kept when its id matches, else when all ``keys`` are equal; it is
    updated in place.  New children take the given id when ``use_ids``; when this load
    already made a row with that id under another parent (``reuse``), that row joins this
    collection too, so the id stays one row.  Returns whether anything changed.
    """
    free = list(collection)
    result = []
    changed = False
    for item in wanted:
        values = {k: item.get(k) for k in keys}
        match = _matching_child(free, item, keys)
        if match is not None:
            free.remove(match)
            changed = _assign(match, values) or changed
        else:
            match = _new_child(item, values, make, use_ids=use_ids, claim=claim, reuse=reuse)
            changed = True
        result.append(match)
    if free:
        changed = True
    if changed:
        collection[:] = result
        if delete_removed:
            _delete_orphans(session, free)
    return changed


def _matching_child(free: list[Any], item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The existing child ``item`` describes: the one with its id, else the one with equal
    ``keys``; ``None`` when there is none."""
    if item.get("id") is not None:
        match = next((c for c in free if c.id == item["id"]), None)
        if match is not None:
            return match
    values = tuple(item.get(k) for k in keys)
    return next((c for c in free if tuple(getattr(c, k) for k in keys) == values), None)


def _new_child(item: dict[str, Any], values: dict[str, Any], make: Callable[[dict[str, Any]], Any],
               *, use_ids: bool, claim: Callable[..., bool] | None,
               reuse: Callable[[Any], Any] | None) -> Any:
    """A child for ``item`` that matches none: the row this load already made with its id
    (``reuse``), else a new one, which takes the id when ``use_ids`` and it is free."""
    ident = item.get("id")
    if reuse is not None and use_ids and ident is not None:
        shared = reuse(ident)
        if shared is not None:
            _assign(shared, values)
            return shared
    child = make(values)
    if use_ids and ident is not None and (claim is None or claim(type(child), ident, child)):
        child.id = ident
    return child


def _delete_orphans(session: DbSession, removed: list[Any]) -> None:
    for orphan in removed:
        if getattr(orphan, "service", None) is None:  # else a service still has it
            session.delete(orphan)


PHONE_KEYS = ("number", "extension", "type", "description")
CONTACT_KEYS = ("name", "title", "department", "email")


def _phones(record: Record) -> list[Record]:
    if "phones" in record:
        return list(record["phones"])
    return [{"number": record["phone"], "type": "voice"}] if record.get("phone") else []


def upsert_organization(session: DbSession, source: str, record: Record, report: UpsertReport,
                        vocab: Vocabulary) -> Organization:
    org = vocab.find(session, Organization, source, record["key"], record.get("id"))
    values = {
        "name": record["name"],
        "description": record.get("description") or "",
        "email": record.get("email"),
        "website": record.get("website"),
    }
    if "provenance" in record:  # absent: a format without it (HSDS) leaves it alone
        values["provenance"] = record["provenance"]
    for key in ("alternate_name", "legal_status", "year_incorporated"):
        if key in record:
            values[key] = record[key]
    if org is None:
        org = _new(Organization, record, source, vocab, **values)
        session.add(org)
        vocab.remember(org, source)
        outcome = "created"
    else:
        outcome = "updated" if _assign(org, values) else "unchanged"
    use_ids = record.get("id") is not None and org.id == record["id"]
    changed = _sync(session, org.phones, _phones(record), lambda v: Phone(**v), PHONE_KEYS,
                    use_ids=use_ids, claim=vocab.claim, delete_removed=True,
                    reuse=lambda ident: vocab.made(Phone, ident))
    if "contacts" in record and _sync(session, org.contacts, record["contacts"],
                                      lambda v: Contact(**v), CONTACT_KEYS, use_ids=use_ids,
                                      claim=vocab.claim, delete_removed=True,
                                      reuse=lambda ident: vocab.made(Contact, ident)):
        changed = True
    if changed and outcome == "unchanged":
        outcome = "updated"
        org.last_modified = utcnow()  # children changed: the UPDATE also bumps version
    report.count("organization", outcome)

    locations: dict[str, Location] = {}
    for loc in record.get("locations", []):
        locations[loc["key"]] = upsert_location(session, source, org, loc, report, vocab)
    for service_record in record.get("services", []):
        upsert_service(session, source, org, service_record, locations, report, vocab)
    return org


class _Holder:
    """A plain list standing in for a relationship collection (slice assignment works)."""

    def __init__(self, items: Iterable[Attribute]) -> None:
        self.items = list(items)


ADDRESS_KEYS = ("attention", "address_1", "address_2", "city", "region", "state_province",
                "postal_code", "country", "address_type")
ACCESSIBILITY_KEYS = ("description", "details", "url")


def _addresses(record: Record) -> list[Record]:
    if "addresses" in record:
        return [{**a, "state_province": a.get("state_province") or "",
                 "country": a.get("country") or "NL",
                 "address_type": a.get("address_type") or "physical"}
                for a in record["addresses"]]
    if not record.get("address"):
        return []
    return [{"address_1": record["address"], "postal_code": record["postcode"],
             "city": record["city"], "state_province": "Gelderland", "country": "NL",
             "address_type": "physical"}]


def upsert_location(session: DbSession, source: str, org: Organization | None, record: Record,
                    report: UpsertReport, vocab: Vocabulary) -> Location:
    location = vocab.find(session, Location, source, record["key"], record.get("id"))
    kern = vocab.kern(record["kern"]) if record.get("kern") else None
    values = {
        "organization": org,
        "name": record.get("name"),
        "latitude": record.get("lat"),
        "longitude": record.get("lon"),
        "kern_id": kern.id if kern else None,
        "transportation": record.get("transportation"),
        "location_type": record.get("location_type") or "physical",
    }
    for key in ("url", "alternate_name", "description"):
        if key in record:
            values[key] = record[key]
    if location is None:
        location = _new(Location, record, source, vocab, **values)
        session.add(location)
        vocab.remember(location, source)
        outcome = "created"
    else:
        outcome = "updated" if _assign(location, values) else "unchanged"
    use_ids = record.get("id") is not None and location.id == record["id"]

    changed = _sync(session, location.addresses, _addresses(record), lambda v: Address(**v),
                    ADDRESS_KEYS, use_ids=use_ids, claim=vocab.claim)
    if "accessibility_details" in record:
        wanted_access = record["accessibility_details"]
    else:
        wanted_access = [{"description": record["accessibility"]}] \
            if record.get("accessibility") else []
    if _sync(session, location.accessibility, wanted_access, lambda v: Accessibility(**v),
             ACCESSIBILITY_KEYS, use_ids=use_ids, claim=vocab.claim):
        changed = True
    if changed and outcome == "unchanged":
        outcome = "updated"
        location.last_modified = utcnow()  # children changed: the UPDATE also bumps version
    report.count("location", outcome)
    return location


def _parse_time(value: str) -> time:
    hours, minutes = value.split(":")[:2]
    return time(int(hours), int(minutes))


SCHEDULE_KEYS = ("byday", "opens_at", "closes_at", "description", "freq", "timezone", "interval",
                 "valid_from", "valid_to", "attending_type", "notes", "dtstart", "until", "count",
                 "wkst", "byweekno", "bymonthday", "byyearday", "schedule_link")
COST_KEYS = ("amount", "amount_description", "currency", "option", "valid_from", "valid_to")
AREA_KEYS = ("name", "kern", "description", "extent", "extent_type", "uri")
LANGUAGE_KEYS = ("code", "name", "note")


def _money(amount: object) -> Decimal | None:
    return None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01"))


def _schedules(record: Record) -> list[Record]:
    return [{
        "id": s.get("id"),
        "byday": s["byday"],
        "opens_at": _parse_time(s["opens_at"]),
        "closes_at": _parse_time(s["closes_at"]),
        "description": s.get("description"),
        "freq": s.get("freq") or "WEEKLY",
        "timezone": _offset(s.get("timezone")),
        "interval": s.get("interval"),
        "valid_from": s.get("valid_from"),
        "valid_to": s.get("valid_to"),
        "attending_type": s.get("attending_type"),
        "notes": s.get("notes"),
        **{k: s.get(k) for k in ("dtstart", "until", "count", "wkst", "byweekno", "bymonthday",
                                 "byyearday", "schedule_link")},
    } for s in record.get("schedules") or []]


def _offset(hours: float | str | None) -> str:
    """HSDS gives a schedule's timezone as a UTC offset in hours; without one: ours."""
    if hours is None:
        return "Europe/Amsterdam"
    return str(int(hours)) if float(hours).is_integer() else str(hours)


def _costs(record: Record) -> list[Record]:
    if "cost_options" in record:
        return [{**c, "amount": _money(c.get("amount"))} for c in record["cost_options"]]
    cost = record.get("cost")
    if cost is None:
        return []
    return [{"amount": _money(cost.get("amount")), "amount_description": cost.get("description"),
             "currency": "EUR"}]


def _areas(record: Record, vocab: Vocabulary) -> list[Record] | None:
    if "service_areas" in record:
        areas = record["service_areas"]
    elif record.get("kernen") is None:
        return None
    else:
        areas = [{"name": name, "extent_type": "text"} for name in sorted(record["kernen"])]
    return [{**area, "kern": vocab.kernen.get(area["name"])} for area in areas]


def upsert_service(session: DbSession, source: str, org: Organization, record: dict[str, Any],
                   locations: dict[str, Location], report: UpsertReport,
                   vocab: Vocabulary) -> Service:
    service: Service | None = vocab.find(session, Service, source, record["key"], record.get("id"))
    values = _service_values(org, record)
    if service is None:
        service = _create_service(session, source, record, vocab, values)
        outcome = "created"
    else:
        outcome = "updated" if _update_service(service, record, values) else "unchanged"
    created = outcome == "created"
    use_ids = record.get("id") is not None and service.id == record["id"]
    changed = _sync_terms(service, record, vocab, created=created)
    changed = _sync_children(session, service, record, locations, vocab, use_ids=use_ids,
                             created=created) or changed
    if changed and outcome == "unchanged":
        outcome = "updated"
        service.last_modified = utcnow()  # relations changed: the UPDATE also bumps version
    report.count("service", outcome)
    return service


_SERVICE_OPTIONAL = ("alternate_name", "interpretation_services", "alert", "wait_time",
                     "accreditations", "licenses")  # absent from a record: left alone
_SERVICE_TERMS = (  # (relationship, taxonomy, record key)
    ("life_domains", "leefgebied", "life_domains"),
    ("target_groups", "doelgroep", "target_groups"),
    ("legal_frameworks", "wettelijk-kader", "legal_frameworks"),
)


def _fees_description(record: dict[str, Any]) -> Any:
    if "fees_description" in record:
        return record["fees_description"]
    return (record.get("cost") or {}).get("description")


def _service_values(org: Organization, record: dict[str, Any]) -> dict[str, Any]:
    """The service's own columns from the record (relations apart)."""
    values = {
        "organization": org,
        "name": record["name"],
        "description": record.get("description") or "",
        "status": record.get("status", "active"),
        "url": record.get("url"),
        "email": record.get("email"),
        "eligibility_description": record.get("eligibility"),
        "application_process": record.get("application_process"),
        "fees_description": _fees_description(record),
        "minimum_age": record.get("minimum_age"),
        "maximum_age": record.get("maximum_age"),
        "schedule_note": record.get("schedule_note"),
    }
    if "provenance" in record:  # absent: a format without it (HSDS) leaves it alone
        values["provenance"] = record["provenance"]
    if "source" in record:
        values["provenance_note"] = record["source"]
    values.update({key: record[key] for key in _SERVICE_OPTIONAL if key in record})
    # None: a draft that lacks it
    values.update({key: record[key] for key in ("tier", "access") if record.get(key) is not None})
    return values


def _create_service(session: DbSession, source: str, record: dict[str, Any], vocab: Vocabulary,
                    values: dict[str, Any]) -> Service:
    draft_reason = record.get("draft_reason")
    values.setdefault("tier", DRAFT_TIER)
    values.setdefault("access", DRAFT_ACCESS)
    service: Service = _new(Service, record, source, vocab,
                            publication="draft" if draft_reason else "published",
                            draft_reason=draft_reason, **values)
    if record.get("last_modified") is not None:  # when the source last changed it
        stamp = record["last_modified"]
        service.last_modified = stamp.astimezone(UTC) if stamp.tzinfo else stamp
    session.add(service)
    vocab.remember(service, source)
    return service


def _update_service(service: Service, record: dict[str, Any], values: dict[str, Any]) -> bool:
    """Update the service's own columns; whether anything changed."""
    if service.publication == "draft" and service.draft_reason is not None:
        # a draft made by an import: the new data decides (an editor's own drafts stay)
        draft_reason = record.get("draft_reason")
        values["publication"] = "draft" if draft_reason else "published"
        values["draft_reason"] = draft_reason
    return _assign(service, values)


def _sync_terms(service: Service, record: dict[str, Any], vocab: Vocabulary, *,
                created: bool) -> bool:
    """Life domains, target groups and legal frameworks; whether any changed."""
    changed = False
    for attr, taxonomy, key in _SERVICE_TERMS:
        if record.get(key) is None and not created:
            continue  # a draft without it keeps what is there
        wanted = sorted(set(record.get(key) or []))
        if sorted(t.code for t in getattr(service, attr)) != wanted:
            setattr(service, attr, [vocab.term(taxonomy, code) for code in wanted])
            changed = True
    return changed


def _location_links(record: dict[str, Any],
                    locations: dict[str, Location]) -> list[dict[str, Any]]:
    if "service_at_locations" in record:
        return [{"id": link.get("id"), "location": locations[link["location"]],
                 "description": link.get("description")}
                for link in record["service_at_locations"]]
    return [{"location": locations[key], "description": None}
            for key in record.get("locations") or []]


def _languages(record: dict[str, Any]) -> list[dict[str, Any]]:
    if "language_details" in record:
        return list(record["language_details"])
    return [{"code": code} for code in record.get("languages") or []]


@dataclass
class _ChildSync:
    """``_sync`` for one service's child collections, with the load's ids and vocabulary."""

    session: DbSession
    vocab: Vocabulary
    use_ids: bool

    def __call__(self, collection: Any, wanted: Iterable[dict[str, Any]], model: type[Any],
                 keys: tuple[str, ...], *, reuse: bool = False) -> bool:
        return _sync(self.session, collection, wanted, lambda v: model(**v), keys,
                     use_ids=self.use_ids, claim=self.vocab.claim,
                     reuse=self._made(model) if reuse else None)

    def _made(self, model: type[Any]) -> Callable[[Any], Any]:
        return lambda ident: self.vocab.made(model, ident)


def _sync_children(session: DbSession, service: Service, record: dict[str, Any],
                   locations: dict[str, Location], vocab: Vocabulary, *, use_ids: bool,
                   created: bool) -> bool:
    """Areas, locations, schedules, costs, languages, phones, contacts, documents and
    attributes, in that order; whether any changed."""
    sync = _ChildSync(session, vocab, use_ids)
    changed = False
    areas = _areas(record, vocab)
    if areas is not None or created:
        changed = sync(service.service_areas, areas or [], ServiceArea, AREA_KEYS)
    changed = sync(service.service_at_locations, _location_links(record, locations),
                   ServiceAtLocation, ("location", "description")) or changed
    changed = sync(service.schedules, _schedules(record), Schedule, SCHEDULE_KEYS) or changed
    changed = sync(service.cost_options, _costs(record), CostOption, COST_KEYS) or changed
    changed = sync(service.languages, _languages(record), Language, LANGUAGE_KEYS) or changed
    changed = sync(service.phones, _phones(record), Phone, PHONE_KEYS, reuse=True) or changed
    if "contacts" in record:
        changed = sync(service.contacts, record["contacts"], Contact, CONTACT_KEYS,
                       reuse=True) or changed
    if "required_documents" in record:
        changed = sync(service.required_documents, record["required_documents"],
                       RequiredDocument, ("document", "uri")) or changed
    if "attributes" in record:
        changed = _sync_attributes(session, service, record["attributes"], vocab,
                                   use_ids=use_ids, created=created) or changed
    return changed


def _sync_attributes(session: DbSession, service: Service, wanted: list[Record], vocab: Vocabulary,
                     *, use_ids: bool, created: bool) -> bool:
    """Attributes outside the profile: rows in ``attribute`` linked to the service."""
    current = [] if created or service.id is None else vocab.attributes(session, service)
    holder = _Holder(current)
    items = [{"id": a.get("id"), "taxonomy_term": vocab.term(a["taxonomy"], a["code"]),
              "link_type": a.get("link_type") or a["taxonomy"], "value": a.get("value"),
              "label": a.get("label")}
             for a in wanted]
    changed = _sync(session, holder.items, items, lambda v: Attribute(**v),
                    ("taxonomy_term", "link_type", "value", "label"), use_ids=use_ids, claim=vocab.claim,
                    delete_removed=True)
    if changed:
        if service.id is None:
            service.id = uuid.uuid4()
        for attribute in holder.items:
            attribute.link_entity = "service"
            attribute.link_id = service.id
            session.add(attribute)
    return changed
