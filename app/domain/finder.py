"""Finding provisions for a resident (and for staff referrals): the one search use case.

``SearchParams`` is everything a result page's URL can say; ``find`` geocodes the place,
notices a kern named in the words ("jongerenwerk eibergen"), asks the search engine, loads
the result cards and orders them: the strong matches with the ladder (``app.domain.ladder``:
lightest tier first, then relevance, then distance), then the weaker matches ("Misschien
ook"), by relevance. A weak match never comes before a strong one (``search/relevance.py``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select

from app.domain import safety
from app.domain.freshness import Visibility
from app.domain.ladder import group_by_tier, relevance_order, weight
from app.domain.opening import moment_key
from app.domain.queries import Card, load_cards
from app.models import Kern
from app.models.base import DbSession
from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES, TIER_CODES
from search import GeoFilter, SearchBackend, SearchHit, SearchQuery, SearchResult
from search.analysis import normalize, tokenize

if TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict

    from app.geocoding import Geocoder, Place
    from search.language import Language

RADII_KM = (2, 5, 10, 20)
MAX_RESULTS = 200
N = TypeVar("N", int, float)  # a number read from the URL
PAGE_SIZE = 20  # a page a phone can load and a person can read; the rest is one link away
LIGHTER = 3  # lighter options pointed to above heavier strong matches


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
    radius_km: float | None = None  # whole km from the site's form; the API's may be a fraction
    age: int | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> SearchParams:
        """Read the URL; values that make no sense are dropped, never an error page."""

        def many(name: str, allowed: Container[str]) -> tuple[str, ...]:
            return tuple(v for v in dict.fromkeys(args.getlist(name)) if v in allowed)

        def number(name: str, cast: Callable[[str], N], low: N, high: N) -> N | None:
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
            lat=number("lat", float, -90.0, 90.0),
            lon=number("lon", float, -180.0, 180.0),
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

    def without(self, **changes: Any) -> SearchParams:
        """The same search with some fields changed; back to page 1 unless a page is given."""
        changes.setdefault("page", 1)
        return replace(self, **changes)


@dataclass
class Finding:
    card: Card  # what the result card shows (``app.domain.queries.Card``), not the whole provision
    score: float
    distance_km: float | None  # to the address the card shows
    strong: bool = True
    in_area: bool = False  # shown near the place because it serves the place's kern

    @property
    def shows_distance(self) -> bool:
        return self.distance_km is not None and not self.in_area


@dataclass
class FindResult:
    params: SearchParams
    groups: list[tuple[str, list[Finding]]]  # the strong matches of this page, by tier
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
    maybe: list[Finding] = field(default_factory=list)  # weaker matches of this page
    # lighter help among the weaker matches when every strong match needs a referral or a
    # decision: the ladder says to look at these first ("Alzheimer Café" before day care)
    lighter: list[Finding] = field(default_factory=list)
    answers: int = 0  # strong matches in all (what the search signals count)
    mentioned_kern: Kern | None = None  # a kern the words named
    safety: bool = False  # the words touch violence at home or an unsafe child

    @property
    def findings(self) -> list[Finding]:
        """This page's findings in the order shown."""
        return [f for _, group in self.groups for f in group] + self.maybe


@dataclass
class _Searched:
    """What the engine found for the params, in the order residents see it (no cards yet)."""

    hits: list[SearchHit]
    result: SearchResult
    place: Place | None
    place_not_found: bool
    unknown_kern: bool
    named: Kern | None
    text: str


def find_ids(session: DbSession, engine: SearchBackend, params: SearchParams, *,
             geocoder: Geocoder | None = None, now: datetime | None = None) -> list[uuid.UUID]:
    """The ids ``find`` would show, all of them, in its order, without loading a result card
    (the API loads its own rows, a page at a time)."""
    return [uuid.UUID(h.id) for h in _search(session, engine, params, geocoder, now).hits]


def find(session: DbSession, engine: SearchBackend, params: SearchParams, *,
         visibility: Visibility,
         geocoder: Geocoder | None = None, now: datetime | None = None,
         page_size: int | None = PAGE_SIZE, language: Language | None = None) -> FindResult:
    """Search and order (strong matches by the ladder, then weaker ones); ``page_size=None``
    returns every hit on one page.  ``language``: the search's reading of words, to see
    whether the words touch safety at home (``app.domain.safety``; without it, keywords
    only)."""
    searched = _search(session, engine, params, geocoder, now)
    hits, result, place = searched.hits, searched.result, searched.place
    text, named = searched.text, searched.named
    size = page_size or max(len(hits), 1)
    pages = max(1, -(-len(hits) // size))
    page = min(params.page, pages)
    start = (page - 1) * size
    near = (place.latitude, place.longitude) if place is not None else None
    shown = _load(session, hits[start:start + size], near, visibility)
    strong = [f for f in shown if f.strong]
    tier_counts = Counter(hit.tier for hit in hits if hit.strong)
    lighter: list[Finding] = []
    if tier_counts and page == 1:
        lightest = min(tier_counts, key=weight)
        candidates = [h for h in hits if not h.strong and weight(h.tier) < weight(lightest)][:LIGHTER]
        lighter = _load(session, candidates, near, visibility)
    return FindResult(
        params=params,
        groups=group_by_tier(strong, tier_of=lambda f: f.card.tier),
        maybe=[f for f in shown if not f.strong],
        lighter=lighter,
        tier_counts=dict(tier_counts),
        answers=sum(1 for h in hits if h.strong),
        page=page,
        pages=pages,
        first=start + 1,
        shown=len(hits),
        total=result.total,
        facets=result.facets,
        suggestion=result.suggestion,
        broadened=result.broadened,
        place=place,
        place_not_found=searched.place_not_found,
        unknown_kern=searched.unknown_kern,
        mentioned_kern=named if text else None,
        safety=bool(params.q) and safety.touches_safety(params.q, language),
    )


def _search(session: DbSession, engine: SearchBackend, params: SearchParams,
            geocoder: Geocoder | None,
            now: datetime | None) -> _Searched:
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

    text, named = split_kern(session, params.q)
    if named is not None and not text and not kern:
        kern = named.slug  # only a kern's name: what serves it

    geo = None
    if place is not None:
        geo = GeoFilter(place.latitude, place.longitude,
                        float(params.radius_km) if params.radius_km else None,
                        kern=getattr(place, "kern_slug", None))

    query = SearchQuery(
        text=text,
        kern=kern,
        tiers=params.tiers,
        life_domains=params.life_domains,
        target_groups=params.target_groups,
        free=params.free,
        open_at=moment_key(now) if params.open_now and now else None,
        age=params.age,
        geo=geo,
        limit=MAX_RESULTS,
        mentioned_kern=named.slug if named is not None and text else None,
    )
    result = engine.search(query)
    return _Searched(relevance_order(result.hits), result, place, place_not_found, unknown_kern,
                     named, text)


def split_kern(session: DbSession, text: str) -> tuple[str, Kern | None]:
    """The words without a kern's name in them, and that kern ("jongerenwerk Eibergen" ->
    ("jongerenwerk", Eibergen)); the text unchanged when it names none."""
    if not text:
        return text, None
    names: dict[str, Kern] = {}
    for k in session.scalars(select(Kern)):
        names[normalize(k.name)] = k
        names[normalize(k.slug)] = k
    found: Kern | None = None
    out, pos = [], 0
    for token in tokenize(text):
        kern = names.get(token.word)
        if kern is None:
            continue
        found = found or kern
        out.append(text[pos:token.start])
        pos = token.end
    if found is None:
        return text, None
    out.append(text[pos:])
    return " ".join("".join(out).split()), found


def _load(session: DbSession, hits: list[SearchHit], near: tuple[float, float] | None,
          visibility: Visibility) -> list[Finding]:
    """The result cards of these hits, in their order (near a place: the address of the
    location nearest to it, and the distance to that address)."""
    if not hits:
        return []
    cards = load_cards(session, [uuid.UUID(h.id) for h in hits], near=near, visibility=visibility)
    return [Finding(cards[uuid.UUID(h.id)], h.score, cards[uuid.UUID(h.id)].distance_km,
                    h.strong, h.in_area)
            for h in hits if uuid.UUID(h.id) in cards]
