"""The Dutch lexicon of the search: word forms, lemmas, frequencies, English -> Dutch, synonyms.

Reads the gzipped files in ``data/lexicon/`` (made by ``data/lexicon/derive.py``; sources, licences and
formats in ``data/lexicon/README.md``). Pure Python, standard library only, no Flask.

Every file is a list of UTF-8 lines sorted by their bytes, the first tab-separated field being the key.
Each is kept in memory as one ``bytes`` object plus an array of line starts, and looked up by binary
search: about 20 MB for half a million word forms and the rest, where Python sets and dicts of the same
data would take several times that and load slower.

Words are looked up normalised as ``search.analysis.normalize`` does (lowercase, no accents; a copy of it
is here so that this module imports nothing from Whoosh), with inner hyphens joined as the tokenizer does.
"""

from __future__ import annotations

import gzip
import os
import threading
import unicodedata
from array import array
from itertools import accumulate
from pathlib import Path

__all__ = ["Lexicon", "DEFAULT_DIRECTORY"]

DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "data" / "lexicon"

FILES = {
    "words": "dutch-words.txt.gz",
    "lemmas": "dutch-lemmas.tsv.gz",
    "frequencies": "dutch-frequencies.tsv.gz",
    "english": "english-dutch.tsv.gz",
    "synonyms": "dutch-synonyms.tsv.gz",
}

MAX_ENGLISH = 8  # Dutch lemmas returned for one English word or phrase
BASE_FACTOR = 0.9  # weight of a base form's translations when the inflected form is a lemma too

# WordNet's morphy detachment rules (suffix -> ending) per part of speech.
MORPHY_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
          ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip

# English words skipped when a phrase is looked up word by word.
ENGLISH_STOP_WORDS = frozenset(
    """
    a an the of for with without in on at to from by about and or but not no i me my mine we us our you
    your he him his she her it its they them their this that these those is are am was were be been being
    have has had do does did can could will would shall should may might must there here some any please
    how where what when who whom which why need needs want wants get gets find
    """.split()
)


def _normalize(text: str) -> str:
    """``search.analysis.normalize``: lowercase, accents stripped ("Financiën" -> "financien")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _dutch_key(word: str) -> bytes | None:
    """A Dutch word as the files hold it: normalised, inner hyphens joined ("taal-cafe" -> "taalcafe")."""
    key = _normalize(word.strip())
    if "-" in key:
        key = key.replace("-", "")
    return key.encode("utf-8") if key else None


def _phrase_key(text: str) -> str:
    """A word or phrase: normalised, underscores as spaces, single spaces ("Food_Bank" -> "food bank")."""
    return " ".join(_normalize(text).replace("_", " ").split())


class _Table:
    """Sorted lines ``key[\\tvalue...]`` in one bytes object, found by binary search on the key."""

    __slots__ = ("_data", "_starts")

    def __init__(self, data: bytes = b"") -> None:
        if data and not data.endswith(b"\n"):
            data += b"\n"
        self._data = data
        lengths = map(len, data.split(b"\n")[:-1]) if data else iter(())
        # start of each line, then the end of the data: start[i + 1] = start[i] + len(line i) + 1
        self._starts = array("I", accumulate(map((1).__add__, lengths), initial=0))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def find(self, key: bytes) -> int:
        """The line number of ``key``, or -1."""
        data, starts = self._data, self._starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi) >> 1
            start, end = starts[mid], starts[mid + 1] - 1
            tab = data.find(b"\t", start, end)
            if data[start : end if tab < 0 else tab] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(starts) - 1:
            start, end = starts[lo], starts[lo + 1] - 1
            stop = start + len(key)
            if data[start:stop] == key and (stop == end or data[stop : stop + 1] == b"\t"):
                return lo
        return -1

    def __contains__(self, key: bytes) -> bool:
        return self.find(key) >= 0

    def values(self, key: bytes) -> list[str]:
        """The fields after the key, [] when the key is missing."""
        i = self.find(key)
        if i < 0:
            return []
        line = self._data[self._starts[i] : self._starts[i + 1] - 1].decode("utf-8")
        return line.split("\t")[1:]


class Lexicon:
    """Dutch word forms, lemmas and frequencies; English -> Dutch; Dutch synonyms. Read-only, thread-safe."""

    _cache: dict[Path, Lexicon] = {}
    _lock = threading.Lock()

    def __init__(
        self,
        words: bytes = b"",
        lemmas: bytes = b"",
        frequencies: bytes = b"",
        english: bytes = b"",
        synonyms: bytes = b"",
    ) -> None:
        self._words = _Table(words)
        self._lemmas = _Table(lemmas)
        self._frequencies = _Table(frequencies)
        self._english = _Table(english)
        self._synonyms = _Table(synonyms)

    # ------------------------------------------------------------------ construction

    @classmethod
    def load(cls, directory: str | os.PathLike[str] | None = None) -> Lexicon:
        """The lexicon in ``directory`` (default ``<repo>/data/lexicon``), read once per process.

        Raises FileNotFoundError when a file is missing (``Lexicon.empty()`` is the stand-in then).
        """
        path = Path(directory) if directory is not None else DEFAULT_DIRECTORY
        key = path.resolve()
        with cls._lock:
            lexicon = cls._cache.get(key)
            if lexicon is None:
                data = {name: gzip.decompress((key / file).read_bytes()) for name, file in FILES.items()}
                lexicon = cls(**data)
                cls._cache[key] = lexicon
            return lexicon

    @classmethod
    def empty(cls) -> Lexicon:
        """A lexicon that knows no words (when the data folder is missing)."""
        return cls()

    def __len__(self) -> int:
        """The number of Dutch word forms."""
        return len(self._words)

    def __repr__(self) -> str:
        return f"<Lexicon {len(self)} Dutch word forms>"

    # ------------------------------------------------------------------ Dutch

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is a Dutch word form (a lemma or an inflected form), in any case or accents."""
        key = _dutch_key(word)
        return key is not None and key in self._words

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The lemmas of an inflected form ("kinderen" -> ("kind",)); () when none differs from the word."""
        key = _dutch_key(word)
        return tuple(self._lemmas.values(key)) if key else ()

    def frequency(self, word: str) -> float:
        """The Zipf frequency of a Dutch word (log10 of its count per billion words; "de" 7.7, "zoon" 5.4);
        0.0 when it is not among the most common ~200,000."""
        key = _dutch_key(word)
        values = self._frequencies.values(key) if key else []
        return float(values[0]) if values else 0.0

    def synonyms(self, word: str) -> tuple[str, ...]:
        """Open Dutch WordNet synonyms of a Dutch lemma (general language, every sense: use with care)."""
        key = _phrase_key(word)  # ODWN lemmas may be phrases
        return tuple(self._synonyms.values(key.encode("utf-8"))) if key else ()

    # ------------------------------------------------------------------ English

    def english(self, text: str) -> list[tuple[str, float]]:
        """Dutch lemmas for an English word or phrase, best first: [(dutch, weight)].

        The weight comes from the rank of the WordNet sense (1.0, 0.7, 0.5, 0.3). Inflected forms are
        found through WordNet's morphy rules and exception lists ("debts" -> debt, "children" -> child,
        "feeling" -> feeling and feel). A phrase is tried whole ("food bank", "food banks"); when it is
        not known, each of its words is (English stop words skipped) and their translations are merged.
        [] when nothing is known.
        """
        query = _phrase_key(text)
        if not query:
            return []
        found = self._english_phrase(query)
        if found or " " not in query:
            return found
        merged: dict[str, float] = {}
        for word in query.split():
            if word in ENGLISH_STOP_WORDS:
                continue
            for dutch, weight in self._english_phrase(word):
                if weight > merged.get(dutch, 0.0):
                    merged[dutch] = weight
        return sorted(merged.items(), key=lambda item: -item[1])

    def _english_entry(self, key: str) -> tuple[str, list[tuple[str, float]], list[str]] | None:
        """(parts of speech, translations, morphy exception bases) of an English key, or None."""
        values = self._english.values(key.encode("utf-8"))
        if not values:
            return None
        pos, cells, exceptions = (values + ["", "", ""])[:3]
        translations = []
        for cell in cells.split("|") if cells else ():
            dutch, _, weight = cell.rpartition(":")
            translations.append((dutch, float(weight)))
        return pos, translations, exceptions.split()

    def _english_bases(self, word: str,
                       entry: tuple[str, list[tuple[str, float]], list[str]] | None) -> list[str]:
        """WordNet morphy: base forms of ``word`` that are lemmas with translations (exceptions first)."""
        bases = [item.partition(":")[2] for item in entry[2]] if entry else []
        for pos, rules in MORPHY_RULES.items():
            if pos == "n" and (word.endswith("ss") or len(word) <= 2):
                continue
            for suffix, ending in rules:
                if len(word) > len(suffix) and word.endswith(suffix):
                    base = word[: len(word) - len(suffix)] + ending
                    base_entry = self._english_entry(base)
                    if base_entry is not None and pos in base_entry[0] and base not in bases:
                        bases.append(base)
        return bases

    def _english_phrase(self, query: str) -> list[tuple[str, float]]:
        entry = self._english_entry(query)
        known = entry is not None and bool(entry[1])
        sources: dict[str, float] = {query: 1.0} if known else {}
        for base in self._english_bases(query, entry):
            sources.setdefault(base, BASE_FACTOR if known else 1.0)
        if not sources and " " in query:  # "looking for" -> "look for": morph one word of the phrase
            words = query.split()
            for i, word in enumerate(words):
                for base in self._english_bases(word, self._english_entry(word)):
                    phrase = " ".join([*words[:i], base, *words[i + 1 :]])
                    if self._english_entry(phrase) is not None:
                        sources.setdefault(phrase, 1.0)
        best: dict[str, float] = {}
        for source, factor in sources.items():
            source_entry = entry if source == query else self._english_entry(source)
            for dutch, weight in source_entry[1] if source_entry else ():
                weight = round(weight * factor, 3)
                if weight > best.get(dutch, 0.0):
                    best[dutch] = weight
        return sorted(best.items(), key=lambda item: -item[1])[:MAX_ENGLISH]
