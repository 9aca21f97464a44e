"""The in-process search backend: same contract as Whoosh, plain Python, no disk.

Meant for tests and small installations. Documents are analysed with ``search.analysis``
exactly as for Whoosh; a query is planned by ``search.query`` and scored by
``search.relevance`` from the field each term matched in, as every backend does, so results,
scores and bands agree with Whoosh's.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from search.analysis import (
    Decompounder,
    PlanTerm,
    SpellIndex,
    analyze_text,
)
from search.bitsets import bits_from
from search.common import (
    TEXT_FIELDS,
    Candidate,
    age_matches,
    document_words,
    finish,
    is_open_at,
    validate_document,
)
from search.facets import facet_values
from search.geo import nearest_km
from search.interface import ProvisionDocument, SearchQuery, SearchResult
from search.language import Language
from search.query import QueryPlan, plan_query, suggestion_text
from search.relevance import DESCRIPTION, NAME, OTHER, PREFIX, Scored
from search.scoring import Levels, Ranking, level_masks, scored
from search.thesaurus import Thesaurus

__all__ = ["MemoryBackend"]

_FIELD_LEVEL = {"name": NAME, "description": DESCRIPTION, "organization": OTHER, "extra_text": OTHER}


@dataclass
class _State:
    language: Language = field(default_factory=Language)
    decompounder: Decompounder = field(default_factory=Decompounder)
    docs: dict[str, ProvisionDocument] = field(default_factory=dict)
    # field -> stem -> {doc id: term frequency}
    postings: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: {f: {} for f in TEXT_FIELDS}
    )
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
            terms, spell = analyze_text(getattr(doc, name) or "", self.decompounder,
                                        self.language.lemma_stems)
            counts = Counter(terms)
            terms_by_field[name] = counts
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


    def term_exists(self, term: PlanTerm) -> bool:
        for name in TEXT_FIELDS:
            if term.stem in self.postings[name]:
                return True
            if term.prefix and self.prefix_terms(name, term.prefix):
                return True
        return False

    def levels(self, term: PlanTerm) -> dict[str, int]:
        """Document id -> the best level ``term`` matches at (``search.relevance``)."""
        out: dict[str, int] = {}
        if term.prefix:
            for name in TEXT_FIELDS:
                for t in self.prefix_terms(name, term.prefix):
                    for doc_id in self.postings[name][t]:
                        out[doc_id] = PREFIX
        for name in TEXT_FIELDS:
            level = _FIELD_LEVEL[name]
            for doc_id in self.postings[name].get(term.stem, ()):
                if out.get(doc_id, 0) < level:
                    out[doc_id] = level
        return out

    def new(self) -> _State:
        """An empty state with the same language."""
        return _State(self.language, Decompounder(lexicon=self.language.lexicon))


def _empty_state(language: Language) -> _State:
    return _State(language, Decompounder(lexicon=language.lexicon))


class MemoryBackend:
    """``SearchBackend`` kept entirely in memory. Thread-safe (one lock)."""

    def __init__(self, language: Language | None = None) -> None:
        self._lock = threading.RLock()
        self._language = language or Language()
        self._state = _empty_state(self._language)
        # writes during a rebuild: (documents indexed, ids removed)
        self._journal: list[tuple[list[ProvisionDocument], list[str]]] | None = None

    # ------------------------------------------------------------------ writing

    def index(self, documents: Iterable[ProvisionDocument]) -> None:
        docs = list({d.id: d for d in documents}.values())
        for doc in docs:
            validate_document(doc)
        with self._lock:
            if self._journal is not None:
                self._journal.append((docs, []))
            self._state.decompounder.learn(document_words(docs))
            for doc in docs:
                self._state.add(doc)

    def remove(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._lock:
            if self._journal is not None:
                self._journal.append(([], ids))
            for doc_id in ids:
                self._state.remove(doc_id)

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        with self._lock:
            self._journal = []
        try:
            docs = list({d.id: d for d in documents}.values())
            for doc in docs:
                validate_document(doc)
            state = self._state.new()
            state.decompounder.learn(document_words(docs))
            for doc in docs:
                state.add(doc)
            with self._lock:
                for indexed, removed in self._journal:
                    if indexed:
                        state.decompounder.learn(document_words(indexed))
                    for doc in indexed:
                        state.add(doc)
                    for doc_id in removed:
                        state.remove(doc_id)
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

    def set_thesaurus(self, thesaurus: Thesaurus) -> None:
        """Search with another thesaurus from now on (no re-indexing needed)."""
        language = self._language.with_thesaurus(thesaurus)
        with self._lock:
            self._language = language

    # ------------------------------------------------------------------ searching

    def search(self, query: SearchQuery) -> SearchResult:
        with self._lock:
            return self._search(self._state, query)

    def _search(self, st: _State, query: SearchQuery) -> SearchResult:
        visible = [i for i, d in st.docs.items() if d.visible]
        plan = plan_query(query.text, self._language, _Probe(st), st.decompounder)
        scores: dict[str, Scored] | None = None
        if not plan.empty:
            scores = {s.id: s for s in self._score(st, plan, set(visible), query.mentioned_kern)}
            visible = list(scores)
        g = query.geo
        candidates = []
        for i in visible:
            doc = st.docs[i]
            candidates.append(Candidate(
                i, doc.tier, doc.name, facet_values(doc),
                age_ok=query.age is None or age_matches(doc.minimum_age, doc.maximum_age, query.age),
                open_ok=query.open_at is None or is_open_at(doc.opening, *query.open_at),
                distance_km=nearest_km(g.latitude, g.longitude, doc.points) if g is not None else None,
            ))
        return finish(query, candidates, scores=scores, suggestion=suggestion_text(plan))

    # ------------------------------------------------------------------ text matching

    @staticmethod
    def _score(st: _State, plan: QueryPlan, visible: set[str], mentioned_kern: str | None) -> list[Scored]:
        """Every match's score and band, with the shared bitset ranking (``search.scoring``)
        over the visible documents in id order."""
        ids = sorted(visible)
        position = {doc_id: n for n, doc_id in enumerate(ids)}
        cache: dict[PlanTerm, Levels] = {}

        def levels(term: PlanTerm) -> Levels:
            found = cache.get(term)
            if found is None:
                by_level: dict[int, list[int]] = {}
                for doc_id, level in st.levels(term).items():
                    if doc_id in position:
                        by_level.setdefault(level, []).append(position[doc_id])
                found = cache[term] = level_masks(by_level)
            return found

        def traits(facet: str, code: str) -> int:
            return bits_from([position[i] for i in ids if code in facet_values(st.docs[i])[facet]])

        ranking = Ranking.of(plan, levels, (1 << len(ids)) - 1, traits, list(ids), mentioned_kern)
        return list(scored(ranking).values())


class _Probe:
    """What the in-memory index holds, for the query plan (``search.query.IndexProbe``)."""

    def __init__(self, st: _State) -> None:
        self.st = st

    def known(self, terms: set[PlanTerm]) -> set[PlanTerm]:
        return {t for t in terms if self.st.term_exists(t)}

    def suggest(self, word: str, limit: int) -> list[tuple[str, int]]:
        spell = self.st.spell
        if word in spell:
            return []
        return [(w, self.st.spell_counts[w]) for w in spell.suggest(word, limit)]
