"""Matching on a Whoosh index: a thread's view of one index generation as bitsets.

``View`` composes the per-segment term bitsets (``search.whoosh_storage.SegmentData``) into
bitsets over the whole index: a term per field, a prefix, the levels a plan term matches at
(name; name or description; any field; as a prefix — what ``search.scoring`` ranks from),
facet values, ages and opening hours, plus the stored columns (ids, tiers, names, points).
``Probe`` tells the query planner which terms the index holds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq

from search.analysis import PlanTerm
from search.bitsets import bit_positions, bits_from
from search.common import is_open_at, slot_token
from search.geo import coarse_of
from search.whoosh_storage import Live, Opening, bounded_put, segment_key

__all__ = ["View", "Probe"]

_VIEW_CACHE_SIZE = 4096  # per searcher: composed bitsets


class View:
    """A thread's searcher on one generation of the index, with composed global bitsets."""

    def __init__(self, live: Live, searcher: Any) -> None:
        self.live = live
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = [(leaf, offset, live.segment_data(leaf)) for leaf, offset in self.reader.leaf_readers()]
        live.forget_segments({segment_key(leaf) for leaf, _, _ in self.leaves})
        self.alive = 0
        for leaf, offset, data in self.leaves:
            self.alive |= data.alive_mask(leaf) << offset
        self._masks: dict[tuple[str, str], int] = {}
        self._prefixes: dict[str, int] = {}
        self._levels: dict[PlanTerm, tuple[int, int, int, int]] = {}
        self._values: dict[str, tuple[str, ...]] = {}
        self._ages: dict[int, int] = {}
        self._ids: list[str | None] | None = None
        self._points: list[tuple[tuple[float, float], ...]] | None = None
        self._opening: list[Opening] | None = None
        self._tiers: list[str] = []
        self._names: list[str] = []
        self._stamps: list[str] = []
        self._info: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
        self._id_order: list[int] | None = None
        self._cells: dict[tuple[int, int], int] | None = None
        self._coarse: dict[tuple[int, int], list[tuple[int, int]]] | None = None
        self._vectors: list[tuple[tuple[float, float, float], ...]] | None = None

    # -- bitsets

    @property
    def cells(self) -> dict[tuple[int, int], int]:
        """Grid cell -> documents with a point in it."""
        if self._cells is None:
            cells: dict[tuple[int, int], int] = {}
            for _, offset, data in self.leaves:
                for cell, mask in data.cells.items():
                    cells[cell] = cells.get(cell, 0) | (mask << offset)
            self._cells = cells
        return self._cells

    @property
    def coarse_cells(self) -> dict[tuple[int, int], list[tuple[int, int]]]:
        """Coarse cell -> the fine cells in it that hold documents."""
        if self._coarse is None:
            coarse: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for cell in self.cells:
                coarse.setdefault(coarse_of(cell), []).append(cell)
            self._coarse = coarse
        return self._coarse

    @property
    def vectors(self) -> list[tuple[tuple[float, float, float], ...]]:
        if self._vectors is None:
            vectors: list[tuple[tuple[float, float, float], ...]] = []
            for _, _, data in self.leaves:
                vectors.extend(data.vectors)
            self._vectors = vectors
        return self._vectors

    def mask(self, field: str, value: str) -> int:
        key = (field, value)
        found = self._masks.get(key)
        if found is None:
            found = 0
            for leaf, offset, data in self.leaves:
                found |= data.mask(leaf, field, value) << offset
            bounded_put(self._masks, key, found, _VIEW_CACHE_SIZE)
        return found

    def prefix_mask(self, prefix: str) -> int:
        found = self._prefixes.get(prefix)
        if found is None:
            found = 0
            for term in self.reader.expand_prefix("all", prefix):
                found |= self.mask("all", term.decode("utf-8"))
            bounded_put(self._prefixes, prefix, found, _VIEW_CACHE_SIZE)
        return found

    def levels(self, term: PlanTerm) -> tuple[int, int, int, int]:
        """Bitsets of the documents where ``term`` matches at least at each level: (name,
        name or description, any field, any field or as a prefix) — ``search.relevance``."""
        found = self._levels.get(term)
        if found is None:
            name = self.mask("name", term.stem)
            described = name | self.mask("description", term.stem)
            anywhere = self.mask("all", term.stem)
            prefixed = anywhere | self.prefix_mask(term.prefix) if term.prefix else anywhere
            found = (name, described, anywhere, prefixed)
            bounded_put(self._levels, term, found, _VIEW_CACHE_SIZE)
        return found

    def values(self, field: str) -> tuple[str, ...]:
        found = self._values.get(field)
        if found is None:
            merged: set[str] = set()
            for leaf, _, data in self.leaves:
                merged.update(data.field_values(leaf, field))
            found = self._values[field] = tuple(sorted(merged))
        return found

    def age_mask(self, age: int) -> int:
        found = self._ages.get(age)
        if found is None:
            q = wq.And([wq.NumericRange("min_age", None, age), wq.NumericRange("max_age", age, None)])
            found = bits_from(list(self.searcher.docs_for_query(q)))
            bounded_put(self._ages, age, found, _VIEW_CACHE_SIZE)
        return found

    # -- columns

    def _columns(self) -> None:
        ids: list[str | None] = []
        points: list[tuple[tuple[float, float], ...]] = []
        opening: list[Opening] = []
        tiers: list[str] = []
        names: list[str] = []
        stamps: list[str] = []
        info: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
        for _, _, data in self.leaves:
            ids.extend(data.ids)
            points.extend(data.points)
            opening.extend(data.opening)
            tiers.extend(data.tiers)
            names.extend(data.names)
            stamps.extend(data.stamps)
            info.extend(data.info)
        self._ids, self._points, self._opening = ids, points, opening
        self._tiers, self._names, self._stamps = tiers, names, stamps
        self._info = info

    @property
    def ids(self) -> list[str | None]:
        if self._ids is None:
            self._columns()
        assert self._ids is not None
        return self._ids

    @property
    def tiers(self) -> list[str]:
        if self._ids is None:
            self._columns()
        return self._tiers

    @property
    def names(self) -> list[str]:
        if self._ids is None:
            self._columns()
        return self._names

    @property
    def info(self) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
        if self._ids is None:
            self._columns()
        return self._info

    @property
    def stamps(self) -> list[str]:
        if self._ids is None:
            self._columns()
        return self._stamps

    @property
    def points(self) -> list[tuple[tuple[float, float], ...]]:
        if self._points is None:
            self._columns()
        assert self._points is not None
        return self._points

    @property
    def opening(self) -> list[Opening]:
        if self._opening is None:
            self._columns()
        assert self._opening is not None
        return self._opening

    @property
    def id_order(self) -> list[int]:
        if self._id_order is None:
            ids = self.ids
            self._id_order = sorted(bit_positions(self.alive), key=lambda d: ids[d] or "")
        return self._id_order

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.searcher.close()

    def any_of(self, field: str, values: Iterable[str]) -> int:
        """The documents with any of ``values`` in ``field``."""
        mask = 0
        for value in values:
            mask |= self.mask(field, value)
        return mask

    def open_mask(self, weekday: int, minute: int) -> int:
        """The documents open at the moment (whole half hours from the index, the rest exactly)."""
        token = slot_token(weekday, minute)
        mask = self.mask("open", token)
        partly = self.mask("open_part", token) & ~mask
        exact = [d for d in bit_positions(partly) if is_open_at(self.opening[d], weekday, minute)]
        return mask | bits_from(exact)


class Probe:
    """What the index holds, for the query plan (``search.query.IndexProbe``)."""

    def __init__(self, view: View) -> None:
        self.view = view

    def known(self, terms: set[PlanTerm]) -> set[PlanTerm]:
        reader = self.view.reader
        out = set()
        for term in terms:
            if ("all", term.stem) in reader or (
                    term.prefix and next(iter(reader.expand_prefix("all", term.prefix)), None)):
                out.add(term)
        return out

    def suggest(self, word: str, limit: int) -> list[tuple[str, int]]:
        spell = self.view.live.spell_index(self.view.reader)
        if word in spell:
            return []
        return [(w, spell.count(w)) for w in spell.suggest(word, limit)]
