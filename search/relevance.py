"""How well a provision answers a query: the one relevance model of every backend.

A query plan (``search.query``) has clauses — a concept from the thesaurus, or a word — each
with alternatives (the word itself, its lemma, its compound parts, the concept's other terms,
a translation, a spelling correction …) that carry a *link weight*. A backend tells, per
document, in which field each alternative matched (its *level*); this module turns that into
a score and a band:

1. clause quality: the best alternative's link weight × the weight of the field it matched in
   (name > description > the rest > only as a prefix), plus a little for every other
   alternative of the clause the document also has (a provision about debts names several of
   the concept's words; one that only lends books shares one of them);
2. coverage: the clauses' qualities averaged by their importance (a rare or topical word
   weighs more than "hulp"; who it is about weighs less than what is asked);
3. a bonus when the document belongs to the life domains or target groups the query points
   to; a penalty when the query names a kern the provision does not serve;
4. bands: a document is a *strong* match when its score is close to the best one's (among
   what the filters leave) and it matches enough of the query; weaker matches follow
   ("Misschien ook"); very weak ones (against the best of all) are left out.

The lightest-suitable rule (``app/domain/ladder.py``) orders the strong band by tier; it
never lifts a weak match above a strong one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from search.analysis import PlanTerm


# The shapes of ``search.query``'s plan this model reads (structural types, so that the model
# does not import the planner that imports it).
class PlanAlternative(Protocol):
    @property
    def terms(self) -> Sequence[PlanTerm]: ...

    @property
    def weight(self) -> float: ...


class PlanClause(Protocol):
    @property
    def alternatives(self) -> Sequence[PlanAlternative]: ...

    @property
    def role(self) -> str: ...

    @property
    def importance(self) -> float: ...


class PlanClauses(Protocol):
    @property
    def clauses(self) -> Sequence[PlanClause]: ...


__all__ = [
    "LINK",
    "FIELD",
    "NAME",
    "DESCRIPTION",
    "OTHER",
    "PREFIX",
    "WHO_IMPORTANCE",
    "GENERIC_IMPORTANCE",
    "Scored",
    "combine",
    "add_clause",
    "bonus",
    "final",
    "level_values",
    "clause_quality",
    "evidence",
    "matching_clauses",
    "restrong",
]

#: How much a match through each kind of link counts (a literal word counts fully).
LINK = {
    "word": 1.0,
    "lemma": 0.95,  # an inflected form: blowt → blowen
    "concept": 0.9,  # another term of the same thesaurus concept: rood staan → schuldhulp
    "english": 0.8,  # a translation: debts → schulden
    "narrower": 0.8,  # a narrower concept: geldzaken → schuldhulp
    "parts": 0.7,  # the parts of a compound: kledingbank → kleding + bank
    "broader": 0.55,  # a broader concept: huurachterstand → schulden
    "related": 0.6,  # times its weight: a thesaurus "verwant" word, and the concept it names
    "synonym": 0.4,  # general Dutch synonyms (Open Dutch WordNet)
    "phrase_part": 0.8,  # times the above: what one word of a thesaurus phrase means alone
}
FUZZY = 0.85  # times the link weight, for a word that was spelling-corrected
SEED_WEIGHT = 0.45  # an alternative this weak only adds to documents the others found ...
COMMON_ZIPF = 5.0  # ... as does one of everyday words only (Zipf frequency: "samen", "thuis")

#: Match levels a backend reports per alternative and document, and their weight.
NAME, DESCRIPTION, OTHER, PREFIX = 4, 3, 2, 1
FIELD = {NAME: 1.0, DESCRIPTION: 0.75, OTHER: 0.55, PREFIX: 0.5}

EVIDENCE = 0.06  # per other alternative of the clause a document matches ...
EVIDENCE_MAX = 3  # ... counting at most this many ...
EVIDENCE_LINK = 0.75  # ... and only alternatives this close to the query (not broader, related)
WHO_IMPORTANCE = 0.35  # a clause about who it is for (my son, my mother)
MODIFIER_SHARE = 0.8  # the first parts of a compound no document uses, against its head (1.0)
CANDIDATE_IMPORTANCE = 0.5  # a clause that weighs less only adds to matches of weightier ones
GENERIC_IMPORTANCE = 0.3  # words that say little about which provision (hulp, zorg, informatie)
DOMAIN_BONUS = 0.15  # × the share of the query's life domains the provision has
GROUP_BONUS = 0.10  # × the share of the query's target groups the provision has
OTHER_KERN = 0.5  # the query names a kern the provision does not serve
STRONG_SHARE = 0.8  # a strong match scores at least this share of the best ...
STRONG_FLOOR = 0.55  # ... and matches at least this share of the query
WEAK_SHARE = 0.15  # below this share of the best: not shown at all


def level_values(weight: float) -> list[tuple[int, float]]:
    """(level, quality) of an alternative of this link weight, best level first."""
    return [(level, weight * FIELD[level]) for level in (NAME, DESCRIPTION, OTHER, PREFIX)]


@dataclass(frozen=True)
class Scored:
    id: str
    score: float
    strong: bool  # a strong match among all matches (``restrong`` decides within filters)
    share: float = 1.0  # the share of the query it matches at all


def is_strong(score: float, share: float, best: float) -> bool:
    return score >= STRONG_SHARE * best and share >= STRONG_FLOOR


def restrong(scored: Iterable[Scored]) -> dict[str, bool]:
    """Strong or not among these matches only (what a resident's filters left): the best
    answer in Rekken is a strong match in Rekken, even where another village has a better one."""
    scored = list(scored)
    best = max((s.score for s in scored), default=0.0)
    return {s.id: is_strong(s.score, s.share, best) for s in scored}


def combine(importances: Sequence[float], qualities: Sequence[float], *,
            domains: Iterable[str] = (), groups: Iterable[str] = (),
            query_domains: Mapping[str, float] | None = None,
            query_groups: Mapping[str, float] | None = None,
            other_kern: bool = False) -> tuple[float, float]:
    """(score, share of the query it matches) of one document from its clause qualities (0 … 1
    each). The share counts what is matched at all, however (name or description, word or
    concept): it tells an answer to part of a question from an answer to all of it."""
    covered, matched = 0.0, 0.0
    for importance, quality in zip(importances, qualities, strict=True):
        covered, matched = add_clause(covered, matched, importance, quality)
    factor = bonus(domains, groups, query_domains, query_groups, other_kern)
    return final(covered, matched, sum(importances), factor)


def add_clause(covered: float, matched: float, importance: float, quality: float) -> tuple[float, float]:
    """The running sums of ``combine`` after one more clause (in the plan's order)."""
    return covered + importance * quality, matched + (importance if quality > 0 else 0.0)


def bonus(domains: Iterable[str], groups: Iterable[str], query_domains: Mapping[str, float] | None,
          query_groups: Mapping[str, float] | None, other_kern: bool) -> float:
    """The factor for belonging to the life domains and target groups the query points to,
    and for not serving the kern it names."""
    factor = 1.0
    if query_domains:
        have = set(domains)
        factor += DOMAIN_BONUS * sum(w for code, w in query_domains.items() if code in have)
    if query_groups:
        have = set(groups)
        factor += GROUP_BONUS * sum(w for code, w in query_groups.items() if code in have)
    return factor * (OTHER_KERN if other_kern else 1.0)


def final(covered: float, matched: float, total: float, factor: float) -> tuple[float, float]:
    """(score, share) from the summed clauses and the bonus factor."""
    if not total:
        return 0.0, 0.0
    return covered / total * factor, matched / total


def evidence(matched: int) -> float:
    """What the other alternatives a document matches add to its best one."""
    return EVIDENCE * min(max(matched - 1, 0), EVIDENCE_MAX)


def clause_quality(clause: PlanClause, level: Callable[[PlanTerm], int]) -> float:
    """One document's quality for a clause, from the level each term matched at (0: not)."""
    best = 0.0
    matched = 0
    for alt in clause.alternatives:
        lowest = min((level(t) for t in alt.terms), default=0)
        if lowest:
            matched += alt.weight >= EVIDENCE_LINK
            best = max(best, alt.weight * FIELD[lowest])
    return best + evidence(matched) if best else 0.0


def matching_clauses(plan: PlanClauses) -> list[int]:
    """The clauses a document must match one of to be a candidate: the topics that carry
    weight (a generic word such as "maken" or "hulp" alone finds nothing), else any topic,
    else any clause."""
    usable = [i for i, c in enumerate(plan.clauses) if c.alternatives]
    topics = [i for i in usable if plan.clauses[i].role == "topic"]
    if any(c.role == "topic" and c.importance >= CANDIDATE_IMPORTANCE for c in plan.clauses):
        # what the question is about decides; "maken" in "pasfoto maken" finds nothing alone
        return [i for i in topics if plan.clauses[i].importance >= CANDIDATE_IMPORTANCE]
    return topics or usable
