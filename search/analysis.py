"""Dutch text analysis shared by every search backend.

Python with the Snowball ``dutch_porter`` stemmer from ``snowballstemmer`` (nothing from
Whoosh), so every backend reuses it: analyse in Python, store the resulting terms, query with
the same terms.

Pipeline for documents::

    text -> tokens (normalised: lowercase, no accents) -> drop stop words
         -> for each word: its stem, plus the stems of its compound parts
            ("mantelzorgondersteuning" -> mantelzorgondersteun, mantel, zorg, ondersteun,
             mantelzorg, zorgondersteun)

Queries are planned by ``search.query`` with the same tokens, stems and compound parts, and
the words that phrase a question (``FRAME_WORDS``) left out.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import snowballstemmer

__all__ = [
    "STOP_WORDS",
    "FRAME_WORDS",
    "WordList",
    "Token",
    "PlanTerm",
    "Decompounder",
    "SpellIndex",
    "normalize",
    "tokenize",
    "stem",
    "prefix_for",
    "analyze_text",
    "edit_distance",
    "max_edits",
    "ANALYSIS_VERSION",
]

# Dutch stop words: the Snowball list Whoosh ships, plus a few very common words it lacks.
STOP_WORDS: frozenset[str] = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of
    om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
    was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
    des den hen jij jou jouw jullie wij we wel
    """.split()
)

# Words that phrase a question or a request (Dutch and English): they say nothing about the
# provision sought. Dropped from queries only, and only when other words remain.
FRAME_WORDS: frozenset[str] = frozenset(
    """
    waar welke welk wanneer hoe waarom wie kun kunt kunnen mag mogen moet moeten moest
    wil wilt willen zou zouden graag alsjeblieft aub svp bent heb hebt ben is zijn word wordt
    krijgen krijg vinden vind zoek zoeken zoekt nodig bijna erg heel echt even gewoon soms vaak
    laatst steeds weer beetje iemand iets ergens er hier daar mee mogelijk mogelijkheid
    mogelijkheden vraag vragen hallo hoi beste dank bedankt terecht terechtkunnen kan ga gaat
    gaan doe doet weet weten iets graag misschien please wat welke mijn onze ons jullie
    hij zij ze we wij ik jij je u uw hem haar hun heeft had hadden
    i me my mine we our you your the a an to of for with in on at is are am be been can could
    how where what who which need needs want wants get find some any please do does there here
    about and or im i'm looking look search searching am would like help helps
    """.split()
)

# Common parts of Dutch compounds in the social domain (normalised, not stemmed). Document
# words are learned on top of these (``Decompounder.learn``).
BUILTIN_PARTS: frozenset[str] = frozenset(
    """
    mantel zorg zorgen hulp schuld schulden taal cafe huis huishoud huishouden huishouding
    thuis administratie inloop ondersteuning verlening hulpverlening vrijwilliger vrijwilligers
    werk vacature vacatures bank ontmoeting ochtend middag avond koffie maaltijd maaltijden
    eten voedsel pakket dag week besteding opvang logeer respijt jeugd jongeren jongere ouderen
    oudere kinder kind kinderen gezin ouder ouders opvoed opvoeding school les lessen cursus
    training groep groepen punt loket centrum plein kamer huiskamer buurt wijk dorp dorps team
    coach maatje maatjes bezoek vervoer taxi bus rolstoel scootmobiel woning wonen aanpassing
    aanpassingen trap lift klus klussen dienst tuin onderhoud boodschappen geld zaken geldzaken
    budget beheer bewind voering armoede minima fonds toeslag toeslagen uitkering inkomen sport
    bewegen beweeg spreekuur advies informatie lijn telefoon digitaal digi computer formulier
    formulieren brief brieven post mishandeling geweld verslaving drugs alcohol drank dementie
    alzheimer geheugen psychisch gezondheid geestelijk medisch arts huisarts verpleging verpleeg
    thuiszorg ziek zieken rouw verlies eenzaamheid netwerk sociaal contact steun steunpunt
    hulpmiddel hulpmiddelen middel middelen welzijn participatie inburgering nieuwkomer
    nieuwkomers status houder statushouder vluchteling vluchtelingen integratie reparatie
    repair winkel kleding kringloop ruil markt club vereniging atelier muziek koor wandel
    wandelen fiets fietsen zwem zwemmen spel bingo boerderij natuur activiteit activiteiten
    project plan regie toegang aanvraag melding indicatie begeleiding coaching ambulant
    beschermd overleg gesprek praat praten lotgenoten contact vakantie reis reizen auto
    chauffeur rijden vriend vrienden bezoekers dienstverlening loopbaan baan banen re
    integratie opleiding leer leren lezen schrijven rekenen lees schrijf reken ontwikkeling
    vaardigheden vaardigheid consult bureau consultatie consultatiebureau
    """.split()
) - {"re"}

#: Changes whenever documents are analysed differently (so indexes are rebuilt or repaired).
ANALYSIS_VERSION = "2"  # 2: lemma stems, lexicon compound parts

LINKERS = ("en", "s", "e")  # linking morphemes between compound parts (huis-en-..., dorps-...)
_MIN_BUILTIN_PART = 3
_MIN_LEARNED_PART = 4
_MIN_COMPOUND = 6
_MIN_PART_FREQUENCY = 2.5  # Zipf: a lexicon word this common may be a compound part
_MAX_PARTS = 6

_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Snowball's dutch_porter: the stems Whoosh's Dutch stemmer gave (same on all 516,874 words of
# data/lexicon), so indexes built before the switch stay valid. Stemmer objects keep state
# while stemming: one per thread.
_stemmers = threading.local()


def _stem(word: str) -> str:
    stemmer = getattr(_stemmers, "stemmer", None)
    if stemmer is None:
        stemmer = _stemmers.stemmer = snowballstemmer.stemmer("dutch_porter")
    return str(stemmer.stemWord(word))


# --------------------------------------------------------------------------- tokens


def normalize(text: str) -> str:
    """Lowercase and strip accents: "Financiën" -> "financien", "Café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@dataclass(frozen=True)
class Token:
    """A word of the input: normalised (hyphens removed), with its span in the NFC text."""

    word: str
    start: int
    end: int
    pieces: tuple[str, ...] = ()  # the parts of a hyphenated word ("taal-cafe")


#: ``normalize`` of a word, remembered: the same words come back in every document
_normal_word = lru_cache(maxsize=65536)(normalize)


def tokenize(text: str) -> list[Token]:
    """Split text into words. Apostrophes separate words; hyphens join compound pieces."""
    text = unicodedata.normalize("NFC", text)
    out: list[Token] = []
    for match in _WORD_RE.finditer(text):
        norm = _normal_word(match.group())
        pieces = tuple(p for p in norm.split("-") if p)
        word = "".join(pieces)
        if len(word) < 2 and not word.isdigit():
            continue
        out.append(Token(word, match.start(), match.end(), pieces if len(pieces) > 1 else ()))
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Dutch Snowball (dutch_porter) stem of a normalised word."""
    if word.isdigit():
        return word
    return _stem(word)


def prefix_for(word: str) -> str | None:
    """Prefix to match for a query word: its stem (≥ 4 letters) or the word itself (≥ 4)."""
    if not word.isalpha():
        return None
    s = stem(word)
    if len(s) >= 4:
        return s
    if len(word) >= 4:
        return word
    return None


# --------------------------------------------------------------------------- compounds


class WordList(Protocol):
    """What the decompounder asks a Dutch lexicon (``search.lexicon.Lexicon``)."""

    def is_word(self, word: str) -> bool: ...

    def frequency(self, word: str) -> float: ...


_MAX_LEXICON_ANSWERS = 500_000
_LEXICON_ANSWERS: dict[int, tuple[WordList, dict[str, bool]]] = {}
_LEXICON_ANSWERS_LOCK = threading.Lock()


def _lexicon_part_answers(lexicon: WordList) -> dict[str, bool]:
    """The shared answers "is this piece a common word of ``lexicon``" (the lexicon is
    immutable and loaded once per process; it is kept alive here with its answers)."""
    with _LEXICON_ANSWERS_LOCK:
        found = _LEXICON_ANSWERS.get(id(lexicon))
        if found is None or found[0] is not lexicon:
            found = (lexicon, {})
            _LEXICON_ANSWERS[id(lexicon)] = found
        return found[1]


class Decompounder:
    """Splits Dutch compounds into known parts.

    Known parts are a built-in list plus words learned from the documents (≥ 4 letters). The
    split with the fewest parts wins (ties: the one using fewer linking letters); each part is
    split again, so "schuldhulpverlening" gives schuld | hulp | verlening. Thread-safe.
    """

    def __init__(self, parts: Iterable[str] = BUILTIN_PARTS, lexicon: WordList | None = None) -> None:
        self._builtin = frozenset(normalize(p) for p in parts)
        self._learned: set[str] = set()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        # a Dutch lexicon (``search.lexicon``): its common words are parts too, so a compound
        # no document uses still splits (kledingbank -> kleding | bank)
        self._lexicon = lexicon
        # what the lexicon says of a piece never changes: one answer per piece and process,
        # shared by every decompounder of the same lexicon (a rebuild asks tens of thousands)
        self._lexicon_parts = _lexicon_part_answers(lexicon) if lexicon is not None else {}

    def learn(self, words: Iterable[str]) -> None:
        new = {
            w
            for w in words
            if len(w) >= _MIN_LEARNED_PART and w.isalpha() and w not in STOP_WORDS and w not in self._learned
        }
        if new:
            with self._lock:
                self._learned |= new
                self._cache = {}

    def _is_part(self, piece: str) -> bool:
        if piece in STOP_WORDS:
            return False
        if piece in self._builtin:
            return len(piece) >= _MIN_BUILTIN_PART
        if len(piece) < _MIN_LEARNED_PART:
            return False
        if piece in self._learned:
            return True
        lexicon = self._lexicon
        if lexicon is None:
            return False
        known = self._lexicon_parts.get(piece)
        if known is None:
            known = lexicon.is_word(piece) and lexicon.frequency(piece) >= _MIN_PART_FREQUENCY
            if len(self._lexicon_parts) < _MAX_LEXICON_ANSWERS:
                self._lexicon_parts[piece] = known
        return known

    def _best_split(self, word: str) -> list[tuple[int, int]] | None:
        """Spans (start, end) of the parts of ``word`` (≥ 2 parts), or None."""
        n = len(word)
        # best[i]: (parts, linker letters, spans) covering word[:i]
        best: list[tuple[int, int, list[tuple[int, int]]] | None] = [None] * (n + 1)
        best[0] = (0, 0, [])
        for i in range(n):
            cur = best[i]
            if cur is None or cur[0] >= _MAX_PARTS:
                continue
            for j in range(i + _MIN_BUILTIN_PART, n + 1):
                if i == 0 and j == n:
                    continue  # the word itself is not a split
                if not self._is_part(word[i:j]):
                    continue
                spans = cur[2] + [(i, j)]
                options = [(j, 0)]
                for link in LINKERS:
                    k = j + len(link)
                    if k < n and word.startswith(link, j):
                        options.append((k, len(link)))
                for k, extra in options:
                    cand = (cur[0] + 1, cur[1] + extra, spans)
                    old = best[k]
                    if old is None or (cand[0], cand[1]) < (old[0], old[1]):
                        best[k] = cand
        final = best[n]
        if final is None or final[0] < 2:
            return None
        return final[2]

    def split(self, word: str) -> tuple[str, ...]:
        """The finest parts of a compound, in order; () when it is not a known compound."""
        if len(word) < _MIN_COMPOUND or not word.isalpha():
            return ()
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        spans = self._best_split(word)
        result: tuple[str, ...] = ()
        if spans:
            parts: list[str] = []
            for a, b in spans:
                sub = self.split(word[a:b]) if b - a >= _MIN_COMPOUND else ()
                parts.extend(sub or (word[a:b],))
            result = tuple(parts)
        self._cache[word] = result
        return result

    def spans(self, word: str) -> list[str]:
        """Every run of adjacent parts, except the whole word: the index terms it adds.

        "mantelzorgondersteuning" -> mantel, zorg, ondersteuning, mantelzorg, zorgondersteuning.
        Linking letters are kept inside a run ("vrijwilligersvacature") but not at its end.
        """
        parts = self.split(word)
        if not parts:
            return []
        # locate the parts in the word (linkers sit between them)
        bounds: list[tuple[int, int]] = []
        pos = 0
        for part in parts:
            start = word.index(part, pos)
            bounds.append((start, start + len(part)))
            pos = start + len(part)
        out: list[str] = []
        for i in range(len(parts)):
            for j in range(i, len(parts)):
                if i == 0 and j == len(parts) - 1:
                    continue
                out.append(word[bounds[i][0] : bounds[j][1]])
        return out


# --------------------------------------------------------------------------- documents


def analyze_text(text: str, decompounder: Decompounder | None,
                 lemma_stems: Callable[[str], Iterable[str]] | None = None) -> tuple[list[str], list[str]]:
    """Index terms (stems, compound parts included) and spelling words (unstemmed) of a text.

    ``lemma_stems(word)``: stems of the word's lemmas (``Language.lemma_stems``), indexed too,
    so "woont" in a description meets "wonen" in a query and the other way round."""
    terms: list[str] = []
    words: list[str] = []
    for token in tokenize(text):
        variants = [token.word, *token.pieces]
        for piece in token.pieces:
            if decompounder is not None:
                variants.extend(decompounder.spans(piece))
        if decompounder is not None:
            variants.extend(decompounder.spans(token.word))
        seen: set[str] = set()
        for w in variants:
            if w in seen or w in STOP_WORDS:
                continue
            seen.add(w)
            terms.append(stem(w))
            if w.isalpha():
                words.append(w)
                if lemma_stems is not None:
                    terms.extend(lemma_stems(w))
    return terms, words


def text_words(text: str) -> list[str]:
    """The spelling words of a text: what ``analyze_text(text, None)`` gives second, without
    stemming every word for terms nobody asked for (the decompounder learns these)."""
    words: list[str] = []
    for token in tokenize(text):
        seen: set[str] = set()
        for w in (token.word, *token.pieces):
            if w in seen or w in STOP_WORDS:
                continue
            seen.add(w)
            if w.isalpha():
                words.append(w)
    return words


# --------------------------------------------------------------------------- query terms


@dataclass(frozen=True)
class PlanTerm:
    """An index term a query looks for: a stem, and optionally a prefix to match too."""

    stem: str
    prefix: str | None = None  # also match index terms starting with this


# --------------------------------------------------------------------------- spelling


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            row_min = min(row_min, v)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


def max_edits(word: str) -> int:
    """Edits allowed when correcting a word: none below 4 letters, 1 up to 7, 2 from 8, 3
    from 13 (long words have few neighbours: consultatieburo -> consultatiebureau)."""
    if len(word) < 4 or not word.isalpha():
        return 0
    if len(word) < 8:
        return 1
    return 2 if len(word) < 13 else 3


class SpellIndex:
    """Spelling suggestions from a vocabulary of (word, document frequency).

    Candidates share the first letter and are within ``max_edits`` (Damerau-Levenshtein);
    closest first, then the most frequent, then alphabetical.
    """

    def __init__(self, counts: Mapping[str, int] | Iterable[tuple[str, int]]) -> None:
        items = counts.items() if isinstance(counts, Mapping) else counts
        self._counts: dict[str, int] = {}
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for word, freq in items:
            if not word or not word.isalpha():
                continue
            self._counts[word] = self._counts.get(word, 0) + int(freq)
        for word in self._counts:
            self._buckets.setdefault((word[0], len(word)), []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self._counts

    def count(self, word: str) -> int:
        """The word's document frequency (0 when unknown)."""
        return self._counts.get(word, 0)

    def suggest(self, word: str, limit: int = 1) -> list[str]:
        k = max_edits(word)
        if k == 0:
            return []
        scored: list[tuple[int, int, str]] = []
        for length in range(len(word) - k, len(word) + k + 1):
            for cand in self._buckets.get((word[0], length), ()):
                if cand == word:
                    continue
                d = edit_distance(word, cand, k)
                if d <= k:
                    scored.append((d, -self._counts[cand], cand))
        scored.sort()
        return [c for _, _, c in scored[:limit]]
