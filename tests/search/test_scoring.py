"""The bitset ranking (``search.scoring``) computes exactly the relevance model's definition
(``search.relevance.clause_quality`` and ``combine``), for every document, whatever the mix of
fields, levels and alternatives."""

from __future__ import annotations

import random

import pytest

from search.analysis import PlanTerm, Token
from search.query import Alternative, Clause, QueryPlan
from search.relevance import FIELD, clause_quality, combine, matching_clauses
from search.scoring import Ranking, clause_classes, level_masks

TERMS = [PlanTerm(f"t{i}", f"t{i}"[:2] if i % 3 == 0 else None) for i in range(8)]


def random_world(rng: random.Random, n_docs: int):
    """Per document, the level (0-4) each term matches at."""
    return [{t: rng.choice([0, 0, 0, 1, 2, 3, 4]) for t in TERMS} for _ in range(n_docs)]


def masks_of(world) -> dict[PlanTerm, tuple[int, int, int, int]]:
    out = {}
    for t in TERMS:
        by_level: dict[int, list[int]] = {}
        for d, levels in enumerate(world):
            if levels[t]:
                by_level.setdefault(levels[t], []).append(d)
        out[t] = level_masks(by_level)
    return out


def random_clause(rng: random.Random, role: str = "topic") -> Clause:
    alternatives = tuple(
        Alternative(tuple(rng.sample(TERMS, rng.randint(1, 2))), round(rng.uniform(0.2, 1.0), 2),
                    seed=rng.random() < 0.7)
        for _ in range(rng.randint(1, 6)))
    return Clause((Token("x", 0, 1),), alternatives, role, round(rng.uniform(0.3, 1.0), 2))


@pytest.mark.parametrize("seed", range(25))
def test_clause_classes_equal_the_definition(seed):
    rng = random.Random(seed)
    world = random_world(rng, 60)
    masks = masks_of(world)
    clause = random_clause(rng)
    classes, _ = clause_classes(clause, lambda t: masks[t], (1 << len(world)) - 1)
    got = {}
    for value, members in classes:
        for d in range(len(world)):
            if members >> d & 1:
                assert d not in got  # the classes do not overlap
                got[d] = value
    for d, levels in enumerate(world):
        expected = clause_quality(clause, lambda t, levels=levels: levels[t])
        assert got.get(d, 0.0) == pytest.approx(expected), (d, levels)


@pytest.mark.parametrize("seed", range(10))
def test_ranking_scores_equal_combine(seed):
    rng = random.Random(seed)
    world = random_world(rng, 80)
    masks = masks_of(world)
    clauses = (random_clause(rng), random_clause(rng), random_clause(rng, "who"))
    plan = QueryPlan("x", clauses, life_domains={"financien": 0.6, "huisvesting": 0.4},
                     target_groups={"ouderen": 1.0})
    domains = [set(rng.sample(["financien", "huisvesting", "werk-en-opleiding"], rng.randint(0, 2)))
               for _ in world]
    groups = [set(rng.sample(["ouderen", "jongeren"], rng.randint(0, 1))) for _ in world]

    def traits(facet: str, code: str) -> int:
        have = domains if facet == "life_domain" else groups
        return sum(1 << d for d in range(len(world)) if code in have[d])

    ids = [f"doc{d:03d}" for d in range(len(world))]
    ranking = Ranking.of(plan, lambda t: masks[t], (1 << len(world)) - 1, traits, ids)
    scores = {}
    for score, _, members in ranking.groups:
        for d in range(len(world)):
            if members >> d & 1:
                scores[d] = score
    best = 0.0
    expected = {}
    for d, levels in enumerate(world):
        qualities = [clause_quality(c, lambda t, levels=levels: levels[t]) for c in clauses]
        if not any(any(a.seed and all(levels[t] for t in a.terms) for a in clauses[i].alternatives)
                   for i in matching_clauses(plan)):
            continue  # not a candidate: no seed alternative of a weighty topic matched
        score, _ = combine([c.importance for c in clauses], qualities, domains=domains[d], groups=groups[d],
                           query_domains=plan.life_domains, query_groups=plan.target_groups)
        expected[d] = score
        best = max(best, score)
    kept = {d: s for d, s in expected.items() if s >= 0.15 * best}
    assert set(scores) == set(kept)
    for d, s in kept.items():
        assert scores[d] == pytest.approx(s, abs=1e-8)
    assert FIELD  # the levels' weights are the model's
