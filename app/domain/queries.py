"""Read-side queries for the public pages (search itself goes through ``search/``)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from app.domain.freshness import Visibility
from app.domain.ladder import group_by_tier, lightest_first, rank_key
from app.models import (
    Address,
    CostOption,
    Kern,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    service_options,
)
from app.models.base import DbSession
from app.vocabulary import LIFE_DOMAIN_CODES, MUNICIPALITY, TIER_CODES
from search import haversine_km

_Stmt = TypeVar("_Stmt", bound="Select[*tuple[Any, ...]]")  # a select of any columns


def public(stmt: _Stmt) -> _Stmt:
    """Only what residents may see: published and active."""
    return stmt.where(Service.is_public)


def kernen(session: DbSession) -> list[Kern]:
    return list(session.scalars(select(Kern).order_by(Kern.sort_order, Kern.name)))


def kern_by_slug(session: DbSession, slug: str) -> Kern | None:
    return session.scalar(select(Kern).where(Kern.slug == slug))


def kern_named(session: DbSession, value: str) -> Kern | None:
    """The kern a person or a URL names: its name or slug, in any case ("Rekken", "rekken")."""
    wanted = value.strip().casefold()
    return next((k for k in kernen(session) if wanted in (k.slug.casefold(), k.name.casefold())),
                None)


@dataclass(frozen=True)
class Card:
    """What a result card shows (``provision_item`` in ``templates/_macros.html``)."""

    id: uuid.UUID
    name: str
    tier: str
    access: str
    organization_name: str
    is_free: bool
    fees_description: str | None
    address: str | None  # "street 1, place" of its first location (nearest to a place searched near)
    distance_km: float | None = None  # from the place searched near to that address
    serves: str | None = None  # MUNICIPALITY when it serves every kern, else the kernen it serves
    comes_home: bool = False  # it comes to the home (a schedule says so, or it has no place of
    #                           its own and its name or schedule note says "bij u thuis")
    places: int = 0  # how many locations it has (the card shows one of them)


def _first_address(addresses: Iterable[Any]) -> str | None:
    """The first location's physical address (else its first address) as one line."""
    for address in addresses:
        if address is not None and (address.address_1 or address.city):
            return ", ".join(part for part in (address.address_1, address.city) if part)
    return None


def _served(whole: bool, kernen: list[str]) -> str | None:
    return MUNICIPALITY if whole else (", ".join(sorted(kernen)) or None)


def card_of(service: Service, near: tuple[float, float] | None = None) -> Card:
    """The card of a loaded provision (the kern and topic pages); near a place (a kern's
    centre) the address of its location nearest to it, and the distance to that address."""
    sals = sorted(service.service_at_locations, key=lambda sal: str(sal.id))
    locations = {sal.id: [_AddressRow(a, sal.location) for a in sal.location.addresses]
                 or [_AddressRow(None, sal.location)] for sal in sals}
    chosen, distance = _chosen_location(locations, near)
    addresses = [row for row in chosen if row.address_1 is not None or row.city is not None]
    physical = [row for row in addresses if row.address_type == "physical"] or addresses
    return Card(
        id=service.id, name=service.name, tier=service.tier, access=service.access,
        organization_name=service.organization.name if service.organization else "",
        is_free=service.is_free, fees_description=service.fees_description,
        address=_first_address(physical), distance_km=distance,
        serves=_served(service.serves_whole_municipality, [k.name for k in service.kernen_served]),
        comes_home=(any(_at_home(s.attending_type) for s in service.schedules)
                    or (not sals and _says_at_home(service.name, service.schedule_note))),
        places=len(sals),
    )


@dataclass(frozen=True)
class _AddressRow:
    """An address with its location's coordinates, shaped like the rows ``load_cards`` reads."""

    address: Address | None
    location: Location

    @property
    def address_1(self) -> str | None:
        return self.address.address_1 if self.address is not None else None

    @property
    def city(self) -> str | None:
        return self.address.city if self.address is not None else None

    @property
    def address_type(self) -> str | None:
        return self.address.address_type if self.address is not None else None

    @property
    def latitude(self) -> float | None:
        return self.location.latitude

    @property
    def longitude(self) -> float | None:
        return self.location.longitude


def _at_home(attending_type: str | None) -> bool:
    """HSDS ``attending_type`` is free text; these say the provider comes to the home."""
    text = (attending_type or "").casefold()
    return any(word in text for word in ("home", "thuis", "aan huis", "huisbezoek"))


AT_HOME_WORDS = re.compile(r"\b(aan huis|thuis|huisbezoek)\b", re.IGNORECASE)


def _says_at_home(*texts: str | None) -> bool:
    """A provision without a place of its own whose name or schedule note says it comes to
    the home ("Bij u thuis, op afspraak", "Warme maaltijd aan huis")."""
    return any(AT_HOME_WORDS.search(text or "") for text in texts)


def load_cards(session: DbSession, ids: list[uuid.UUID],
               near: tuple[float, float] | None = None, *, visibility: Visibility) -> dict[uuid.UUID, Card]:
    """The cards of the provisions a search page shows, in three plain queries.

    The page shows 20; loading each as a whole provision cost half the page's time.
    Provisions search must not show (unpublished, inactive, long unchecked: the index may
    lag behind an edit or the daily freshness run) are left out."""
    if not ids:
        return {}
    # "is public" is a column, not a condition: as a condition SQLite's planner walks the
    # (status, publication) index, all of it, instead of fetching 20 rows by id.
    rows = session.execute(
        select(Service.id, Service.name, Service.tier, Service.access, Service.fees_description,
               Service.schedule_note, Service.assured_date, Service.review_interval_days,
               Service.is_public.label("is_public"), Organization.name.label("organization_name"))
        .outerjoin(Organization, Organization.id == Service.organization_id)
        .where(Service.id.in_(ids))
    ).all()
    visible = {row.id: row for row in rows if visibility.shows(row)}
    parts = _CardParts.load(session, list(visible))
    return {service_id: parts.card(row, near) for service_id, row in visible.items()}


@dataclass
class _CardParts:
    """What the cards of some provisions show besides their own columns."""

    amounts: dict[uuid.UUID, list[Any]]
    # per provision, per place: the address rows (the card shows the first place's
    # address, or near a place the nearest one's: the distance shown is to the address shown)
    locations: dict[uuid.UUID, dict[uuid.UUID, list[Any]]]
    areas: dict[uuid.UUID, tuple[bool, list[str]]]  # (whole municipality, kernen)
    at_home: set[uuid.UUID | None]

    @classmethod
    def load(cls, session: DbSession, ids: list[uuid.UUID]) -> _CardParts:
        amounts: dict[uuid.UUID, list[Any]] = {}
        for service_id, amount in session.execute(
                select(CostOption.service_id, CostOption.amount)
                .where(CostOption.service_id.in_(ids))):
            amounts.setdefault(service_id, []).append(amount)
        locations: dict[uuid.UUID, dict[uuid.UUID, list[Any]]] = {}
        for place in session.execute(
                select(ServiceAtLocation.service_id, ServiceAtLocation.id, Location.latitude,
                       Location.longitude, Address.address_1, Address.city,
                       Address.address_type)
                .join(Location, Location.id == ServiceAtLocation.location_id)
                .outerjoin(Address, Address.location_id == Location.id)
                .where(ServiceAtLocation.service_id.in_(ids))
                .order_by(ServiceAtLocation.service_id, ServiceAtLocation.id, Address.id)):
            locations.setdefault(place.service_id, {}).setdefault(place.id, []).append(place)
        at_home = set(session.scalars(
            select(Schedule.service_id).where(Schedule.service_id.in_(ids),
                                              Schedule.attending_type.is_not(None))
            .where(or_(*(Schedule.attending_type.ilike(f"%{w}%")
                         for w in ("home", "thuis", "aan huis", "huisbezoek"))))))
        return cls(amounts, locations, _areas(session, ids), at_home)

    def card(self, row: Any, near: tuple[float, float] | None) -> Card:
        service_id = row.id
        costs = self.amounts.get(service_id, [])
        places = self.locations.get(service_id, {})
        chosen, distance = _chosen_location(places, near)
        addresses = [a for a in chosen if a.address_1 is not None or a.city is not None]
        physical = [a for a in addresses if a.address_type == "physical"] or addresses
        whole, kern_names = self.areas.get(service_id, (False, []))
        return Card(
            id=row.id, name=row.name, tier=row.tier, access=row.access,
            organization_name=row.organization_name or "",
            is_free=bool(costs) and all(a is not None and a == 0 for a in costs),
            fees_description=row.fees_description, address=_first_address(physical),
            distance_km=distance, serves=_served(whole, kern_names),
            comes_home=(service_id in self.at_home
                        or (not places and _says_at_home(row.name, row.schedule_note))),
            places=len(places),
        )


def _areas(session: DbSession, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[bool, list[str]]]:
    """Per provision: whether it serves the whole municipality, and the kernen it serves."""
    areas: dict[uuid.UUID, tuple[bool, list[str]]] = {}
    for service_id, area_name, kern_name in session.execute(
            select(ServiceArea.service_id, ServiceArea.name, Kern.name)
            .outerjoin(Kern, Kern.id == ServiceArea.kern_id)
            .where(ServiceArea.service_id.in_(ids))):
        _whole, names = areas.setdefault(service_id, (False, []))
        if kern_name is None and area_name == MUNICIPALITY:
            areas[service_id] = (True, names)
        elif kern_name:
            names.append(kern_name)
    return areas


def _chosen_location(locations: dict[uuid.UUID, list[Any]], near: tuple[float, float] | None
                     ) -> tuple[list[Any], float | None]:
    """(address rows of the location a card shows, distance to it): the first location, or
    the nearest one with coordinates when a place is given."""
    if not locations:
        return [], None
    first = next(iter(locations.values()))
    if near is None:
        return first, None
    placed = [(haversine_km(near[0], near[1], rows[0].latitude, rows[0].longitude), key, rows)
              for key, rows in locations.items()
              if rows[0].latitude is not None and rows[0].longitude is not None]
    if not placed:
        return first, None
    distance, _, rows = min(placed, key=lambda item: (item[0], str(item[1])))
    return rows, distance


def provision(session: DbSession, service_id: uuid.UUID) -> Service | None:
    return session.scalar(
        select(Service).where(Service.id == service_id).options(
            *service_options(),
            selectinload(Service.phones),
            selectinload(Service.languages),
            selectinload(Service.legal_frameworks),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location)
            .selectinload(Location.accessibility),
        )
    )


def _ordered(services: Iterable[Service], visibility: Visibility) -> list[tuple[str, list[Service]]]:
    """Lightest first; entries withdrawn for being long unchecked are left out, as in search."""
    shown = [s for s in services if visibility.shows(s)]
    ordered = lightest_first(shown, key=lambda s: rank_key(s.tier, name=s.name))
    return group_by_tier(ordered, tier_of=lambda s: s.tier)


OTHER_DOMAIN = "overig"  # a provision without a life domain, on the kern pages


def kern_overview(session: DbSession, kern: Kern, *, visibility: Visibility,
                  tier: str | None = None, domain: str | None = None) -> dict[str, Any]:
    """What a kern's page lists, lightest first, in three parts that never overlap:

    * ``here``: located in the kern (a location of it lies in the kern);
    * ``elsewhere``: for the kern's residents, but located in another place (or at home);
    * ``whole``: for every kern of the municipality, located elsewhere, by life domain
      (a provision is under each of its life domains; ``OTHER_DOMAIN`` when it has none).

    ``tier`` and ``domain`` narrow all three; ``tiers`` and ``domains`` count what the kern
    has before narrowing (the filter's choices)."""
    located, serving = _kern_services(session, kern)
    everything = {s for s in located | serving if visibility.shows(s)}
    tiers = {code: sum(1 for s in everything if s.tier == code) for code in TIER_CODES}
    domains = {code: sum(1 for s in everything if code in _domains_of(s))
               for code in (*LIFE_DOMAIN_CODES, OTHER_DOMAIN)}
    chosen = {s for s in everything
              if (tier is None or s.tier == tier) and (domain is None or domain in _domains_of(s))}
    here = {s for s in chosen if s in located}
    elsewhere = {s for s in chosen - here if not s.serves_whole_municipality}
    whole = chosen - here - elsewhere
    return {
        "here": _ordered(here, visibility), "elsewhere": _ordered(elsewhere, visibility),
        "whole": _by_domain(whole, domain),
        "count_here": len(here), "count_elsewhere": len(elsewhere), "count_whole": len(whole),
        "tiers": tiers, "domains": domains, "total": len(everything),
    }


def _kern_services(session: DbSession, kern: Kern) -> tuple[set[Service], set[Service]]:
    """(the public provisions located in the kern, those serving it or the municipality)."""
    options = (*service_options(), selectinload(Service.phones),
               selectinload(Service.organization).selectinload(Organization.phones))
    located = set(session.scalars(public(
        select(Service).join(Service.service_at_locations).join(ServiceAtLocation.location)
        .where(Location.kern_id == kern.id)
    ).options(*options)))
    serving = set(session.scalars(public(
        select(Service).join(Service.service_areas)
        .where(or_(ServiceArea.kern_id == kern.id, ServiceArea.name == MUNICIPALITY))
    ).options(*options)))
    return located, serving


def _by_domain(services: set[Service], domain: str | None
               ) -> list[tuple[str, list[Service]]]:
    """Per life domain (only ``domain`` when given), its provisions lightest first."""
    by_domain = []
    for code in (*LIFE_DOMAIN_CODES, OTHER_DOMAIN):
        if domain is not None and code != domain:
            continue
        listed = [s for s in services if code in _domains_of(s)]
        if listed:
            by_domain.append((code, lightest_first(
                listed, key=lambda s: rank_key(s.tier, name=s.name))))
    return by_domain


def _domains_of(service: Service) -> tuple[str | None, ...]:
    return tuple(t.code for t in service.life_domains) or (OTHER_DOMAIN,)


def services_in_domain(session: DbSession, code: str, *,
                       visibility: Visibility) -> list[tuple[str, list[Service]]]:
    from app.models import TaxonomyTerm, service_life_domain

    services = session.scalars(public(
        select(Service).join(service_life_domain).join(
            TaxonomyTerm, TaxonomyTerm.id == service_life_domain.c.taxonomy_term_id)
        .where(TaxonomyTerm.code == code, TaxonomyTerm.taxonomy == "leefgebied")
    ).options(*service_options()))
    return _ordered(set(services), visibility)
