"""The read side of the HSDS API: which records a request asks for, in which order.

Only public provisions are ever returned: ``status`` active and published (the rule of the
public site, ``app.domain.queries.public``).  Organizations are listed when they offer at least
one public provision.

Order of services — the lightest-suitable rule of the public site (``app.domain.ladder``):
with ``search`` the order is exactly the public search's (``app.domain.finder.find``:
tier, relevance, distance, name); without it, tier, then distance to the given point,
then name, then id.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import overload

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import selectinload

from app import vocabulary as v
from app.api.params import DEFAULT_PER_PAGE, MAX_PER_PAGE, param_error
from app.domain.finder import SearchParams, find_ids
from app.domain.freshness import is_withdrawn
from app.domain.ladder import rank_key
from app.domain.queries import kern_named, kernen, public
from app.hsds.serialize import prefetch, service_load_options
from app.models import (
    Attribute,
    Kern,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    service_legal_framework,
    service_life_domain,
    service_target_group,
)
from app.models.base import DbSession
from app.runtime import freshness_today, grace_days
from search import bounding_box, haversine_km

# --- paging -------------------------------------------------------------------------


@dataclass
class Page:
    items: list
    total: int
    number: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total else 0

    def envelope(self, contents: list) -> dict:
        """HSDS 3.0's page object (``components.schemas.Page`` of its openapi.json)."""
        return {
            "total_items": self.total,
            "total_pages": self.total_pages,
            "page_number": self.number,
            "size": len(contents),
            "first_page": self.number == 1,
            "last_page": self.number >= self.total_pages,
            "empty": not contents,
            "contents": contents,
        }


def page_of(items: list, args: dict, *, default: int = DEFAULT_PER_PAGE) -> Page:
    """Slice an ordered list; ``format=ndjson`` means every item on one "page"."""
    if args.get("format") == "ndjson":
        return Page(items, len(items), 1, max(len(items), 1))
    per_page = args.get("per_page") or default
    number = args.get("page", 1)
    start = (number - 1) * per_page
    return Page(items[start:start + per_page], len(items), number, per_page)


# --- service filters ------------------------------------------------------------------


@dataclass
class ServiceFilter:
    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    kern: Kern | None = None
    served_kern_ids: tuple[uuid.UUID, ...] | None = None  # postcode without proximity
    tiers: tuple[str, ...] = ()
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    minimum_age: int | None = None
    maximum_age: int | None = None
    day: str | None = None  # UK profile: iCalendar day code
    start_time: time | None = None
    end_time: time | None = None
    point: tuple[float, float] | None = None
    proximity_m: float | None = None
    # postcode with proximity: its kern, whose services stay in however far (they serve it)
    postcode: str | None = None
    point_kern_id: uuid.UUID | None = None
    extras: dict = field(default_factory=dict)

    @property
    def radius_km(self) -> float | None:
        return self.proximity_m / 1000 if self.proximity_m is not None else None


def _codes(parameter: str, values: tuple[str, ...], terms, names: dict[str, str]) -> tuple:
    """Profile values by code or name (case-insensitive) -> codes; unknown ones are a 400."""
    lookup: dict[str, str] = {}
    for term in terms:
        lookup[term.code.casefold()] = term.code
        lookup[str(term.label).casefold()] = term.code
    for code, name in names.items():
        lookup[name.casefold()] = code
    out, unknown = [], []
    for value in values:
        known = lookup.get(value.casefold())
        (out.append(known) if known else unknown.append(value))
    if unknown:
        allowed = ", ".join(t.code for t in terms)
        raise param_error(parameter, f"unknown value {', '.join(unknown)}; use one of: {allowed}")
    return tuple(dict.fromkeys(out))


def _kern(session: DbSession, value: str) -> Kern:
    kern = kern_named(session, value)
    if kern is not None:
        return kern
    names = ", ".join(k.name for k in kernen(session))
    raise param_error("kern", f"unknown kern {value!r}; use one of: {names}")


def _postcode(session: DbSession, value: str):
    from app.geocoding import normalise_postcode
    from app.services import geocoder

    postcode = normalise_postcode(value)
    if postcode is None:
        raise param_error("postcode", "must be a Dutch postcode, e.g. 7271 or 7271 AB")
    place = geocoder(session).geocode(postcode)
    if place is None:
        raise param_error("postcode", f"postcode {postcode} is not known")
    return place


def service_filter(session: DbSession, args: dict) -> ServiceFilter:
    """Turn parsed parameters into a filter, resolving names; raises ``ParamError``."""
    f = ServiceFilter(
        search=" ".join((args.get("search") or "").split()),
        taxonomy_term_id=args.get("taxonomy_term_id"),
        taxonomy_id=args.get("taxonomy_id"),
        organization_id=args.get("organization_id"),
        modified_after=args.get("modified_after"),
        minimum_age=args.get("minimum_age"),
        maximum_age=args.get("maximum_age"),
        proximity_m=args.get("proximity"),
        day=args.get("day"),
        start_time=args.get("start_time"),
        end_time=args.get("end_time"),
    )
    if args.get("kern"):
        f.kern = _kern(session, args["kern"])
    f.tiers = _codes("tier", args.get("tier", ()), v.TIERS, {})
    f.life_domains = _codes("leefgebied", args.get("leefgebied", ()), v.LIFE_DOMAINS,
                            v.ZRM_NAMES)
    f.target_groups = _codes("doelgroep", args.get("doelgroep", ()), v.TARGET_GROUPS, {})
    if "lat" in args:
        f.point = (args["lat"], args["lon"])
    if args.get("postcode"):
        place = _postcode(session, args["postcode"])
        kern_id = (session.scalar(select(Kern.id).where(Kern.slug == place.kern_slug))
                   if place.kern_slug else None)
        if f.proximity_m is not None:
            f.point = (place.latitude, place.longitude)
            f.postcode = args["postcode"]
            f.point_kern_id = kern_id
        else:  # HSDS: the postcode must lie in the service area
            f.served_kern_ids = (kern_id,) if kern_id else ()
    return f


def _serves(kern_ids) -> ColumnElement[bool]:
    """Services that serve one of these kernen, locally or municipality-wide."""
    return Service.id.in_(select(ServiceArea.service_id).where(or_(
        ServiceArea.kern_id.in_(kern_ids),
        and_(ServiceArea.kern_id.is_(None), ServiceArea.name == v.MUNICIPALITY))))


def _open_at(day: str | None, start: time | None, end: time | None) -> ColumnElement[bool]:
    """UK profile schedule filters: services with a schedule (still valid) that is open on
    ``day`` and overlaps the window [start, end).  A schedule applies to a day when its
    ``byday`` names it (``MO,WE``; also ``2MO`` in a monthly rule) or when it is daily
    without ``byday``; hours that close at or before they open run past midnight."""
    where = [Schedule.service_id.is_not(None),
             or_(Schedule.valid_to.is_(None), Schedule.valid_to >= freshness_today())]
    if day is not None:
        where.append(or_(Schedule.byday.contains(day, autoescape=True),
                         and_(Schedule.byday.is_(None), func.upper(Schedule.freq) == "DAILY")))
    if start is not None or end is not None:
        where += [Schedule.opens_at.is_not(None), Schedule.closes_at.is_not(None)]
    if end is not None:
        where.append(Schedule.opens_at < end)
    if start is not None:
        where.append(or_(Schedule.closes_at > start, Schedule.closes_at <= Schedule.opens_at))
    return Service.id.in_(select(Schedule.service_id).where(*where))


def _linked(table, taxonomy: str, codes) -> ColumnElement[bool]:
    return Service.id.in_(
        select(table.c.service_id).join(TaxonomyTerm, TaxonomyTerm.id == table.c.taxonomy_term_id)
        .where(TaxonomyTerm.taxonomy == taxonomy, TaxonomyTerm.code.in_(codes)))


_RELATIONS = {"leefgebied": service_life_domain, "doelgroep": service_target_group,
              "wettelijk-kader": service_legal_framework}
_COLUMNS = {"voorzieningsniveau": Service.tier, "toegang": Service.access}


def _stored_attribute(term_ids) -> ColumnElement[bool]:
    return Service.id.in_(select(Attribute.link_id).where(
        Attribute.link_entity == "service", Attribute.taxonomy_term_id.in_(term_ids)))


def _by_term(session: DbSession, term_id: uuid.UUID) -> ColumnElement[bool]:
    term = session.get(TaxonomyTerm, term_id)
    if term is None:
        return Service.id.is_(None)  # a well-formed unknown id finds nothing
    name = term.taxonomy or (term.taxonomy_detail.name if term.taxonomy_detail else None)
    if name in _COLUMNS:
        return _COLUMNS[name] == term.code
    if name in _RELATIONS:
        table = _RELATIONS[name]
        return Service.id.in_(select(table.c.service_id).where(table.c.taxonomy_term_id == term.id))
    return _stored_attribute([term.id])


def _by_taxonomy(session: DbSession, taxonomy_id: uuid.UUID) -> ColumnElement[bool]:
    taxonomy = session.get(Taxonomy, taxonomy_id)
    if taxonomy is None:
        return Service.id.is_(None)
    term_ids = select(TaxonomyTerm.id).where(TaxonomyTerm.taxonomy_id == taxonomy.id)
    if taxonomy.name in _COLUMNS:
        codes = select(TaxonomyTerm.code).where(TaxonomyTerm.taxonomy_id == taxonomy.id)
        return _COLUMNS[taxonomy.name].in_(codes)
    if taxonomy.name in _RELATIONS:
        table = _RELATIONS[taxonomy.name]
        return Service.id.in_(select(table.c.service_id).where(table.c.taxonomy_term_id.in_(term_ids)))
    return _stored_attribute(term_ids)


def _conditions(session: DbSession, f: ServiceFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.organization_id:
        where.append(Service.organization_id == f.organization_id)
    if f.taxonomy_term_id:
        where.append(_by_term(session, f.taxonomy_term_id))
    if f.taxonomy_id:
        where.append(_by_taxonomy(session, f.taxonomy_id))
    if f.kern is not None:
        where.append(_serves([f.kern.id]))
    if f.served_kern_ids is not None:
        where.append(_serves(f.served_kern_ids) if f.served_kern_ids else Service.id.is_(None))
    if f.tiers:
        where.append(Service.tier.in_(f.tiers))
    if f.life_domains:
        where.append(_linked(service_life_domain, "leefgebied", f.life_domains))
    if f.target_groups:
        where.append(_linked(service_target_group, "doelgroep", f.target_groups))
    if f.day is not None or f.start_time is not None or f.end_time is not None:
        where.append(_open_at(f.day, f.start_time, f.end_time))
    if f.minimum_age is not None:
        where.append(or_(Service.maximum_age.is_(None), Service.maximum_age >= f.minimum_age))
    if f.maximum_age is not None:
        where.append(or_(Service.minimum_age.is_(None), Service.minimum_age <= f.maximum_age))
    return where


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass
class Candidate:
    id: uuid.UUID
    tier: str
    name: str
    distance_km: float | None = None
    score: float = 0.0


def _location_distances(session: DbSession, service_ids, point, radius_km):
    """(service_id, location_id, sal_id, km) for the places of these services near a point."""
    lat, lon = point
    stmt = (select(ServiceAtLocation.service_id, ServiceAtLocation.location_id,
                   ServiceAtLocation.id, Location.latitude, Location.longitude)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .where(Location.latitude.is_not(None), Location.longitude.is_not(None)))
    if radius_km is not None:
        min_lat, min_lon, max_lat, max_lon = bounding_box(lat, lon, radius_km)
        stmt = stmt.where(Location.latitude.between(min_lat, max_lat),
                          Location.longitude.between(min_lon, max_lon))
    out = []
    for service_id, location_id, sal_id, loc_lat, loc_lon in session.execute(stmt):
        if service_id not in service_ids or loc_lat is None or loc_lon is None:
            continue  # (no place without coordinates is selected)
        km = haversine_km(lat, lon, loc_lat, loc_lon)
        if radius_km is None or km <= radius_km:
            out.append((service_id, location_id, sal_id, km))
    return out


def matching_services(session: DbSession, engine, f: ServiceFilter, *,
                      geo_cut: bool = True, page_checks: bool = False) -> list[Candidate]:
    """Every public service that passes the filter, in the public site's order.

    Like public search, lists leave out entries withdrawn for being long unchecked
    (``app.domain.freshness``); ``/services/{id}`` still answers for them, as the public
    provision page does (with its warning).  ``page_checks``: the caller loads its page with
    ``load_services(visible_only=True)``, so a search the engine filters by itself is taken
    as it comes, without reading every match from the database."""
    searched = searched_ids(session, engine, f) if f.search else None
    if searched is not None and not searched:
        return []
    if page_checks and searched is not None and _engine_applies_all(f):
        # The search already applied every filter, to what public search shows (published,
        # active, not withdrawn), in the public order: nothing to re-read for the whole
        # answer. The page's own rows are checked when they are loaded (``load_services``
        # with ``visible_only``), in case the index lags a change.
        return [Candidate(i, "", "") for i in searched]
    found = _candidates(session, f, searched)
    if f.point is not None:
        found = _by_distance(session, f, found, f.point, f.radius_km if geo_cut else None)
    if searched is not None:
        return [found[i] for i in searched if i in found]
    return sorted(found.values(), key=lambda c: (
        rank_key(c.tier, 0.0, c.distance_km, c.name), str(c.id)))


def _candidates(session: DbSession, f: ServiceFilter, searched: list[uuid.UUID] | None
                ) -> dict[uuid.UUID, Candidate]:
    """The public services the database's filters let through (of ``searched``, if given),
    changed after ``modified_after`` and not withdrawn for being long unchecked."""
    statement = public(select(Service.id, Service.tier, Service.name, Service.last_modified,
                              Service.assured_date, Service.review_interval_days)
                       ).where(*_conditions(session, f))
    if searched is not None:  # only the search's own matches: the cost follows the answer
        statement = statement.where(Service.id.in_(searched))
    rows = session.execute(statement).all()
    after = _utc(f.modified_after)
    on, grace = freshness_today(), grace_days()
    return {r.id: Candidate(r.id, r.tier, r.name) for r in rows
            if (after is None or _utc(r.last_modified) >= after) and not is_withdrawn(r, on, grace)}


def _by_distance(session: DbSession, f: ServiceFilter, found: dict[uuid.UUID, Candidate],
                 point: tuple[float, float], radius: float | None) -> dict[uuid.UUID, Candidate]:
    """Each candidate's distance to the point of the filter; with a ``radius``, only those
    with a place within it (or, near a postcode, serving its kern)."""
    nearest: dict[uuid.UUID, float] = {}
    for service_id, _, _, km in _location_distances(session, found.keys(), point, radius):
        nearest[service_id] = min(km, nearest.get(service_id, km))
    for candidate in found.values():
        candidate.distance_km = nearest.get(candidate.id)
    if radius is None:
        return found
    serving: set[uuid.UUID] = set()
    if f.point_kern_id is not None:  # near a postcode: what serves its kern stays
        serving = set(session.scalars(select(Service.id).where(
            Service.id.in_(list(found)), _serves((f.point_kern_id,)))))
    return {k: c for k, c in found.items() if k in nearest or k in serving}


def _engine_applies_all(f: ServiceFilter) -> bool:
    """Whether the search engine applies every filter given (``searched_ids`` hands it the
    kern, tiers, life domains, target groups and one age); the others need the database."""
    return (f.taxonomy_term_id is None and f.taxonomy_id is None and f.organization_id is None
            and f.modified_after is None and f.served_kern_ids is None and f.point is None
            and f.day is None and f.start_time is None and f.end_time is None
            and f.minimum_age == f.maximum_age)


def searched_ids(session: DbSession, engine, f: ServiceFilter) -> list[uuid.UUID]:
    """The public site's search (same engine, same order) for the parts it understands."""
    age = f.minimum_age if (f.minimum_age is not None
                            and f.minimum_age == f.maximum_age) else None
    params = SearchParams(
        q=f.search[:200], kern=f.kern.slug if f.kern else None, tiers=f.tiers,
        life_domains=f.life_domains, target_groups=f.target_groups, age=age,
        lat=f.point[0] if f.point and not f.postcode else None,
        lon=f.point[1] if f.point and not f.postcode else None,
        near=f.postcode or "", radius_km=f.radius_km)
    from app.services import geocoder

    return find_ids(session, engine, params, geocoder=geocoder(session))


def load_services(session: DbSession, ids: list[uuid.UUID], *, full: bool,
                  visible_only: bool = False) -> list[Service]:
    """These services, in this order; ``visible_only``: leave out any that public search
    would not show (published, active, not withdrawn)."""
    if not ids:
        return []
    options = service_load_options() if full else (selectinload(Service.organization),)
    stmt = select(Service).where(Service.id.in_(ids)).options(*options)
    loaded = {s.id: s for s in session.scalars(public(stmt) if visible_only else stmt)}
    if visible_only:
        on, grace = freshness_today(), grace_days()
        loaded = {k: s for k, s in loaded.items() if not is_withdrawn(s, on, grace)}
    if full:
        _prefetch_services(session, loaded.values())
    return [loaded[i] for i in ids if i in loaded]


def _prefetch_services(session: DbSession, services) -> None:
    """The stored attributes and metadata a page of full services shows, in two queries."""
    records = []
    for service in services:
        records += [("service", service.id), ("organization", service.organization_id)]
        records += [("location", sal.location_id) for sal in service.service_at_locations]
    prefetch(session, records)


def public_service(session: DbSession, service_id: uuid.UUID) -> Service | None:
    return session.scalar(public(select(Service).where(Service.id == service_id))
                          .options(*service_load_options()))


# --- service at location ------------------------------------------------------------


def matching_service_at_locations(session: DbSession, engine, f: ServiceFilter) -> list[uuid.UUID]:
    """Ids of (service, location) pairs: the service passes the filter, the place (when a
    proximity is asked) lies within it; in service order, then nearest place first."""
    services = matching_services(session, engine, f, geo_cut=False)
    position = {c.id: n for n, c in enumerate(services)}
    if f.point is not None:
        rows = [(service_id, sal_id, km) for service_id, _, sal_id, km in
                _location_distances(session, position.keys(), f.point, f.radius_km)]
        if f.radius_km is None:  # places without coordinates still count, last
            with_km = {sal_id for _, sal_id, _ in rows}
            rows += [(s, i, None) for s, i in _pairs(session, position) if i not in with_km]
    else:
        rows = [(s, i, None) for s, i in _pairs(session, position)]
    rows.sort(key=lambda r: (position[r[0]], r[2] if r[2] is not None else math.inf, str(r[1])))
    return [sal_id for _, sal_id, _ in rows]


def _pairs(session: DbSession, position: dict) -> list[tuple[uuid.UUID, uuid.UUID]]:
    rows = session.execute(select(ServiceAtLocation.service_id, ServiceAtLocation.id))
    return [(s, i) for s, i in rows if s in position]


def load_service_at_locations(session: DbSession, ids: list[uuid.UUID], *,
                              full: bool) -> list[ServiceAtLocation]:
    if not ids:
        return []
    service_options = service_load_options() if full else (selectinload(Service.organization),)
    stmt = select(ServiceAtLocation).where(ServiceAtLocation.id.in_(ids)).options(
        selectinload(ServiceAtLocation.location).selectinload(Location.addresses),
        selectinload(ServiceAtLocation.location).selectinload(Location.accessibility),
        selectinload(ServiceAtLocation.service).options(*service_options))
    loaded = {sal.id: sal for sal in session.scalars(stmt)}
    if full:
        _prefetch_services(session, {sal.service for sal in loaded.values()})
    else:
        prefetch(session, [("location", sal.location_id) for sal in loaded.values()])
    return [loaded[i] for i in ids if i in loaded]


def public_service_at_location(session: DbSession, sal_id: uuid.UUID) -> ServiceAtLocation | None:
    sal = session.scalar(select(ServiceAtLocation).join(ServiceAtLocation.service)
                         .where(ServiceAtLocation.id == sal_id,
                                Service.is_public))
    if sal is None:
        return None
    return load_service_at_locations(session, [sal.id], full=True)[0]


# --- organizations ------------------------------------------------------------------


def _with_public_services():
    return Organization.id.in_(public(select(Service.organization_id)))


def _words(columns, text: str) -> list:
    """Each word must occur (case-insensitive) in one of the columns."""
    return [or_(*(func.lower(c).contains(word.casefold(), autoescape=True) for c in columns))
            for word in text.split()]


def organizations(session: DbSession, args: dict) -> Page:
    stmt = select(Organization.id, Organization.name).where(_with_public_services())
    if args.get("search"):
        stmt = stmt.where(*_words((Organization.name, Organization.description), args["search"]))
    ids = [r.id for r in sorted(session.execute(stmt),
                                key=lambda r: (r.name.casefold(), str(r.id)))]
    return page_of(ids, args)


def load_organizations(session: DbSession, ids: list[uuid.UUID], *, full: bool) -> list:
    if not ids:
        return []
    options = ((selectinload(Organization.phones), selectinload(Organization.contacts),
                selectinload(Organization.locations).selectinload(Location.addresses),
                selectinload(Organization.locations).selectinload(Location.accessibility))
               if full else ())
    loaded = {o.id: o for o in session.scalars(select(Organization)
                                               .where(Organization.id.in_(ids)).options(*options))}
    if full:
        prefetch(session, [("organization", o.id) for o in loaded.values()]
                 + [("location", loc.id) for o in loaded.values() for loc in o.locations])
    return [loaded[i] for i in ids if i in loaded]


def public_organization(session: DbSession, org_id: uuid.UUID) -> Organization | None:
    found = session.scalar(select(Organization.id).where(Organization.id == org_id,
                                                        _with_public_services()))
    return load_organizations(session, [found], full=True)[0] if found else None


def organization_services(session: DbSession, orgs: list[Organization], *,
                          full: bool) -> dict[uuid.UUID, list[Service]]:
    """The public services of these organizations (a page of them), each in the ladder's
    order, loaded together."""
    rows = sorted(session.execute(public(
        select(Service.id, Service.tier, Service.name, Service.organization_id)
        .where(Service.organization_id.in_([o.id for o in orgs])))),
        key=lambda r: (rank_key(r.tier, name=r.name), str(r.id)))
    loaded = {s.id: s for s in load_services(session, [r.id for r in rows], full=full)}
    out: dict[uuid.UUID, list[Service]] = {o.id: [] for o in orgs}
    for row in rows:
        if row.id in loaded:
            out[row.organization_id].append(loaded[row.id])
    return out


# --- taxonomies ---------------------------------------------------------------------


def taxonomies(session: DbSession, args: dict) -> Page:
    stmt = select(Taxonomy)
    if args.get("search"):
        stmt = stmt.where(*_words((Taxonomy.name, Taxonomy.description), args["search"]))
    items = sorted(session.scalars(stmt), key=lambda t: (t.name.casefold(), str(t.id)))
    return page_of(items, args, default=MAX_PER_PAGE)


def taxonomy_terms(session: DbSession, args: dict) -> Page:
    stmt = select(TaxonomyTerm).options(selectinload(TaxonomyTerm.taxonomy_detail))
    if args.get("taxonomy_id"):
        stmt = stmt.where(TaxonomyTerm.taxonomy_id == args["taxonomy_id"])
    if args.get("top_only"):
        stmt = stmt.where(TaxonomyTerm.parent_id.is_(None))
    if args.get("parent_id"):
        stmt = stmt.where(TaxonomyTerm.parent_id == args["parent_id"])
    if args.get("search"):
        stmt = stmt.where(*_words((TaxonomyTerm.code, TaxonomyTerm.name,
                                   TaxonomyTerm.description), args["search"]))
    items = sorted(session.scalars(stmt), key=lambda t: (
        (t.taxonomy or "").casefold(), (t.code or t.name).casefold(), str(t.id)))
    return page_of(items, args, default=MAX_PER_PAGE)


def taxonomy(session: DbSession, taxonomy_id: uuid.UUID) -> Taxonomy | None:
    return session.get(Taxonomy, taxonomy_id)


def taxonomy_term(session: DbSession, term_id: uuid.UUID) -> TaxonomyTerm | None:
    return session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.id == term_id)
                          .options(selectinload(TaxonomyTerm.taxonomy_detail)))
