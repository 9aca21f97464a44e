"""The lightest-suitable-provision rule: the one place that orders provisions by weight.

"Vrij toegankelijke hulp gaat voor hulp-op-maat" (Verordening Sociaal Domein
Berkelland).  Residents are helped first with their own strength and network, then
with general provisions, then with preliminary ones (another law, the GP, a partner),
and only then with indicated provisions that need a decision by the municipality.
The public results (grouped by tier) and the staff referral suggestions use the
functions below; nothing else decides this order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.domain.vocabulary import TIER_CODES

# The ladder. Step 0 (own strength and network) is not a provision, but it is the first
# rung a kerncoach considers; provisions sit on rungs 1-3.
OWN_STRENGTH = "eigen-kracht"
LADDER = (OWN_STRENGTH, *TIER_CODES)  # eigen-kracht < algemeen < voorliggend < maatwerk

T = TypeVar("T")
H = TypeVar("H", bound="_Hit")


class _Hit(Protocol):
    tier: str
    score: float
    distance_km: float | None
    name: str
    strong: bool


def weight(tier: str) -> int:
    """Position of a tier on the ladder; unknown tiers sort last (heaviest)."""
    try:
        return LADDER.index(tier)
    except ValueError:
        return len(LADDER)


def is_lighter(tier: str, than: str) -> bool:
    return weight(tier) < weight(than)


@dataclass(frozen=True)
class RankKey:
    """Sort key: lighter tier first, then higher relevance, then nearer, then by name."""

    tier_weight: int
    neg_score: float
    distance: float
    name: str

    def __lt__(self, other: RankKey) -> bool:  # dataclass(order=True) would compare the same
        return (self.tier_weight, self.neg_score, self.distance, self.name) < (
            other.tier_weight,
            other.neg_score,
            other.distance,
            other.name,
        )


def rank_key(tier: str, score: float = 0.0, distance_km: float | None = None,
             name: str = "") -> RankKey:
    return RankKey(weight(tier), -score, distance_km if distance_km is not None else 1e9,
                   name.casefold())


def lightest_first(items: Iterable[T], key: Callable[[T], RankKey]) -> list[T]:
    """Order items by the ladder (then relevance, distance, name)."""
    return sorted(items, key=key)


def relevance_order(hits: Iterable[H]) -> list[H]:
    """Search hits as a person sees them: the strong matches lightest first (then relevance,
    distance, name), then the weaker matches by relevance. The ladder orders provisions that
    answer the question; it never lifts a weak match above a strong one."""
    hits = list(hits)
    strong = lightest_first((h for h in hits if h.strong),
                            key=lambda h: rank_key(h.tier, round(h.score, 6), h.distance_km, h.name))
    weak = sorted((h for h in hits if not h.strong),
                  key=lambda h: (-round(h.score, 6), weight(h.tier),
                                 h.distance_km if h.distance_km is not None else 1e9, h.name.casefold()))
    return strong + weak


def group_by_tier(items: Iterable[T], tier_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Split an already ordered list into (tier, items) groups in ladder order, keeping
    the order inside each group; empty tiers are left out."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(tier_of(item), []).append(item)
    return [(tier, groups[tier]) for tier in sorted(groups, key=weight)]
