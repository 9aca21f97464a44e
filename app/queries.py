"""Read-side queries for the public pages (search itself goes through ``search/``)."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.domain.freshness import search_visible
from app.domain.ladder import group_by_tier, lightest_first, rank_key
from app.domain.vocabulary import MUNICIPALITY
from app.indexing import service_options
from app.models import Kern, Location, Service, ServiceArea, ServiceAtLocation


def public(stmt):
    return stmt.where(Service.status == "active", Service.publication == "published")


def kernen(session: Session) -> list[Kern]:
    return list(session.scalars(select(Kern).order_by(Kern.sort_order, Kern.name)))


def kern_by_slug(session: Session, slug: str) -> Kern | None:
    return session.scalar(select(Kern).where(Kern.slug == slug))


def kern_named(session: Session, value: str) -> Kern | None:
    """The kern a person or a URL names: its name or slug, in any case ("Rekken", "rekken")."""
    wanted = value.strip().casefold()
    return next((k for k in kernen(session) if wanted in (k.slug.casefold(), k.name.casefold())),
                None)


def card_options():
    """Loader options for a result card (``provision_item`` in ``templates/_macros.html``):
    name, tier, access, organisation, cost and the first address, in four small queries.
    The search page shows 20 cards; loading each card's whole provision cost half its time."""
    return (
        joinedload(Service.organization),
        selectinload(Service.cost_options),
        selectinload(Service.service_at_locations).joinedload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
    )


def provision(session: Session, service_id: uuid.UUID) -> Service | None:
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


def _ordered(services) -> list[tuple[str, list[Service]]]:
    """Lightest first; entries withdrawn for being long unchecked are left out, as in search."""
    services = [s for s in services if search_visible(s)]
    ordered = lightest_first(services, key=lambda s: rank_key(s.tier, name=s.name))
    return group_by_tier(ordered, tier_of=lambda s: s.tier)


def kern_overview(session: Session, kern: Kern) -> dict:
    """What is in a kern, and what serves it (locally or municipality-wide), lightest first."""
    located = set(session.scalars(public(
        select(Service).join(Service.service_at_locations).join(ServiceAtLocation.location)
        .where(Location.kern_id == kern.id)
    ).options(*service_options())))
    serving = set(session.scalars(public(
        select(Service).join(Service.service_areas)
        .where(or_(ServiceArea.kern_id == kern.id, ServiceArea.name == MUNICIPALITY))
    ).options(*service_options())))
    located = {s for s in located if search_visible(s)}
    serving = {s for s in serving if search_visible(s)}
    local_serving = {s for s in serving if not s.serves_whole_municipality}
    return {
        "here": _ordered(located | local_serving),
        "whole": _ordered(serving - located - local_serving),
        "count_here": len(located | local_serving),
        "count_whole": len(serving - located - local_serving),
    }


def services_in_domain(session: Session, code: str) -> list[tuple[str, list[Service]]]:
    from app.models import TaxonomyTerm, service_life_domain

    services = session.scalars(public(
        select(Service).join(service_life_domain).join(
            TaxonomyTerm, TaxonomyTerm.id == service_life_domain.c.taxonomy_term_id)
        .where(TaxonomyTerm.code == code, TaxonomyTerm.taxonomy == "leefgebied")
    ).options(*service_options()))
    return _ordered(set(services))
