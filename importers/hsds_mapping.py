"""HSDS 3.0 services (fully nested, as ``/services/{id}`` returns them) → canonical records.

Shared by the JSON and the tabular-datapackage importers; only maps, never writes.  What a
service says in HSDS and where it goes (see ``docs/profile.md``):

* ``attributes`` whose taxonomy is one of the profile's (``voorzieningsniveau``, ``toegang``,
  ``leefgebied``, ``doelgroep``, ``wettelijk-kader``) → tier, access, life domains ... An
  unknown code in those taxonomies is an error that names taxonomy and code.  Terms of other
  taxonomies are kept as attributes when the file defines them (a ``name``) or the database
  knows them; otherwise that is an error too.
* ``service_areas`` → the kernen served (an area named after a kern, or ``Berkelland``);
* ``service_at_locations[].location`` → locations (their first physical address is the
  address the profile checks);
* a schedule with no times but a ``description`` → the service's schedule note;
* ``assured_date``/``assurer_email`` are never imported: only a person here assures.

HSDS fields and tables the directory does not keep are counted in ``Batch.left_out`` and
named, with the reason, from the one list in ``importers/hsds_coverage.py`` (the tabular
reader counts into the same list), so nothing is dropped silently.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from app.hsds import PROFILE_TAXONOMIES
from app.schemas.records import kern_names
from app.vocabulary import MUNICIPALITY
from importers.hsds_coverage import LeftOut

#: A canonical (or a raw HSDS) record: field name -> value.
Record = dict[str, Any]

WHERE = "__where__"  # (file, place) a tabular reader attaches to the dicts it assembled


@dataclass
class Problem:
    """One thing wrong in an input file, in words an editor understands."""

    file: str
    place: str
    field: str
    value: object
    message: str

    def __str__(self) -> str:
        value = ""
        if self.value not in (None, "", [], {}):
            shown = repr(self.value)
            value = f" (waarde {shown[:80] + '…' if len(shown) > 80 else shown})"
        where = ", ".join(p for p in (self.file, self.place) if p)
        what = f"veld '{self.field}'{value}" if self.field else ""
        return ": ".join(p for p in (where, what, self.message) if p)


@dataclass
class Item:
    """One canonical record to validate and write, with where it came from."""

    kind: str  # organization | location | service
    record: Record
    file: str
    place: str
    labels: dict[str, str] = field(default_factory=dict)  # canonical field -> name in the file
    organization: str | None = None  # key of the owning organisation


@dataclass
class Batch:
    items: list[Item] = field(default_factory=list)
    #: instead of ``items``, the items as a reader maps them, taken once by ``run_import``
    #: (``importers/hsds_import.stream_hsds``)
    stream: Iterator[Item] | None = None
    problems: list[Problem] = field(default_factory=list)
    #: foreign taxonomy terms defined in the file: (taxonomy, code) -> definition
    terms: dict[tuple[str, str], Record] = field(default_factory=dict)
    #: what the file has and the profile does not keep (``importers/hsds_coverage.py``)
    left_out: LeftOut = field(default_factory=LeftOut)
    notices: list[str] = field(default_factory=list)
    #: whether missing profile fields make a draft (HSDS) or a problem (the spreadsheet)
    draftable: bool = True
    #: canonical fields the format has no place for: an update leaves them as they are
    not_in_format: tuple[str, ...] = ("provenance", "source")

    def all_items(self) -> Iterable[Item]:
        """The stream when there is one (it can be read once), else the list."""
        return self.items if self.stream is None else self.stream


SERVICE_LABELS = {
    "tier": "attributes (voorzieningsniveau)",
    "access": "attributes (toegang)",
    "life_domains": "attributes (leefgebied)",
    "target_groups": "attributes (doelgroep)",
    "legal_frameworks": "attributes (wettelijk-kader)",
    "kernen": "service_areas",
    "service_areas": "service_areas",
    "eligibility": "eligibility_description",
    "schedules": "schedules",
    "language_details": "languages",
    "key": "id",
}
LOCATION_LABELS = {
    "address": "addresses[].address_1",
    "postcode": "addresses[].postal_code",
    "city": "addresses[].city",
    "lat": "latitude",
    "lon": "longitude",
    "key": "id",
    "accessibility_details": "accessibility",
}
ORGANIZATION_LABELS = {"key": "id"}

_SERVICE_KEEP = {
    "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
    "interpretation_services", "application_process", "fees_description",
    "eligibility_description", "minimum_age", "maximum_age", "alert", "last_modified", "phones",
    "wait_time", "accreditations", "licenses", "required_documents",
    "schedules", "service_areas", "service_at_locations", "languages", "organization",
    "cost_options", "contacts", "attributes", WHERE,
}
_ORG_KEEP = {"id", "name", "alternate_name", "description", "email", "website", "legal_status",
             "year_incorporated", "phones", "contacts", "services", "locations", WHERE}
_LOCATION_KEEP = {"id", "location_type", "url", "organization_id", "name", "alternate_name",
                  "description", "transportation", "latitude", "longitude", "addresses",
                  "accessibility", WHERE}
#: The RFC 5545 detail of an HSDS schedule, kept as it is (``app.models.Schedule``).
SCHEDULE_DETAIL = ("dtstart", "until", "count", "wkst", "byweekno", "bymonthday", "byyearday",
                   "timezone", "schedule_link")

_SIMPLE_CHILD_KEEP = {
    "phone": {"id", "number", "extension", "type", "description", "service_id",
              "organization_id", "location_id", "contact_id", "service_at_location_id", WHERE},
    "contact": {"id", "name", "title", "department", "email", "service_id", "organization_id",
                "location_id", "service_at_location_id", WHERE},
    "schedule": {"id", "service_id", "valid_from", "valid_to", "freq", "interval", "byday",
                 "opens_at", "closes_at", "description", "attending_type", "notes",
                 "location_id", "service_at_location_id", *SCHEDULE_DETAIL, WHERE},
    "cost_option": {"id", "service_id", "valid_from", "valid_to", "option", "currency",
                    "amount", "amount_description", WHERE},
    "service_area": {"id", "service_id", "name", "description", "extent", "extent_type", "uri",
                     WHERE},
    "language": {"id", "service_id", "name", "code", "note", "location_id", "phone_id", WHERE},
    "address": {"id", "location_id", "attention", "address_1", "address_2", "city", "region",
                "state_province", "postal_code", "country", "address_type", WHERE},
    "accessibility": {"id", "location_id", "description", "details", "url", WHERE},
    "service_at_location": {"id", "service_id", "location_id", "description", "location",
                            "service", WHERE},
    "required_document": {"id", "service_id", "document", "uri", WHERE},
    "attribute": {"id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value",
                  "label", "taxonomy_term", WHERE},
}


def _at(raw: Record, mapped: Record) -> Record:
    """Carry where a child row came from (tabular input) so problems name its file and row."""
    if WHERE in raw:
        mapped[WHERE] = raw[WHERE]
    return mapped


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


class _Mapper:
    def __init__(self, batch: Batch, known_terms: set[tuple[str, str]]):
        self.batch = batch
        self.known_terms = known_terms
        self.organizations: dict[str, Item] = {}
        self.locations: dict[str, Item] = {}
        self.services: dict[str, Item] = {}
        self.owners: dict[str, str] = {}  # location key -> owner not yet seen when it came

    def settle_owners(self) -> None:
        """A location keeps its own ``organization_id`` even when a service of another
        organisation brought it in first (shared places); only an owner that is nowhere in
        the file leaves it with the organisation of the first service there."""
        for key, owner in self.owners.items():
            if owner in self.organizations:
                self.locations[key].organization = owner

    # -- helpers

    def ignore(self, kind: str, data: Record, keep: set[str]) -> None:
        for key, value in data.items():
            if key not in keep and not _empty(value):
                self.batch.left_out.field(kind, key, value)

    def problem(self, file: str, place: str, field_name: str, value: object,
                message: str) -> None:
        self.batch.problems.append(Problem(file, place, field_name, value, message))

    @staticmethod
    def key(value: object) -> str | None:
        if value is None:
            return None
        return str(value).strip().lower()

    def children(self, data: Record, name: str, kind: str) -> list[Record]:
        items = data.get(name) or []
        if not isinstance(items, list):
            return []
        out = [i for i in items if isinstance(i, dict)]
        for item in out:
            self.ignore(f"{kind}", item, _SIMPLE_CHILD_KEEP[kind])
        return out

    # -- the parts

    def phones(self, data: Record) -> list[Record]:
        phones = []
        for phone in self.children(data, "phones", "phone"):
            extension = phone.get("extension")
            if isinstance(extension, float) and extension.is_integer():
                extension = int(extension)
            phones.append(_at(phone, {
                "id": phone.get("id"), "number": phone.get("number"),
                "extension": None if _empty(extension) else str(extension),
                "type": phone.get("type"), "description": phone.get("description")}))
        return phones

    def contacts(self, data: Record) -> list[Record]:
        contacts = []
        for contact in self.children(data, "contacts", "contact"):
            contacts.append(_at(contact, {k: contact.get(k) for k in (
                "id", "name", "title", "department", "email")}))
        return contacts

    def organization(self, org: Record, file: str, place: str) -> str | None:
        key = self.key(org.get("id"))
        if key is None:
            self.problem(file, place, "organization.id", None,
                         "De organisatie heeft geen id; elke organisatie heeft er een nodig.")
            return None
        if key in self.organizations:
            return key
        self.ignore("organization", org, _ORG_KEEP)
        where_file, where_place = org.get(WHERE, (file, place))
        record = {
            "key": key, "id": org.get("id"), "name": org.get("name"),
            "description": org.get("description") or "", "email": org.get("email"),
            "website": org.get("website"), "alternate_name": org.get("alternate_name"),
            "legal_status": org.get("legal_status"),
            "year_incorporated": org.get("year_incorporated"),
            "phones": self.phones(org), "contacts": self.contacts(org),
        }
        item = Item("organization", record, where_file, where_place, ORGANIZATION_LABELS)
        self.organizations[key] = item
        self.batch.items.append(item)
        for location in org.get("locations") or []:  # an organisation's own places
            if isinstance(location, dict):
                self.location(location, key, where_file, where_place)
        return key

    def location(self, loc: Record, org_key: str | None, file: str, place: str) -> str | None:
        key = self.key(loc.get("id"))
        if key is None:
            self.problem(file, place, "service_at_locations[].location.id", None,
                         "De locatie heeft geen id.")
            return None
        if key in self.locations:
            return key
        self.ignore("location", loc, _LOCATION_KEEP)
        addresses = []
        for address in self.children(loc, "addresses", "address"):
            addresses.append(_at(address, {k: address.get(k) for k in (
                "id", "attention", "address_1", "address_2", "city", "region", "state_province",
                "postal_code", "country", "address_type")}))
        main = next((a for a in addresses if a.get("address_type") in (None, "physical")),
                    addresses[0] if addresses else {})
        owner = self.key(loc.get("organization_id"))
        where_file, where_place = loc.get(WHERE, (file, place))
        record = {
            "key": key, "id": loc.get("id"), "name": loc.get("name"),
            "location_type": loc.get("location_type") or "physical",
            "url": loc.get("url"), "alternate_name": loc.get("alternate_name"),
            "description": loc.get("description"), "transportation": loc.get("transportation"),
            "lat": loc.get("latitude"), "lon": loc.get("longitude"),
            "address": main.get("address_1"), "postcode": main.get("postal_code"),
            "city": main.get("city"),
            "addresses": addresses,
            "accessibility_details": [
                _at(a, {k: a.get(k) for k in ("id", "description", "details", "url")})
                for a in self.children(loc, "accessibility", "accessibility")],
        }
        item = Item("location", record, where_file, where_place, LOCATION_LABELS,
                    organization=owner if owner in self.organizations else org_key)
        if owner is not None and owner not in self.organizations:
            self.owners[key] = owner  # its organisation may come later in the file
        self.locations[key] = item
        self.batch.items.append(item)
        return key

    def attributes(self, data: Record, record: Record, file: str, place: str) -> None:
        profile: dict[str, list[str]] = {t: [] for t in PROFILE_TAXONOMIES}
        foreign = []
        for attr in self.children(data, "attributes", "attribute"):
            term = attr.get("taxonomy_term") or {}
            detail = term.get("taxonomy_detail") or {}
            taxonomy = term.get("taxonomy") or detail.get("name") or attr.get("link_type")
            code = term.get("code") or term.get("name")
            field_name = f"attributes[{taxonomy}]"
            if not taxonomy or not code:
                self.problem(file, place, "attributes", attr.get("id"),
                             "Een attribuut zonder taxonomie of code kan niet worden gekoppeld.")
                continue
            if taxonomy in profile:
                if (taxonomy, code) not in self.known_terms:
                    self.problem(file, place, field_name, code,
                                 f"Onbekende code '{code}' in taxonomie '{taxonomy}'.")
                else:
                    profile[taxonomy].append(code)
                continue
            if (taxonomy, code) not in self.known_terms:
                if not term.get("name"):
                    self.problem(file, place, field_name, code,
                                 f"Onbekende taxonomie '{taxonomy}' met code '{code}': "
                                 "de term staat niet in de database en niet in het bestand.")
                    continue
                self.batch.terms.setdefault((taxonomy, code), {**term, "taxonomy": taxonomy,
                                                               "code": code})
            foreign.append({"id": attr.get("id"), "taxonomy": taxonomy, "code": code,
                            "link_type": attr.get("link_type") or taxonomy,
                            "value": attr.get("value"), "label": attr.get("label")})
        for taxonomy, key in (("voorzieningsniveau", "tier"), ("toegang", "access")):
            codes = list(dict.fromkeys(profile[taxonomy]))
            if len(codes) > 1:
                self.problem(file, place, f"attributes[{taxonomy}]", codes,
                             f"Een voorziening heeft precies één {SERVICE_WORDS[key]}, "
                             f"niet {len(codes)}.")
            elif codes:
                record[key] = codes[0]
        for taxonomy, key in (("leefgebied", "life_domains"), ("doelgroep", "target_groups"),
                              ("wettelijk-kader", "legal_frameworks")):
            if profile[taxonomy]:
                record[key] = sorted(set(profile[taxonomy]))
        record["attributes"] = foreign

    def refuse(self, data: object, file: str, place: str) -> str | None:
        """The key of a service that may be mapped, or None after naming why it may not."""
        if not isinstance(data, dict):
            self.problem(file, place, "(voorziening)", None,
                         "Hier verwachtte ik een voorziening (een JSON-object).")
            return None
        other = _not_a_service(data)
        if other:
            self.problem(file, place, "(voorziening)", data.get("id"),
                         f"Dit is {other}, geen voorziening. Lees voorzieningen in zoals "
                         "/services/{id} ze geeft (of een organisatie met 'services', of een "
                         "service_at_location met 'service').")
            return None
        key = self.key(data.get("id"))
        if key is None:
            self.problem(file, place, "id", None, "De voorziening heeft geen id.")
            return None
        if key in self.services:
            self.problem(file, place, "id", data.get("id"),
                         f"Deze voorziening staat twee keer in het bestand "
                         f"(ook bij {self.services[key].place}).")
            return None
        return key

    def service(self, data: object, file: str, place: str) -> None:
        key = self.refuse(data, file, place)
        if key is None or not isinstance(data, dict):
            return
        self.ignore("service", data, _SERVICE_KEEP)
        org = data.get("organization")
        if not isinstance(org, dict):
            self.problem(file, place, "organization", data.get("organization_id"),
                         "De organisatie ontbreekt; geef de voorziening met haar organisatie "
                         "(zoals /services/{id} dat doet).")
            return
        org_key = self.organization(org, file, place)
        if org_key is None:
            return

        record = _service_fields(data, key)
        self.attributes(data, record, file, place)
        self.areas(data, record)
        self.schedules(data, record)
        record["cost_options"] = [
            _at(c, _pick(c, "id", "option", "currency", "amount", "amount_description",
                         "valid_from", "valid_to"))
            for c in self.children(data, "cost_options", "cost_option")]
        record["language_details"] = [
            _at(lang, _pick(lang, "id", "code", "name", "note"))
            for lang in self.children(data, "languages", "language")]
        record["phones"] = self.phones(data)
        record["contacts"] = self.contacts(data)
        record["required_documents"] = [
            _at(doc, _pick(doc, "id", "document", "uri"))
            for doc in self.children(data, "required_documents", "required_document")]
        self.links(data, record, org_key, file, place)

        item = Item("service", record, file, place, SERVICE_LABELS, organization=org_key)
        self.services[key] = item
        self.batch.items.append(item)

    def areas(self, data: Record, record: Record) -> None:
        areas = [_at(a, _pick(a, "id", "name", "description", "extent", "extent_type", "uri"))
                 for a in self.children(data, "service_areas", "service_area")]
        record["service_areas"] = areas
        # Kernen served: the areas named after a kern (or Berkelland); other areas are kept
        # as they are, and a service without a kern served becomes a draft.
        area_names = (*kern_names(), MUNICIPALITY)
        kernen = [a["name"] for a in areas if a.get("name") in area_names]
        if kernen:
            record["kernen"] = kernen

    def schedules(self, data: Record, record: Record) -> None:
        schedules, notes = [], []
        for schedule in self.children(data, "schedules", "schedule"):
            if not any(schedule.get(k) for k in ("byday", "opens_at", "closes_at", "freq",
                                                 *SCHEDULE_DETAIL)) \
                    and schedule.get("description"):
                notes.append(schedule["description"])
                continue
            schedules.append(_at(schedule, _schedule(schedule)))
        record["schedules"] = [{k: v for k, v in s.items() if v is not None} for s in schedules]
        record["schedule_note"] = "\n".join(notes) or None

    def links(self, data: Record, record: Record, org_key: str, file: str, place: str) -> None:
        links, keys = [], []
        for link in self.children(data, "service_at_locations", "service_at_location"):
            location = link.get("location")
            if not isinstance(location, dict):
                self.problem(file, place, "service_at_locations[].location", link.get("id"),
                             "Een service_at_location zonder location kan ik niet plaatsen.")
                continue
            loc_key = self.location(location, org_key, file, place)
            if loc_key is None:
                continue
            links.append(_at(link, {"location": loc_key, "id": link.get("id"),
                                    "description": link.get("description")}))
            keys.append(loc_key)
        record["service_at_locations"] = links
        record["locations"] = keys


def _pick(data: Record, *keys: str) -> Record:
    return {k: data.get(k) for k in keys}


def _service_fields(data: Record, key: str) -> Record:
    """The service's own fields (before its attributes, areas, schedules and children)."""
    record: Record = {
        "key": key, "id": data.get("id"), "name": data.get("name"),
        "alternate_name": data.get("alternate_name"), "url": data.get("url"),
        "email": data.get("email"), "status": data.get("status") or "active",
        "interpretation_services": data.get("interpretation_services"),
        "application_process": data.get("application_process"),
        "fees_description": data.get("fees_description"),
        "eligibility": data.get("eligibility_description"),
        "minimum_age": data.get("minimum_age"), "maximum_age": data.get("maximum_age"),
        "alert": data.get("alert"), "last_modified": data.get("last_modified"),
        "wait_time": data.get("wait_time"), "accreditations": data.get("accreditations"),
        "licenses": data.get("licenses"),
    }
    if not _empty(data.get("description")):
        record["description"] = data["description"]
    return record


def _schedule(schedule: Record) -> Record:
    return {
        "id": schedule.get("id"), "byday": schedule.get("byday"),
        "opens_at": _hhmm(schedule.get("opens_at")),
        "closes_at": _hhmm(schedule.get("closes_at")),
        "description": schedule.get("description"), "freq": schedule.get("freq"),
        "interval": schedule.get("interval"), "valid_from": schedule.get("valid_from"),
        "valid_to": schedule.get("valid_to"),
        "attending_type": schedule.get("attending_type"), "notes": schedule.get("notes"),
        **{k: _text(schedule.get(k)) if k.startswith("by") else schedule.get(k)
           for k in SCHEDULE_DETAIL},
    }

SERVICE_WORDS = {"tier": "voorzieningsniveau", "access": "toegang"}


def _not_a_service(data: Record) -> str | None:
    """What another HSDS object is (in words), or None when it may be a service."""
    if {"status", "organization", "organization_id", "service_at_locations"} & data.keys():
        return None
    if "openapi_url" in data:
        return "de beschrijving van een HSDS-API (GET /)"
    if {"location_type", "addresses", "latitude"} & data.keys():
        return "een locatie"
    if {"taxonomy_detail", "code", "term_uri", "taxonomy"} & data.keys():
        return "een taxonomieterm"
    if {"website", "legal_status", "tax_status", "year_incorporated", "logo"} & data.keys():
        return "een organisatie zonder voorzieningen"
    if data.keys() and data.keys() <= {"id", "name", "description", "uri", "version"}:
        return "een taxonomie"
    return None


def _text(value: object) -> object:
    """A BYMONTHDAY-like list as text: a tabular reader or a JSON writer may give 15 or 15.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, int) else value


def _hhmm(value: object) -> object:
    """"10:00:00" and "10:00" → "10:00" (the canonical record's form)."""
    if not isinstance(value, str):
        return value
    parts = value.strip().split(":")
    if len(parts) >= 2 and all(p.isdigit() for p in parts[:2]):
        return f"{int(parts[0]):02d}:{parts[1][:2]}"
    return value


def is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def map_services(sources: Iterable[tuple[str, str, object]],
                 known_terms: set[tuple[str, str]], batch: Batch | None = None) -> Batch:
    """``sources``: (file, place, nested HSDS service) as the readers yield them."""
    batch = batch or Batch()
    items = list(iter_items(sources, known_terms, batch))
    batch.items.extend(items)
    return batch


def iter_items(sources: Iterable[tuple[str, str, object]], known_terms: set[tuple[str, str]],
               batch: Batch) -> Iterator[Item]:
    """Map ``sources`` one service at a time and yield the items each one brings (its
    organisation and locations when they are new, then the service itself) instead of
    keeping them in ``batch.items``; problems, terms, what is left out and notices still go
    to ``batch``, the notices when the sources are exhausted.  So an importer that streams
    its file holds one service's records at a time (``importers/hsds_import.stream_hsds``)."""
    scratch = replace(batch, items=[])  # the same problems, terms, left_out and notices
    mapper = _Mapper(scratch, known_terms)
    for file, place, data in sources:
        mapper.service(data, file, place)
        new, scratch.items = scratch.items, []
        yield from new
    mapper.settle_owners()  # may still change the owner of a location yielded before
    batch.notices.extend(batch.left_out.notices())
