"""Pieces both backends share: facet values, opening slots, age, disjunctive facet counts,
and a small bitset toolkit (Python ints as sets of document numbers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from search.analysis import text_words
from search.interface import FACETS, ProvisionDocument, SearchHit, SearchQuery, SearchResult
from search.relevance import Scored, restrong

__all__ = [
    "TEXT_FIELDS",
    "FIELD_BOOSTS",
    "facet_values",
    "validate_document",
    "document_words",
    "opening_intervals",
    "is_open_at",
    "slot_token",
    "slot_tokens",
    "age_matches",
    "facet_filters",
    "count_facets",
    "bits_from",
    "bit_positions",
    "Candidate",
    "finish",
]

# Text fields and their weight in ranking.
TEXT_FIELDS = ("name", "description", "organization", "extra_text")
FIELD_BOOSTS = {"name": 3.0, "description": 1.5, "organization": 1.0, "extra_text": 1.0}

SLOT_MINUTES = 30
_DAY = 24 * 60


# --------------------------------------------------------------------------- documents


def facet_values(doc: ProvisionDocument) -> dict[str, tuple[str, ...]]:
    """The facet codes of a document, per facet name in ``FACETS``."""
    return {
        "kern": tuple(dict.fromkeys(doc.kernen)),
        "tier": (doc.tier,) if doc.tier else (),
        "life_domain": tuple(dict.fromkeys(doc.life_domains)),
        "target_group": tuple(dict.fromkeys(doc.target_groups)),
        "free": ("true" if doc.free else "false",),
    }


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


# --------------------------------------------------------------------------- facets

M = TypeVar("M")


def facet_filters(query: SearchQuery) -> dict[str, tuple[str, ...]]:
    """The query's facet filters as facet name -> accepted values (any of)."""
    out: dict[str, tuple[str, ...]] = {}
    if query.kern:
        out["kern"] = (query.kern,)
    if query.tiers:
        out["tier"] = tuple(query.tiers)
    if query.life_domains:
        out["life_domain"] = tuple(query.life_domains)
    if query.target_groups:
        out["target_group"] = tuple(query.target_groups)
    if query.free:
        out["free"] = ("true",)
    return out


def count_facets(
    base: M,
    filter_sets: Mapping[str, M],
    values: Callable[[str], Mapping[str, M]],
    count: Callable[[M], int],
    selected: Mapping[str, tuple[str, ...]],
) -> dict[str, dict[str, int]]:
    """Disjunctive facet counts.

    ``base``: the matches before facet filters. ``filter_sets``: for each filtered facet, the
    documents passing that filter. For every facet, its values are counted over ``base`` with
    every *other* facet filter applied. Values with a zero count are left out unless selected.
    Works on any set type with ``&`` (ints as bitsets, Python sets).
    """
    result: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        scope = base
        for other, passing in filter_sets.items():
            if other != facet:
                scope = scope & passing  # type: ignore[operator]
        counts: dict[str, int] = {}
        for value, members in values(facet).items():
            n = count(scope & members)  # type: ignore[operator]
            if n:
                counts[value] = n
        for value in selected.get(facet, ()):
            counts.setdefault(value, 0)
        result[facet] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return result


# --------------------------------------------------------------------------- bitsets

_BYTE_BITS = tuple(tuple(i for i in range(8) if b >> i & 1) for b in range(256))


def bits_from(positions: Iterable[int]) -> int:
    """A bitset (Python int) with the given bit positions set."""
    pos = positions if isinstance(positions, (list, tuple)) else list(positions)
    if not pos:
        return 0
    buf = bytearray(max(pos) // 8 + 1)
    for p in pos:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


def bit_positions(mask: int) -> Iterator[int]:
    """The set bit positions of a bitset, ascending."""
    if mask <= 0:
        return
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for i, byte in enumerate(data):
        if byte:
            base = i << 3
            for b in _BYTE_BITS[byte]:
                yield base + b


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
    selected = facet_filters(query)
    ids = {c.id for c in base}
    facet_sets = {facet: {c.id for c in base if set(c.facets[facet]) & set(values)}
                  for facet, values in selected.items()}
    filtered = [c for c in base if all(c.id in members for members in facet_sets.values())]
    strong: dict[str, bool] = {}
    if scores is not None:
        filtered.sort(key=lambda c: (-scores[c.id].score, c.id))
        strong = restrong(scores[c.id] for c in filtered)
    elif geo is not None:
        filtered.sort(key=lambda c: (c.distance_km is None, c.distance_km or 0.0, c.id))
    else:
        filtered.sort(key=lambda c: c.id)
    hits = [SearchHit(c.id, scores[c.id].score if scores is not None else 0.0,
                      c.distance_km if geo is not None else None, c.tier, c.name,
                      strong=strong.get(c.id, True), in_area=c.id in in_area)
            for c in filtered[: max(query.limit, 0)]]
    facets: dict[str, dict[str, int]] = {}
    if query.with_facets:

        def values(facet: str) -> dict[str, set[str]]:
            out: dict[str, set[str]] = {}
            for c in base:
                for value in c.facets[facet]:
                    out.setdefault(value, set()).add(c.id)
            return out

        facets = count_facets(ids, facet_sets, values, len, selected)
    return SearchResult(
        hits=hits,
        total=len(filtered),
        facets=facets,
        suggestion=suggestion,
        broadened=scores is not None and bool(filtered) and not any(strong.values()),
    )
