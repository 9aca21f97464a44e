"""Runs an import: validate everything first, then write everything in one transaction, or nothing.

Every importer (``hsds_json``, ``hsds_datapackage``, ``spreadsheet``) only parses and maps
to canonical records (``importers/hsds_mapping.Batch``); this module does the rest the same
way for all of them:

1. **Validate** every record with the canonical schemas (``importers/schemas.py``, the same
   rules as the web editor) and collect *every* problem — file, row, field, value, why, in
   Dutch.  Any problem: ``ImportFailed`` with all of them, and nothing is written.
2. **Drafts**: what the profile needs but valid HSDS may lack (tier, access, life domain,
   target group, a kern served; a foreign postcode or coordinates outside the Netherlands)
   is not a reason to refuse a file.  Such a service is written as ``publication='draft'``
   with a ``draft_reason`` an editor reads in ``flask drafts``.
3. **Geocode** locations without coordinates from the offline tables (PC4 centroid, else the
   centroid of the kern) and derive their kern (the city when it is a kern, else the PC4's).
4. **Write** with ``app.domain.directory`` (matched on source + external id, so a re-import
   updates instead of duplicating) and flush once.  A concurrent editor change makes the
   service's version check fail (``StaleDataError``): everything is rolled back and the
   report says so.  ``dry_run`` writes, counts and rolls back.

The caller commits.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from marshmallow import Schema, ValidationError
from sqlalchemy import inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain.directory import (
    UpsertReport,
    Vocabulary,
    upsert_location,
    upsert_organization,
    upsert_service,
)
from app.domain.vocabulary import TAXONOMIES
from app.models import Kern, Postcode, Service, Taxonomy, TaxonomyTerm
from importers.hsds_mapping import WHERE, Batch, Item, Problem, is_uuid
from importers.reference import load_reference
from importers.schemas import (
    DRAFTABLE_LOCATION_FIELDS,
    DRAFTABLE_SERVICE_FIELDS,
    LocationIn,
    OrganizationIn,
    ServiceIn,
    dutch,
)

Progress = Callable[[str, int, int], None]


class ImportFailed(Exception):
    """The file(s) cannot be imported; ``problems`` says everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} probleem/problemen")
        self.problems = sorted(problems, key=_reading_order)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _without(batch: Batch, record: dict) -> dict:
    """Drop the schema's defaults for what the format cannot say, so writing leaves it be."""
    for key in batch.not_in_format:
        record.pop(key, None)
    return record


def _reading_order(problem: Problem) -> tuple:
    """File, then row (as a number), then as found."""
    number = re.search(r"\d+", problem.place or "")
    return (problem.file or "", int(number.group()) if number else 0)


@dataclass
class ImportReport:
    counts: dict[str, dict[str, int]]
    drafts: list[tuple[str, str]] = field(default_factory=list)  # (service name, reason)
    notices: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        words = {"organization": "organisaties", "location": "locaties", "service": "voorzieningen"}
        out = []
        for kind in ("organization", "location", "service"):
            c = self.counts.get(kind, {"created": 0, "updated": 0, "unchanged": 0})
            out.append(f"{words[kind]}: {c['created']} nieuw, {c['updated']} bijgewerkt, "
                       f"{c['unchanged']} ongewijzigd")
        if self.drafts:
            out.append(f"{len(self.drafts)} voorziening(en) als concept ingelezen; een redacteur "
                       "vult ze aan (zie: flask --app wsgi drafts):")
            out.extend(f"  - {name}: {reason}" for name, reason in self.drafts)
        out.extend(self.notices)
        if self.dry_run:
            out.append("Proefdraai (--dry-run): er is niets opgeslagen.")
        return out


# --- Dutch words for what an editor must complete -----------------------------------

FIELD_WORDS = {
    "tier": "voorzieningsniveau", "access": "toegang", "life_domains": "leefgebied",
    "target_groups": "doelgroep", "legal_frameworks": "wettelijk kader",
    "kernen": "kernen (werkgebied)", "description": "beschrijving", "schedules": "openingstijden",
    "address": "adres", "postcode": "postcode", "city": "plaats", "kern": "kern",
    "lat": "breedtegraad", "lon": "lengtegraad", "service_areas": "werkgebied",
}
MISSING = {
    "tier": "het voorzieningsniveau ontbreekt (algemeen, voorliggend of maatwerk)",
    "access": "de toegang ontbreekt (hoe een inwoner de voorziening krijgt)",
    "life_domains": "kies minstens één leefgebied",
    "target_groups": "kies minstens één doelgroep",
    "kernen": "kies de kernen waar dit voor is, of heel Berkelland",
    "description": "de beschrijving ontbreekt",
}


def _flatten(messages, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            out.extend(_flatten(value, (*path, key)))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [(path, m) for m in messages]
    if isinstance(messages, list):
        out = []
        for index, value in enumerate(messages):
            out.extend(_flatten(value, (*path, index)))
        return out
    return [(path, str(messages))]


def _value_at(record: dict, path: tuple):
    value = record
    for step in path:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
    return value


def _field_name(item: Item, path: tuple) -> str:
    if not path:
        return "(record)"
    head = item.labels.get(path[0], path[0]) if isinstance(path[0], str) else str(path[0])
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{item.labels.get(p, p)}"
                   for p in path[1:])
    return f"{head}{rest}"


def _problem(item: Item, path: tuple, message: str) -> Problem:
    file, place = item.file, item.place
    if len(path) >= 2 and isinstance(path[1], int):  # a child row knows its own file and row
        child = _value_at(item.record, path[:2])
        if isinstance(child, dict) and WHERE in child:
            file, place = child[WHERE]
    if path[:1] == ("_schema",):
        path = ()
    return Problem(file, place, _field_name(item, path), _value_at(item.record, path),
                   dutch(message))


def _reason(path: tuple, message: str, value) -> str:
    name = path[0] if path else ""
    if message == "Missing data for required field." and name in MISSING:
        return MISSING[name]
    word = FIELD_WORDS.get(name, name)
    shown = ""
    if value not in (None, "", []) and not isinstance(value, dict):
        shown = repr(value)
        shown = f" ({shown[:60] + '…' if len(shown) > 60 else shown})"
    return f"{word}{shown}: {dutch(message)}"


KEEP_RAW = {"description", "postcode", "address", "city"}


def _load(schema: Schema, item: Item, draftable: tuple[str, ...]
          ) -> tuple[dict | None, list[Problem], list[str]]:
    """Load ``item.record``; errors on ``draftable`` fields become reasons, others problems."""
    raw = {k: v for k, v in item.record.items() if k != WHERE}
    reasons: list[str] = []
    partial: set[str] = set()
    salvaged: dict[str, object] = {}
    for _ in range(4):
        try:
            loaded = schema.load(raw, partial=tuple(partial) if partial else False)
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {
                "_schema": error.messages}
            hard = {k: v for k, v in messages.items() if k not in draftable}
            if hard:
                return None, [_problem(item, path, m) for path, m in _flatten(hard)], reasons
            for key, value in messages.items():
                for path, message in _flatten(value, (key,)):
                    reasons.append(_reason(path, message, _value_at(raw, path)))
                current = raw.get(key)
                if isinstance(value, dict) and isinstance(current, list) and all(
                        isinstance(i, int) for i in value):
                    raw[key] = [v for i, v in enumerate(current) if i not in value]
                else:
                    if key in raw:
                        salvaged[key] = raw.pop(key)
                    partial.add(key)
            continue
        for key, value in salvaged.items():
            if key in KEEP_RAW and isinstance(value, str) and value.strip():
                loaded[key] = value
        return loaded, [], list(dict.fromkeys(reasons))
    return None, [_problem(item, (), "Dit record kan ik niet lezen.")], reasons


# --- taxonomy terms the file defines -----------------------------------------------


def known_terms(session: Session) -> set[tuple[str, str]]:
    known = {(name, term.code) for name, terms in TAXONOMIES.items() for term in terms}
    for taxonomy, code, name in session.execute(
            select(Taxonomy.name, TaxonomyTerm.code, TaxonomyTerm.name).join(
                TaxonomyTerm, TaxonomyTerm.taxonomy_id == Taxonomy.id)):
        known.add((taxonomy, code or name))
    return known


def _ensure_terms(session: Session, batch: Batch, vocab: Vocabulary) -> None:
    taxonomies = {t.name: t for t in session.scalars(select(Taxonomy))}
    for (name, code), definition in batch.terms.items():
        if (name, code) in vocab.terms:
            continue
        taxonomy = taxonomies.get(name)
        if taxonomy is None:
            detail = definition.get("taxonomy_detail") or {}
            taxonomy = Taxonomy(name=name, description=detail.get("description") or "",
                                uri=detail.get("uri"), version=detail.get("version"))
            if is_uuid(detail.get("id")) and session.get(Taxonomy, _uuid(detail["id"])) is None:
                taxonomy.id = _uuid(detail["id"])
            session.add(taxonomy)
            session.flush()
            taxonomies[name] = taxonomy
        term = TaxonomyTerm(code=code, name=definition.get("name") or code,
                            description=definition.get("description") or "", taxonomy=name,
                            taxonomy_id=taxonomy.id, language=definition.get("language"),
                            term_uri=definition.get("term_uri"))
        if is_uuid(definition.get("id")) and session.get(TaxonomyTerm,
                                                         _uuid(definition["id"])) is None:
            term.id = _uuid(definition["id"])
        session.add(term)
        vocab.terms[(name, code)] = term
    session.flush()


def _uuid(value) -> uuid.UUID:
    return uuid.UUID(str(value))


# --- geocoding ----------------------------------------------------------------------

PC4 = re.compile(r"^\s*(\d{4})")


def _geocode(session: Session, locations: dict[str, dict]) -> int:
    """Fill kern and coordinates from the offline tables; returns how many got coordinates."""
    kernen = {k.name.casefold(): k for k in session.scalars(select(Kern))}
    postcodes = {p.pc4: p for p in session.scalars(select(Postcode))}
    by_id = {k.id: k for k in kernen.values()}
    filled = 0
    for record in locations.values():
        match = PC4.match(record.get("postcode") or "")
        postcode = postcodes.get(match.group(1)) if match else None
        if record.get("kern") is None:
            kern = kernen.get((record.get("city") or "").strip().casefold())
            if kern is None and postcode is not None and postcode.kern_id is not None:
                kern = by_id.get(postcode.kern_id)
            if kern is not None:
                record["kern"] = kern.name
        if record.get("lat") is None or record.get("lon") is None:
            kern = kernen.get((record.get("kern") or "").casefold())
            if postcode is not None and "adres" in postcode.kind.casefold():
                record["lat"], record["lon"] = postcode.latitude, postcode.longitude
                filled += 1
            elif kern is not None:
                record["lat"], record["lon"] = kern.latitude, kern.longitude
                filled += 1
    return filled


def _geocode_rest(session: Session, locations: dict[str, dict]) -> tuple[int, list[str]]:
    """Ask the configured geocoder (PDOK when ``GEOCODER=pdok``) for what the tables missed.

    Returns how many were found and the places still without coordinates.
    """
    from flask import has_app_context

    from app.geocoding import GeocodingError

    rest = [r for r in locations.values() if (r.get("lat") is None or r.get("lon") is None)
            and r.get("location_type", "physical") != "virtual"
            and (r.get("address") or r.get("postcode") or r.get("city"))]
    if not rest or not has_app_context():
        return 0, [_label(r) for r in rest]
    from app.services import geocoder

    kernen = {k.slug: k.name for k in session.scalars(select(Kern))}
    found, missing = 0, []
    service = geocoder(session)
    for record in rest:
        if record.get("address") and record.get("city"):
            text = f"{record['address']} {record['city']}"  # street, number and town
        else:
            text = record.get("postcode") or record.get("city") or record.get("address")
        try:
            place = service.geocode(text)
        except GeocodingError:
            place = None
        if place is None or not (50.7 <= place.latitude <= 53.6 and 3.2 <= place.longitude <= 7.3):
            missing.append(_label(record))
            continue
        record["lat"], record["lon"] = place.latitude, place.longitude
        if record.get("kern") is None and place.kern_slug in kernen:
            record["kern"] = kernen[place.kern_slug]
        found += 1
    return found, missing


def _label(record: dict) -> str:
    return record.get("name") or record.get("address") or record.get("key") or "?"


# --- the run ------------------------------------------------------------------------


def run_import(session: Session, batch: Batch, *, source: str, dry_run: bool = False,
               progress: Progress | None = None) -> ImportReport:
    problems = list(batch.problems)
    organizations: dict[str, dict] = {}
    locations: dict[str, dict] = {}
    location_reasons: dict[str, list[str]] = {}
    location_owner: dict[str, str] = {}
    services: list[tuple[Item, dict, list[str]]] = []
    org_schema, loc_schema, svc_schema = OrganizationIn(), LocationIn(), ServiceIn()
    seen: dict[tuple[str, str], Item] = {}

    total = len(batch.items)
    for done, item in enumerate(batch.items, start=1):
        if progress and (done % 500 == 0 or done == total):
            progress("controleren", done, total)
        key = item.record.get("key")
        if (item.kind, key) in seen and item.kind == "service":
            problems.append(Problem(item.file, item.place, _field_name(item, ("key",)), key,
                                    f"Deze sleutel komt twee keer voor (ook bij "
                                    f"{seen[(item.kind, key)].place})."))
            continue
        if (item.kind, key) in seen:
            continue  # the same organisation or location again (nested in several services)
        seen[(item.kind, key)] = item
        if item.kind == "organization":
            record = {k: v for k, v in item.record.items() if k != WHERE}
            try:
                organizations[key] = _without(batch, org_schema.load(
                    {**record, "locations": [], "services": []}))
            except ValidationError as error:
                problems.extend(_problem(item, path, m) for path, m in _flatten(error.messages))
        elif item.kind == "location":
            loaded, found, reasons = _load(
                loc_schema, item, DRAFTABLE_LOCATION_FIELDS if batch.draftable else ())
            problems.extend(found)
            if loaded is not None:
                locations[key] = loaded
                location_owner[key] = item.organization
                if reasons:
                    label = loaded.get("name") or loaded.get("address") or key
                    location_reasons[key] = [f"locatie '{label}': {r}" for r in reasons]
        else:
            loaded, found, reasons = _load(
                svc_schema, item, DRAFTABLE_SERVICE_FIELDS if batch.draftable else ())
            problems.extend(found)
            if loaded is not None:
                for loc_key in loaded.get("locations") or []:
                    if loc_key not in locations and ("location", loc_key) not in seen:
                        problems.append(Problem(item.file, item.place,
                                                _field_name(item, ("locations",)), loc_key,
                                                "Deze locatie staat niet in het bestand."))
                services.append((item, _without(batch, loaded), reasons))
    if problems:
        raise ImportFailed(problems)
    for item in batch.items:  # validated: the records as mapped are not needed any more
        item.record = {}

    # drafts: the service's own reasons and those of its locations
    drafts = []
    for _item, record, reasons in services:
        for loc_key in record.get("locations") or []:
            reasons = reasons + location_reasons.get(loc_key, [])
        if reasons:
            record["draft_reason"] = "Nog aan te vullen: " + "; ".join(
                r.rstrip(".") for r in reasons) + "."
            drafts.append((record["name"], record["draft_reason"]))
        else:
            record["draft_reason"] = None

    read_versions: dict = {}
    try:
        report = _write(session, batch, source, organizations, locations, location_owner,
                        services, progress, read_versions)
    except StaleDataError:
        session.rollback()
        raise ImportFailed(_conflicts(session, read_versions)) from None
    except DBAPIError as error:  # a rule the checks above missed: still all or nothing
        session.rollback()
        raise ImportFailed([Problem("", "", "", None,
                                    "De database weigerde de gegevens; er is niets ingelezen. "
                                    f"Technische melding: {str(error.orig).strip()}")]) from None
    notices = list(batch.notices)
    if report["ungeocoded"]:
        shown = ", ".join(report["ungeocoded"][:10]) + (" …" if len(report["ungeocoded"]) > 10
                                                         else "")
        notices.append(f"{len(report['ungeocoded'])} locatie(s) zonder coördinaten konden niet "
                       f"worden gevonden; ze staan niet op de kaart: {shown}")
    if report["geocoded"]:
        notices.append(f"{report['geocoded']} locatie(s) zonder coördinaten zijn opgezocht "
                       "(eerst in de eigen postcode- en kerntabellen).")
    result = ImportReport(counts=report["counts"], drafts=drafts, notices=notices,
                          dry_run=dry_run)
    if dry_run:
        session.rollback()
    return result


def _conflicts(session: Session, read_versions: dict) -> list[Problem]:
    """Name the provisions someone else saved while the import ran (after the rollback)."""
    current = dict(session.execute(select(Service.id, Service.version)
                                   .where(Service.id.in_(list(read_versions)))).all()) \
        if read_versions else {}
    names = sorted(name for ident, (name, version) in read_versions.items()
                   if current.get(ident) != version)
    which = f" ({', '.join(f'“{n}”' for n in names)})" if names else ""
    return [Problem("", "", "", None,
                    f"Een voorziening{which} is tijdens het inlezen door iemand anders "
                    "gewijzigd. Er is niets ingelezen, zodat die wijziging niet verloren gaat; "
                    "start de import opnieuw.")]


def _write(session, batch, source, organizations, locations, location_owner, services,
           progress, read_versions: dict) -> dict:
    load_reference(session)
    vocab = Vocabulary(session)
    vocab.preload(session, source)
    _ensure_terms(session, batch, vocab)
    geocoded = _geocode(session, locations)
    found, ungeocoded = _geocode_rest(session, locations)
    geocoded += found
    upserts = UpsertReport()
    with session.no_autoflush:
        orgs = {key: upsert_organization(session, source, record, upserts, vocab)
                for key, record in organizations.items()}
        first_org = {}
        for _item, record, _reasons in services:
            for loc_key in record.get("locations") or []:
                first_org.setdefault(loc_key, _item.organization)
        places = {}
        for key, record in locations.items():
            owner = location_owner.get(key) or first_org.get(key)
            places[key] = upsert_location(session, source, orgs.get(owner), record, upserts,
                                          vocab)
        for done, (item, record, _reasons) in enumerate(services, start=1):
            upsert_service(session, source, orgs[item.organization], record, places, upserts,
                           vocab)
            if progress and (done % 500 == 0 or done == len(services)):
                progress("opslaan", done, len(services))
    for obj in session.dirty:  # the version each changed provision had when it was read
        if isinstance(obj, Service) and obj.id is not None:
            read_versions[obj.id] = (obj.name, inspect(obj).committed_state.get(
                "version", obj.version))
    session.flush()
    counts = {kind: dict(c) for kind, c in upserts.by_kind.items()}
    return {"counts": counts, "geocoded": geocoded, "ungeocoded": ungeocoded}
