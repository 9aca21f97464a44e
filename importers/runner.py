"""Runs an import: check everything first, then write everything in one transaction, or nothing.

Every importer (``hsds_json``, ``hsds_datapackage``, ``spreadsheet``) only parses and maps
to canonical records (``importers/hsds_mapping.Batch``); this module does the rest the same
way for all of them:

1. **Check** every record with the canonical schemas (``app/schemas/records.py``, the same
   rules as the web editor) and collect *every* problem — file, row, field, value, why, in
   Dutch.  Any problem: ``ImportFailed`` with all of them, and nothing is written.
2. **Drafts**: what the profile needs but valid HSDS may lack (tier, access, life domain,
   target group, a kern served; a foreign postcode or coordinates outside the Netherlands)
   is not a reason to refuse a file.  Such a service is written as ``publication='draft'``
   with a ``draft_reason`` an editor reads in ``flask drafts``.
3. **Geocode** locations without coordinates from the offline tables (PC4 centroid, else the
   centroid of the kern) and derive their kern (the city when it is a kern, else the PC4's).
4. **Write** with ``app.domain.directory`` (matched on source + external id, so a re-import
   updates instead of duplicating).  A concurrent editor change makes the service's version
   check fail (``StaleDataError``): everything is rolled back and the report says so.
   ``dry_run`` writes, counts and rolls back.

Memory does not grow with the file (issue 14): the batch may be a stream
(``importers/hsds_import.stream_hsds`` maps a JSON file one service at a time as the check
takes it), the check keeps of each record only its key, place and what ties records
together, and spools the checked records to a private temporary file; the write reads them
back ``CHUNK`` at a time — organisations, then locations, then services — and per chunk
fetches the existing rows it matches in a few queries, upserts, flushes, and lets the
session forget the chunk.  The flushes are not commits: it is still one transaction, and a
failure in the last chunk leaves nothing of the first.

The caller commits.
"""

from __future__ import annotations

import pickle
import re
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from marshmallow import Schema, ValidationError
from sqlalchemy import inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from app.bulk import paused_collector
from app.domain.directory import (
    ID_BATCH,
    UpsertReport,
    Vocabulary,
    upsert_location,
    upsert_organization,
    upsert_service,
)
from app.domain.ladder import service_access_conflict
from app.models import Kern, Location, Organization, Postcode, Service, Taxonomy, TaxonomyTerm
from app.models.base import DbSession
from app.schemas.records import (
    DRAFTABLE_LOCATION_FIELDS,
    DRAFTABLE_SERVICE_FIELDS,
    LocationIn,
    OrganizationIn,
    ServiceIn,
    dutch,
)
from app.vocabulary import TAXONOMIES
from importers.hsds_mapping import WHERE, Batch, Item, Problem, Record, is_uuid
from importers.reference import load_reference

if TYPE_CHECKING:
    from app.geocoding import Geocoder, Place

Progress = Callable[[str, int, int], None]
#: Per provision changed by the import: its name and its version when the import read it.
ReadVersions = dict[uuid.UUID, tuple[str, int]]


class ImportFailed(Exception):
    """The file(s) cannot be imported; ``problems`` says everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}")
        self.problems = sorted(problems, key=_reading_order)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _without(batch: Batch, record: Record) -> Record:
    """Drop the schema's defaults for what the format cannot say, so writing leaves it be."""
    for key in batch.not_in_format:
        record.pop(key, None)
    return record


def _reading_order(problem: Problem) -> tuple[str, int]:
    """File, then row (as a number), then as found."""
    number = re.search(r"\d+", problem.place or "")
    return (problem.file or "", int(number.group()) if number else 0)


@dataclass
class ImportReport:
    counts: dict[str, dict[str, int]]
    drafts: list[tuple[str, str]] = field(default_factory=list)  # (service name, reason)
    # (service name, where in the file, what contradicts): imported as given, for an editor
    checks: list[tuple[str, str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        words = {"organization": "organisaties", "location": "locaties", "service": "voorzieningen"}
        out: list[str] = []
        for kind in ("organization", "location", "service"):
            c = self.counts.get(kind, {"created": 0, "updated": 0, "unchanged": 0})
            out.append(f"{words[kind]}: {c['created']} nieuw, {c['updated']} bijgewerkt, "
                       f"{c['unchanged']} ongewijzigd")
        if self.drafts:
            count = len(self.drafts)
            out.append(f"{count} {'voorziening' if count == 1 else 'voorzieningen'} als concept "
                       "ingelezen; een redacteur vult ze aan (zie: flask --app wsgi drafts):")
            out.extend(f"  - {name}: {reason}" for name, reason in self.drafts)
        if self.checks:
            count = len(self.checks)
            out.append(f"Controleer {count} {'voorziening' if count == 1 else 'voorzieningen'}: "
                       "niveau, toegang en tekst spreken elkaar tegen (ingelezen zoals "
                       "aangeleverd; pas ze aan in de redactie of vraag het de partner):")
            out.extend(f"  - {name} ({place}): {message}" if place else f"  - {name}: {message}"
                       for name, place, message in self.checks)
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


#: Where in a record a message points: field names and list indexes.
Path = tuple[Any, ...]


def _flatten(messages: object, path: Path = ()) -> list[tuple[Path, str]]:
    if isinstance(messages, dict):
        out: list[tuple[Path, str]] = []
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


def _value_at(record: Record, path: Path) -> Any:
    value: Any = record
    for step in path:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
    return value


def _field_name(item: Item, path: Path) -> str:
    if not path:
        return "(record)"
    head = item.labels.get(path[0], path[0]) if isinstance(path[0], str) else str(path[0])
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{item.labels.get(p, p)}"
                   for p in path[1:])
    return f"{head}{rest}"


def _problem(item: Item, path: Path, message: str) -> Problem:
    file, place = item.file, item.place
    if len(path) >= 2 and isinstance(path[1], int):  # a child row knows its own file and row
        child = _value_at(item.record, path[:2])
        if isinstance(child, dict) and WHERE in child:
            file, place = child[WHERE]
    if path[:1] == ("_schema",):
        path = ()
    return Problem(file, place, _field_name(item, path), _value_at(item.record, path),
                   dutch(message))


def _reason(path: Path, message: str, value: object) -> str:
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
          ) -> tuple[Record | None, list[Problem], list[str]]:
    """Load ``item.record``; errors on ``draftable`` fields become reasons, others problems."""
    raw = {k: v for k, v in item.record.items() if k != WHERE}
    reasons: list[str] = []
    partial: set[str] = set()
    salvaged: Record = {}
    for _ in range(4):
        try:
            loaded: Record = schema.load(raw, partial=tuple(partial) if partial else False)
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {
                "_schema": error.messages}
            hard = {k: v for k, v in messages.items() if k not in draftable}
            if hard:
                return None, [_problem(item, path, m) for path, m in _flatten(hard)], reasons
            _set_aside(raw, messages, reasons, partial, salvaged)
            continue
        for key, value in salvaged.items():
            if key in KEEP_RAW and isinstance(value, str) and value.strip():
                loaded[key] = value
        return loaded, [], list(dict.fromkeys(reasons))
    return None, [_problem(item, (), "Dit record kan ik niet lezen.")], reasons


def _set_aside(raw: Record, messages: dict[str, Any], reasons: list[str], partial: set[str],
               salvaged: Record) -> None:
    """Turn the errors on draftable fields into reasons, and leave those fields out of the
    next try: the wrong entries of a list, else the whole field (kept in ``salvaged``)."""
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


# --- taxonomy terms the file defines -----------------------------------------------


def known_terms(session: DbSession) -> set[tuple[str, str]]:
    known = {(name, term.code) for name, terms in TAXONOMIES.items() for term in terms}
    for taxonomy, code, name in session.execute(
            select(Taxonomy.name, TaxonomyTerm.code, TaxonomyTerm.name).join(
                TaxonomyTerm, TaxonomyTerm.taxonomy_id == Taxonomy.id)):
        known.add((taxonomy, code or name))
    return known


def _ensure_terms(session: DbSession, batch: Batch, vocab: Vocabulary) -> None:
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


def _uuid(value: object) -> uuid.UUID:
    return uuid.UUID(str(value))


# --- geocoding ----------------------------------------------------------------------

PC4 = re.compile(r"^\s*(\d{4})")


class _Gazetteer:
    """The offline tables (kernen, PC4 postcodes), read once per import."""

    def __init__(self, session: DbSession) -> None:
        self.kernen = {k.name.casefold(): k for k in session.scalars(select(Kern))}
        self.postcodes = {p.pc4: p for p in session.scalars(select(Postcode))}
        self.by_id = {k.id: k for k in self.kernen.values()}

    def fill(self, locations: dict[str, Record]) -> int:
        """Fill kern and coordinates from the tables; returns how many got coordinates."""
        kernen, postcodes, by_id = self.kernen, self.postcodes, self.by_id
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


def _geocode_rest(session: DbSession, locations: dict[str, Record]) -> tuple[int, list[str]]:
    """Ask the configured geocoder (PDOK when ``GEOCODER=pdok``) for what the tables missed.

    Returns how many were found and the places still without coordinates.
    """
    from flask import has_app_context

    rest = [r for r in locations.values() if _wants_geocoder(r)]
    if not rest or not has_app_context():
        return 0, [_label(r) for r in rest]
    from app.services import geocoder

    kernen = {k.slug: k.name for k in session.scalars(select(Kern))}
    found, missing = 0, []
    service = geocoder(session)
    for record in rest:
        place = _geocode(service, record)
        if place is None:
            missing.append(_label(record))
            continue
        record["lat"], record["lon"] = place.latitude, place.longitude
        if record.get("kern") is None and place.kern_slug in kernen:
            record["kern"] = kernen[place.kern_slug]
        found += 1
    return found, missing


def _wants_geocoder(record: Record) -> bool:
    """A physical place without coordinates that says where it is."""
    return ((record.get("lat") is None or record.get("lon") is None)
            and record.get("location_type", "physical") != "virtual"
            and bool(record.get("address") or record.get("postcode") or record.get("city")))


def _geocode(service: Geocoder, record: Record) -> Place | None:
    """Where the geocoder puts ``record``, or None when it does not know or not in the
    Netherlands."""
    from app.geocoding import GeocodingError

    if record.get("address") and record.get("city"):
        text = f"{record['address']} {record['city']}"  # street, number and town
    else:
        text = record.get("postcode") or record.get("city") or record.get("address") or ""
    try:
        place = service.geocode(text)
    except GeocodingError:
        return None
    if place is None or not (50.7 <= place.latitude <= 53.6 and 3.2 <= place.longitude <= 7.3):
        return None
    return place


def _label(record: Record) -> str:
    return str(record.get("name") or record.get("address") or record.get("key") or "?")


# --- the run ------------------------------------------------------------------------

#: Records written at a time: each chunk is flushed and then let go by the session, so its
#: identity map holds one chunk, never the whole file (tests lower it with ``monkeypatch``).
CHUNK = 500
#: What the session keeps across chunks: the reference data every chunk refers to.
_REFERENCE = (Kern, Postcode, Taxonomy, TaxonomyTerm)


class _Spool:
    """Checked records on disk, in order: written while checking, read back in chunks while
    writing, so neither the mapped nor the checked records of a large file sit in memory.

    A private temporary file (unlinked, mode 600) that only this run writes and reads:
    pickle is safe here, no input reaches ``pickle.load`` but what ``add`` wrote."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="bw-import-")
        self.count = 0

    def add(self, value: tuple[str | None, Record]) -> None:
        pickle.dump(value, self._file, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def chunks(self, size: int) -> Iterator[list[tuple[Any, Record]]]:
        self._file.seek(0)
        chunk: list[tuple[Any, Record]] = []
        for _ in range(self.count):
            chunk.append(pickle.load(self._file))  # noqa: S301 - written by add() above
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        self._file.close()


@dataclass
class _Checked:
    """What the check keeps for the write: the records (spooled) and, per key, the little
    that ties them together."""

    organizations: _Spool = field(default_factory=_Spool)  # (key, record)
    locations: _Spool = field(default_factory=_Spool)      # (key, record)
    services: _Spool = field(default_factory=_Spool)       # (organisation key, record)
    location_items: dict[str | None, Item] = field(default_factory=dict)  # their owner, as settled
    first_organization: dict[str, str | None] = field(default_factory=dict)  # of a location's 1st service
    drafts: list[tuple[str, str]] = field(default_factory=list)
    checks: list[tuple[str, str, str]] = field(default_factory=list)

    def owner(self, key: str) -> str | None:
        return self.location_items[key].organization or self.first_organization.get(key)

    def close(self) -> None:
        for spool in (self.organizations, self.locations, self.services):
            spool.close()


def run_import(session: DbSession, batch: Batch, *, source: str, dry_run: bool = False,
               progress: Progress | None = None) -> ImportReport:
    with paused_collector() as collect:  # cycles are freed chunk by chunk (app/bulk.py)
        return _run(session, batch, source, dry_run, progress, collect)


def _run(session: DbSession, batch: Batch, source: str, dry_run: bool,
         progress: Progress | None, collect: Callable[[], object]) -> ImportReport:
    checked = _check(batch, progress, collect)
    read_versions: ReadVersions = {}
    try:
        written = _write(session, batch, source, checked, progress, read_versions, collect)
    except StaleDataError:
        session.rollback()
        raise ImportFailed(_conflicts(session, read_versions)) from None
    except DBAPIError as error:  # a rule the checks above missed: still all or nothing
        session.rollback()
        raise ImportFailed([Problem("", "", "", None,
                                    "De database weigerde de gegevens; er is niets ingelezen. "
                                    f"Technische melding: {str(error.orig).strip()}")]) from None
    finally:
        checked.close()
    result = ImportReport(counts=written.counts, drafts=checked.drafts, checks=checked.checks,
                          notices=[*batch.notices, *_geocoding_notices(written)],
                          dry_run=dry_run)
    if dry_run:
        session.rollback()
    return result


def _geocoding_notices(written: _Written) -> list[str]:
    notices = []
    if written.ungeocoded:
        shown = ", ".join(written.ungeocoded[:10]) + (" …" if len(written.ungeocoded) > 10
                                                      else "")
        notices.append(f"{len(written.ungeocoded)} locatie(s) zonder coördinaten konden niet "
                       f"worden gevonden; ze staan niet op de kaart: {shown}")
    if written.geocoded:
        notices.append(f"{written.geocoded} locatie(s) zonder coördinaten zijn opgezocht "
                       "(eerst in de eigen postcode- en kerntabellen).")
    return notices


def _check(batch: Batch, progress: Progress | None, collect: Callable[[], object]) -> _Checked:
    """Validate every item as the batch yields it (a stream is read once); collect every
    problem, and spool the checked records while there are none.  ``ImportFailed`` when
    anything is wrong: nothing has been written then."""
    checker = _Checker(batch)
    items = batch.all_items()
    total = len(items) if isinstance(items, Sized) else 0
    done = 0
    try:
        for done, item in enumerate(items, start=1):
            if done % 500 == 0:
                if progress and done != total:
                    progress("controleren", done, total)
                if done % (10 * CHUNK) == 0:
                    collect()
            checker.check(item)
            item.record = {}  # checked (and spooled): the mapped record is not needed any more
    except BaseException:
        checker.checked.close()
        raise
    if progress:
        progress("controleren", done, done)
    problems = list(batch.problems) + checker.problems
    if problems:
        checker.checked.close()
        raise ImportFailed(problems)
    return checker.checked


class _Checker:
    """Checks the items of one batch, in order, and keeps what the write needs."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.problems: list[Problem] = []
        self.checked = _Checked()
        self.location_reasons: dict[str | None, list[str]] = {}
        self.seen: dict[tuple[str, str | None], Item] = {}
        self.org_schema, self.loc_schema, self.svc_schema = (
            OrganizationIn(), LocationIn(), ServiceIn())

    @property
    def spool(self) -> bool:
        """Whether checked records are still kept: a file with a problem is not written."""
        return not self.problems and not self.batch.problems

    def check(self, item: Item) -> None:
        key = item.record.get("key")
        if (item.kind, key) in self.seen and item.kind == "service":
            self.problems.append(Problem(
                item.file, item.place, _field_name(item, ("key",)), key,
                f"Deze sleutel komt twee keer voor (ook bij "
                f"{self.seen[(item.kind, key)].place})."))
            return
        if (item.kind, key) in self.seen:
            return  # the same organisation or location again (nested in several services)
        self.seen[(item.kind, key)] = item
        if item.kind == "organization":
            self.organization(item, key)
        elif item.kind == "location":
            self.location(item, key)
        else:
            self.service(item)

    def organization(self, item: Item, key: str | None) -> None:
        record = {k: v for k, v in item.record.items() if k != WHERE}
        try:
            loaded = _without(self.batch, self.org_schema.load(
                {**record, "locations": [], "services": []}))
        except ValidationError as error:
            self.problems.extend(_problem(item, path, m) for path, m in _flatten(error.messages))
            return
        if self.spool:
            self.checked.organizations.add((key, loaded))

    def location(self, item: Item, key: str | None) -> None:
        spool = self.spool
        loaded, found, reasons = _load(
            self.loc_schema, item, DRAFTABLE_LOCATION_FIELDS if self.batch.draftable else ())
        self.problems.extend(found)
        if loaded is None:
            return
        self.checked.location_items[key] = item  # the mapper may still settle its owner
        if reasons:
            label = loaded.get("name") or loaded.get("address") or key
            self.location_reasons[key] = [f"locatie '{label}': {r}" for r in reasons]
        if spool:
            self.checked.locations.add((key, loaded))

    def service(self, item: Item) -> None:
        loaded, found, reasons = _load(
            self.svc_schema, item, DRAFTABLE_SERVICE_FIELDS if self.batch.draftable else ())
        self.problems.extend(found)
        if loaded is None:
            return
        for loc_key in loaded.get("locations") or []:
            if ("location", loc_key) not in self.seen:
                self.problems.append(Problem(
                    item.file, item.place, _field_name(item, ("locations",)), loc_key,
                    "Deze locatie staat niet in het bestand."))
            self.checked.first_organization.setdefault(loc_key, item.organization)
            reasons = reasons + self.location_reasons.get(loc_key, [])
        record = _without(self.batch, loaded)
        self.draft(record, reasons)
        # a tier, access or text that contradict each other (the rule the editor and the demo
        # loader enforce, app/domain/ladder.py): a partner's file is imported as given, and
        # the report names each one for an editor to settle
        conflict = service_access_conflict(record)
        if conflict is not None:
            self.checked.checks.append((record.get("name") or "?", item.place or "",
                                        str(conflict.message)))
        if self.spool:
            self.checked.services.add((item.organization, record))

    def draft(self, record: Record, reasons: list[str]) -> None:
        """Drafts: the service's own reasons and those of its locations."""
        if reasons:
            record["draft_reason"] = "Nog aan te vullen: " + "; ".join(
                r.rstrip(".") for r in reasons) + "."
            self.checked.drafts.append((record["name"], record["draft_reason"]))
        else:
            record["draft_reason"] = None


def _conflicts(session: DbSession, read_versions: ReadVersions) -> list[Problem]:
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


def _flush(session: DbSession, read_versions: ReadVersions) -> None:
    """Flush a chunk, noting first the version each changed provision had when it was read
    (to name it should someone else have saved it meanwhile)."""
    for obj in session.dirty:
        if isinstance(obj, Service) and obj.id is not None:
            read_versions[obj.id] = (obj.name, inspect(obj).committed_state.get(
                "version", obj.version))
    session.flush()


def _release(session: DbSession) -> None:
    """Let go of a flushed chunk: only the reference data stays in the session (detaching
    everything and taking the reference rows back is much quicker than expunging the rest
    one by one)."""
    kept = [obj for obj in session.identity_map.values() if isinstance(obj, _REFERENCE)]
    session.expunge_all()
    session.add_all(kept)


_Row = TypeVar("_Row", Organization, Location)


def _fetch(session: DbSession, model: type[_Row], ids: Iterable[uuid.UUID | None]
           ) -> dict[uuid.UUID, _Row]:
    """The rows of ``model`` with these ids, by id (a few queries)."""
    found: dict[uuid.UUID, _Row] = {}
    wanted = list(dict.fromkeys(i for i in ids if i is not None))
    for start in range(0, len(wanted), ID_BATCH):
        found.update((obj.id, obj) for obj in session.scalars(
            select(model).where(model.id.in_(wanted[start:start + ID_BATCH]))))
    return found


def _get(rows: dict[uuid.UUID, _Row], ident: uuid.UUID | None) -> _Row | None:
    return rows.get(ident) if ident is not None else None


@dataclass
class _Written:
    counts: dict[str, dict[str, int]]
    geocoded: int
    ungeocoded: list[str]


def _write(session: DbSession, batch: Batch, source: str, checked: _Checked,
           progress: Progress | None, read_versions: ReadVersions,
           collect: Callable[[], object]) -> _Written:
    """Organisations, then locations, then services, a chunk at a time: upsert, flush, let go.
    Later chunks find what earlier ones wrote by id (``organization_ids``, ``location_ids``)."""
    load_reference(session)
    vocab = Vocabulary(session)
    _ensure_terms(session, batch, vocab)
    writer = _Writer(session, source, checked, vocab, read_versions, collect)
    with session.no_autoflush:
        writer.organizations()
        writer.locations()
        writer.services(progress)
    vocab.prepare(session, Service, source, [])  # let go of the last chunk's rows
    counts = {kind: dict(c) for kind, c in writer.upserts.by_kind.items()}
    return _Written(counts, writer.geocoded, writer.ungeocoded)


class _Writer:
    """Writes the checked records of one import, chunk by chunk, and counts what it did."""

    def __init__(self, session: DbSession, source: str, checked: _Checked, vocab: Vocabulary,
                 read_versions: ReadVersions, collect: Callable[[], object]) -> None:
        self.session, self.source, self.checked, self.vocab = session, source, checked, vocab
        self.read_versions, self.collect = read_versions, collect
        self.gazetteer = _Gazetteer(session)
        self.upserts = UpsertReport()
        self.geocoded = 0
        self.ungeocoded: list[str] = []
        self.organization_ids: dict[str | None, uuid.UUID] = {}
        self.location_ids: dict[str, uuid.UUID] = {}

    def let_go(self) -> None:
        _release(self.session)
        self.collect()

    def organizations(self) -> None:
        session, source, vocab = self.session, self.source, self.vocab
        for chunk in self.checked.organizations.chunks(CHUNK):
            vocab.prepare(session, Organization, source, [record for _key, record in chunk])
            written = [(key, upsert_organization(session, source, record, self.upserts, vocab))
                       for key, record in chunk]
            _flush(session, self.read_versions)
            self.organization_ids.update((key, org.id) for key, org in written)
            del written
            self.let_go()

    def locations(self) -> None:
        session, source, vocab = self.session, self.source, self.vocab
        for chunk in self.checked.locations.chunks(CHUNK):
            records = dict(chunk)
            self.geocoded += self.gazetteer.fill(records)
            found, missing = _geocode_rest(session, records)
            self.geocoded += found
            self.ungeocoded.extend(missing)
            owners = {key: self.organization_ids.get(self.checked.owner(key)) for key in records}
            orgs = _fetch(session, Organization, owners.values())
            vocab.prepare(session, Location, source, list(records.values()))
            written = [(key, upsert_location(session, source, _get(orgs, owners[key]), record,
                                             self.upserts, vocab))
                       for key, record in records.items()]
            _flush(session, self.read_versions)
            self.location_ids.update((key, place.id) for key, place in written)
            del written, orgs
            self.let_go()

    def services(self, progress: Progress | None) -> None:
        session, source, vocab = self.session, self.source, self.vocab
        organization_ids, location_ids = self.organization_ids, self.location_ids
        total = self.checked.services.count
        done = 0
        for chunk in self.checked.services.chunks(CHUNK):
            orgs = _fetch(session, Organization, (organization_ids[o] for o, _r in chunk))
            keys = {k for _o, record in chunk for k in record.get("locations") or []}
            keys.update(link["location"] for _o, record in chunk
                        for link in record.get("service_at_locations") or [])
            found_places = _fetch(session, Location, (location_ids[k] for k in keys))
            places = {k: found_places[location_ids[k]] for k in keys}
            vocab.prepare(session, Service, source, [record for _o, record in chunk])
            for org_key, record in chunk:
                upsert_service(session, source, orgs[organization_ids[org_key]], record, places,
                               self.upserts, vocab)
                done += 1
                if progress and (done % 500 == 0 or done == total):
                    progress("opslaan", done, total)
            _flush(session, self.read_versions)
            del orgs, found_places, places
            self.let_go()
