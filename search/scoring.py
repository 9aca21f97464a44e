"""Scoring on bitsets: the relevance model of ``search.relevance`` for every match at once.

A backend describes its documents as bits of Python integers (document numbers in Whoosh,
positions in a list elsewhere) and tells, per plan term, which documents match it at least at
each level (name; name or description; any field; any field or as a prefix). From that,
``Ranking.of`` groups the documents that share their quality for every clause, the query's
life domains and target groups, and the kern the words named, and scores each group once
with ``search.relevance.combine``: the cost follows the number of distinct groups, not the
number of matches. Every backend ranks with this one code, so they agree by construction.
"""

from __future__ import annotations

from collections.abc import Callable

from search.analysis import PlanTerm
from search.bitsets import bit_positions, bits_from
from search.query import Clause, QueryPlan
from search.relevance import (
    EVIDENCE,
    EVIDENCE_LINK,
    EVIDENCE_MAX,
    WEAK_SHARE,
    Scored,
    add_clause,
    bonus,
    final,
    is_strong,
    level_values,
    matching_clauses,
)

__all__ = ["Levels", "Ranking", "clause_classes", "level_masks", "scored"]

#: Bitsets of the documents matching a term at least at NAME, DESCRIPTION, OTHER, PREFIX.
Levels = tuple[int, int, int, int]


def level_masks(positions_by_level: dict[int, list[int]]) -> Levels:
    """``Levels`` from the document positions per level (4 name, 3 description, 2 other, 1 prefix)."""
    out = []
    acc: list[int] = []
    for level in (4, 3, 2, 1):
        acc = acc + positions_by_level.get(level, [])
        out.append(bits_from(acc))
    return out[0], out[1], out[2], out[3]


class Ranking:
    """The scores of every matching document, as groups of documents with equal scores.

    A document's score depends only on its quality for each clause, the query's life domains
    and target groups it has, and whether it serves a kern the words named; documents share
    those far more than they differ, so each distinct combination is scored once
    (``search.relevance.combine``) and kept as a bitset, whatever the number of matches."""

    def __init__(self, groups: list[tuple[float, float, int]], ids: list[str | None]) -> None:
        # (score, share, documents), best first; very weak ones already left out
        self.groups = groups
        self.ids = ids
        self.mask = 0
        for _, _, members in groups:
            self.mask |= members

    @classmethod
    def of(cls, plan: QueryPlan, levels: Callable[[PlanTerm], Levels], scope: int,
           traits: Callable[[str, str], int], ids: list[str | None],
           mentioned_kern: str | None = None) -> Ranking:
        """``levels(term)``: bitsets of the documents where the term matches at least at each
        level (``Levels``); ``traits(facet, code)``: bitset of the documents with that
        life_domain, target_group or kern; ``ids``: document id per bit; ``scope``: the
        documents that may match at all (visible ones)."""
        per_clause = [clause_classes(clause, levels, scope) for clause in plan.clauses]
        candidates = 0
        for i in matching_clauses(plan):
            candidates |= per_clause[i][1]
        if not candidates:
            return cls([], ids)
        importances = [c.importance for c in plan.clauses]
        sums = _clause_sums(candidates, [classes for classes, _ in per_clause], importances)
        # ... and the same life domains, target groups and kern, as far as the query asks
        wanted: list[tuple[str, str, int]] = (
            [("domain", code, traits("life_domain", code)) for code in plan.life_domains]
            + [("group", code, traits("target_group", code)) for code in plan.target_groups])
        if mentioned_kern:
            wanted.append(("kern", mentioned_kern, traits("kern", mentioned_kern)))
        groups = _split_by_traits(sums, wanted)
        scored = _score_groups(groups, plan, sum(importances), mentioned_kern)
        return cls(_merged(scored), ids)

    def top(self, within: int, limit: int) -> list[tuple[int, float]]:
        """The best ``limit`` documents of ``within``, by score, then id."""
        out: list[tuple[int, float]] = []
        for score, _, members in self.groups:
            if len(out) >= limit:
                break
            inside = members & within
            if inside:
                docs = sorted(bit_positions(inside), key=lambda d: self.ids[d] or "")
                out.extend((d, score) for d in docs[: limit - len(out)])
        return out

    def strong(self, within: int) -> int:
        """The strong matches among ``within`` (``search.relevance.is_strong``)."""
        best = next((score for score, _, members in self.groups if members & within), None)
        if best is None:
            return 0
        mask = 0
        for score, share, members in self.groups:
            if is_strong(score, share, best):
                mask |= members & within
        return mask


_Sums = tuple[float, float]  # (covered, matched): ``relevance.add_clause``'s running sums
_Traits = tuple[tuple[str, str], ...]  # the (kind, code) a group of documents has


def _clause_sums(candidates: int, per_clause: list[list[tuple[float, int]]],
                 importances: list[float]) -> dict[_Sums, int]:
    """The candidates grouped by their running sums over the clauses (``relevance.add_clause``):
    merged after every clause, so the groups stay as few as the distinct sums."""
    sums: dict[_Sums, int] = {(0.0, 0.0): candidates}
    for classes, importance in zip(per_clause, importances, strict=True):
        nxt: dict[_Sums, int] = {}
        for (covered, matched), members in sums.items():
            rest = members
            for value, cmask in classes:
                both = rest & cmask
                if both:
                    key = add_clause(covered, matched, importance, value)
                    nxt[key] = nxt.get(key, 0) | both
                    rest &= ~cmask
            if rest:
                key = add_clause(covered, matched, importance, 0.0)
                nxt[key] = nxt.get(key, 0) | rest
        sums = nxt
    return sums


def _split_by_traits(sums: dict[_Sums, int], wanted: list[tuple[str, str, int]]
                     ) -> list[tuple[_Sums, _Traits, int]]:
    """Each group split by the wanted traits (kind, code, documents with it) its members have."""
    groups: list[tuple[_Sums, _Traits, int]] = [(key, (), members) for key, members in sums.items()]
    for kind, code, tmask in wanted:
        split: list[tuple[_Sums, _Traits, int]] = []
        for key, have, members in groups:
            inside = members & tmask
            outside = members & ~tmask
            if inside:
                split.append((key, (*have, (kind, code)), inside))
            if outside:
                split.append((key, have, outside))
        groups = split
    return groups


def _score_groups(groups: list[tuple[_Sums, _Traits, int]], plan: QueryPlan, total: float,
                  mentioned_kern: str | None) -> list[tuple[float, float, int]]:
    """(score, share, documents) per group; the bonus factor computed once per trait set."""
    factors: dict[_Traits, float] = {}
    scored = []
    for (covered, matched), have, members in groups:
        factor = factors.get(have)
        if factor is None:
            factor = factors[have] = bonus(
                [code for kind, code in have if kind == "domain"],
                [code for kind, code in have if kind == "group"],
                plan.life_domains, plan.target_groups,
                bool(mentioned_kern) and not any(kind == "kern" for kind, _ in have))
        score, share = final(covered, matched, total, factor)
        scored.append((round(score, 9), share, members))
    return scored


def _merged(scored: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """The groups best first, very weak ones left out; equal scores from different
    combinations are one group (ties go by id)."""
    best = max((s for s, _, _ in scored), default=0.0)
    kept = sorted(((s, sh, m) for s, sh, m in scored if best > 0 and s >= WEAK_SHARE * best),
                  key=lambda g: -g[0])
    merged: list[tuple[float, float, int]] = []
    for score, share, members in kept:
        if merged and merged[-1][0] == score:
            merged[-1] = (score, max(share, merged[-1][1]), merged[-1][2] | members)
        else:
            merged.append((score, share, members))
    return merged


def clause_classes(clause: Clause, levels: Callable[[PlanTerm], Levels], scope: int
                   ) -> tuple[list[tuple[float, int]], int]:
    """The documents of ``scope`` per quality for one clause (disjoint bitsets), and the
    documents a seed alternative matched. The qualities are what
    ``search.relevance.clause_quality`` gives: the best alternative's link weight × the weight
    of the level it matched at, plus the evidence of the other close alternatives it matched."""
    steps: list[tuple[float, int]] = []
    seeded = 0
    # documents matching at least 1, 2, ... close alternatives (bitwise counting)
    at_least = [0] * (EVIDENCE_MAX + 1)
    for alt in clause.alternatives:
        masks = [-1, -1, -1, -1]
        for term in alt.terms:
            found = levels(term)
            for k in range(4):
                masks[k] &= found[k]
        for k, (_, value) in enumerate(level_values(alt.weight)):
            mask = masks[k] & scope
            if mask > 0:
                steps.append((value, mask))
        if alt.seed:
            seeded |= max(masks[3], 0) & scope
        if alt.weight >= EVIDENCE_LINK:
            any_level = max(masks[3], 0) & scope
            for n in range(len(at_least) - 1, 0, -1):
                at_least[n] |= at_least[n - 1] & any_level
            at_least[0] |= any_level
    steps.sort(key=lambda step: -step[0])
    extra = [at_least[n] & ~at_least[n + 1] for n in range(EVIDENCE_MAX)] + [at_least[EVIDENCE_MAX]]
    classes: list[tuple[float, int]] = []
    assigned = 0
    for value, mask in steps:
        fresh = mask & ~assigned
        if not fresh:
            continue
        assigned |= fresh
        for n in range(EVIDENCE_MAX, 0, -1):
            part = fresh & extra[n]
            if part:
                classes.append((value + EVIDENCE * n, part))
                fresh &= ~part
        if fresh:
            classes.append((value, fresh))
    return classes, seeded


def scored(ranking: Ranking) -> dict[str, Scored]:
    """Every ranked document as a ``Scored`` (for backends that filter in Python)."""
    out: dict[str, Scored] = {}
    for score, share, members in ranking.groups:
        for d in bit_positions(members):
            ident = ranking.ids[d] or ""
            out[ident] = Scored(ident, score, True, share)
    return out
