"""The Whoosh search backend: Whoosh stores, the engine matches and scores.

A thin composition of the engine's parts:

* ``search.whoosh_storage``: the schema, the writer, per-segment columns and term bitsets,
  and the index directory (``CURRENT`` names the live index; rebuilds are built aside and
  published atomically);
* ``search.whoosh_matching``: a thread's view of the index as bitsets (terms per field,
  prefixes, the levels a plan term matches at, facet values, ages, opening hours);
* ``search.query`` plans the query, ``search.scoring`` ranks and bands the matches with the
  relevance model of ``search.relevance`` — the same code as the in-memory and PostgreSQL
  backends, so Whoosh's own scoring is never used;
* ``search.facets`` counts facets, ``search.geo_grid`` answers radius and nearest-first
  queries on the grid of cells.

Threads: every thread gets its own searcher (Whoosh readers are not shared between threads),
refreshed when the index changes; writers in one process are serialised and wait for the
Whoosh lock (``timeout``), so separate processes can write as well.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from search.analysis import Decompounder
from search.bitsets import as_bytes, bit_positions, contains
from search.common import document_words, validate_document
from search.facets import count_facets, facet_filters
from search.geo_grid import GeoSearch
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
from search.whoosh_matching import Probe, View
from search.whoosh_storage import (
    FACET_FIELDS,
    SCHEMA,
    WRITE_TIMEOUT,
    IndexDirectory,
    IndexWriter,
    Live,
    document_fields,
)

__all__ = ["WhooshBackend", "SCHEMA"]

#: Writes made while a rebuild runs, replayed on the new index: (documents, removed ids).
_Journal = list[tuple[list[ProvisionDocument], list[str]]]


class WhooshBackend:
    """``SearchBackend`` on a Whoosh index in ``index_dir`` (created when missing)."""

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        language: Language | None = None,
    ) -> None:
        self._language = language or Language()
        self._dir = IndexDirectory(Path(index_dir), self._language.lexicon)
        self._lock = threading.RLock()  # guards _live and _journal
        self._write_lock = threading.Lock()  # one writer at a time in this process
        self._local = threading.local()
        self._journal: _Journal | None = None
        self._live = self._dir.open_live()

    def _current_live(self) -> Live:
        """The live index, switching over when another process or thread swapped it."""
        live = self._live
        if self._dir.pointer_stat() != live.pointer_stat:
            with self._lock:
                if self._live is live:
                    self._live = self._dir.open_live()
                live = self._live
        return live

    # ------------------------------------------------------------------ searchers

    def _view(self) -> View:
        """This thread's searcher, reopened when the index changed.

        Not ``Searcher.refresh()``: in Whoosh 2.7 it reuses the old segment readers, which
        keeps deleted documents alive (and it fails on an empty index). Opening a new
        searcher is cheap here because the bitsets and columns are cached per segment.
        """
        live = self._current_live()
        local = self._local
        view: View | None = getattr(local, "view", None)
        if view is not None and view.live is live and view.searcher.up_to_date():
            return view
        if view is not None:
            view.close()
        view = View(live, live.ix.searcher())
        local.view = view
        return view

    def close(self) -> None:
        """Close this thread's searcher (others close when their threads end)."""
        view = getattr(self._local, "view", None)
        if view is not None:
            view.close()
            self._local.view = None

    # ------------------------------------------------------------------ writing

    def _write(self, live: Live, docs: list[ProvisionDocument], remove: list[str]) -> None:
        with self._write_lock:
            live.decompounder.learn(document_words(docs))
            writer = IndexWriter(live.ix, timeout=WRITE_TIMEOUT, limitmb=128)
            learned: set[str] = set()
            try:
                for doc_id in remove:
                    writer.delete_by_term("id", doc_id)
                for doc in docs:
                    fields, words = document_fields(doc, live.decompounder, self._language)
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
                self._journal.append((docs, []))
        self._write(live, docs, [])

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        with self._lock:
            live = self._current_live()
            if self._journal is not None:
                self._journal.append(([], ids))
        self._write(live, [], ids)

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        with self._lock:
            self._journal = []
        tmp: Path | None = None
        try:
            docs = list({d.id: d for d in documents}.values())
            for doc in docs:
                validate_document(doc)
            self._dir.root.mkdir(parents=True, exist_ok=True)
            tmp = self._dir.new_dir("tmp")
            ix, dec = self._build(tmp, docs)
            with self._lock:
                # writes that arrived while building: apply them to the new index too
                self._replay(ix, dec, self._journal)
                with ix.reader() as reader:
                    count: int = reader.doc_count()
                final = self._dir.finished(tmp)
                tmp = None
                previous = self._live.name
                self._dir.publish(final.name)
                self._live = self._dir.open_live()
                self._journal = None
            self._dir.cleanup(keep={final.name, previous})
            return count
        finally:
            with self._lock:
                self._journal = None
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    def _build(self, tmp: Path, docs: list[ProvisionDocument]) -> tuple[Any, Decompounder]:
        """A new index of ``docs`` in ``tmp``, and the decompounder that analysed them."""
        ix = whoosh_index.create_in(str(tmp), SCHEMA)
        dec = Decompounder(lexicon=self._language.lexicon)
        dec.learn(document_words(docs))
        writer = IndexWriter(ix, limitmb=256)
        try:
            for doc in docs:
                fields, _words = document_fields(doc, dec, self._language)
                writer.add_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return ix, dec

    def _replay(self, ix: Any, dec: Decompounder, journal: _Journal | None) -> None:
        for docs, removed in journal or ():
            writer = IndexWriter(ix, timeout=WRITE_TIMEOUT)
            if docs:
                dec.learn(document_words(docs))
            for doc in docs:
                writer.update_document(**document_fields(doc, dec, self._language)[0])
            for doc_id in removed:
                writer.delete_by_term("id", doc_id)
            writer.commit()

    def ids(self) -> set[str]:
        view = self._view()
        ids = view.ids
        return {ident for d in bit_positions(view.alive) if (ident := ids[d]) is not None}

    def fingerprints(self) -> dict[str, str]:
        view = self._view()
        ids, stamps = view.ids, view.stamps
        return {ident: stamps[d] for d in bit_positions(view.alive) if (ident := ids[d]) is not None}

    def set_thesaurus(self, thesaurus: Thesaurus) -> None:
        """Search with another thesaurus from now on (no re-indexing needed)."""
        self._language = self._language.with_thesaurus(thesaurus)

    # ------------------------------------------------------------------ searching

    def search(self, query: SearchQuery) -> SearchResult:
        view = self._view()
        scope = view.alive & view.mask("visible", "true")
        plan = plan_query(query.text, self._language, Probe(view), view.live.decompounder)
        ranking: Ranking | None = None
        base = scope
        if not plan.empty:
            ranking = Ranking.of(plan, view.levels, scope, view.mask, view.ids, query.mentioned_kern)
            base = ranking.mask
        selected = facet_filters(query)
        facet_sets = {facet: view.any_of(FACET_FIELDS[facet], values) for facet, values in selected.items()}
        base &= _moment_mask(view, query)
        all_filters = -1
        for passing in facet_sets.values():
            all_filters &= passing
        geo = _Place(view, query.geo, base if query.with_facets else base & all_filters) \
            if query.geo is not None else None
        if geo is not None:
            base = geo.kept
        filtered = base & all_filters
        chosen, strong_mask = _choose(view, ranking, geo, filtered, max(query.limit, 0))
        facets: dict[str, dict[str, int]] = {}
        if query.with_facets:
            facets = count_facets(base, facet_sets, lambda facet: _facet_masks(view, facet),
                                  int.bit_count, selected)
        return SearchResult(
            hits=_hits(view, geo, chosen, strong_mask),
            total=filtered.bit_count(),
            facets=facets,
            suggestion=suggestion_text(plan),
            broadened=ranking is not None and filtered != 0 and strong_mask == 0,
        )


class _Place:
    """The query's place on a view: who is within the radius, and who is kept only because it
    serves the place's kern (``area``)."""

    def __init__(self, view: View, geo: GeoFilter, narrowed: int) -> None:
        self.search = GeoSearch(view, geo)
        near = self.search.within(narrowed)
        self.area = 0
        if geo.kern and geo.radius_km is not None:
            self.area = narrowed & view.mask("kern", geo.kern) & ~near
        self.kept = near | self.area
        self.serving = view.mask("kern", geo.kern) if geo.kern else 0


def _moment_mask(view: View, query: SearchQuery) -> int:
    """The documents for the query's age and moment (``-1``: every document)."""
    mask = -1
    if query.age is not None:
        mask &= view.age_mask(query.age)
    if query.open_at is not None:
        mask &= view.open_mask(*query.open_at)
    return mask


def _choose(view: View, ranking: Ranking | None, geo: _Place | None, filtered: int,
            limit: int) -> tuple[list[tuple[int, float]], int]:
    """The hits to show (document, score), and the strong matches (``-1``: no text, all are)."""
    if ranking is not None:
        return ranking.top(filtered, limit), ranking.strong(filtered)
    if geo is not None:
        return [(d, 0.0) for d in geo.search.nearest(filtered, limit)], -1
    chosen: list[tuple[int, float]] = []
    fbytes = as_bytes(filtered)
    if limit:
        for d in view.id_order:
            if contains(fbytes, d):
                chosen.append((d, 0.0))
                if len(chosen) >= limit:
                    break
    return chosen, -1


def _hits(view: View, geo: _Place | None, chosen: list[tuple[int, float]],
          strong_mask: int) -> list[SearchHit]:
    ids, tiers, names = view.ids, view.tiers, view.names
    area_bytes = as_bytes(geo.area) if geo is not None else b""
    serving = as_bytes(geo.serving) if geo is not None else b""
    strong_bytes = as_bytes(strong_mask) if strong_mask >= 0 else None
    hits = []
    for d, s in chosen:
        distance = geo.search.distance(d) if geo is not None else None
        kept_by_area = contains(area_bytes, d) or (distance is None and contains(serving, d))
        hits.append(SearchHit(ids[d] or "", float(s), distance, tiers[d], names[d],
                              strong=strong_bytes is None or contains(strong_bytes, d),
                              in_area=kept_by_area))
    return hits


def _facet_masks(view: View, facet: str) -> dict[str, int]:
    field = FACET_FIELDS[facet]
    return {value: view.mask(field, value) for value in view.values(field)}


assert set(FACET_FIELDS) == set(FACETS)
