"""The Whoosh search backend.

Layout on disk (``index_dir``)::

    CURRENT            name of the live index directory (replaced atomically on rebuild)
    ix-<token>/        the live Whoosh index (and the previous one, kept for readers)
    tmp-<token>/       an index being built by ``rebuild``

Text fields hold terms already analysed by ``search.analysis`` (stems, lemma stems and
compound parts), so Whoosh only splits on spaces. A query is planned by ``search.query``; the
field each alternative matches in (name, description, the rest, or only as a prefix) is read
from per-field term bitsets, and ``search.relevance`` scores and bands the matches, exactly
as the other backends do. Filters, facet counts and geography are computed on bitsets
(Python ints over document numbers) that are cached per index segment, which keeps filtered
and faceted queries fast at 100k documents.

Threads: every thread gets its own searcher (Whoosh readers are not shared between threads),
refreshed when the index changes; writers in one process are serialised and wait for the
Whoosh lock (``timeout``), so separate processes can write as well.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from search.analysis import (
    Decompounder,
    PlanTerm,
    SpellIndex,
    analyze_text,
)
from search.common import (
    FIELD_BOOSTS,
    TEXT_FIELDS,
    bit_positions,
    bits_from,
    count_facets,
    document_words,
    facet_filters,
    facet_values,
    is_open_at,
    slot_token,
    slot_tokens,
    validate_document,
)
from search.geo import (
    COARSE,
    bounding_box,
    cell_of,
    cell_range_km,
    coarse_of,
    dot_to_km,
    min_dot,
    nearest_km,
    unit_vector,
)
from search.interface import (
    FACETS,
    GeoFilter,
    ProvisionDocument,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from search.language import Language
from search.query import plan_query, suggestion_text
from search.scoring import Ranking
from search.thesaurus import Thesaurus

__all__ = ["WhooshBackend", "SCHEMA"]

log = logging.getLogger(__name__)

AGE_OPEN_MIN = -1  # stands for "no minimum age"
AGE_OPEN_MAX = 10_000  # stands for "no maximum age"
WRITE_TIMEOUT = 60.0  # seconds a writer waits for the Whoosh lock
POINTER = "CURRENT"
FACET_FIELDS = {
    "kern": "kern",
    "tier": "tier",
    "life_domain": "life_domain",
    "target_group": "target_group",
    "free": "free",
}


def _text_field(boost: float) -> TEXT:
    return TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False, field_boost=boost)


SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    name=_text_field(FIELD_BOOSTS["name"]),
    description=_text_field(FIELD_BOOSTS["description"]),
    organization=_text_field(FIELD_BOOSTS["organization"]),
    extra_text=_text_field(FIELD_BOOSTS["extra_text"]),
    # every term of the four text fields once: prefix matching and "does this term exist"
    all=KEYWORD(),
    # unstemmed words and compound parts of visible documents: spelling suggestions and the
    # vocabulary the decompounder learns when the index is opened
    spell=KEYWORD(),
    kern=KEYWORD(vector=True),
    tier=KEYWORD(vector=True),
    life_domain=KEYWORD(vector=True),
    target_group=KEYWORD(vector=True),
    free=ID(),
    visible=ID(),
    min_age=NUMERIC(int, bits=32, signed=True),
    max_age=NUMERIC(int, bits=32, signed=True),
    open=KEYWORD(),  # half hours fully open: "1-0930"
    open_part=KEYWORD(),  # half hours partly open (checked exactly against ``data``)
    data=STORED(),  # {"points": [[lat, lon], ...], "opening": [[wd, opens, closes], ...]}
)


class _Lengths(W3PerDocReader):
    """The per-document reader a commit reads field lengths from, remembering which fields
    have no length column: Whoosh's own looks for that column's file on disk (a ``stat``)
    again for every posting of such a field (the keyword and id fields), about a third of
    an import's index write."""

    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


class _Writer(SegmentWriter):
    """Whoosh's segment writer, reading the new segment's lengths through ``_Lengths``."""

    def per_document_reader(self):
        if not isinstance(self.codec, W3Codec):
            return super().per_document_reader()
        if not self.perdocwriter.is_closed:
            raise RuntimeError("Per-doc writer is still open")
        return _Lengths(self.storage, self.get_segment())


def _document_fields(doc: ProvisionDocument, dec: Decompounder,
                     language: Language) -> tuple[dict[str, Any], set]:
    fields: dict[str, Any] = {"id": doc.id}
    words: set[str] = set()
    every: set[str] = set()
    for name in TEXT_FIELDS:
        terms, spell = analyze_text(getattr(doc, name) or "", dec, language.lemma_stems)
        fields[name] = " ".join(terms)
        every.update(terms)
        words.update(spell)
    fields["all"] = " ".join(sorted(every))
    if not doc.visible:
        words = set()
    fields["spell"] = " ".join(sorted(words))
    for facet, values in facet_values(doc).items():
        fields[FACET_FIELDS[facet]] = " ".join(values)
    fields["visible"] = "true" if doc.visible else "false"
    fields["min_age"] = AGE_OPEN_MIN if doc.minimum_age is None else doc.minimum_age
    fields["max_age"] = AGE_OPEN_MAX if doc.maximum_age is None else doc.maximum_age
    full, part = slot_tokens(doc.opening)
    fields["open"] = " ".join(sorted(full))
    fields["open_part"] = " ".join(sorted(part))
    fields["data"] = {
        "points": [[float(lat), float(lon)] for lat, lon in doc.points],
        "opening": [list(o) for o in doc.opening],
        "lengths": [len(fields[name].split()) for name in TEXT_FIELDS],
        "tier": doc.tier,
        "name": doc.name,
        "stamp": doc.fingerprint(),
        "domains": list(doc.life_domains),
        "groups": list(doc.target_groups),
        "kernen": list(doc.kernen),
    }
    return fields, words


# --------------------------------------------------------------------------- caches

# Cache sizes (entries). Bitsets cost N/8 bytes each.
_MASK_CACHE_SIZE = 4096  # per segment: term bitsets
_VIEW_CACHE_SIZE = 4096  # per searcher: composed bitsets


def _segment_key(segreader: Any) -> str:
    segment = segreader.segment()
    return segment.segment_id() if segment is not None else "<empty>"


def _deleted_count(segreader: Any) -> int:
    segment = segreader.segment()
    return segment.deleted_count() if segment is not None else 0


def _bounded_put(cache: dict, key: Any, value: Any, size: int) -> None:
    if len(cache) >= size:
        for old in list(cache)[: size // 2]:  # drop the oldest half
            cache.pop(old, None)
    cache[key] = value


class _SegmentData:
    """Per-segment columns, term bitsets and term frequencies (local document numbers).

    Built from the segment once and shared by every thread's searcher; a segment never
    changes except for deletions, which the ``alive`` bitset tracks.
    """

    def __init__(self, segreader: Any) -> None:
        n = segreader.doc_count_all()
        self.ids: list[str | None] = [None] * n
        self.points: list[tuple[tuple[float, float], ...]] = [()] * n
        self.opening: list[list] = [[]] * n
        self.tiers: list[str] = [""] * n
        self.names: list[str] = [""] * n
        self.stamps: list[str] = [""] * n
        # (life domains, target groups, kernen): the relevance bonus and the kern a query names
        self.info: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [((), (), ())] * n
        for docnum, stored in segreader.iter_docs():
            self.ids[docnum] = stored.get("id")
            data = stored.get("data") or {}
            self.points[docnum] = tuple((p[0], p[1]) for p in data.get("points", ()))
            self.opening[docnum] = data.get("opening", [])
            self.tiers[docnum] = data.get("tier", "")
            self.names[docnum] = data.get("name", "")
            self.stamps[docnum] = data.get("stamp", "")
            self.info[docnum] = (tuple(data.get("domains", ())), tuple(data.get("groups", ())),
                                 tuple(data.get("kernen", ())))
        self.vectors = [tuple(unit_vector(lat, lon) for lat, lon in pts) for pts in self.points]
        cells: dict[tuple[int, int], list[int]] = {}
        for docnum, pts in enumerate(self.points):
            for cell in {cell_of(lat, lon) for lat, lon in pts}:
                cells.setdefault(cell, []).append(docnum)
        self.cells = {cell: bits_from(docs) for cell, docs in cells.items()}
        self.masks: dict[tuple[str, str], int] = {}
        self.values: dict[str, tuple[str, ...]] = {}
        self.alive: dict[int, int] = {}  # deleted count -> alive bitset

    def mask(self, segreader: Any, field: str, value: str) -> int:
        key = (field, value)
        found = self.masks.get(key)
        if found is None:
            if key in segreader:
                found = bits_from(list(segreader.postings(field, value).all_ids()))
            else:
                found = 0
            _bounded_put(self.masks, key, found, _MASK_CACHE_SIZE)
        return found

    def field_values(self, segreader: Any, field: str) -> tuple[str, ...]:
        found = self.values.get(field)
        if found is None:
            found = self.values[field] = tuple(segreader.field_terms(field))
        return found

    def alive_mask(self, segreader: Any) -> int:
        deleted = _deleted_count(segreader)
        found = self.alive.get(deleted)
        if found is None:
            found = self.alive[deleted] = bits_from(list(segreader.all_doc_ids()))
        return found


class _Live:
    """One live index directory with what is shared between threads."""

    def __init__(self, name: str, path: Path, ix: Any, pointer_stat: tuple[int, int], lexicon=None) -> None:
        self.name = name
        self.path = path
        self.ix = ix
        self.pointer_stat = pointer_stat
        self.decompounder = Decompounder(lexicon=lexicon)
        self.segments: dict[str, _SegmentData] = {}
        self.spell: tuple[int, SpellIndex] | None = None
        self.lock = threading.Lock()
        with ix.reader() as reader:
            self.decompounder.learn(reader.field_terms("spell"))

    def segment_data(self, segreader: Any) -> _SegmentData:
        key = _segment_key(segreader)
        data = self.segments.get(key)
        if data is None:
            data = _SegmentData(segreader)
            with self.lock:
                self.segments[key] = data
        return data

    def forget_segments(self, keep: set[str]) -> None:
        with self.lock:
            for key in list(self.segments):
                if key not in keep:
                    del self.segments[key]

    def spell_index(self, reader: Any) -> SpellIndex:
        gen = reader.generation()
        cached = self.spell
        if cached is None or cached[0] != gen:
            counts = (
                (text.decode("utf-8"), info.doc_frequency()) for text, info in reader.iter_field("spell")
            )
            cached = (gen, SpellIndex(counts))
            self.spell = cached
        return cached[1]


class _View:
    """A thread's searcher on one generation of the index, with composed global bitsets."""

    def __init__(self, live: _Live, searcher: Searcher) -> None:
        self.live = live
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = [(leaf, offset, live.segment_data(leaf)) for leaf, offset in self.reader.leaf_readers()]
        live.forget_segments({_segment_key(leaf) for leaf, _, _ in self.leaves})
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
        self._opening: list[list] | None = None
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
            _bounded_put(self._masks, key, found, _VIEW_CACHE_SIZE)
        return found

    def prefix_mask(self, prefix: str) -> int:
        found = self._prefixes.get(prefix)
        if found is None:
            found = 0
            for term in self.reader.expand_prefix("all", prefix):
                found |= self.mask("all", term.decode("utf-8"))
            _bounded_put(self._prefixes, prefix, found, _VIEW_CACHE_SIZE)
        return found

    def term_mask(self, term: PlanTerm) -> int:
        mask = self.mask("all", term.stem)
        if term.prefix:
            mask |= self.prefix_mask(term.prefix)
        return mask

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
            _bounded_put(self._levels, term, found, _VIEW_CACHE_SIZE)
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
            _bounded_put(self._ages, age, found, _VIEW_CACHE_SIZE)
        return found

    # -- columns

    def _columns(self) -> None:
        ids: list[str | None] = []
        points: list[tuple[tuple[float, float], ...]] = []
        opening: list[list] = []
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
    def opening(self) -> list[list]:
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


class _GeoSearch:
    """Distances from one place. Grid cells decide most documents at once (wholly inside or
    outside the radius); the rest are compared by the dot product of unit vectors, and only
    the hits get a haversine distance."""

    def __init__(self, view: _View, geo: GeoFilter) -> None:
        self.view = view
        self.lat, self.lon, self.radius = geo.latitude, geo.longitude, geo.radius_km
        self.q = unit_vector(self.lat, self.lon)
        self._dist: dict[int, float | None] = {}
        self.inner = self.edge = 0
        if self.radius is not None:
            lat0, lon0, lat1, lon1 = bounding_box(self.lat, self.lon, self.radius)
            (i0, j0), (i1, j1) = cell_of(lat0, lon0), cell_of(lat1, lon1)
            cells = view.cells
            if (i1 - i0 + 1) * (j1 - j0 + 1) < len(cells):
                found = (((i, j), cells.get((i, j), 0)) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1))
                candidates = [(c, m) for c, m in found if m]
            else:
                candidates = [(c, m) for c, m in cells.items() if i0 <= c[0] <= i1 and j0 <= c[1] <= j1]
            for cell, mask in candidates:
                lower, upper = cell_range_km(self.lat, self.lon, cell)
                if upper <= self.radius:
                    self.inner |= mask
                elif lower <= self.radius:
                    self.edge |= mask

    def distance(self, docnum: int) -> float | None:
        if docnum not in self._dist:
            self._dist[docnum] = nearest_km(self.lat, self.lon, self.view.points[docnum])
        return self._dist[docnum]

    def within(self, mask: int, first_only: bool = False) -> int:
        """The documents of ``mask`` with a point within the radius."""
        if self.radius is None:
            return mask
        inside = mask & self.inner
        if first_only and inside:
            return inside
        threshold = min_dot(self.radius)
        qx, qy, qz = self.q
        vectors = self.view.vectors
        keep = []
        for docnum in bit_positions(mask & self.edge & ~inside):
            for x, y, z in vectors[docnum]:
                if qx * x + qy * y + qz * z >= threshold:
                    keep.append(docnum)
                    break
            else:
                continue
            if first_only:
                break
        return inside | bits_from(keep)

    def nearest(self, scope: int, limit: int) -> list[int]:
        """The ``limit`` documents of ``scope`` nearest first (ties by id); documents without
        a point come last. Best-first over the grid: coarse cells open into fine cells, fine
        cells into documents, until no unopened cell can hold anything nearer."""
        if limit <= 0:
            return []
        view = self.view
        ids, vectors, cells = view.ids, view.vectors, view.cells
        qx, qy, qz = self.q
        queue: list[tuple[float, int, tuple[int, int]]] = [
            (cell_range_km(self.lat, self.lon, coarse, COARSE)[0], 1, coarse) for coarse in view.coarse_cells
        ]
        heapq.heapify(queue)
        best: list[float] = []  # dot products of the nearest ``limit`` so far (min-heap)
        found: list[tuple[float, int]] = []
        seen = 0
        while queue:
            lower, coarse_level, cell = heapq.heappop(queue)
            if len(best) >= limit and lower > dot_to_km(best[0]):
                break
            if coarse_level:
                for fine in view.coarse_cells[cell]:
                    heapq.heappush(queue, (cell_range_km(self.lat, self.lon, fine)[0], 0, fine))
                continue
            fresh = cells[cell] & scope & ~seen
            if not fresh:
                continue
            seen |= fresh
            for docnum in bit_positions(fresh):
                dot = -2.0
                for x, y, z in vectors[docnum]:
                    d = qx * x + qy * y + qz * z
                    if d > dot:
                        dot = d
                if len(best) < limit:
                    heapq.heappush(best, dot)
                elif dot > best[0]:
                    heapq.heapreplace(best, dot)
                elif dot < best[0]:
                    continue  # (an equal distance is kept: ties are decided by id)
                found.append((dot, docnum))
        cutoff = best[0] if len(best) >= limit else -2.0
        top = [docnum for dot, docnum in found if dot >= cutoff]
        # exact (haversine) distances for the hits; equal distances by id
        top.sort(key=lambda d: (self.distance(d), ids[d] or ""))
        top = top[:limit]
        if len(top) < limit:
            rest = _as_bytes(scope & ~seen)
            if rest:
                points = view.points
                for d in view.id_order:
                    if _contains(rest, d) and not points[d]:
                        top.append(d)
                        if len(top) >= limit:
                            break
        return top[:limit]


def _contains(data: bytes, docnum: int) -> bool:
    i = docnum >> 3
    return i < len(data) and bool(data[i] >> (docnum & 7) & 1)


def _as_bytes(mask: int) -> bytes:
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little") if mask > 0 else b""


# --------------------------------------------------------------------------- backend


class WhooshBackend:
    """``SearchBackend`` on a Whoosh index in ``index_dir`` (created when missing)."""

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        language: Language | None = None,
    ) -> None:
        self._root = Path(index_dir)
        self._language = language or Language()
        self._lock = threading.RLock()  # guards _live and _journal
        self._write_lock = threading.Lock()  # one writer at a time in this process
        self._local = threading.local()
        self._journal: list[tuple[str, list]] | None = None
        self._live = self._open_live()

    # ------------------------------------------------------------------ index directory

    def _pointer(self) -> Path:
        return self._root / POINTER

    def _pointer_state(self) -> tuple[tuple[int, int], str] | None:
        try:
            st = os.stat(self._pointer())
            name = self._pointer().read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns), name

    def _new_dir(self, prefix: str) -> Path:
        token = time.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4)
        path = self._root / f"{prefix}-{token}"
        path.mkdir()
        return path

    def _publish(self, name: str, *, only_if_absent: bool = False) -> None:
        tmp = self._root / f"{POINTER}.tmp-{secrets.token_hex(4)}"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            if only_if_absent:
                os.link(tmp, self._pointer())  # fails when another process got there first
            else:
                os.replace(tmp, self._pointer())
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    def _create_empty(self) -> str:
        tmp = self._new_dir("tmp")
        whoosh_index.create_in(str(tmp), SCHEMA)
        final = tmp.with_name("ix-" + tmp.name[len("tmp-") :])
        os.rename(tmp, final)
        return final.name

    def _open_live(self) -> _Live:
        self._root.mkdir(parents=True, exist_ok=True)
        state = self._pointer_state()
        if state is None:
            name = self._create_empty()
            try:
                self._publish(name, only_if_absent=True)
            except FileExistsError:
                shutil.rmtree(self._root / name, ignore_errors=True)
            state = self._pointer_state()
            assert state is not None
        stat, name = state
        path = self._root / name
        try:
            ix = whoosh_index.open_dir(str(path))
        except (whoosh_index.EmptyIndexError, OSError) as exc:
            raise RuntimeError(
                f"the search index in {path} (named in {self._pointer()}) cannot be opened: "
                f"{exc}. Remove {self._root} and rebuild the index."
            ) from exc
        if set(ix.schema.names()) != set(SCHEMA.names()):
            log.warning("search index %s has an old schema; starting an empty one", path)
            name = self._create_empty()
            self._publish(name)
            return self._open_live()
        return _Live(name, path, ix, stat, self._language.lexicon)

    def _current_live(self) -> _Live:
        """The live index, switching over when another process or thread swapped it."""
        live = self._live
        try:
            st = os.stat(self._pointer())
            stat = (st.st_ino, st.st_mtime_ns)
        except FileNotFoundError:
            stat = None
        if stat != live.pointer_stat:
            with self._lock:
                if self._live is live:
                    self._live = self._open_live()
                live = self._live
        return live

    # ------------------------------------------------------------------ searchers

    def _view(self) -> _View:
        """This thread's searcher, reopened when the index changed.

        Not ``Searcher.refresh()``: in Whoosh 2.7 it reuses the old segment readers, which
        keeps deleted documents alive (and it fails on an empty index). Opening a new
        searcher is cheap here because the bitsets and columns are cached per segment.
        """
        live = self._current_live()
        local = self._local
        view: _View | None = getattr(local, "view", None)
        if view is not None and view.live is live and view.searcher.up_to_date():
            return view
        if view is not None:
            view.close()
        local.view = _View(live, live.ix.searcher())
        return local.view

    def close(self) -> None:
        """Close this thread's searcher (others close when their threads end)."""
        view = getattr(self._local, "view", None)
        if view is not None:
            view.close()
            self._local.view = None

    # ------------------------------------------------------------------ writing

    def _write(self, live: _Live, docs: list[ProvisionDocument], remove: list[str]) -> None:
        with self._write_lock:
            live.decompounder.learn(document_words(docs))
            writer = _Writer(live.ix, timeout=WRITE_TIMEOUT, limitmb=128)
            learned: set[str] = set()
            try:
                for doc_id in remove:
                    writer.delete_by_term("id", doc_id)
                for doc in docs:
                    fields, words = _document_fields(doc, live.decompounder, self._language)
                    learned |= words
                    writer.update_document(**fields)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            live.decompounder.learn(learned)

    def index(self, documents: Iterable[ProvisionDocument]) -> None:
        docs = list({d.id: d for d in documents}.values())
        if not docs:
            return
        for doc in docs:
            validate_document(doc)
        with self._lock:
            live = self._current_live()
            if self._journal is not None:
                self._journal.append(("index", docs))
        self._write(live, docs, [])

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        with self._lock:
            live = self._current_live()
            if self._journal is not None:
                self._journal.append(("remove", ids))
        self._write(live, [], ids)

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        with self._lock:
            self._journal = []
        tmp: Path | None = None
        try:
            docs = list({d.id: d for d in documents}.values())
            for doc in docs:
                validate_document(doc)
            self._root.mkdir(parents=True, exist_ok=True)
            tmp = self._new_dir("tmp")
            ix = whoosh_index.create_in(str(tmp), SCHEMA)
            dec = Decompounder(lexicon=self._language.lexicon)
            dec.learn(document_words(docs))
            writer = _Writer(ix, limitmb=256)
            try:
                for doc in docs:
                    fields, words = _document_fields(doc, dec, self._language)
                    writer.add_document(**fields)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            with self._lock:
                # writes that arrived while building: apply them to the new index too
                for op, items in self._journal:
                    writer = _Writer(ix, timeout=WRITE_TIMEOUT)
                    if op == "index":
                        dec.learn(document_words(items))
                        for doc in items:
                            writer.update_document(**_document_fields(doc, dec, self._language)[0])
                    else:
                        for doc_id in items:
                            writer.delete_by_term("id", doc_id)
                    writer.commit()
                with ix.reader() as reader:
                    count = reader.doc_count()
                final = tmp.with_name("ix-" + tmp.name[len("tmp-") :])
                os.rename(tmp, final)
                tmp = None
                previous = self._live.name
                self._publish(final.name)
                self._live = self._open_live()
                self._journal = None
            self._cleanup(keep={final.name, previous})
            return count
        finally:
            with self._lock:
                self._journal = None
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    def _cleanup(self, keep: set[str]) -> None:
        """Delete index directories other than the live and the previous one (readers in
        other threads or processes may still hold the previous one for a moment), and
        builds abandoned for more than a day."""
        cutoff = time.time() - 86400
        for entry in self._root.iterdir():
            if not entry.is_dir() or entry.name in keep:
                continue
            if entry.name.startswith("ix-") or (
                entry.name.startswith("tmp-") and entry.stat().st_mtime < cutoff
            ):
                shutil.rmtree(entry, ignore_errors=True)

    def ids(self) -> set[str]:
        view = self._view()
        ids = view.ids
        return {ids[d] for d in bit_positions(view.alive) if ids[d] is not None}  # type: ignore[misc]

    def fingerprints(self) -> dict[str, str]:
        view = self._view()
        ids, stamps = view.ids, view.stamps
        return {ids[d]: stamps[d] for d in bit_positions(view.alive) if ids[d] is not None}  # type: ignore[misc]

    def set_thesaurus(self, thesaurus: Thesaurus) -> None:
        """Search with another thesaurus from now on (no re-indexing needed)."""
        self._language = self._language.with_thesaurus(thesaurus)

    # ------------------------------------------------------------------ searching

    def search(self, query: SearchQuery) -> SearchResult:
        view = self._view()
        live = view.live
        scope = view.alive & view.mask("visible", "true")
        plan = plan_query(query.text, self._language, _Probe(view), live.decompounder)
        ranking: Ranking | None = None
        base = scope
        if not plan.empty:
            ranking = Ranking.of(plan, view.levels, scope, view.mask, view.ids, query.mentioned_kern)
            base = ranking.mask
        selected = facet_filters(query)
        facet_sets = {
            facet: self._any_of(view, FACET_FIELDS[facet], values) for facet, values in selected.items()
        }
        if query.age is not None:
            base &= view.age_mask(query.age)
        if query.open_at is not None:
            base &= self._open_mask(view, *query.open_at)
        all_filters = -1
        for passing in facet_sets.values():
            all_filters &= passing

        geo = _GeoSearch(view, query.geo) if query.geo is not None else None
        area = 0
        if geo is not None:
            narrowed = base if query.with_facets else base & all_filters
            near = geo.within(narrowed)
            if query.geo.kern and query.geo.radius_km is not None:
                area = narrowed & view.mask("kern", query.geo.kern) & ~near
            base = near | area
        filtered = base & all_filters
        limit = max(query.limit, 0)
        ids = view.ids
        strong_mask = -1
        if ranking is not None:
            chosen = ranking.top(filtered, limit)
            strong_mask = ranking.strong(filtered)
        elif geo is not None:
            chosen = [(d, 0.0) for d in geo.nearest(filtered, limit)]
        else:
            chosen = []
            fbytes = _as_bytes(filtered)
            if limit:
                for d in view.id_order:
                    if _contains(fbytes, d):
                        chosen.append((d, 0.0))
                        if len(chosen) >= limit:
                            break
        tiers, names = view.tiers, view.names
        area_bytes = _as_bytes(area)
        serving = _as_bytes(view.mask("kern", query.geo.kern)) if geo is not None and query.geo.kern else b""
        strong_bytes = _as_bytes(strong_mask) if strong_mask >= 0 else None
        hits = []
        for d, s in chosen:
            distance = geo.distance(d) if geo is not None else None
            kept_by_area = _contains(area_bytes, d) or (distance is None and _contains(serving, d))
            hits.append(SearchHit(ids[d] or "", float(s), distance, tiers[d], names[d],
                                  strong=strong_bytes is None or _contains(strong_bytes, d),
                                  in_area=kept_by_area))

        facets: dict[str, dict[str, int]] = {}
        if query.with_facets:
            facets = count_facets(
                base,
                facet_sets,
                lambda facet: {
                    v: view.mask(FACET_FIELDS[facet], v) for v in view.values(FACET_FIELDS[facet])
                },
                int.bit_count,
                selected,
            )
        return SearchResult(
            hits=hits,
            total=filtered.bit_count(),
            facets=facets,
            suggestion=suggestion_text(plan),
            broadened=ranking is not None and filtered != 0 and strong_mask == 0,
        )

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _any_of(view: _View, field: str, values: Iterable[str]) -> int:
        mask = 0
        for value in values:
            mask |= view.mask(field, value)
        return mask

    @staticmethod
    def _open_mask(view: _View, weekday: int, minute: int) -> int:
        token = slot_token(weekday, minute)
        mask = view.mask("open", token)
        partly = view.mask("open_part", token) & ~mask
        exact = [d for d in bit_positions(partly) if is_open_at(view.opening[d], weekday, minute)]
        return mask | bits_from(exact)


class _Probe:
    """What the index holds, for the query plan (``search.query.IndexProbe``)."""

    def __init__(self, view: _View) -> None:
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


assert set(FACET_FIELDS) == set(FACETS)
