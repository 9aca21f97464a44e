"""Finding provisions for a resident (and for staff referrals): the one search use case.

``SearchParams`` is everything a result page's URL can say; ``find`` geocodes the place,
asks the search engine, loads the provisions and orders them with the ladder
(``app.domain.ladder``): lightest tier first, then relevance, then distance.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.ladder import group_by_tier, lightest_first, rank_key
from app.domain.opening import moment_key
from app.domain.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES, TIER_CODES
from app.models import Kern
from app.queries import Card, load_cards
from search import GeoFilter, SearchBackend, SearchHit, SearchQuery

RADII_KM = (2, 5, 10, 20)
MAX_RESULTS = 200
PAGE_SIZE = 20  # a page a phone can load and a person can read; the rest is one link away


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kern: str | None = None
    tiers: tuple[str, ...] = ()
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    free: bool = False
    open_now: bool = False
    near: str = ""  # postcode, kern or place name typed by the resident
    lat: float | None = None  # from the browser's location (with consent)
    lon: float | None = None
    radius_km: int | None = None
    age: int | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> SearchParams:
        """Read the URL; values that make no sense are dropped, never an error page."""

        def many(name, allowed):
            return tuple(v for v in dict.fromkeys(args.getlist(name)) if v in allowed)

        def number(name, cast, low, high):
            try:
                value = cast(args.get(name, ""))
            except ValueError:
                return None
            return value if low <= value <= high else None

        radius = number("straal", int, 1, 50)
        return cls(
            q=" ".join(args.get("q", "").split())[:200],
            kern=(args.get("kern") or "").strip().lower() or None,
            tiers=many("niveau", TIER_CODES),
            life_domains=many("leefgebied", LIFE_DOMAIN_CODES),
            target_groups=many("doelgroep", TARGET_GROUP_CODES),
            free=args.get("gratis") == "1",
            open_now=args.get("nu_open") == "1",
            near=" ".join(args.get("bij", "").split())[:80],
            lat=number("lat", float, -90, 90),
            lon=number("lon", float, -180, 180),
            radius_km=radius,
            age=number("leeftijd", int, 0, 120),
            page=number("pagina", int, 1, MAX_RESULTS // PAGE_SIZE) or 1,
        )

    def to_args(self) -> dict[str, object]:
        args: dict[str, object] = {}
        if self.q:
            args["q"] = self.q
        if self.kern:
            args["kern"] = self.kern
        if self.tiers:
            args["niveau"] = list(self.tiers)
        if self.life_domains:
            args["leefgebied"] = list(self.life_domains)
        if self.target_groups:
            args["doelgroep"] = list(self.target_groups)
        if self.free:
            args["gratis"] = "1"
        if self.open_now:
            args["nu_open"] = "1"
        if self.near:
            args["bij"] = self.near
        if self.lat is not None and self.lon is not None:
            args["lat"], args["lon"] = f"{self.lat:.5f}", f"{self.lon:.5f}"
        if self.radius_km:
            args["straal"] = str(self.radius_km)
        if self.age is not None:
            args["leeftijd"] = str(self.age)
        if self.page > 1:
            args["pagina"] = str(self.page)
        return args

    @property
    def has_filters(self) -> bool:
        return bool(self.kern or self.tiers or self.life_domains or self.target_groups
                    or self.free or self.open_now or self.near or self.radius_km
                    or self.age is not None or self.lat is not None)

    @property
    def is_empty(self) -> bool:
        return not self.q and not self.has_filters

    def without(self, **changes) -> SearchParams:
        """The same search with some fields changed; back to page 1 unless a page is given."""
        changes.setdefault("page", 1)
        return replace(self, **changes)


@dataclass
class Finding:
    card: Card  # what the result card shows (``app.queries.Card``), not the whole provision
    score: float
    distance_km: float | None


@dataclass
class FindResult:
    params: SearchParams
    groups: list[tuple[str, list[Finding]]]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    broadened: bool = False
    place: object | None = None  # the geocoded app.geocoding.Place
    place_not_found: bool = False
    unknown_kern: bool = False
    tier_counts: dict[str, int] = field(default_factory=dict)  # over every shown hit, not one page
    page: int = 1
    pages: int = 1
    first: int = 1  # position of the first finding of this page (1-based)
    shown: int = 0  # how many hits can be paged through (at most MAX_RESULTS)


def find(session: Session, engine: SearchBackend, params: SearchParams, *,
         geocoder=None, now: datetime | None = None, page_size: int | None = PAGE_SIZE) -> FindResult:
    """Search and order by the ladder; ``page_size=None`` returns every hit on one page
    (the API pages itself)."""
    place = None
    place_not_found = False
    if params.lat is not None and params.lon is not None:
        from app.geocoding import Place

        place = Place(label="", latitude=params.lat, longitude=params.lon, kind="gps")
    elif params.near and geocoder is not None:
        place = geocoder.geocode(params.near)
        place_not_found = place is None

    kern = params.kern
    unknown_kern = False
    if kern and not session.scalar(select(Kern.id).where(Kern.slug == kern)):
        kern, unknown_kern = None, True

    geo = None
    if place is not None:
        geo = GeoFilter(place.latitude, place.longitude, float(params.radius_km)
                        if params.radius_km else None)

    query = SearchQuery(
        text=params.q,
        kern=kern,
        tiers=params.tiers,
        life_domains=params.life_domains,
        target_groups=params.target_groups,
        free=params.free,
        open_at=moment_key(now) if params.open_now and now else None,
        age=params.age,
        geo=geo,
        limit=MAX_RESULTS,
    )
    result = engine.search(query)
    hits = result.hits
    size = page_size or max(len(hits), 1)
    pages = max(1, -(-len(hits) // size))
    page = min(params.page, pages)
    start = (page - 1) * size
    if all(h.tier for h in hits):
        # Order by the ladder from what the engine knows; load only the rows of this page.
        hits = lightest_first(hits, key=lambda h: rank_key(h.tier, round(h.score, 6),
                                                           h.distance_km, h.name))
        tier_counts = Counter(hit.tier for hit in hits)
        ordered = _load(session, hits[start:start + size])
    else:  # an index written before hits carried tiers: load everything, then order
        findings = lightest_first(
            _load(session, hits), key=lambda f: rank_key(f.card.tier, round(f.score, 6),
                                                         f.distance_km, f.card.name))
        tier_counts = Counter(f.card.tier for f in findings)
        ordered = findings[start:start + size]
    return FindResult(
        params=params,
        groups=group_by_tier(ordered, tier_of=lambda f: f.card.tier),
        tier_counts=dict(tier_counts),
        page=page,
        pages=pages,
        first=start + 1,
        shown=len(hits),
        total=result.total,
        facets=result.facets,
        suggestion=result.suggestion,
        broadened=result.broadened,
        place=place,
        place_not_found=place_not_found,
        unknown_kern=unknown_kern,
    )


def _load(session: Session, hits: list[SearchHit]) -> list[Finding]:
    """The result cards of these hits, in their order."""
    if not hits:
        return []
    cards = load_cards(session, [uuid.UUID(h.id) for h in hits])
    return [Finding(cards[uuid.UUID(h.id)], h.score, h.distance_km)
            for h in hits if uuid.UUID(h.id) in cards]
