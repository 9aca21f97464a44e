"""The small interface between the Berkellandwijzer and a search engine.

The application hands the engine flat ``ProvisionDocument``s and asks ``SearchQuery``s;
it gets back ids with scores, a band (strong or weak match), facet counts and a spelling
suggestion.  Nothing here knows about Flask, SQLAlchemy or the lightest-suitable rule:
ordering strong matches by tier is the application's job (``app/domain/ladder.py``);
relevance (``search/relevance.py``) and distance are the engine's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Protocol, runtime_checkable

from search.analysis import ANALYSIS_VERSION
from search.thesaurus import Thesaurus

# Facet names the engines count; values are the codes used in ProvisionDocument.
FACETS = ("kern", "tier", "life_domain", "target_group", "free")


@dataclass(frozen=True)
class ProvisionDocument:
    """Everything an engine needs to know about one provision (HSDS service)."""

    id: str
    name: str
    description: str = ""
    organization: str = ""
    # Lower-weight text: eligibility, how to apply, location names, places, target words.
    extra_text: str = ""
    tier: str = "algemeen"  # algemeen | voorliggend | maatwerk
    access: str = ""  # one of app.vocabulary.ACCESS_CODES
    kernen: tuple[str, ...] = ()  # slugs of the kernen served (all of them when municipality-wide)
    life_domains: tuple[str, ...] = ()  # leefgebied codes
    target_groups: tuple[str, ...] = ()  # doelgroep codes
    free: bool = False  # at least one cost option of 0 and none with a price
    minimum_age: int | None = None
    maximum_age: int | None = None
    # (latitude, longitude) of every place where the provision is given.
    points: tuple[tuple[float, float], ...] = ()
    # Weekly opening: (weekday 0=Monday..6, opens minute of day, closes minute of day).
    opening: tuple[tuple[int, int, int], ...] = ()
    # Only visible documents are found (active, published, not past the grace period).
    visible: bool = True

    def fingerprint(self) -> str:
        """A short digest of every field and of the version of the text analysis: equal
        fingerprints, equal index entries.  The consistency check (``flask search-check``)
        compares it with what the engine holds, so after a change of analysis ``--repair``
        re-indexes every document."""
        values = tuple(getattr(self, name) for name in _DOCUMENT_FIELDS)  # astuple(self), quicker
        return hashlib.blake2b(f"{ANALYSIS_VERSION}|{values!r}".encode(), digest_size=12).hexdigest()


#: The fields of a document in order (its fields hold no dataclasses, lists or dicts, so this
#: tuple of their values is what ``dataclasses.astuple`` gives, without its deep copy).
_DOCUMENT_FIELDS = tuple(f.name for f in fields(ProvisionDocument))


@dataclass(frozen=True)
class GeoFilter:
    latitude: float
    longitude: float
    radius_km: float | None = None  # None: no cut-off, only distance order/annotation
    # The kern the place lies in: provisions that serve it (or all kernen) stay in however far
    # their address is, or when they have none (they come to the home, or serve everyone).
    kern: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kern: str | None = None  # slug; matches documents that serve that kern
    tiers: tuple[str, ...] = ()
    life_domains: tuple[str, ...] = ()  # any of
    target_groups: tuple[str, ...] = ()  # any of
    free: bool = False
    open_at: tuple[int, int] | None = None  # (weekday, minute of day)
    age: int | None = None
    geo: GeoFilter | None = None
    limit: int = 200
    with_facets: bool = True
    # A kern the text names ("jongerenwerk eibergen"; the word itself is no longer in
    # ``text``): provisions that do not serve it are weaker matches.
    mentioned_kern: str | None = None


@dataclass(frozen=True)
class SearchHit:
    id: str
    score: float
    distance_km: float | None = None
    # Enough to order hits by the ladder and page them without loading every row.
    tier: str = ""
    name: str = ""
    strong: bool = True  # a strong match (False: "Misschien ook", ``search/relevance.py``)
    in_area: bool = False  # kept near a place because it serves the place's kern, not by distance


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int
    # facet name -> value -> count, counted over the matches with every *other* filter applied
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None  # "Bedoelde u ...?"; None when the query was fine
    # True when no result is a strong match: what is shown only comes close
    broadened: bool = False


@runtime_checkable
class SearchBackend(Protocol):
    def index(self, documents: Iterable[ProvisionDocument]) -> None:
        """Add or replace documents (by id)."""

    def remove(self, ids: Iterable[str]) -> None:
        """Remove documents; unknown ids are ignored."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        """Build a fresh index aside from the live one, then swap it in. Returns the count."""

    def ids(self) -> set[str]:
        """Every document id in the index (for the consistency check)."""

    def fingerprints(self) -> dict[str, str]:
        """Document id -> ``ProvisionDocument.fingerprint()`` of what the index holds, so a
        check finds entries whose indexed content lags behind the database."""

    def set_thesaurus(self, thesaurus: Thesaurus) -> None:
        """Search with this thesaurus from now on (``search/thesaurus.py``)."""
