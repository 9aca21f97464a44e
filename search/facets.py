"""Facets: a document's facet codes, the query's facet filters, and disjunctive facet counts.

Every backend counts facets the same way: each facet's values are counted over the matches
with every *other* facet's filter applied, so a selected value never hides its siblings.
``count_facets`` works on any set type with ``&`` (bitsets in Whoosh, Python sets elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from search.interface import FACETS, ProvisionDocument, SearchQuery

__all__ = ["facet_values", "facet_filters", "count_facets"]

M = TypeVar("M")


def facet_values(doc: ProvisionDocument) -> dict[str, tuple[str, ...]]:
    """The facet codes of a document, per facet name in ``FACETS``."""
    return {
        "kern": tuple(dict.fromkeys(doc.kernen)),
        "tier": (doc.tier,) if doc.tier else (),
        "life_domain": tuple(dict.fromkeys(doc.life_domains)),
        "target_group": tuple(dict.fromkeys(doc.target_groups)),
        "free": ("true" if doc.free else "false",),
    }


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
