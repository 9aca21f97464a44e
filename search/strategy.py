"""How a text query is tried, shared by every backend.

1. every clause must match (AND), literally (stems, prefixes, compound parts, synonyms);
2. if that finds nothing and some query words match nothing at all, AND again with spelling
   variants of just those words (fuzzy: first letter fixed, 1 edit, 2 for words of 8+ letters);
3. if that still finds nothing, any clause may match (OR), fuzzy variants included.

Steps 2 and 3 set ``broadened``. Words that match nothing produce the "Bedoelde u ...?" text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from search.analysis import (
    WEIGHT_FUZZY,
    Alternative,
    Clause,
    PlanTerm,
    QueryPlan,
    Token,
    stem,
    suggestion_text,
)

__all__ = ["TextOutcome", "run_text_strategy", "FUZZY_VARIANTS"]

R = TypeVar("R")
FUZZY_VARIANTS = 3  # spelling variants tried per unknown word


@dataclass
class TextOutcome(Generic[R]):
    result: R | None
    broadened: bool = False
    suggestion: str | None = None


def run_text_strategy(
    plan: QueryPlan,
    *,
    clause_known: Callable[[Clause], bool],
    suggest: Callable[[str, int], list[str]],
    execute: Callable[[list[Clause], bool], R],
    accept: Callable[[R], bool],
) -> TextOutcome[R]:
    """Run ``plan`` through the steps above.

    ``clause_known(clause)``: does any alternative exist in the index (exact or prefix)?
    ``suggest(word, n)``: up to n spelling variants from the index vocabulary.
    ``execute(clauses, all_required)``: run the clauses, AND when ``all_required`` else OR.
    ``accept(result)``: did it find anything (after the filters)?
    """
    clauses = list(plan.clauses)
    unknown = [i for i, c in enumerate(clauses) if not clause_known(c)]

    corrections: dict[Token, str] = {}
    fuzzy = list(clauses)
    for i in unknown:
        extra: list[Alternative] = []
        for token in clauses[i].tokens:
            variants = suggest(token.word, FUZZY_VARIANTS)
            if variants:
                corrections[token] = variants[0]
            for v in variants:
                extra.append(Alternative((PlanTerm(stem(v)),), WEIGHT_FUZZY))
        if extra:
            fuzzy[i] = replace(clauses[i], alternatives=clauses[i].alternatives + tuple(extra))
    suggestion = suggestion_text(plan, corrections)

    result = execute(clauses, True)
    if accept(result):
        return TextOutcome(result, False, suggestion)
    if fuzzy != clauses:
        result = execute(fuzzy, True)
        if accept(result):
            return TextOutcome(result, True, suggestion)
    if len(clauses) > 1:
        return TextOutcome(execute(fuzzy, False), True, suggestion)
    return TextOutcome(result, fuzzy != clauses, suggestion)
