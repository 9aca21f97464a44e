"""The lightest-suitable-provision rule: the one place that orders provisions by weight.

"Vrij toegankelijke hulp gaat voor hulp-op-maat" (Verordening Sociaal Domein
Berkelland).  Residents are helped first with their own strength and network, then
with general provisions, then with preliminary ones (another law, the GP, a partner),
and only then with indicated provisions that need a decision by the municipality.
The public results (grouped by tier) and the staff referral suggestions use the
functions below; nothing else decides this order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from flask_babel import lazy_gettext as _l

from app.vocabulary import TIER_CODES

# The ladder. Step 0 (own strength and network) is not a provision, but it is the first
# rung a kerncoach considers; provisions sit on rungs 1-3.
OWN_STRENGTH = "eigen-kracht"
LADDER = (OWN_STRENGTH, *TIER_CODES)  # eigen-kracht < algemeen < voorliggend < maatwerk

T = TypeVar("T")
H = TypeVar("H", bound="_Hit")


class _Hit(Protocol):
    """What the ladder reads of a search hit (read-only: ``search.SearchHit`` is frozen)."""

    @property
    def tier(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def distance_km(self) -> float | None: ...

    @property
    def name(self) -> str: ...

    @property
    def strong(self) -> bool: ...


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


# --- how a resident gets a provision must fit its rung ---------------------------------
# A provision's tier and its access (``Service.access``) are two answers to one question,
# and the page shows both: "Algemene voorziening" above "Zonder verwijzing: meld u aan"
# must not sit two lines above "U heeft eerst een indicatie van het CIZ nodig".  The editor
# and the demo map refuse the combinations below, naming the field; an import from a
# partner takes the entry over and names the contradiction in its report for an editor
# (a partner's own classification is not ours to hide).

# General provisions: no referral, no investigation (Wmo 2015 art. 1.1.1, "algemene
# voorziening").  Someone else having to sign the resident up makes it a partner's
# (voorliggend) provision, not a general one.
_GENERAL_ACCESS = ("vrij-toegankelijk", "aanmelden")
# Indicated provisions need a decision: the municipality's, or a referrer's (a GP's
# referral to youth care, Jeugdwet art. 2.6; Veilig Thuis to a shelter).
_INDICATED_ACCESS = ("beschikking-gemeente", "verwijzing-huisarts")

# Plain statements in a provision's own text that name one route as the only way in.
_NEEDS_CIZ = re.compile(
    r"\b(?:u heeft|je hebt)(?: eerst)? een (?:indicatie van het ciz|ciz-indicatie|wlz-indicatie)"
    r"(?: nodig)?", re.IGNORECASE)
_NEEDS_REFERRER = re.compile(
    r"\b(?:een hulpverlener|uw huisarts|de huisarts) meldt u aan\b|\bu heeft een verwijzing\b"
    r"(?: van (?:de|uw) huisarts)? nodig", re.IGNORECASE)


@dataclass(frozen=True)
class AccessConflict:
    field: str  # the field to correct: "access" or "tier"
    message: str


def access_conflict(tier: str | None, access: str | None,
                    legal_frameworks: Iterable[str] = (),
                    texts: Iterable[str | None] = ()) -> AccessConflict | None:
    """Why this tier, access, legal frameworks and text contradict each other, or None.

    ``texts`` are the provision's own words about who can use it and how to apply
    (eligibility, application process).  Messages are plain Dutch for the editor or the
    import report; a draft without tier or access is not judged."""
    if not tier or not access:
        return None
    frameworks = set(legal_frameworks or ())
    if tier == "algemeen" and access not in _GENERAL_ACCESS:
        return AccessConflict("access", _l(
            "Een algemene voorziening krijgt iedereen zonder verwijzing of indicatie: kies "
            "'vrij-toegankelijk' of 'aanmelden', of kies een ander niveau."))
    if access == "beschikking-gemeente" and tier != "maatwerk":
        return AccessConflict("tier", _l(
            "Wat de gemeente na een gesprek besluit, is maatwerk: kies het niveau 'maatwerk'."))
    if access == "indicatie-ciz":
        if tier != "voorliggend":
            return AccessConflict("tier", _l(
                "Zorg met een indicatie van het CIZ (Wet langdurige zorg) gaat voor de Wmo: "
                "kies het niveau 'voorliggend'."))
        if frameworks and "wlz" not in frameworks:
            return AccessConflict("legal_frameworks", _l(
                "Een indicatie van het CIZ hoort bij de Wet langdurige zorg: kies ook 'wlz' "
                "als wettelijk kader."))
    if tier == "maatwerk" and access not in _INDICATED_ACCESS:
        return AccessConflict("access", _l(
            "Maatwerk krijgt een inwoner na een besluit van de gemeente of via een verwijzer: "
            "kies 'beschikking-gemeente' of 'verwijzing-huisarts'."))
    text = " ".join(t for t in texts if t)
    if _NEEDS_CIZ.search(text) and access != "indicatie-ciz":
        return AccessConflict("access", _l(
            "De tekst zegt dat een indicatie van het CIZ nodig is: kies dan de toegang "
            "'indicatie-ciz', of pas de tekst aan."))
    if _NEEDS_REFERRER.search(text) and access != "verwijzing-huisarts":
        return AccessConflict("access", _l(
            "De tekst zegt dat een hulpverlener of de huisarts de inwoner aanmeldt: kies dan de "
            "toegang 'verwijzing-huisarts', of pas de tekst aan."))
    return None


def service_access_conflict(record: Mapping[str, Any]) -> AccessConflict | None:
    """``access_conflict`` for a service record as the importers and the editor hold it."""
    return access_conflict(record.get("tier"), record.get("access"),
                           record.get("legal_frameworks") or (),
                           (record.get("eligibility"), record.get("application_process")))
