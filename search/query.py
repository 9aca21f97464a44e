"""What a person asked: the query plan every backend matches (the first half of the
matching core; ``search.relevance`` is the second).

From a resident's words to clauses::

    "Mijn zoon blowt, waar kan ik terecht?"
      -> words: zoon, blowt            (stop words and question frames carry no weight)
      -> concepts: zoon (who: kinderen, jongeren), blowt → blowen → drugs (middelengebruik)
      -> clause "drugs": blowen, blowt, wiet, cannabis, drugs, verslavingszorg … (topic)
         clause "zoon":  zoon, zonen, kind, jongere …                         (who, weighs less)

Each clause holds alternatives with a link weight (``search.relevance.LINK``): the literal
word, its lemma (blowt → blowen), its compound parts (kledingbank → kleding + bank), the
concept's other terms, narrower and broader concepts, English translations, general Dutch
synonyms (only for words the map does not use), and spelling corrections. A valid Dutch word
is never "corrected"; an unknown one is corrected against the words of the map and of the
thesaurus, closest and most common first. Alternatives that no document contains are dropped
before the backend sees the plan (``IndexProbe.known``).

No clause is required: a provision is scored on how much of the query it covers
(``search.relevance``), so a long question matches on its best-covered concepts.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from search.analysis import (
    FRAME_WORDS,
    STOP_WORDS,
    Decompounder,
    PlanTerm,
    SpellIndex,
    Token,
    edit_distance,
    max_edits,
    normalize,
    prefix_for,
    stem,
    tokenize,
)
from search.language import Language, content_words, english_keys
from search.relevance import (
    COMMON_ZIPF,
    FUZZY,
    GENERIC_IMPORTANCE,
    LINK,
    MODIFIER_SHARE,
    SEED_WEIGHT,
    WHO_IMPORTANCE,
)
from search.thesaurus import Concept

__all__ = ["Alternative", "Clause", "QueryPlan", "IndexProbe", "plan_query", "suggestion_text",
           "FRAME_WORDS", "GENERIC_WORDS"]

# Words that say little about which provision is meant: they count, but weigh little.
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    hulp helpen help geholpen zorg zorgen ondersteuning ondersteunen steun informatie info
    advies adviseren begeleiding begeleiden activiteit activiteiten organisatie organisaties
    gemeente berkelland mensen mens iedereen inwoner inwoners dingen ding probleem problemen
    service dienst diensten loket persoon personen plek plaats tijd dag week contact
    regelen geregeld aanvragen aanvraag kosten gratis goed beter nieuw nieuwe thuis buurt
    support care information advice service services people person problem problems
    """.split()
)

# English words that mark a query as English (none of them is a Dutch word).
_ENGLISH_MARKERS: frozenset[str] = frozenset(
    "i my me the with for need want where how what you your please looking find can im "
    "from have has our their help feel feeling".split()
)
_ENGLISH_I = re.compile(r"(?<![\w'])I(?:'m)?(?![\w'])")  # "I feel lonely": the tokenizer drops one letter


@dataclass(frozen=True)
class Alternative:
    """One way to satisfy a clause: every term must match (in some field)."""

    terms: tuple[PlanTerm, ...]
    weight: float = 1.0  # the link weight (``search.relevance.LINK``) times term weights
    how: str = "word"
    # whether a document matching only this brings it into the results (``relevance.SEED``):
    # a weak or everyday word only adds to documents found through the others
    seed: bool = True


@dataclass(frozen=True)
class Clause:
    tokens: tuple[Token, ...]  # the query words this clause stands for
    alternatives: tuple[Alternative, ...]
    role: str = "topic"  # topic: what is asked | who: who it is about (weighs less)
    importance: float = 1.0
    concepts: tuple[str, ...] = ()  # thesaurus concept ids

    @property
    def synonym(self) -> bool:
        return bool(self.concepts)


@dataclass(frozen=True)
class QueryPlan:
    text: str  # the NFC query text (token spans point into it)
    clauses: tuple[Clause, ...]
    corrections: tuple[tuple[Token, str], ...] = ()
    life_domains: dict[str, float] = field(default_factory=dict)  # what the words point to
    target_groups: dict[str, float] = field(default_factory=dict)
    english: bool = False

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def terms(self) -> set[PlanTerm]:
        return {t for c in self.clauses for a in c.alternatives for t in a.terms}

    @property
    def matchable(self) -> bool:
        """Whether any clause can match a document at all."""
        return any(c.alternatives for c in self.clauses)


class IndexProbe(Protocol):
    def known(self, terms: set[PlanTerm]) -> set[PlanTerm]:
        """The terms some document has (the stem exactly, or a term starting with the prefix)."""

    def suggest(self, word: str, limit: int) -> list[tuple[str, int]]:
        """Up to ``limit`` spelling variants of ``word`` from the words of visible documents,
        with their document frequency; [] when the word itself is one of them."""


# --------------------------------------------------------------------------- words


def _word_importance(language: Language, word: str) -> float:
    if word in GENERIC_WORDS:
        return GENERIC_IMPORTANCE
    if word.isdigit():
        return 0.5
    zipf = language.frequency(word)
    if zipf <= 0:
        return 1.0
    return max(GENERIC_IMPORTANCE, min(1.0, (6.3 - zipf) / 2.5))


def _term_stem(language: Language, word: str) -> str:
    """The stem a thesaurus word is matched by: its lemma's when it is an inflected form
    (documents hold the lemma stems of their words too, ``search.analysis.analyze_text``)."""
    lemmas = language.lexicon.lemmas(word)
    return stem(normalize(lemmas[0])) if lemmas else stem(word)


def _phrase_alternative(language: Language, text: str, weight: float, how: str) -> Alternative | None:
    words = content_words(text)
    if not words:
        return None
    common = all(language.frequency(w) >= COMMON_ZIPF for w in words)
    # what helps with it (a related concept) may bring documents in, however lightly it counts
    return Alternative(tuple(PlanTerm(_term_stem(language, w)) for w in words), weight, how,
                       seed=(weight >= SEED_WEIGHT or how == "related") and not common)


def _word_alternatives(language: Language, token: Token, decompounder: Decompounder | None,
                       factor: float, english: bool) -> list[Alternative]:
    word = token.word
    alts = [Alternative((PlanTerm(stem(word), prefix_for(word)),), LINK["word"] * factor, "word")]
    for lemma_stem in language.lemma_stems(word):
        alts.append(Alternative((PlanTerm(lemma_stem),), LINK["lemma"] * factor, "lemma"))
    parts = tuple(p for p in token.pieces if p not in STOP_WORDS)
    if not parts and decompounder is not None:
        parts = decompounder.split(word)
    if len(parts) > 1:
        alts.append(Alternative(tuple(PlanTerm(_term_stem(language, p)) for p in parts),
                                LINK["parts"] * factor, "parts"))
    if english or not language.is_word(word):
        for dutch, w in language.lexicon.english(word)[:5]:
            alt = _phrase_alternative(language, dutch, LINK["english"] * w * factor, "english")
            if alt is not None:
                alts.append(alt)
    return alts


def _synonym_alternatives(language: Language, word: str, factor: float) -> list[Alternative]:
    out = []
    for synonym in language.lexicon.synonyms(word)[:8]:
        alt = _phrase_alternative(language, synonym, LINK["synonym"] * factor, "synonym")
        if alt is not None:  # the only way to find anything for a word the map does not use
            out.append(Alternative(alt.terms, alt.weight, alt.how, seed=True))
    return out


def _unknown_compound(language: Language, token: Token, decompounder: Decompounder | None,
                      present: set[PlanTerm]) -> tuple[str, ...]:
    """The parts of a compound the map does not use as a whole (none when it does)."""
    word = token.word
    if PlanTerm(stem(word), prefix_for(word)) in present or any(
            PlanTerm(s) in present for s in language.lemma_stems(word)):
        return ()
    parts = tuple(p for p in token.pieces if p not in STOP_WORDS)
    if not parts and decompounder is not None:
        parts = decompounder.split(word)
    if len(parts) < 2:
        parts = _head_and_modifier(language, word)
    return parts if len(parts) > 1 else ()


def _head_and_modifier(language: Language, word: str) -> tuple[str, ...]:
    """A query word split once into a Dutch head and a short first part that is a word form
    too (eetgroep -> eet | groep, where "eet" is a form of "eten"): the split the document
    decompounder does not make, as parts of three letters would cut documents' words too
    often. The longest common head wins."""
    if len(word) < 7 or not word.isalpha():
        return ()
    for cut in range(3, len(word) - 3):
        head, first = word[cut:], word[:cut]
        if (len(head) >= 4 and language.is_word(head) and language.frequency(head) >= 3.0
                and language.is_word(first) and first not in STOP_WORDS):
            return first, head
    return ()


# --------------------------------------------------------------------------- concepts


def _concept_alternatives(language: Language, concept: Concept, factor: float) -> list[Alternative]:
    """The concept's own terms, its narrower and broader concepts' terms, and the concepts its
    "verwant" words name, weighted; the same for every query (cached per language)."""
    base = language.cached(("concept", concept.id), lambda: _expand_concept(language, concept))
    if factor == 1.0:
        return list(base)
    return [Alternative(a.terms, a.weight * factor, a.how, a.seed) for a in base]


def _expand_concept(language: Language, concept: Concept) -> tuple[Alternative, ...]:
    thesaurus = language.thesaurus
    factor = 1.0
    out: list[Alternative] = []

    def add(c: Concept, link: float, how: str) -> None:
        for term in c.terms:
            if term.kind == "en":
                continue
            kind = "related" if term.kind == "verwant" else how
            # a broader or narrower concept's "verwant" words are that much further away
            weight = (LINK["related"] * link / LINK["concept"] if term.kind == "verwant" else link) \
                * term.weight * factor
            alt = _phrase_alternative(language, term.text, weight, kind)
            if alt is not None:
                out.append(alt)

    add(concept, LINK["concept"], "concept")
    for narrower in thesaurus.narrower(concept.id):
        add(narrower, LINK["narrower"], "narrower")
    for ref in concept.broader:
        broader = thesaurus.get(ref)
        if broader is not None:
            add(broader, LINK["broader"], "broader")
    # a "verwant" word that names another concept links to that concept (loneliness →
    # ontmoeting: the coffee morning never says "lonely"), as much as the word weighs
    for term in concept.terms_of("verwant"):
        related = language.concepts.named(term.text)
        if related is None or related.id == concept.id:
            continue
        # the related concept, and its narrower ones a little less (ontmoeting: koffieochtend)
        targets = [(related, 1.0), *((n, LINK["narrower"]) for n in thesaurus.narrower(related.id))]
        for target, weight in targets:
            if target.id == concept.id:
                continue
            for other in target.terms:
                if other.kind in ("nl", "vak"):
                    alt = _phrase_alternative(language, other.text,
                                              LINK["related"] * weight * term.weight * other.weight * factor,
                                              "related")
                    if alt is not None:
                        out.append(alt)
    return tuple(out)


def _best(alternatives: Iterable[Alternative]) -> tuple[Alternative, ...]:
    """One alternative per set of terms, the heaviest."""
    best: dict[tuple[PlanTerm, ...], Alternative] = {}
    for alt in alternatives:
        key = tuple(sorted(set(alt.terms), key=lambda t: (t.stem, t.prefix or "")))
        if key not in best or alt.weight > best[key].weight:
            seed = alt.seed or (key in best and best[key].seed)
            best[key] = Alternative(key, alt.weight, alt.how, seed)
        elif alt.seed and not best[key].seed:
            best[key] = Alternative(key, best[key].weight, best[key].how, True)
    return tuple(sorted(best.values(), key=lambda a: (-a.weight, a.how, [t.stem for t in a.terms])))


# --------------------------------------------------------------------------- spelling


_SPELL_CACHE: dict[int, SpellIndex] = {}
_SPELL_LOCK = threading.Lock()


def _thesaurus_spelling(language: Language) -> SpellIndex:
    key = id(language.concepts)
    found = _SPELL_CACHE.get(key)
    if found is None:
        found = SpellIndex(language.concepts.words)
        with _SPELL_LOCK:
            if len(_SPELL_CACHE) > 8:
                _SPELL_CACHE.clear()
            _SPELL_CACHE[key] = found
    return found


def _correct(language: Language, probe: IndexProbe, word: str) -> str | None:
    """The likeliest intended word for an unknown one: closest first (Damerau), then the most
    common; words of the map and of the thesaurus."""
    k = max_edits(word)
    if k == 0:
        return None
    candidates: dict[str, tuple[int, float]] = {}
    for cand, count in probe.suggest(word, 5):
        candidates[cand] = (edit_distance(word, cand, k), language.frequency(cand) + min(count, 50) / 25)
    for cand in _thesaurus_spelling(language).suggest(word, 5):
        d = edit_distance(word, cand, k)
        score = language.frequency(cand) + 1.0
        if cand not in candidates or candidates[cand][1] < score:
            candidates[cand] = (d, score)
    ranked = sorted(candidates.items(), key=lambda kv: (kv[1][0], -kv[1][1], kv[0]))
    return ranked[0][0] if ranked and ranked[0][1][0] <= k else None


# --------------------------------------------------------------------------- the plan


def plan_query(text: str, language: Language, probe: IndexProbe,
               decompounder: Decompounder | None = None) -> QueryPlan:
    """Understand a resident's query (see the module docstring)."""
    nfc = unicodedata.normalize("NFC", text or "")
    tokens = [t for t in tokenize(nfc) if t.word not in STOP_WORDS]
    if not tokens:
        return QueryPlan(nfc, ())
    english = _reads_english(language, [t.word for t in tokens], nfc)
    content = [t for t in tokens if t.word not in FRAME_WORDS] or tokens
    # 1. spelling: an unknown word (not in the map, the thesaurus or the lexicon) is corrected
    reading = _spell(language, probe, content, english)
    # 2. thesaurus concepts (phrases first, words in any order)
    raw, used = _concept_clauses(reading)
    # 3. the other words; a compound no document uses counts as its parts
    raw.extend(_word_clauses(reading, used, decompounder))
    # 4. keep what the map has; general synonyms for words it does not have
    ordered = _kept_clauses(reading, raw)
    domains, groups = _pointed_codes(language, ordered)
    return QueryPlan(
        text=nfc,
        clauses=tuple(ordered),
        corrections=tuple(sorted(reading.corrections.items(), key=lambda kv: kv[0].start)),
        life_domains=_normalised(domains),
        target_groups=_normalised(groups),
        english=english,
    )


@dataclass
class _Reading:
    """A query's words as ``plan_query`` reads them, after the spelling step."""

    language: Language
    probe: IndexProbe
    english: bool
    content: list[Token]  # the words that matter (frame words left out)
    spelled: list[Token]  # the same, corrected
    corrections: dict[Token, str]
    present: set[PlanTerm]  # plan terms the index is known to hold

    def factor(self, positions: Iterable[int]) -> float:
        """The weight factor of a clause on these words (less when one was corrected)."""
        return FUZZY if any(self.content[p] in self.corrections for p in positions) else 1.0


def _reads_english(language: Language, words: list[str], nfc: str) -> bool:
    """Whether the query reads as English rather than Dutch."""
    english_only = [w for w in words if not language.is_word(w) and language.lexicon.english(w)]
    dutch_only = [w for w in words if language.is_word(w) and not language.lexicon.english(w)]
    return (any(w in _ENGLISH_MARKERS for w in words) or len(english_only) > len(dutch_only)
            or bool(_ENGLISH_I.search(nfc)))


def _spell(language: Language, probe: IndexProbe, content: list[Token], english: bool) -> _Reading:
    whole = {t: PlanTerm(stem(t.word), prefix_for(t.word)) for t in content}
    lemma_terms = {t: [PlanTerm(s) for s in language.lemma_stems(t.word)] for t in content}
    present = probe.known(set(whole.values()) | {p for ps in lemma_terms.values() for p in ps})
    corrections: dict[Token, str] = {}
    spelled: list[Token] = []
    for t in content:
        w = t.word
        known = (whole[t] in present or any(p in present for p in lemma_terms[t])
                 or _understood(language, w, english))
        if not known:
            fixed = _correct(language, probe, w)
            if fixed and fixed != w:
                corrections[t] = fixed
                spelled.append(Token(fixed, t.start, t.end))
                continue
        spelled.append(t)
    return _Reading(language, probe, english, content, spelled, corrections, present)


def _understood(language: Language, w: str, english: bool) -> bool:
    """A word the thesaurus or the lexicon knows (or no word to correct)."""
    return (language.concepts.knows_key(language.keys(w))
            or language.is_word(w) or not w.isalpha()
            or (english and language.concepts.knows_key(english_keys(w)))
            or bool(language.lexicon.english(w)))


def _concept_clauses(reading: _Reading) -> tuple[list[tuple[int, Clause]], set[int]]:
    """A clause per span of words that names thesaurus concepts, and the words they use."""
    language, english = reading.language, reading.english
    # every word may be English ("day care", "food bank" are Dutch words too); a Dutch reading
    # goes first unless the query reads as English
    keys: list[frozenset[str] | None] = [frozenset(set(language.keys(t.word)) | english_keys(t.word))
                                         for t in reading.spelled]
    used: set[int] = set()
    by_span: dict[tuple[int, ...], list[Concept]] = {}
    for hit in language.concepts.match(keys, english=english):
        by_span.setdefault(hit.positions, []).append(hit.concept)
        used.update(hit.positions)
    raw = [(span[0], _concept_clause(reading, span, concepts, keys)) for span, concepts in by_span.items()]
    return raw, used


def _concept_clause(reading: _Reading, span: tuple[int, ...], concepts: list[Concept],
                    keys: list[frozenset[str] | None]) -> Clause:
    language = reading.language
    clause_tokens = tuple(reading.spelled[p] for p in span)
    factor = reading.factor(span)
    alts = _span_word_alternatives(language, clause_tokens, factor, reading.english)
    for concept in concepts:
        alts.extend(_concept_alternatives(language, concept, factor))
    role = "who" if concepts[0].sort == "doelgroep" else "topic"
    related = list(concepts)
    if len(span) > 1 and role == "topic":
        # what each word means on its own counts too, a little less ("eenzame ouderen": also
        # loneliness at any age; ouderen: a target group)
        for p in span:
            for hit in language.concepts.match([keys[p]], english=reading.english):
                if hit.concept in related:
                    continue
                related.append(hit.concept)
                if hit.concept.sort != "doelgroep":
                    alts.extend(_concept_alternatives(language, hit.concept, factor * LINK["phrase_part"]))
    return Clause(clause_tokens, tuple(alts), role, WHO_IMPORTANCE if role == "who" else 1.0,
                  tuple(c.id for c in related))


def _span_word_alternatives(language: Language, clause_tokens: tuple[Token, ...], factor: float,
                            english: bool) -> list[Alternative]:
    """The words of a concept's span themselves (one word: its best two readings)."""
    if len(clause_tokens) == 1:
        return _word_alternatives(language, clause_tokens[0], None, factor, english)[:2]
    # the words themselves, all of them
    return [
        Alternative(tuple(PlanTerm(stem(t.word), prefix_for(t.word)) for t in clause_tokens),
                    LINK["word"] * factor, "word"),
        Alternative(tuple(PlanTerm(_term_stem(language, t.word)) for t in clause_tokens),
                    LINK["lemma"] * factor, "lemma"),
    ]


def _word_clauses(reading: _Reading, used: set[int], decompounder: Decompounder | None
                  ) -> list[tuple[int, Clause]]:
    """A clause per word no concept used; a compound no document uses counts as its parts
    (rolstoelvervoer: vervoer, and rolstoel a little less: the head of a Dutch compound is
    its last part)."""
    language, english = reading.language, reading.english
    raw: list[tuple[int, Clause]] = []
    for i, t in enumerate(reading.spelled):
        if i in used:
            continue
        factor = reading.factor([i])
        parts = _unknown_compound(language, t, decompounder, reading.present)
        if parts:
            for n, part in enumerate(parts):
                share = 1.0 if n == len(parts) - 1 else MODIFIER_SHARE
                piece = Token(part, t.start, t.end)
                alts = _word_alternatives(language, piece, None, factor, english)
                raw.append((i, Clause((piece,), tuple(alts), "topic",
                                      share * _word_importance(language, part))))
            continue
        alts = _word_alternatives(language, t, decompounder, factor, english)
        raw.append((i, Clause((t,), tuple(alts), "topic", _word_importance(language, t.word))))
    return raw


def _kept_clauses(reading: _Reading, raw: list[tuple[int, Clause]]) -> list[Clause]:
    """The clauses in query order, each with the alternatives the map has (general synonyms
    for a word it does not have)."""
    language, probe, present = reading.language, reading.probe, reading.present
    terms = {term for _, c in raw for a in c.alternatives for term in a.terms}
    present |= probe.known(terms - present)
    clauses = [(pos, Clause(clause.tokens, _best(_available(language, probe, present, clause)),
                            clause.role, clause.importance, clause.concepts))
               for pos, clause in raw]
    clauses.sort(key=lambda item: item[0])
    ordered = [c for _, c in clauses]
    if ordered and all(c.role == "who" for c in ordered):
        # only who it is about ("mantelzorger", "mijn moeder"): that is the topic then
        ordered = [Clause(c.tokens, c.alternatives, "topic", 1.0, c.concepts) for c in ordered]
    return ordered


def _available(language: Language, probe: IndexProbe, present: set[PlanTerm],
               clause: Clause) -> list[Alternative]:
    """The clause's alternatives whose terms the index holds; for a lone word without any,
    its general synonyms the index holds."""
    alts = [a for a in clause.alternatives if _held(a, present)]
    if not alts and not clause.concepts and len(clause.tokens) == 1:
        extra = _synonym_alternatives(language, clause.tokens[0].word, 1.0)
        have = probe.known({term for a in extra for term in a.terms})
        alts = [a for a in extra if _held(a, have)]
    return alts


def _held(alt: Alternative, present: set[PlanTerm]) -> bool:
    return all(term in present for term in alt.terms)


def _pointed_codes(language: Language, ordered: list[Clause]) -> tuple[dict[str, float], dict[str, float]]:
    """The life domains and target groups the clauses' concepts point to, by importance."""
    domains: dict[str, float] = {}
    groups: dict[str, float] = {}
    for c in ordered:
        for ident in c.concepts:
            concept = language.thesaurus.get(ident)
            if concept is None:
                continue
            for code in concept.life_domains:
                domains[code] = domains.get(code, 0.0) + c.importance
            for code in concept.target_groups:
                groups[code] = groups.get(code, 0.0) + c.importance
    return domains, groups


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total else {}


def suggestion_text(plan: QueryPlan) -> str | None:
    """The query text with misspelt words replaced (the "Bedoelde u ...?" line)."""
    if not plan.corrections:
        return None
    out, pos = [], 0
    for token, fixed in plan.corrections:
        out.append(plan.text[pos : token.start])
        out.append(fixed)
        pos = token.end
    out.append(plan.text[pos:])
    return " ".join("".join(out).split())


# --------------------------------------------------------------------------- what a need is about

def about_words(text: str, language: Language, places: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that say what it is about: not stop words, question frames or
    generic words (hulp, zorg, begeleiding), not a place (``places``: kern names), not a
    target group ("ouderen", "mijn zoon")."""
    skip = STOP_WORDS | FRAME_WORDS | GENERIC_WORDS
    place_words = {t.word for p in places for t in tokenize(p)}
    tokens = [t for t in tokenize(unicodedata.normalize("NFC", text or ""))
              if t.word not in skip and t.word not in place_words]
    return [t.word for t in tokens if not language.concepts.only_who(language.keys(t.word))]


# Words a provision's name and a kerncoach's shorthand share without saying anything.
_CONNECTIVES = frozenset("de het een en of voor bij met van in op aan naar mijn onze ons haar "
                         "zijn hun uw".split())


def names_only(text: str, names: Iterable[str], language: Language,
               places: Iterable[str] = ()) -> bool:
    """Whether ``text`` says nothing about a need beyond naming a provision: it holds no word
    that says what it is about (``about_words``: "ouderen Eibergen"), or it reads as one of
    ``names`` — every word of it, places, target groups and little connecting words left
    out, is a word of that name in some form ("huishoudelijke hulp" and "hulp bij het
    huishouden" name "Hulp bij het huishouden", "wmo taxi" names "Regiotaxi met Wmo-pas";
    "ik kan het huishouden niet meer aan" does not: it is a sentence).  A kerncoach who
    types "dagbesteding" has a provision in mind; the resident's need is in the question
    and the life domains, not in that word."""
    if not about_words(text, language, places):
        return True
    place_words = {t.word for p in places for t in tokenize(p)}
    tokens = [t for t in tokenize(unicodedata.normalize("NFC", text or ""))
              if t.word not in place_words and t.word not in _CONNECTIVES
              and not language.concepts.only_who(language.keys(t.word))]
    for name in names:
        name_words = [w for t in tokenize(name or "") for w in (t.word, *t.pieces)]
        have: set[str] = set(name_words)
        for w in name_words:
            have |= language.keys(w)
        if all(_named(language, t.word, have, name_words)
               or (t.pieces and all(_named(language, p, have, name_words) for p in t.pieces))
               or _named_in_parts(language, t.word, have, name_words)
               for t in tokens):
            return True
    return False


def _named(language: Language, word: str, have: set[str], name_words: list[str]) -> bool:
    """A word of the name in some form, or the head of a compound in it (taxi: regiotaxi)."""
    return bool((language.keys(word) | {word}) & have) or (
        len(word) >= 4 and any(n.endswith(word) for n in name_words))


def _named_in_parts(language: Language, word: str, have: set[str], name_words: list[str]) -> bool:
    """A compound whose parts are words of the name ("woningaanpassing": "Aanpassing van uw
    woning")."""
    decompounder = language.cached(("decompounder",), lambda: Decompounder(lexicon=language.lexicon))
    parts = decompounder.split(word)
    return len(parts) > 1 and all(_named(language, p, have, name_words) for p in parts)
