"""Pieces the backends share: document checks, opening slots, age, and ``finish`` — filters,
facet counts, order and limit over matches in Python (the in-memory and PostgreSQL backends;
Whoosh does the same on bitsets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from search.analysis import text_words
from search.facets import count_facets, facet_filters, facet_values
from search.interface import ProvisionDocument, SearchHit, SearchQuery, SearchResult
from search.relevance import Scored, restrong

__all__ = [
    "TEXT_FIELDS",
    "validate_document",
    "document_words",
    "opening_intervals",
    "is_open_at",
    "slot_token",
    "slot_tokens",
    "age_matches",
    "Candidate",
    "finish",
]

# The text fields of a document (their weight in ranking: ``search.relevance.FIELD``).
TEXT_FIELDS = ("name", "description", "organization", "extra_text")

SLOT_MINUTES = 30
_DAY = 24 * 60


# --------------------------------------------------------------------------- documents


def validate_document(doc: ProvisionDocument) -> None:
    """Reject what an index cannot hold faithfully (codes with spaces, bad hours)."""
    if not doc.id or doc.id != doc.id.strip():
        raise ValueError(f"document id {doc.id!r} is empty or has surrounding spaces")
    for facet, values in facet_values(doc).items():
        for value in values:
            if not value or any(ch.isspace() for ch in value):
                raise ValueError(f"document {doc.id}: {facet} code {value!r} is empty or contains a space")
    for item in doc.opening:
        weekday, opens, closes = item
        if not (0 <= weekday <= 6 and 0 <= opens <= _DAY and 0 <= closes <= _DAY):
            raise ValueError(f"document {doc.id}: opening {item!r} is out of range")


def document_words(docs: Iterable[ProvisionDocument]) -> Iterator[str]:
    """The words of visible documents: what the decompounder learns before splitting."""
    for doc in docs:
        if doc.visible:
            for name in TEXT_FIELDS:
                yield from text_words(getattr(doc, name) or "")


# --------------------------------------------------------------------------- opening hours


def opening_intervals(
    opening: Iterable[tuple[int, int, int]],
) -> list[tuple[int, int, int]]:
    """Opening as (weekday, start, end) intervals within one day, end exclusive.

    A closing time at or before the opening time runs past midnight into the next day.
    """
    out: list[tuple[int, int, int]] = []
    for weekday, opens, closes in opening:
        if closes > opens:
            out.append((weekday, opens, closes))
        else:
            out.append((weekday, opens, _DAY))
            if closes > 0:
                out.append(((weekday + 1) % 7, 0, closes))
    return out


def is_open_at(opening: Iterable[tuple[int, int, int]], weekday: int, minute: int) -> bool:
    return any(wd == weekday and start <= minute < end for wd, start, end in opening_intervals(opening))


def slot_token(weekday: int, minute: int) -> str:
    """Token of the half hour containing the moment: (1, 575) -> "1-0930"."""
    slot = (minute // SLOT_MINUTES) * SLOT_MINUTES
    return f"{weekday}-{slot // 60:02d}{slot % 60:02d}"


def slot_tokens(opening: Iterable[tuple[int, int, int]]) -> tuple[set[str], set[str]]:
    """(slots open the whole half hour, slots open part of it) as ``slot_token``s."""
    full: set[str] = set()
    part: set[str] = set()
    for weekday, start, end in opening_intervals(opening):
        slot = (start // SLOT_MINUTES) * SLOT_MINUTES
        while slot < end:
            token = slot_token(weekday, slot)
            if start <= slot and slot + SLOT_MINUTES <= end:
                full.add(token)
            else:
                part.add(token)
            slot += SLOT_MINUTES
    return full, part - full


def age_matches(minimum: int | None, maximum: int | None, age: int) -> bool:
    return (minimum is None or minimum <= age) and (maximum is None or age <= maximum)


# --------------------------------------------------------------------------- filtering matches


@dataclass(frozen=True)
class Candidate:
    """A matched (or, without text, any visible) document, with what filters and facets need."""

    id: str
    tier: str
    name: str
    facets: Mapping[str, tuple[str, ...]]  # ``facet_values``
    age_ok: bool = True
    open_ok: bool = True
    distance_km: float | None = None  # to the query's place, when it has one


def finish(query: SearchQuery, candidates: Sequence[Candidate], *, scores: Mapping[str, Scored]
           | None = None, suggestion: str | None = None) -> SearchResult:
    """Filters, facet counts, order and limit over candidates in Python (the in-memory and
    PostgreSQL backends; Whoosh does the same on bitsets). ``scores``: id -> ``Scored`` when
    the query had text; the order is then by score, else by distance, else by id; strong is
    decided among what the filters leave (``search.relevance.restrong``)."""
    base, in_area = _in_place(query, candidates)
    selected = facet_filters(query)
    facet_sets = {facet: {c.id for c in base if set(c.facets[facet]) & set(values)}
                  for facet, values in selected.items()}
    filtered = [c for c in base if all(c.id in members for members in facet_sets.values())]
    _order(filtered, query, scores)
    strong = restrong(scores[c.id] for c in filtered) if scores is not None else {}
    with_distance = query.geo is not None
    hits = [SearchHit(c.id, scores[c.id].score if scores is not None else 0.0,
                      c.distance_km if with_distance else None, c.tier, c.name,
                      strong=strong.get(c.id, True), in_area=c.id in in_area)
            for c in filtered[: max(query.limit, 0)]]
    facets: dict[str, dict[str, int]] = {}
    if query.with_facets:
        facets = count_facets({c.id for c in base}, facet_sets, _members_by_value(base), len,
                              selected)
    return SearchResult(
        hits=hits,
        total=len(filtered),
        facets=facets,
        suggestion=suggestion,
        broadened=scores is not None and bool(filtered) and not any(strong.values()),
    )


def _in_place(query: SearchQuery, candidates: Sequence[Candidate]) -> tuple[list[Candidate], set[str]]:
    """The candidates that pass age, opening hours and the query's place, and the ids of
    those kept only because they serve the place's kern (not within the radius)."""
    geo = query.geo
    base: list[Candidate] = []
    in_area: set[str] = set()
    for c in candidates:
        if not (c.age_ok and c.open_ok):
            continue
        if geo is not None:
            serves = bool(geo.kern) and geo.kern in c.facets["kern"]
            near = c.distance_km is not None and (geo.radius_km is None or c.distance_km <= geo.radius_km)
            if geo.radius_km is not None and not near and not serves:
                continue
            if serves and not near:
                in_area.add(c.id)
        base.append(c)
    return base, in_area


def _order(filtered: list[Candidate], query: SearchQuery, scores: Mapping[str, Scored] | None) -> None:
    """Sort in place: by score (then id) with text, else by distance with a place, else by id."""
    if scores is not None:
        filtered.sort(key=lambda c: (-scores[c.id].score, c.id))
    elif query.geo is not None:
        filtered.sort(key=lambda c: (c.distance_km is None, c.distance_km or 0.0, c.id))
    else:
        filtered.sort(key=lambda c: c.id)


def _members_by_value(base: Sequence[Candidate]) -> Callable[[str], dict[str, set[str]]]:
    """For ``count_facets``: a facet's values, each with the ids of the candidates having it."""

    def values(facet: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for c in base:
            for value in c.facets[facet]:
                out.setdefault(value, set()).add(c.id)
        return out

    return values
