"""What the search knows about words, beside the index: the Dutch lexicon and the thesaurus.

``Language`` bundles the two, prepared for matching a query:

* the lexicon (``search.lexicon``, derived into ``data/lexicon``) tells a Dutch word from a typo,
  gives lemmas of inflected forms, word frequencies, English → Dutch translations and general
  Dutch synonyms;
* the thesaurus (``search.thesaurus``, ``data/thesaurus`` plus what editors add) links residents'
  words to providers' words per life domain. ``ConceptIndex`` finds its terms in a query:
  phrases first, words in any order, inflected forms and English included.

Both sides of a match use the same keys: the Snowball stem of a word and of its lemmas
("blowt" → lemma "blowen" → stem "blow"), so an inflected query word meets its lemma in a
thesaurus term and in a document.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar, cast

from search.analysis import FRAME_WORDS, STOP_WORDS, normalize, stem, tokenize
from search.lexicon import Lexicon
from search.thesaurus import Concept, ConceptTerm, Thesaurus, load_thesaurus

__all__ = ["Language", "ConceptIndex", "ConceptHit", "word_keys", "english_keys", "load_language",
           "DATA_DIR"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


T = TypeVar("T")


class WordKnowledge(Protocol):
    """What the search asks a Dutch lexicon (``search.lexicon.Lexicon``; ``_NoLexicon``)."""

    def is_word(self, word: str) -> bool: ...

    def lemmas(self, word: str) -> tuple[str, ...]: ...

    def frequency(self, word: str) -> float: ...

    def english(self, text: str) -> list[tuple[str, float]]: ...

    def synonyms(self, word: str) -> tuple[str, ...]: ...

    def __len__(self) -> int: ...


class _NoLexicon:
    """Knows no words: the search still works, with less understanding."""

    def is_word(self, word: str) -> bool:
        return False

    def lemmas(self, word: str) -> tuple[str, ...]:
        return ()

    def frequency(self, word: str) -> float:
        return 0.0

    def english(self, text: str) -> list[tuple[str, float]]:
        return []

    def synonyms(self, word: str) -> tuple[str, ...]:
        return ()

    def __len__(self) -> int:
        return 0


EN = "en:"  # English keys live apart from Dutch ones ("clean" is Dutch slang too)


def english_keys(word: str) -> set[str]:
    """Plain English lemma guesses of a word (debts → debt, families → family, caring →
    care), as keys of the English terms of the thesaurus."""
    return {EN + k for k in _english_forms(word)}


def _english_forms(word: str) -> set[str]:
    out = {word}
    if len(word) > 4 and word.endswith("ies"):
        out.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        out.add(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        out.add(word[:-1])
    if len(word) > 5 and word.endswith("ing"):
        out.update({word[:-3], word[:-3] + "e"})
    if len(word) > 4 and word.endswith("ed"):
        out.update({word[:-2], word[:-1]})
    return out


class Language:
    """The lexicon and the thesaurus, ready for queries. Immutable once made (swap it whole)."""

    def __init__(self, lexicon: WordKnowledge | None = None, thesaurus: Thesaurus | None = None) -> None:
        self.lexicon: WordKnowledge = lexicon if lexicon is not None else _NoLexicon()
        self.thesaurus = thesaurus or Thesaurus()
        self.concepts = ConceptIndex(self.thesaurus, self)
        self._cache: dict[Hashable, object] = {}
        self._cache_lock = threading.Lock()
        self._lemma_cache: dict[str, tuple[str, ...]] = {}  # word -> lemma_stems(word)

    def cached(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value derived from this language only (a concept's alternatives), made once."""
        found = self._cache.get(key)
        if found is None:
            made = make()
            with self._cache_lock:
                if len(self._cache) > 20_000:
                    self._cache.clear()
                self._cache[key] = made
            return made
        return cast(T, found)  # what ``make`` made for this key

    def with_thesaurus(self, thesaurus: Thesaurus) -> Language:
        return Language(self.lexicon, thesaurus)

    # -- words

    def keys(self, word: str) -> frozenset[str]:
        """Match keys of a normalised word: its stem and the stems of its lemmas."""
        return _keys(self.lexicon, word)

    def lemma_stems(self, word: str) -> tuple[str, ...]:
        """Stems of the word's lemmas that differ from its own stem (for the index); looked up
        in the lexicon once per word (indexing asks for every word of every document)."""
        found = self._lemma_cache.get(word)
        if found is None:
            own = stem(word)
            stems = (stem(normalize(lemma)) for lemma in self.lexicon.lemmas(word))
            found = tuple(dict.fromkeys(s for s in stems if s != own))
            if len(self._lemma_cache) >= 100_000:  # a bound, far above a map's vocabulary
                self._lemma_cache = {}
            self._lemma_cache[word] = found
        return found

    def is_word(self, word: str) -> bool:
        return self.lexicon.is_word(word)

    def frequency(self, word: str) -> float:
        return self.lexicon.frequency(word)


_KEY_CACHE: dict[tuple[int, str], frozenset[str]] = {}
_KEY_LOCK = threading.Lock()


def _keys(lexicon: WordKnowledge, word: str) -> frozenset[str]:
    cache_key = (id(lexicon), word)
    found = _KEY_CACHE.get(cache_key)
    if found is None:
        keys = {stem(word)}
        for lemma in lexicon.lemmas(word):
            keys.add(stem(normalize(lemma)))
        found = frozenset(keys)
        with _KEY_LOCK:
            if len(_KEY_CACHE) > 200_000:
                _KEY_CACHE.clear()
            _KEY_CACHE[cache_key] = found
    return found


def word_keys(language: Language, word: str) -> frozenset[str]:
    return language.keys(word)


def content_words(text: str) -> list[str]:
    """The normalised words of a term or phrase, stop words left out."""
    return [t.word for t in tokenize(text) if t.word not in STOP_WORDS]


def matching_words(text: str) -> list[str]:
    """The words of a term a query must hold: as a query is read, without the words that
    phrase a question ("lost my job" -> lost, job; "werk zoeken" -> werk), unless nothing
    else is left."""
    words = content_words(text)
    return [w for w in words if w not in FRAME_WORDS] or words

@dataclass(frozen=True)
class _Entry:
    keys: tuple[frozenset[str], ...]  # per word of the term: the keys any query word may match
    concept: str
    term: ConceptTerm


@dataclass(frozen=True)
class ConceptHit:
    positions: tuple[int, ...]  # the query words the term covered
    concept: Concept
    term: ConceptTerm


class ConceptIndex:
    """The thesaurus terms by their first word's keys, longest terms first."""

    def __init__(self, thesaurus: Thesaurus, language: Language) -> None:
        self.thesaurus = thesaurus
        by_key: dict[str, list[_Entry]] = {}
        self.words: dict[str, int] = {}  # every (normalised) word of a term: for spelling
        for concept in thesaurus:
            for term in concept.terms:
                words = matching_words(term.text)
                if not words:
                    continue
                if term.kind == "en":  # English terms meet English query words only
                    keys = tuple(frozenset(EN + f for f in _english_forms(w)) for w in words)
                else:
                    keys = tuple(frozenset(language.keys(w)) for w in words)
                entry = _Entry(keys, concept.id, term)
                for key in keys[0]:
                    by_key.setdefault(key, []).append(entry)
                for w in words:
                    if w.isalpha() and term.kind != "en":
                        self.words[w] = self.words.get(w, 0) + 1
        for entries in by_key.values():
            entries.sort(key=lambda e: (-len(e.keys), e.concept, e.term.text))
        self._by_key = by_key
        # a concept by the name a "verwant" word may use: its id, or one of its Dutch terms
        self._names: dict[str, str] = {}
        for concept in thesaurus:
            self._names.setdefault(concept.id.replace("-", " "), concept.id)
        for concept in thesaurus:
            for term in concept.terms:
                if term.kind in ("nl", "vak"):
                    self._names.setdefault(term.text, concept.id)

    def __len__(self) -> int:
        return len(self.thesaurus)

    def named(self, text: str) -> Concept | None:
        """The concept a word or phrase names (its id, or one of its Dutch terms)."""
        ident = self._names.get(" ".join(text.lower().split()))
        return self.thesaurus.get(ident) if ident else None

    def _who(self, ident: str) -> bool:
        concept = self.thesaurus.get(ident)
        return concept is not None and concept.sort == "doelgroep"

    def knows_key(self, keys: Iterable[str]) -> bool:
        return any(k in self._by_key for k in keys)

    def only_who(self, keys: Iterable[str]) -> bool:
        """Whether a word with these keys is a one-word term of target groups only ("ouderen",
        "moeder"), and of no topic ("huishouden" is a household and a need)."""
        sorts = {self.thesaurus.concepts[e.concept].sort
                 for k in keys for e in self._by_key.get(k, ()) if len(e.keys) == 1}
        return sorts == {"doelgroep"}

    def match(self, token_keys: list[frozenset[str] | None], *, english: bool = False) -> list[ConceptHit]:
        """Thesaurus terms found in a query (one key set per query word; None = not available).

        Longest terms first; a word belongs to one span of words. Among terms of the same
        length a full term wins over a "verwant" or lighter one, then a target group
        ("ouderen"), then the heavier term. Every concept of the
        same sort with a term on exactly a span that was taken is found too ("rood staan" is
        both borrowing and debts): the query means all of them."""
        candidates = self._candidates(token_keys, english=english)
        spans = self._spans(candidates, token_keys)
        hits: list[ConceptHit] = []
        found: set[tuple[tuple[int, ...], str]] = set()
        for entry in candidates:
            for span, who in spans.items():
                if not self._shares(entry, span, who, token_keys, found):
                    continue
                found.add((span, entry.concept))
                concept = self.thesaurus.get(entry.concept)
                assert concept is not None
                hits.append(ConceptHit(span, concept, entry.term))
        return hits

    def _candidates(self, token_keys: list[frozenset[str] | None], *, english: bool) -> list[_Entry]:
        """The terms with a key of a query word, in the order they take words (``match``)."""
        candidates: list[_Entry] = []
        seen: set[int] = set()
        for keys in token_keys:
            for key in keys or ():
                for entry in self._by_key.get(key, ()):
                    if id(entry) not in seen:
                        seen.add(id(entry))
                        candidates.append(entry)
        # (a Dutch reading of a word before an English one, unless the query reads as English)
        candidates.sort(key=lambda e: (-len(e.keys), e.term.kind == "verwant" or e.term.weight < 1.0,
                                       (e.term.kind == "en") != english, not self._who(e.concept),
                                       -e.term.weight, e.concept, e.term.text))
        return candidates

    def _spans(self, candidates: list[_Entry], token_keys: list[frozenset[str] | None]
               ) -> dict[tuple[int, ...], bool]:
        """The spans of query words the candidates take in turn -> whether a target group took it."""
        free = [keys is not None for keys in token_keys]
        spans: dict[tuple[int, ...], bool] = {}
        for entry in candidates:
            span = self._place(entry, token_keys, lambda i: free[i])
            if span is not None:
                for p in span:
                    free[p] = False
                spans[span] = self._who(entry.concept)
        return spans

    def _shares(self, entry: _Entry, span: tuple[int, ...], who: bool,
                token_keys: list[frozenset[str] | None], found: set[tuple[tuple[int, ...], str]]) -> bool:
        """Whether ``entry``'s concept is found on a taken span: a term of the same sort on
        exactly that span, sharing it through one of its own words as fully (not a "verwant"
        word, not at a lower weight), and not found there already."""
        if len(span) != len(entry.keys) or self._who(entry.concept) != who:
            return False
        if found and (entry.term.kind == "verwant" or entry.term.weight < 1.0) and any(
                s == span for s, _ in found):
            return False
        if self._place(entry, token_keys, lambda i: i in span) != span:
            return False
        return (span, entry.concept) not in found

    @staticmethod
    def _place(entry: _Entry, token_keys: list[frozenset[str] | None],
               allowed: Callable[[int], bool]) -> tuple[int, ...] | None:
        """The query words a term covers (each of its words on another query word), or None."""
        positions: list[int] = []
        for wanted in entry.keys:
            pos = next((i for i, have in enumerate(token_keys)
                        if have is not None and allowed(i) and i not in positions and have & wanted), None)
            if pos is None:
                return None
            positions.append(pos)
        return tuple(sorted(positions))


def _lexicon_dir() -> Path | None:
    configured = os.environ.get("BW_LEXICON_DIR")
    path = Path(configured) if configured else DATA_DIR / "lexicon"
    return path if path.is_dir() else None


_LOADED: dict[tuple[object, ...], Language] = {}
_LOADED_LOCK = threading.Lock()


def _files_signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What a folder (or file) of data holds, cheaply: names, sizes and modification times."""
    if not path.exists():
        return ()
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file())


def load_language(thesaurus_path: str | os.PathLike[str] | None = None, *, extra: Iterable[Concept] = (),
                  life_domains: Iterable[str] | None = None,
                  target_groups: Iterable[str] | None = None) -> Language:
    """The lexicon of ``data/lexicon`` and the thesaurus of ``thesaurus_path`` (default
    ``data/thesaurus``) plus ``extra`` concepts.

    A ``Language`` is immutable, so without ``extra`` concepts one made from the same files is
    shared by every application of the process (each ``create_app``, e.g. a CLI command or a
    test, would otherwise parse the thesaurus again: about a second)."""
    extras = tuple(extra)
    if extras:
        return _load_language(thesaurus_path, extras, life_domains, target_groups)
    path = Path(thesaurus_path) if thesaurus_path else DATA_DIR / "thesaurus"
    domains = tuple(sorted(life_domains)) if life_domains is not None else None
    groups = tuple(sorted(target_groups)) if target_groups is not None else None
    folder = _lexicon_dir()
    key = (str(path.resolve()), _files_signature(path), domains, groups,
           str(folder) if folder else None)
    with _LOADED_LOCK:
        found = _LOADED.get(key)
        if found is None:
            found = _load_language(path, (), domains, groups)
            if len(_LOADED) >= 8:
                _LOADED.clear()
            _LOADED[key] = found
    return found


def _load_language(thesaurus_path: str | os.PathLike[str] | None, extra: tuple[Concept, ...],
                   life_domains: Iterable[str] | None,
                   target_groups: Iterable[str] | None) -> Language:
    folder = _lexicon_dir()
    lexicon = Lexicon.load(folder) if folder is not None else None
    path = Path(thesaurus_path) if thesaurus_path else DATA_DIR / "thesaurus"
    thesaurus = load_thesaurus(path, life_domains=life_domains, target_groups=target_groups,
                               extra=extra) if path.exists() else Thesaurus.of(extra, replace=True)
    return Language(lexicon, thesaurus)
