"""The in-process search backend: same contract as Whoosh, plain Python, no disk.

Meant for tests and small installations. Documents are analysed with ``search.analysis``
exactly as for Whoosh; matching and ranking use a small in-memory inverted index (BM25 per
field, constant bonus for prefix matches), so results agree with Whoosh on what is found,
not necessarily on the order of near-equal scores.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from search.analysis import (
    Clause,
    Decompounder,
    PlanTerm,
    SpellIndex,
    SynonymTable,
    analyze_text,
    build_plan,
)
from search.common import (
    FIELD_BOOSTS,
    TEXT_FIELDS,
    age_matches,
    count_facets,
    document_words,
    facet_filters,
    facet_values,
    is_open_at,
    validate_document,
)
from search.geo import bounding_box, nearest_km
from search.interface import (
    FACETS,
    ProvisionDocument,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from search.strategy import run_text_strategy

__all__ = ["MemoryBackend"]

PREFIX_SCORE = 1.0  # constant score of a prefix match (in any field)
_K1, _B = 1.2, 0.75


@dataclass
class _State:
    decompounder: Decompounder = field(default_factory=Decompounder)
    docs: dict[str, ProvisionDocument] = field(default_factory=dict)
    # field -> stem -> {doc id: term frequency}
    postings: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {f: {} for f in TEXT_FIELDS}
    )
    lengths: dict[str, dict[str, int]] = field(default_factory=lambda: {f: {} for f in TEXT_FIELDS})
    doc_terms: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    doc_words: dict[str, set[str]] = field(default_factory=dict)  # spelling words (visible docs)
    spell_counts: Counter[str] = field(default_factory=Counter)
    _sorted_terms: dict[str, list[str]] = field(default_factory=dict)
    _spell: SpellIndex | None = None

    def add(self, doc: ProvisionDocument) -> None:
        self.remove(doc.id)
        self.docs[doc.id] = doc
        terms_by_field: dict[str, Counter[str]] = {}
        words: set[str] = set()
        for name in TEXT_FIELDS:
            terms, spell = analyze_text(getattr(doc, name) or "", self.decompounder)
            counts = Counter(terms)
            terms_by_field[name] = counts
            self.lengths[name][doc.id] = len(terms)
            for term, tf in counts.items():
                self.postings[name].setdefault(term, {})[doc.id] = tf
            if doc.visible:
                words.update(spell)
        self.doc_terms[doc.id] = terms_by_field
        if doc.visible:
            self.decompounder.learn(words)
            self.doc_words[doc.id] = words
            self.spell_counts.update(words)
        self._sorted_terms.clear()
        self._spell = None

    def remove(self, doc_id: str) -> None:
        if doc_id not in self.docs:
            return
        del self.docs[doc_id]
        for name, counts in self.doc_terms.pop(doc_id).items():
            self.lengths[name].pop(doc_id, None)
            for term in counts:
                posting = self.postings[name].get(term)
                if posting is not None:
                    posting.pop(doc_id, None)
                    if not posting:
                        del self.postings[name][term]
        words = self.doc_words.pop(doc_id, set())
        self.spell_counts.subtract(words)
        self.spell_counts += Counter()  # drop zero counts
        self._sorted_terms.clear()
        self._spell = None

    # -- lookups

    def sorted_terms(self, name: str) -> list[str]:
        terms = self._sorted_terms.get(name)
        if terms is None:
            terms = self._sorted_terms[name] = sorted(self.postings[name])
        return terms

    def prefix_terms(self, name: str, prefix: str) -> list[str]:
        terms = self.sorted_terms(name)
        out = []
        for i in range(bisect_left(terms, prefix), len(terms)):
            if not terms[i].startswith(prefix):
                break
            out.append(terms[i])
        return out

    @property
    def spell(self) -> SpellIndex:
        if self._spell is None:
            self._spell = SpellIndex(self.spell_counts)
        return self._spell


class MemoryBackend:
    """``SearchBackend`` kept entirely in memory. Thread-safe (one lock)."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]] | None = None) -> None:
        self._lock = threading.RLock()
        self._state = _State()
        self._synonyms = SynonymTable(synonyms)
        self._journal: list[tuple[str, list]] | None = None  # writes during a rebuild

    # ------------------------------------------------------------------ writing

    def index(self, documents: Iterable[ProvisionDocument]) -> None:
        docs = list({d.id: d for d in documents}.values())
        for doc in docs:
            validate_document(doc)
        with self._lock:
            if self._journal is not None:
                self._journal.append(("index", docs))
            self._state.decompounder.learn(document_words(docs))
            for doc in docs:
                self._state.add(doc)

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._lock:
            if self._journal is not None:
                self._journal.append(("remove", ids))
            for doc_id in ids:
                self._state.remove(doc_id)

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        with self._lock:
            self._journal = []
        try:
            docs = list({d.id: d for d in documents}.values())
            for doc in docs:
                validate_document(doc)
            state = _State()
            state.decompounder.learn(document_words(docs))
            for doc in docs:
                state.add(doc)
            with self._lock:
                for op, items in self._journal:
                    if op == "index":
                        state.decompounder.learn(document_words(items))
                    for item in items:
                        if op == "index":
                            state.add(item)
                        else:
                            state.remove(item)
                self._state = state
                return len(state.docs)
        finally:
            with self._lock:
                self._journal = None

    def ids(self) -> set[str]:
        with self._lock:
            return set(self._state.docs)

    def fingerprints(self) -> dict[str, str]:
        with self._lock:
            return {i: doc.fingerprint() for i, doc in self._state.docs.items()}

    def set_synonyms(self, synonyms: Mapping[str, Iterable[str]]) -> None:
        table = SynonymTable(synonyms)
        with self._lock:
            self._synonyms = table

    # ------------------------------------------------------------------ searching

    def search(self, query: SearchQuery) -> SearchResult:
        with self._lock:
            return self._search(self._state, query)

    def _search(self, st: _State, query: SearchQuery) -> SearchResult:
        visible = {i for i, d in st.docs.items() if d.visible}
        selected = facet_filters(query)
        facet_sets = {
            facet: {i for i in visible if set(facet_values(st.docs[i])[facet]) & set(values)}
            for facet, values in selected.items()
        }
        base = set(visible)
        if query.open_at is not None:
            wd, minute = query.open_at
            base = {i for i in base if is_open_at(st.docs[i].opening, wd, minute)}
        if query.age is not None:
            base = {i for i in base if age_matches(st.docs[i].minimum_age, st.docs[i].maximum_age, query.age)}

        distances: dict[str, float | None] = {}
        if query.geo is not None:
            g = query.geo
            box = bounding_box(g.latitude, g.longitude, g.radius_km) if g.radius_km else None
            for i in base:
                d = nearest_km(g.latitude, g.longitude, st.docs[i].points, box)
                if g.radius_km is not None and (d is None or d > g.radius_km):
                    continue
                distances[i] = d
            base = set(distances)

        filtered = base
        for passing in facet_sets.values():
            filtered = filtered & passing

        plan = build_plan(query.text, st.decompounder, self._synonyms)
        scores: dict[str, float] | None = None
        broadened, suggestion = False, None
        if not plan.empty:
            outcome = run_text_strategy(
                plan,
                clause_known=lambda c: self._clause_known(st, c),
                suggest=lambda w, n: [] if w in st.spell else st.spell.suggest(w, n),
                execute=lambda clauses, conj: self._execute(st, clauses, conj),
                accept=lambda res: any(i in filtered for i in res),
            )
            scores = outcome.result or {}
            broadened, suggestion = outcome.broadened, outcome.suggestion
            base = base & scores.keys()
            filtered = filtered & scores.keys()

        if scores is not None:
            order = sorted(filtered, key=lambda i: (-scores[i], i))
        elif query.geo is not None:
            order = sorted(filtered, key=lambda i: (distances[i] is None, distances[i] or 0.0, i))
        else:
            order = sorted(filtered)
        hits = [
            SearchHit(
                i,
                scores[i] if scores is not None else 0.0,
                distances.get(i) if query.geo is not None else None,
                st.docs[i].tier,
                st.docs[i].name,
            )
            for i in order[: max(query.limit, 0)]
        ]

        facets: dict[str, dict[str, int]] = {}
        if query.with_facets:
            facets = count_facets(
                base,
                facet_sets,
                lambda facet: self._value_sets(st, facet, base),
                len,
                selected,
            )
        return SearchResult(
            hits=hits,
            total=len(filtered),
            facets=facets,
            suggestion=suggestion,
            broadened=broadened,
        )

    @staticmethod
    def _value_sets(st: _State, facet: str, scope: set[str]) -> dict[str, set[str]]:
        assert facet in FACETS
        out: dict[str, set[str]] = {}
        for i in scope:
            for value in facet_values(st.docs[i])[facet]:
                out.setdefault(value, set()).add(i)
        return out

    # ------------------------------------------------------------------ text matching

    @staticmethod
    def _term_exists(st: _State, term: PlanTerm) -> bool:
        for name in TEXT_FIELDS:
            if term.stem in st.postings[name]:
                return True
            if term.prefix and st.prefix_terms(name, term.prefix):
                return True
        return False

    def _clause_known(self, st: _State, clause: Clause) -> bool:
        return any(all(self._term_exists(st, t) for t in alt.terms) for alt in clause.alternatives)

    @staticmethod
    def _term_scores(st: _State, term: PlanTerm) -> dict[str, float]:
        n_docs = max(len(st.docs), 1)
        scores: dict[str, float] = {}
        for name in TEXT_FIELDS:
            boost = FIELD_BOOSTS[name]
            posting = st.postings[name].get(term.stem, {})
            if posting:
                idf = math.log(1 + (n_docs - len(posting) + 0.5) / (len(posting) + 0.5))
                lengths = st.lengths[name]
                avg = sum(lengths.values()) / max(len(lengths), 1) or 1.0
                for doc_id, tf in posting.items():
                    norm = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * lengths[doc_id] / avg))
                    scores[doc_id] = scores.get(doc_id, 0.0) + boost * idf * norm
        if term.prefix:
            matched: set[str] = set()
            for name in TEXT_FIELDS:
                for t in st.prefix_terms(name, term.prefix):
                    matched.update(st.postings[name][t])
            for doc_id in matched:
                scores[doc_id] = scores.get(doc_id, 0.0) + PREFIX_SCORE
        return scores

    def _execute(self, st: _State, clauses: list[Clause], conjunctive: bool) -> dict[str, float]:
        total: dict[str, float] | None = None
        for clause in clauses:
            clause_scores: dict[str, float] = {}
            for alt in clause.alternatives:
                alt_scores: dict[str, float] | None = None
                for term in alt.terms:
                    ts = self._term_scores(st, term)
                    if alt_scores is None:
                        alt_scores = ts
                    else:
                        alt_scores = {i: alt_scores[i] + ts[i] for i in alt_scores.keys() & ts.keys()}
                for doc_id, s in (alt_scores or {}).items():
                    clause_scores[doc_id] = clause_scores.get(doc_id, 0.0) + alt.weight * s
            if total is None:
                total = clause_scores
            elif conjunctive:
                both = total.keys() & clause_scores.keys()
                total = {i: total[i] + clause_scores[i] for i in both}
            else:
                for doc_id, s in clause_scores.items():
                    total[doc_id] = total.get(doc_id, 0.0) + s
        return {i: s for i, s in (total or {}).items() if i in st.docs}
