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

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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
from app.models.base import utcnow


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


def _ids_in(records: Iterable) -> set[uuid.UUID]:
    """Every id that records (and the children nested in them) give."""
    found: set[uuid.UUID] = set()
    todo: list = list(records)
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), uuid.UUID):
                found.add(value["id"])
            todo.extend(v for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            todo.extend(v for v in value if isinstance(v, dict | list))
    return found


def _in_batches(session: Session, statement, column, values) -> list:
    values = list(values)
    return [row for start in range(0, len(values), ID_BATCH)
            for row in session.scalars(statement.where(column.in_(values[start:start + ID_BATCH])))]


class Vocabulary:
    """Looks up kernen, taxonomy terms and (after ``prepare``) the existing records of a chunk."""

    def __init__(self, session: Session):
        self.kernen = {k.name: k for k in session.scalars(select(Kern))}
        self.terms: dict[tuple[str, str], TaxonomyTerm] = {}
        for term in session.scalars(select(TaxonomyTerm).join(Taxonomy)):
            self.terms[(term.taxonomy_detail.name, term.code)] = term
        self._existing: dict[tuple[type, str], dict[str, object]] = {}
        self._taken: dict[type, set] = {}
        self._made: dict[tuple[type, object], object] = {}  # rows given an input id (chunk)
        self._made_ids: set[tuple[type, object]] = set()  # ... of SHARED models, this load
        self._attributes: dict | None = None  # service id -> its stored attributes (prepare)
        self._chunk: list[dict] | None = None  # the records of the prepared chunk (prepare)
        self._candidates: set | None = None  # the ids they give, once asked
        self._held: list = []  # rows of the chunk found by id (the identity map is weak)
        self._session = session

    def made(self, model, ident):
        """The row this load created with the input's id ``ident`` (a child that HSDS lists
        under several parents, such as one phone under organisation and service), if any;
        one an earlier chunk made is read back (only its id was kept)."""
        found = self._made.get((model, ident))
        if found is None and (model, ident) in self._made_ids:
            with self._session.no_autoflush:
                found = self._session.get(model, ident)
        return found

    def claim(self, model, ident, obj=None) -> bool:
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

    def _is_taken(self, model, ident) -> bool:
        if ident in self._known_ids(model):
            return True
        if self._chunk is None or ident in self._chunk_ids() or not isinstance(ident, uuid.UUID):
            return False
        with self._session.no_autoflush:  # an id the chunk did not announce: ask
            return self._session.scalar(select(model.id).where(model.id == ident)) is not None

    def _known_ids(self, model) -> set:
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

    def _chunk_ids(self) -> set:
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

    def prepare(self, session: Session, model, source: str, records: list[dict]) -> None:
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

    def find(self, session: Session, model, source: str, external_id: str, ident=None):
        """The record with this source and key; else the row that has the input's id.

        The id fallback makes importing this installation's own export (whose records came
        from another source, e.g. the demo file or an editor) update them instead of copying.
        """
        cache = self._existing.get((model, source))
        if cache is None:
            found = session.scalar(
                select(model).where(model.source == source, model.external_id == external_id))
        else:
            found = cache.get(external_id)
        if found is None and ident is not None and self._is_taken(model, ident):
            found = session.get(model, ident)
        return found

    def attributes(self, session: Session, service: Service) -> list[Attribute]:
        """The attributes (outside the profile) stored for an existing service."""
        if self._attributes is not None:
            return list(self._attributes.get(service.id, []))
        return list(session.scalars(select(Attribute).where(
            Attribute.link_entity == "service", Attribute.link_id == service.id)))

    def remember(self, obj, source: str) -> None:
        cache = self._existing.get((type(obj), source))
        if cache is not None:
            cache[obj.external_id] = obj


#: Placeholders for a new draft that lacks them (NOT NULL columns; drafts are never public).
DRAFT_TIER = "voorliggend"
DRAFT_ACCESS = "aanmelden"


def _assign(obj, values: dict) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _new(model, record: dict, source: str, vocab: Vocabulary, **values):
    obj = model(source=source, external_id=record["key"], **values)
    if record.get("id") is not None and vocab.claim(model, record["id"]):
        obj.id = record["id"]
    return obj


def _sync(session: Session, collection, wanted: Iterable[dict], make: Callable[[dict], object],
          keys: tuple[str, ...], *, use_ids: bool, delete_removed: bool = False,
          claim: Callable[..., bool] | None = None,
          reuse: Callable[[object], object] | None = None) -> bool:
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
        match = None
        if item.get("id") is not None:
            match = next((c for c in free if c.id == item["id"]), None)
        if match is None:
            values = tuple(item.get(k) for k in keys)
            match = next((c for c in free if tuple(getattr(c, k) for k in keys) == values), None)
        if match is not None:
            free.remove(match)
            if _assign(match, {k: item.get(k) for k in keys}):
                changed = True
        else:
            shared = reuse(item["id"]) if reuse is not None and use_ids and \
                item.get("id") is not None else None
            if shared is not None:
                _assign(shared, {k: item.get(k) for k in keys})
                match = shared
            else:
                match = make({k: item.get(k) for k in keys})
                if use_ids and item.get("id") is not None and (
                        claim is None or claim(type(match), item["id"], match)):
                    match.id = item["id"]
            changed = True
        result.append(match)
    if free:
        changed = True
    if changed:
        collection[:] = result
        if delete_removed:
            for orphan in free:
                if getattr(orphan, "service", None) is None:  # else a service still has it
                    session.delete(orphan)
    return changed


PHONE_KEYS = ("number", "extension", "type", "description")
CONTACT_KEYS = ("name", "title", "department", "email")


def _phones(record: dict) -> list[dict]:
    if "phones" in record:
        return list(record["phones"])
    return [{"number": record["phone"], "type": "voice"}] if record.get("phone") else []


def upsert_organization(session: Session, source: str, record: dict, report: UpsertReport,
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

    locations = {}
    for loc in record.get("locations", []):
        locations[loc["key"]] = upsert_location(session, source, org, loc, report, vocab)
    for service_record in record.get("services", []):
        upsert_service(session, source, org, service_record, locations, report, vocab)
    return org


class _Holder:
    """A plain list standing in for a relationship collection (slice assignment works)."""

    def __init__(self, items):
        self.items = list(items)


ADDRESS_KEYS = ("attention", "address_1", "address_2", "city", "region", "state_province",
                "postal_code", "country", "address_type")
ACCESSIBILITY_KEYS = ("description", "details", "url")


def _addresses(record: dict) -> list[dict]:
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


def upsert_location(session: Session, source: str, org: Organization, record: dict,
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


def _money(amount) -> Decimal | None:
    return None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01"))


def _schedules(record: dict) -> list[dict]:
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


def _offset(hours) -> str:
    """HSDS gives a schedule's timezone as a UTC offset in hours; without one: ours."""
    if hours is None:
        return "Europe/Amsterdam"
    return str(int(hours)) if float(hours).is_integer() else str(hours)


def _costs(record: dict) -> list[dict]:
    if "cost_options" in record:
        return [{**c, "amount": _money(c.get("amount"))} for c in record["cost_options"]]
    cost = record.get("cost")
    if cost is None:
        return []
    return [{"amount": _money(cost.get("amount")), "amount_description": cost.get("description"),
             "currency": "EUR"}]


def _areas(record: dict, vocab: Vocabulary) -> list[dict] | None:
    if "service_areas" in record:
        areas = record["service_areas"]
    elif record.get("kernen") is None:
        return None
    else:
        areas = [{"name": name, "extent_type": "text"} for name in sorted(record["kernen"])]
    return [{**area, "kern": vocab.kernen.get(area["name"])} for area in areas]


def upsert_service(session: Session, source: str, org: Organization, record: dict,
                   locations: dict[str, Location], report: UpsertReport,
                   vocab: Vocabulary) -> Service:
    service = vocab.find(session, Service, source, record["key"], record.get("id"))
    draft_reason = record.get("draft_reason")
    values = {
        "organization": org,
        "name": record["name"],
        "description": record.get("description") or "",
        "status": record.get("status", "active"),
        "url": record.get("url"),
        "email": record.get("email"),
        "eligibility_description": record.get("eligibility"),
        "application_process": record.get("application_process"),
        "fees_description": record["fees_description"] if "fees_description" in record
        else (record.get("cost") or {}).get("description"),
        "minimum_age": record.get("minimum_age"),
        "maximum_age": record.get("maximum_age"),
        "schedule_note": record.get("schedule_note"),
    }
    if "provenance" in record:  # absent: a format without it (HSDS) leaves it alone
        values["provenance"] = record["provenance"]
    if "source" in record:
        values["provenance_note"] = record["source"]
    for key in ("alternate_name", "interpretation_services", "alert", "wait_time",
                "accreditations", "licenses"):
        if key in record:
            values[key] = record[key]
    for key in ("tier", "access"):  # None: a draft that lacks it
        if record.get(key) is not None:
            values[key] = record[key]
    if service is None:
        values.setdefault("tier", DRAFT_TIER)
        values.setdefault("access", DRAFT_ACCESS)
        service = _new(Service, record, source, vocab, publication="draft" if draft_reason else "published",
                       draft_reason=draft_reason, **values)
        if record.get("last_modified") is not None:  # when the source last changed it
            stamp = record["last_modified"]
            service.last_modified = stamp.astimezone(UTC) if stamp.tzinfo else stamp
        session.add(service)
        vocab.remember(service, source)
        outcome = "created"
    else:
        if service.publication == "draft" and service.draft_reason is not None:
            # a draft made by an import: the new data decides (an editor's own drafts stay)
            values["publication"] = "draft" if draft_reason else "published"
            values["draft_reason"] = draft_reason
        outcome = "updated" if _assign(service, values) else "unchanged"
    use_ids = record.get("id") is not None and service.id == record["id"]

    changed = False
    for attr, taxonomy, key in (
        ("life_domains", "leefgebied", "life_domains"),
        ("target_groups", "doelgroep", "target_groups"),
        ("legal_frameworks", "wettelijk-kader", "legal_frameworks"),
    ):
        if record.get(key) is None and outcome != "created":
            continue  # a draft without it keeps what is there
        wanted = sorted(set(record.get(key) or []))
        if sorted(t.code for t in getattr(service, attr)) != wanted:
            setattr(service, attr, [vocab.term(taxonomy, code) for code in wanted])
            changed = True

    areas = _areas(record, vocab)
    if areas is not None or outcome == "created":
        if _sync(session, service.service_areas, areas or [], lambda v: ServiceArea(**v),
                 AREA_KEYS, use_ids=use_ids, claim=vocab.claim):
            changed = True

    if "service_at_locations" in record:
        links = [{"id": link.get("id"), "location": locations[link["location"]],
                  "description": link.get("description")}
                 for link in record["service_at_locations"]]
    else:
        links = [{"location": locations[key], "description": None}
                 for key in record.get("locations") or []]
    if _sync(session, service.service_at_locations, links, lambda v: ServiceAtLocation(**v),
             ("location", "description"), use_ids=use_ids, claim=vocab.claim):
        changed = True

    if _sync(session, service.schedules, _schedules(record), lambda v: Schedule(**v),
             SCHEDULE_KEYS, use_ids=use_ids, claim=vocab.claim):
        changed = True
    if _sync(session, service.cost_options, _costs(record), lambda v: CostOption(**v), COST_KEYS,
             use_ids=use_ids, claim=vocab.claim):
        changed = True
    languages = record["language_details"] if "language_details" in record \
        else [{"code": code} for code in record.get("languages") or []]
    if _sync(session, service.languages, languages, lambda v: Language(**v), LANGUAGE_KEYS,
             use_ids=use_ids, claim=vocab.claim):
        changed = True
    if _sync(session, service.phones, _phones(record), lambda v: Phone(**v), PHONE_KEYS,
             use_ids=use_ids, claim=vocab.claim, reuse=lambda ident: vocab.made(Phone, ident)):
        changed = True
    if "contacts" in record and _sync(session, service.contacts, record["contacts"],
                                      lambda v: Contact(**v), CONTACT_KEYS, use_ids=use_ids,
                                      claim=vocab.claim,
                                      reuse=lambda ident: vocab.made(Contact, ident)):
        changed = True
    if "required_documents" in record and _sync(
            session, service.required_documents, record["required_documents"],
            lambda v: RequiredDocument(**v), ("document", "uri"), use_ids=use_ids,
            claim=vocab.claim):
        changed = True
    if "attributes" in record and _sync_attributes(session, service, record["attributes"],
                                                   vocab, use_ids=use_ids,
                                                   created=outcome == "created"):
        changed = True

    if changed and outcome == "unchanged":
        outcome = "updated"
        service.last_modified = utcnow()  # relations changed: the UPDATE also bumps version
    report.count("service", outcome)
    return service


def _sync_attributes(session: Session, service: Service, wanted: list[dict], vocab: Vocabulary,
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
