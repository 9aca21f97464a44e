"""Geography on bitsets: which documents lie within a radius of a place, and which are the
nearest, over a grid of cells (``search.geo``) that each hold a bitset of documents.

Grid cells decide most documents at once (wholly inside or outside the radius); the rest are
compared by the dot product of unit vectors, and only the hits get a haversine distance.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Protocol

from search.bitsets import as_bytes, bit_positions, bits_from, contains
from search.geo import (
    COARSE,
    bounding_box,
    cell_of,
    cell_range_km,
    dot_to_km,
    min_dot,
    nearest_km,
    unit_vector,
)
from search.interface import GeoFilter

__all__ = ["GeoGrid", "GeoSearch"]

Cell = tuple[int, int]
Vector = tuple[float, float, float]


class GeoGrid(Protocol):
    """The documents by grid cell, with their points (a backend's view of its index)."""

    @property
    def cells(self) -> dict[Cell, int]:
        """Grid cell -> bitset of the documents with a point in it."""

    @property
    def coarse_cells(self) -> dict[Cell, list[Cell]]:
        """Coarse cell -> the fine cells in it that hold documents."""

    @property
    def vectors(self) -> Sequence[tuple[Vector, ...]]: ...

    @property
    def points(self) -> Sequence[tuple[tuple[float, float], ...]]: ...

    @property
    def ids(self) -> Sequence[str | None]: ...

    @property
    def id_order(self) -> Sequence[int]:
        """The live documents in id order."""


def _best_dot(query: Vector, vectors: tuple[Vector, ...]) -> float:
    """The largest dot product of ``query`` with any of ``vectors`` (-2 without any)."""
    qx, qy, qz = query
    best = -2.0
    for x, y, z in vectors:
        d = qx * x + qy * y + qz * z
        if d > best:
            best = d
    return best


class _Nearest:
    """The ``limit`` largest dot products seen so far (a min-heap), and the documents that
    may be among them (``found``; equal distances are kept: ties are decided by id)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.best: list[float] = []
        self.found: list[tuple[float, int]] = []

    @property
    def full(self) -> bool:
        return len(self.best) >= self.limit

    def offer(self, dot: float, docnum: int) -> None:
        if not self.full:
            heapq.heappush(self.best, dot)
        elif dot > self.best[0]:
            heapq.heapreplace(self.best, dot)
        elif dot < self.best[0]:
            return
        self.found.append((dot, docnum))

    def candidates(self) -> list[int]:
        cutoff = self.best[0] if self.full else -2.0
        return [docnum for dot, docnum in self.found if dot >= cutoff]


class GeoSearch:
    """Distances from one place (and its radius, if any) to the documents of a ``GeoGrid``."""

    def __init__(self, grid: GeoGrid, geo: GeoFilter) -> None:
        self.grid = grid
        self.lat, self.lon, self.radius = geo.latitude, geo.longitude, geo.radius_km
        self.q = unit_vector(self.lat, self.lon)
        self._dist: dict[int, float | None] = {}
        self.inner = self.edge = 0
        if self.radius is not None:
            self._split_cells(self.radius)

    def _split_cells(self, radius: float) -> None:
        """``inner``: documents in cells wholly within the radius; ``edge``: in cells across it."""
        lat0, lon0, lat1, lon1 = bounding_box(self.lat, self.lon, radius)
        (i0, j0), (i1, j1) = cell_of(lat0, lon0), cell_of(lat1, lon1)
        cells = self.grid.cells
        if (i1 - i0 + 1) * (j1 - j0 + 1) < len(cells):
            found = (((i, j), cells.get((i, j), 0)) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1))
            candidates = [(c, m) for c, m in found if m]
        else:
            candidates = [(c, m) for c, m in cells.items() if i0 <= c[0] <= i1 and j0 <= c[1] <= j1]
        for cell, mask in candidates:
            lower, upper = cell_range_km(self.lat, self.lon, cell)
            if upper <= radius:
                self.inner |= mask
            elif lower <= radius:
                self.edge |= mask

    def distance(self, docnum: int) -> float | None:
        if docnum not in self._dist:
            self._dist[docnum] = nearest_km(self.lat, self.lon, self.grid.points[docnum])
        return self._dist[docnum]

    def within(self, mask: int, first_only: bool = False) -> int:
        """The documents of ``mask`` with a point within the radius."""
        if self.radius is None:
            return mask
        inside = mask & self.inner
        if first_only and inside:
            return inside
        threshold = min_dot(self.radius)
        vectors = self.grid.vectors
        keep = []
        for docnum in bit_positions(mask & self.edge & ~inside):
            if _best_dot(self.q, vectors[docnum]) >= threshold:
                keep.append(docnum)
                if first_only:
                    break
        return inside | bits_from(keep)

    def nearest(self, scope: int, limit: int) -> list[int]:
        """The ``limit`` documents of ``scope`` nearest first (ties by id); documents without
        a point come last."""
        if limit <= 0:
            return []
        nearest, seen = self._best_first(scope, limit)
        ids = self.grid.ids
        # exact (haversine) distances for the hits; equal distances by id
        top = sorted(nearest.candidates(), key=lambda d: (self.distance(d), ids[d] or ""))[:limit]
        if len(top) < limit:
            top.extend(self._without_points(scope & ~seen, limit - len(top)))
        return top[:limit]

    def _best_first(self, scope: int, limit: int) -> tuple[_Nearest, int]:
        """Best-first over the grid: coarse cells open into fine cells, fine cells into
        documents, until no unopened cell can hold anything nearer. Returns the nearest found
        and the documents looked at."""
        grid = self.grid
        vectors, cells = grid.vectors, grid.cells
        queue: list[tuple[float, int, Cell]] = [
            (cell_range_km(self.lat, self.lon, coarse, COARSE)[0], 1, coarse) for coarse in grid.coarse_cells
        ]
        heapq.heapify(queue)
        nearest = _Nearest(limit)
        seen = 0
        while queue:
            lower, coarse_level, cell = heapq.heappop(queue)
            if nearest.full and lower > dot_to_km(nearest.best[0]):
                break
            if coarse_level:
                for fine in grid.coarse_cells[cell]:
                    heapq.heappush(queue, (cell_range_km(self.lat, self.lon, fine)[0], 0, fine))
                continue
            fresh = cells[cell] & scope & ~seen
            seen |= fresh
            for docnum in bit_positions(fresh):
                nearest.offer(_best_dot(self.q, vectors[docnum]), docnum)
        return nearest, seen

    def _without_points(self, rest: int, limit: int) -> list[int]:
        """Up to ``limit`` documents of ``rest`` that have no point, in id order."""
        data = as_bytes(rest)
        out: list[int] = []
        if not data:
            return out
        points = self.grid.points
        for d in self.grid.id_order:
            if contains(data, d) and not points[d]:
                out.append(d)
                if len(out) >= limit:
                    break
        return out
