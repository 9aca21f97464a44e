"""Referral under the lightest-suitable-provision rule (issues 5 and 13), as pure functions.

No database, no Flask: the caller loads the provisions (``candidate_from_service``), asks
the search engine what the need's words are about (``Relevance``), and passes both in.
User-facing text is lazy (flask-babel), so it renders in the visitor's language when it
is shown; decisions and problems also carry fixed *codes* for code and tests to use.

The steps
---------
1. **Suitable is decided by the need, ranked by the question.**  ``options(need,
   candidates, relevance)`` keeps every provision that *fits* the need:

   * active and published (``Candidate.active``),
   * for the resident's kern or for all of Berkelland (kern unknown: no kern filter),
   * for the age of the person the need is about, limits inclusive (unknown: no filter),
   * for one of the need's target groups, or for ``iedereen``, or for no group in
     particular (no target group given: no filter),
   * about at least one of the need's life domains.

   Of those, the *suitable* ones (``Options.suggestions``) are the ones about what the
   question is about: the search engine's best matches among them for the resident's
   question and the kerncoach's own words on the screen (``Relevance.about``, at least
   ``ABOUT_SHARE`` of the best fitting match; ``FIT_QUESTION``), and
   the provisions for the role the need is about (a carer: ``mantelzorgers``;
   ``FIT_GROUP``).  The rest that fit (``Options.others``, ``FIT_DOMAIN``) are still there:
   the kerncoach must consider them, as a group.  When nothing that fits is about the
   question — no question, words that only name a provision ("dagbesteding"), words
   that match nothing — every fitting provision is suitable.  So editing the words
   re-ranks and can add; it never removes a lighter provision that fits the need.
   Both lists are in ladder order: lighter tier first, then relevance, then name, then id.
2. Own strength and network come before any provision (``OWN_STRENGTH``, rung 0 of the
   ladder); ``rungs()`` puts that rung first for the screen, with the need's note.
3. ``check_choice`` decides whether a chosen provision may be referred to.  Choosing one
   of the lightest options needs no justification.  Choosing a heavier one needs, for
   every lighter option (suitable or other) that was not already referred in this case
   (``considered``), a reason (``SKIP_REASONS``) — its own, or the one reason given for
   all of them (``group_reason``) — and the weighing of kernwaarden, rechtmatigheid and
   financieel.  Reasons are in proportion: "anders" and "inwoner wil dit niet" need a
   few words; "past niet bij de vraag" cannot cover, as the group's reason, a provision
   that the map says *is* about the question (give it its own reason, with a note).
4. A choice *outside* the options is allowed (the kerncoach may know better than the map)
   with a required written reason (``OUTCOME_OUTSIDE``); the options lighter than the
   chosen provision's tier need reasons as above.
5. Safety first: ``safety_signals(need, language)`` (``app.domain.safety``): the flag,
   or violence at home or an unsafe child in the words.  The caller then requires the
   safety route before any referral (``app.domain.cases``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln

from app.domain import safety
from app.domain.ladder import OWN_STRENGTH, is_lighter, rank_key, weight
from app.vocabulary import (
    LIFE_DOMAIN_CODES,
    LIFE_DOMAINS,
    MUNICIPALITY,
    TARGET_GROUP_CODES,
    TARGET_GROUPS,
    TIERS,
    Term,
    label,
)

if TYPE_CHECKING:  # only for types
    from app.models import Service
    from search.language import Language

EVERYONE = "iedereen"  # the target group that fits every resident
# Target groups that say what the need is about, not only who has it: a provision for
# carers is suitable for a carer's need whatever words the question uses.
ROLE_GROUPS = frozenset({"mantelzorgers", "nieuwkomers"})

# --- codes -----------------------------------------------------------------------------

# Why a candidate does not fit (``exclusions``), in the order they are checked.
EXCLUDED_INACTIVE = "niet-actief"
EXCLUDED_KERN = "kern"
EXCLUDED_AGE = "leeftijd"
EXCLUDED_TARGET_GROUP = "doelgroep"
EXCLUDED_LIFE_DOMAIN = "leefgebied"

# How a fitting provision relates to the need (``Suggestion.fit``).
FIT_QUESTION = "vraag"  # about what the question is about
FIT_GROUP = "doelgroep"  # for the role the need is about (ROLE_GROUPS)
FIT_DOMAIN = "leefgebied"  # fits life domains, kern, age and groups; not about the question
FIT_SAFETY = "veiligheid"  # a safety partner for a need that touches safety (first on its tier)

# Reasons for skipping a lighter option.
SKIP_NOT_THE_QUESTION = "past-niet"
SKIP_UNWILLING = "wil-niet"
SKIP_OTHER = "anders"
SKIP_REASONS = (
    Term(SKIP_NOT_THE_QUESTION, _l("Past niet bij de vraag")),
    Term("al-geprobeerd", _l("Al geprobeerd")),
    Term("wachtlijst", _l("Wachtlijst")),
    Term(SKIP_UNWILLING, _l("Inwoner wil dit niet")),
    Term("niet-bereikbaar", _l("Niet bereikbaar")),
    Term(SKIP_OTHER, _l("Anders, namelijk")),
)
SKIP_REASON_CODES = tuple(t.code for t in SKIP_REASONS)
SKIP_NEEDS_TEXT = frozenset({SKIP_UNWILLING, SKIP_OTHER})  # a few words are required

# The three parts of the weighing the execution vision asks staff to record.
WEIGHING_FIELDS = (
    Term("kernwaarden", _l("Kernwaarden"),
         _l("Welke kernwaarden wegen hier zwaar, en waarom is lichtere hulp niet genoeg?")),
    Term("rechtmatigheid", _l("Rechtmatigheid"),
         _l("Op welke wet of regel berust deze keuze?")),
    Term("financieel", _l("Financieel"),
         _l("Wat kost het, en wat levert het op de langere termijn op?")),
)
WEIGHING_FIELD_CODES = tuple(t.code for t in WEIGHING_FIELDS)

# The seven core values of the Verordening Sociaal Domein, as the execution vision of
# Voormekaar lists them: shown beside the weighing.
CORE_VALUES = (
    _l("Iedere inwoner kan naar vermogen deelnemen aan de samenleving."),
    _l("Iedere inwoner heeft onderdak en een gezonde financiële huishouding."),
    _l("Kinderen groeien veilig en gezond op."),
    _l("De inwoner benut maximaal eigen mogelijkheden, talenten en zijn sociale netwerk."),
    _l("De hulpvraag staat centraal. De gemeente helpt bij het duidelijk maken van de "
       "hulpvraag."),
    _l("Vrij toegankelijke hulp gaat voor hulp-op-maat."),
    _l("De inwoner is zelf verantwoordelijk, de gemeente helpt als dat nodig is."),
)

# Decision outcomes (stored on every referral as ``Referral.decision``).
OUTCOME_LIGHTEST = "lichtste"  # no lighter option skipped: allowed without justification
OUTCOME_JUSTIFIED = "onderbouwd"  # lighter options skipped, each with a reason, and weighed
OUTCOME_OUTSIDE = "buiten-suggesties"  # not among the options, with a written reason
OUTCOME_REFUSED = "geweigerd"
OUTCOMES = (
    Term(OUTCOME_LIGHTEST, _l("Lichtste passende voorziening")),
    Term(OUTCOME_JUSTIFIED, _l("Zwaarder, met onderbouwing")),
    Term(OUTCOME_OUTSIDE, _l("Buiten de suggesties, met reden")),
)
OUTCOME_CODES = tuple(t.code for t in OUTCOMES)

# Problems that refuse a choice.
PROBLEM_REASON_MISSING = "reden-ontbreekt"
PROBLEM_REASON_UNKNOWN = "reden-onbekend"
PROBLEM_TEXT_MISSING = "toelichting-ontbreekt"  # 'anders' / 'wil niet' without a text
PROBLEM_CONTRADICTS_MAP = "past-wel"  # the group's "past niet" for an option about the question
PROBLEM_WEIGHING_MISSING = "afweging-ontbreekt"  # one per empty field
PROBLEM_OUTSIDE_REASON_MISSING = "buiten-suggesties-zonder-reden"

# The form field a problem is about (the screen marks it).
GROUP_REASON_FIELD = "reden-alle"
OUTSIDE_REASON_FIELD = "outside_reason"

# Short staff-facing words for how a resident gets a provision (``Service.access``).
_ACCESS_SHORT = {
    "vrij-toegankelijk": _l("vrij toegankelijk"),
    "aanmelden": _l("aanmelden bij de aanbieder"),
    "verwijzing-huisarts": _l("via de huisarts of een andere verwijzer"),
    "indicatie-ciz": _l("met een indicatie van het CIZ (Wlz)"),
    "beschikking-gemeente": _l("na een beschikking van de gemeente"),
}


# --- small lazy text helpers (render when shown, in the visitor's language) ------------

class _Text:
    """Base for lazily rendered text built from other (lazy) strings."""

    def __html__(self) -> str:  # Jinja: already safe to escape as plain text
        from markupsafe import escape

        return str(escape(str(self)))

    def __repr__(self) -> str:
        return repr(str(self))


@dataclass(frozen=True, repr=False)
class _AndList(_Text):
    """"A", "A en B", "A, B en C"."""

    items: tuple[Any, ...]

    def __str__(self) -> str:
        texts = [str(i) for i in self.items]
        if len(texts) <= 1:
            return "".join(texts)
        return str(_l("%(rest)s en %(last)s", rest=", ".join(texts[:-1]), last=texts[-1]))


@dataclass(frozen=True, repr=False)
class _Lower(_Text):
    text: Any

    def __str__(self) -> str:
        return str(self.text).lower()


def _key(value: object) -> str:
    return str(value)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- inputs ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """A provision as the referral rule sees it.

    ``kernen`` are kern names (any case; slugs work too); a provision for the whole
    municipality has ``whole_municipality=True`` (or ``MUNICIPALITY`` among its kernen,
    as ``service_areas`` store it).  A provision with neither serves no known kern and
    only fits a need whose kern is unknown, as in search.  ``minimum_age`` and
    ``maximum_age`` are inclusive; ``None`` is no limit.  No target groups means no
    restriction, like ``iedereen``.  ``active`` is "shown to residents": status
    ``active`` and published.
    """

    id: str
    name: str
    tier: str
    kernen: frozenset[str] = frozenset()
    whole_municipality: bool = False
    life_domains: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    minimum_age: int | None = None
    maximum_age: int | None = None
    active: bool = True
    access: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", _key(self.id))
        kernen = frozenset(self.kernen)
        if any(_fold(k) == _fold(MUNICIPALITY) for k in kernen):
            object.__setattr__(self, "whole_municipality", True)
            kernen = frozenset(k for k in kernen if _fold(k) != _fold(MUNICIPALITY))
        object.__setattr__(self, "kernen", kernen)
        object.__setattr__(self, "life_domains", frozenset(self.life_domains))
        object.__setattr__(self, "target_groups", frozenset(self.target_groups))

    def serves(self, kern: str) -> bool:
        return self.whole_municipality or _fold(kern) in {_fold(k) for k in self.kernen}

    def fits_age(self, age: int) -> bool:
        return ((self.minimum_age is None or self.minimum_age <= age)
                and (self.maximum_age is None or age <= self.maximum_age))

    @property
    def for_everyone(self) -> bool:
        return not self.target_groups or EVERYONE in self.target_groups

    @classmethod
    def from_service(cls, service: Service) -> Candidate:
        return candidate_from_service(service)


def candidate_from_service(service: Service) -> Candidate:
    """Map an ORM ``Service`` to a ``Candidate``.  Reads loaded attributes and
    relations only (load them with ``app.models.service_options()`` to avoid lazy
    loads); runs no query of its own."""
    return Candidate(
        id=_key(service.id),
        name=service.name,
        tier=service.tier,
        kernen=frozenset(k.name for k in service.kernen_served),
        whole_municipality=service.serves_whole_municipality,
        life_domains=frozenset(t.code for t in service.life_domains if t.code),
        target_groups=frozenset(t.code for t in service.target_groups if t.code),
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        active=service.is_public,
        access=service.access,
    )


@dataclass(frozen=True)
class Need:
    """What a resident needs help with.

    ``life_domains``: one or more ``leefgebied`` codes.  ``kern``: the kern's name (or
    slug); ``None`` when unknown.  ``age``: the age in years of the person the need is
    *about* (the child, when a parent asks about a child); ``None`` when unknown.
    ``target_groups``: ``doelgroep`` codes, empty when not given.  ``question``: the
    resident's question in their own words.  ``search``: the kerncoach's own words on the
    referral screen (they rank and may add suitable provisions, never remove one).
    ``own_strength``: what the resident and their network can do.  ``safety_concern``: the
    professional's flag that the safety of a child or domestic violence is at stake.
    ``existence_first``: money or housing is among the household's needs (bestaanszekerheid
    voorop): inside each tier, help for money and housing comes first.
    Unknown codes are a ``ValueError``.
    """

    life_domains: frozenset[str]
    kern: str | None = None
    age: int | None = None
    target_groups: frozenset[str] = frozenset()
    question: str = ""
    own_strength: str = ""
    safety_concern: bool = False
    search: str = ""
    existence_first: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.life_domains, str):
            raise ValueError("life_domains is een verzameling codes, geen tekst")
        domains = frozenset(self.life_domains)
        groups = frozenset(self.target_groups)
        if not domains:
            raise ValueError("Een hulpvraag heeft minstens één leefgebied")
        unknown = sorted(domains - set(LIFE_DOMAIN_CODES))
        if unknown:
            raise ValueError(f"Onbekend leefgebied: {', '.join(unknown)}")
        unknown = sorted(groups - set(TARGET_GROUP_CODES))
        if unknown:
            raise ValueError(f"Onbekende doelgroep: {', '.join(unknown)}")
        if self.age is not None and (isinstance(self.age, bool) or not isinstance(self.age, int)
                                     or not 0 <= self.age <= 130):
            raise ValueError(f"Leeftijd buiten 0-130: {self.age!r}")
        kern = " ".join(self.kern.split()) if self.kern else None
        object.__setattr__(self, "life_domains", domains)
        object.__setattr__(self, "target_groups", groups)
        object.__setattr__(self, "kern", kern or None)
        object.__setattr__(self, "question", " ".join((self.question or "").split()))
        object.__setattr__(self, "own_strength", (self.own_strength or "").strip())
        search = " ".join((self.search or "").split())
        object.__setattr__(self, "search", "" if search == self.question else search)

    @property
    def specific_target_groups(self) -> frozenset[str]:
        """The target groups that restrict anything (``iedereen`` does not)."""
        return self.target_groups - {EVERYONE}

    @property
    def texts(self) -> tuple[str, ...]:
        """The question and the kerncoach's own words, those that are given."""
        return tuple(t for t in (self.question, self.search) if t)

    def snapshot(self) -> dict[str, Any]:
        """The need as the rule saw it, for the referral's record (plain JSON)."""
        return {"leefgebieden": sorted(self.life_domains), "kern": self.kern, "leeftijd": self.age,
                "doelgroepen": sorted(self.target_groups), "vraag": self.question,
                "zoekwoorden": self.search, "veiligheid": self.safety_concern,
                "bestaanszekerheid-voorop": self.existence_first}


# Bestaanszekerheid (execution vision): money (income is part of "financiën") and housing.
EXISTENCE_SECURITY = frozenset({"financien", "huisvesting"})


@dataclass(frozen=True)
class Relevance:
    """What the search engine made of the need's words.

    ``scores``: provision id -> relevance, to rank (0 for a provision the words do not
    match).  ``about``: provision id -> relevance for the words that say what the need is
    about — the question and the kerncoach's words, leaving out words that only name a
    provision (``search.query.names_only``).  A fitting provision is *about the question*
    when its ``about`` score is at least ``ABOUT_SHARE`` of the best fitting one's.  A bare
    mapping id -> score counts as both.  ``safety``: when the need touches violence at home
    or an unsafe child, the provisions about that (Veilig Thuis first among them): suitable
    whatever the life domains, first on their tier.
    """

    scores: Mapping[str, float] = field(default_factory=dict)
    about: Mapping[str, float] = field(default_factory=dict)
    safety: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", {_key(k): float(v or 0.0) for k, v in self.scores.items()})
        object.__setattr__(self, "about", {_key(k): float(v or 0.0) for k, v in self.about.items()})
        object.__setattr__(self, "safety", frozenset(_key(k) for k in self.safety))

    @classmethod
    def of(cls, value: Relevance | Mapping[Any, float] | None) -> Relevance:
        if value is None:
            return cls()
        if isinstance(value, Relevance):
            return value
        return cls(scores=value, about=value)


# A fitting provision is about the question when it matches at least this share of the best
# fitting match: the search's own "strong" cut is made against the whole map, where the best
# match may be for another kern, age or life domain.
ABOUT_SHARE = 0.5
LIGHTER_ALWAYS = True
ONE_BY_ONE = 5  # lighter options about the question weighed one by one; the rest as a group
NEARBY = 0.2  # added to the score of a matching provision in the need's own kern
SAFETY_FIRST = 10.0  # added to a safety partner's score: first on its tier (scores are ≤ 1)


# --- suitability and ranking -----------------------------------------------------------

# Target groups that are ages: a provision for adults fits a parent or a carer of 44, as
# their age says, whatever role the need names (limits inclusive, in years).
AGE_GROUPS = {"kinderen": (0, 11), "jongeren": (12, 23), "volwassenen": (18, 130),
              "ouderen": (55, 130)}


def _age_group_fits(age: int | None, groups: frozenset[str]) -> bool:
    return age is not None and any(
        low <= age <= high for g, (low, high) in AGE_GROUPS.items() if g in groups)


def exclusions(need: Need, candidate: Candidate) -> tuple[str, ...]:
    """Why ``candidate`` does not fit ``need``: ``EXCLUDED_*`` codes; empty if it fits.

    The question never excludes: it decides which fitting provisions are suitable and
    which are the others to consider (``options``)."""
    out = []
    if not candidate.active:
        out.append(EXCLUDED_INACTIVE)
    if need.kern is not None and not candidate.serves(need.kern):
        out.append(EXCLUDED_KERN)
    if need.age is not None and not candidate.fits_age(need.age):
        out.append(EXCLUDED_AGE)
    wanted = need.specific_target_groups
    if (wanted and not candidate.for_everyone and not (wanted & candidate.target_groups)
            and not _age_group_fits(need.age, candidate.target_groups)):
        out.append(EXCLUDED_TARGET_GROUP)
    if not need.life_domains & candidate.life_domains:
        out.append(EXCLUDED_LIFE_DOMAIN)
    return tuple(out)


@dataclass(frozen=True)
class Reason:
    """One part of a suggestion's reason: a code (``vraag``, ``leefgebied``,
    ``heel-berkelland``, ``kern``, ``doelgroep``, ``leeftijd``, ``toegang``) and its lazy text."""

    code: str
    message: Any

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Suggestion:
    """A provision that fits the need, as the referral screen and its JSON show it.

    ``kernen``: the kern names served, sorted; ``(MUNICIPALITY,)`` for the whole
    municipality.  ``score``: the search relevance used for ordering (0 without one).
    ``fit``: ``FIT_QUESTION``, ``FIT_GROUP`` or ``FIT_DOMAIN``.
    """

    id: str
    name: str
    tier: str
    kernen: tuple[str, ...]
    whole_municipality: bool
    access: str | None
    score: float
    reasons: tuple[Reason, ...]
    fit: str = FIT_DOMAIN

    @property
    def reason(self) -> str:
        """Plain Dutch (or English): "Past bij de vraag; leefgebied Geldzaken; voor heel
        Berkelland; vrij toegankelijk".  Rendered when read, in the current locale."""
        text = "; ".join(str(r) for r in self.reasons)
        return text[:1].upper() + text[1:]

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    @property
    def about_the_question(self) -> bool:
        return self.fit in (FIT_QUESTION, FIT_GROUP, FIT_SAFETY)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``/staff/api/suggestions``: {id, name, tier, kernen, reason, fit}."""
        return {"id": self.id, "name": self.name, "tier": self.tier,
                "kernen": list(self.kernen), "reason": self.reason, "fit": self.fit}

    def record(self) -> dict[str, Any]:
        """How the option was shown, for the referral's record (plain JSON)."""
        return {"id": self.id, "naam": self.name, "niveau": self.tier, "past": self.fit,
                "score": round(self.score, 4)}


@dataclass(frozen=True)
class Options:
    """Everything that fits a need, in two lists, each lightest first.

    ``suggestions``: the suitable provisions (about the question, or everything that fits
    when nothing is).  ``others``: what else fits the need's life domains, kern, age and
    groups; the kerncoach considers them as a group.  ``by_question``: whether the words
    decided which fitting provisions are suitable.
    """

    suggestions: tuple[Suggestion, ...] = ()
    others: tuple[Suggestion, ...] = ()
    by_question: bool = False

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.suggestions)

    def __len__(self) -> int:
        return len(self.suggestions)

    def __bool__(self) -> bool:
        return bool(self.suggestions or self.others)

    @property
    def all(self) -> tuple[Suggestion, ...]:
        return self.suggestions + self.others


def options(need: Need, candidates: Iterable[Candidate],
            relevance: Relevance | Mapping[Any, float] | None = None) -> Options:
    """The fitting provisions for ``need``: the suitable ones and the others, lightest first
    (see the module docstring).  A candidate listed twice counts once (first kept)."""
    rel = Relevance.of(relevance)
    roles = need.specific_target_groups & ROLE_GROUPS
    kept = _not_excluded(need, candidates, rel)
    # without words there is nothing the question is about
    best = max((rel.about.get(c.id, 0.0) for c in kept), default=0.0) if need.texts else 0.0
    fitting = [(candidate, *_score_and_fit(need, candidate, rel, best, roles))
               for candidate in kept]
    fitting.sort(key=lambda item: _option_order(need, item[0], item[1]))
    shown = [_suggestion(need, c, score, fit) for c, score, fit in fitting]
    return _question_ranks(shown)


def _not_excluded(need: Need, candidates: Iterable[Candidate],
                  rel: Relevance) -> list[Candidate]:
    """The candidates nothing excludes, each once (first kept); a safety partner is not
    excluded by life domain or target group."""
    seen: set[str] = set()
    kept: list[Candidate] = []
    for candidate in candidates:
        if candidate.id in seen:
            continue
        seen.add(candidate.id)
        excluded = set(exclusions(need, candidate))
        if candidate.id in rel.safety:  # safety first: whatever the life domains and groups
            excluded -= {EXCLUDED_LIFE_DOMAIN, EXCLUDED_TARGET_GROUP}
        if not excluded:
            kept.append(candidate)
    return kept


def _score_and_fit(need: Need, candidate: Candidate, rel: Relevance, best: float,
                   roles: frozenset[str] | set[str]) -> tuple[float, str]:
    """The candidate's score for ordering and why it fits (``FIT_*``)."""
    score = rel.scores.get(candidate.id, 0.0)
    if need.kern is not None and not candidate.whole_municipality and score > 0:
        score += NEARBY  # help in the resident's own kern before help for all of Berkelland
    if candidate.id in rel.safety:
        return score + SAFETY_FIRST, FIT_SAFETY
    if best > 0 and rel.about.get(candidate.id, 0.0) >= ABOUT_SHARE * best:
        return score, FIT_QUESTION
    if roles & candidate.target_groups:
        return score, FIT_GROUP
    return score, FIT_DOMAIN


def _option_order(need: Need, candidate: Candidate,
                  score: float) -> tuple[int, int, float, float, str, str]:
    rank = rank_key(candidate.tier, round(score, 6), None, candidate.name)
    # bestaanszekerheid voorop: inside a tier, money and housing help first
    existence = 0 if need.existence_first and candidate.life_domains & EXISTENCE_SECURITY else 1
    return (rank.tier_weight, existence, rank.neg_score, rank.distance, rank.name,
            candidate.id)


def _question_ranks(shown: list[Suggestion]) -> Options:
    """Split the ordered suggestions when the question ranks; it never hides a lighter
    option that fits the need."""
    by_question = any(s.fit != FIT_DOMAIN for s in shown)
    if not by_question:
        return Options(tuple(shown), (), False)
    lightest = min(weight(s.tier) for s in shown if s.fit != FIT_DOMAIN)
    keep = [s for s in shown if s.fit != FIT_DOMAIN or (LIGHTER_ALWAYS and weight(s.tier) < lightest)]
    kept = {s.id for s in keep}
    return Options(tuple(keep), tuple(s for s in shown if s.id not in kept), True)


def suitable(need: Need, candidates: Iterable[Candidate],
             relevance: Relevance | Mapping[Any, float] | None = None) -> list[Suggestion]:
    """The suitable provisions for ``need``, lightest first (``options(...).suggestions``)."""
    return list(options(need, candidates, relevance).suggestions)


def _suggestion(need: Need, c: Candidate, score: float, fit: str) -> Suggestion:
    reasons: list[Reason] = []
    if fit == FIT_SAFETY:
        reasons.append(Reason("veiligheid", _l("Veiligheid eerst")))
    elif fit == FIT_QUESTION:
        reasons.append(Reason("vraag", _l("Past bij de vraag")))
    domains = [code for code in LIFE_DOMAIN_CODES if code in need.life_domains & c.life_domains]
    if domains:
        reasons.append(Reason("leefgebied", _ln(
            "leefgebied %(names)s", "leefgebieden %(names)s", len(domains),
            names=_AndList(tuple(label(LIFE_DOMAINS, d) for d in domains)))))
    kernen = sorted(c.kernen, key=_fold)
    if c.whole_municipality:
        reasons.append(Reason("heel-berkelland", _l("voor heel Berkelland")))
    elif kernen:
        reasons.append(Reason("kern", _l("voor %(kernen)s", kernen=_AndList(tuple(kernen)))))
    groups = [code for code in TARGET_GROUP_CODES
              if code in need.specific_target_groups & c.target_groups]
    if groups:
        reasons.append(Reason("doelgroep", _l("voor %(groups)s", groups=_AndList(
            tuple(_Lower(label(TARGET_GROUPS, g)) for g in groups)))))
    age = _age_text(c.minimum_age, c.maximum_age)
    if age is not None:
        reasons.append(Reason("leeftijd", age))
    if c.access in _ACCESS_SHORT:
        reasons.append(Reason("toegang", _ACCESS_SHORT[c.access]))
    return Suggestion(
        id=c.id,
        name=c.name,
        tier=c.tier,
        kernen=(MUNICIPALITY,) if c.whole_municipality else tuple(kernen),
        whole_municipality=c.whole_municipality,
        access=c.access,
        score=score,
        reasons=tuple(reasons),
        fit=fit,
    )


def _age_text(minimum: int | None, maximum: int | None) -> Any:
    if minimum is not None and maximum is not None:
        return _l("van %(min)s tot en met %(max)s jaar", min=minimum, max=maximum)
    if minimum is not None:
        return _l("vanaf %(min)s jaar", min=minimum)
    if maximum is not None:
        return _l("tot en met %(max)s jaar", max=maximum)
    return None


# --- the ladder as the screen shows it ---------------------------------------------------

@dataclass(frozen=True)
class Rung:
    """One rung of the ladder on the referral screen.  Rung ``OWN_STRENGTH`` holds no
    provisions; its ``note`` is what the resident and their network can do.  ``others``:
    what else on this tier fits the need's life domains (``Options.others``)."""

    tier: str
    label: Any
    suggestions: tuple[Suggestion, ...] = ()
    note: str = ""
    others: tuple[Suggestion, ...] = ()


OWN_STRENGTH_LABEL = _l("Eigen kracht en netwerk")
OWN_STRENGTH_PROMPT = _l("Wat kan de inwoner zelf, en wie in de omgeving kan helpen?")


def rungs(need: Need, suggestions: Iterable[Suggestion] | Options,
          others: Iterable[Suggestion] = ()) -> list[Rung]:
    """Own strength and network first, then one rung per tier that has suggestions or
    others, lightest first (order inside a rung kept)."""
    if isinstance(suggestions, Options):
        others = (*suggestions.others, *others)
        suggestions = suggestions.suggestions
    by_tier: dict[str, list[Suggestion]] = {}
    rest: dict[str, list[Suggestion]] = {}
    for s in suggestions:
        by_tier.setdefault(s.tier, []).append(s)
    for s in others:
        rest.setdefault(s.tier, []).append(s)
    out = [Rung(OWN_STRENGTH, OWN_STRENGTH_LABEL, (), need.own_strength)]
    for tier in sorted(set(by_tier) | set(rest), key=weight):
        out.append(Rung(tier, label(TIERS, tier), tuple(by_tier.get(tier, ())), "",
                        tuple(rest.get(tier, ()))))
    return out


# --- choosing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SkipReason:
    """Why a lighter option was skipped: a ``SKIP_REASON_CODES`` code; ``text`` is required
    for ``anders`` and ``wil-niet`` and optional otherwise."""

    code: str
    text: str = ""

    @property
    def known(self) -> bool:
        return self.code in SKIP_REASON_CODES

    @property
    def complete(self) -> bool:
        return self.known and (self.code not in SKIP_NEEDS_TEXT or bool(self.text.strip()))


@dataclass(frozen=True)
class Weighing:
    """The weighing of kernwaarden, rechtmatigheid and financieel (all three written)."""

    kernwaarden: str = ""
    rechtmatigheid: str = ""
    financieel: str = ""

    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in WEIGHING_FIELD_CODES if not (getattr(self, f) or "").strip())


@dataclass(frozen=True)
class Problem:
    """One thing that stops a choice: a ``PROBLEM_*`` code, the option it is about (if
    one), the form ``field`` to mark, and a lazy message."""

    code: str
    message: Any
    option_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Skip:
    """A lighter option passed over: the option, the reason that covers it, and whether
    that reason was the one given for all (``shared``)."""

    option: Suggestion
    reason: SkipReason
    shared: bool = False


@dataclass(frozen=True)
class Decision:
    """The outcome of ``check_choice``.

    ``lighter``: the lighter options the choice skips: first the few most about the question
    (``ONE_BY_ONE``, weighed one by one), then the rest (``grouped``), lightest first.
    ``skipped``: a ``Skip`` for each of them that has a reason (store these).
    ``considered``: lighter options already referred in this case (no reason asked).
    ``problems``: why the choice is refused (empty when ``allowed``).
    """

    allowed: bool
    outcome: str
    chosen_id: str
    chosen_tier: str | None
    in_suggestions: bool
    lighter: tuple[Suggestion, ...] = ()
    skipped: tuple[Skip, ...] = ()
    weighing: Weighing | None = None
    outside_reason: str = ""
    problems: tuple[Problem, ...] = field(default=())
    considered: tuple[Suggestion, ...] = ()
    group_reason: SkipReason | None = None
    grouped: frozenset[str] = frozenset()  # lighter options one reason covers as a group

    @property
    def problem_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    @property
    def lighter_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.lighter)

    @property
    def fields(self) -> dict[str, Problem]:
        """The first problem per form field, for marking the fields."""
        out: dict[str, Problem] = {}
        for p in self.problems:
            if p.field and p.field not in out:
                out[p.field] = p
        return out

    @property
    def message(self) -> str:
        """Empty when allowed; otherwise one short paragraph that names the lighter options
        about the question, counts the others and says what is missing.  Rendered when read."""
        if self.allowed:
            return ""
        parts = []
        if any(p.code != PROBLEM_OUTSIDE_REASON_MISSING for p in self.problems):
            named = [s for s in self.lighter if s.id not in self.grouped]
            rest = len(self.lighter) - len(named)
            if named:
                names = _AndList(tuple(
                    _l("%(name)s (%(tier)s)", name=s.name, tier=_Lower(label(TIERS, s.tier)))
                    for s in named))
                parts.append(_ln("Er is een lichtere passende voorziening: %(names)s.",
                                 "Er zijn lichtere passende voorzieningen: %(names)s.",
                                 len(named), names=names))
            if rest and named:
                parts.append(_ln("Er is %(num)d andere lichtere voorziening die bij de hulpvraag "
                                 "past.",
                                 "Er zijn %(num)d andere lichtere voorzieningen die bij de "
                                 "hulpvraag passen.", rest))
            elif rest:
                parts.append(_ln("Er is %(num)d lichtere voorziening die bij de hulpvraag past.",
                                 "Er zijn %(num)d lichtere voorzieningen die bij de hulpvraag "
                                 "passen.", rest))
            parts.append(_l("Geef een reden waarom u ze overslaat (één reden mag voor alle "
                            "gelden) en leg de afweging van kernwaarden, rechtmatigheid en "
                            "financieel vast."))
        if PROBLEM_OUTSIDE_REASON_MISSING in self.problem_codes:
            parts.append(_OUTSIDE_MESSAGE)
        return " ".join(str(p) for p in parts)


_OUTSIDE_MESSAGE = _l("Deze voorziening staat niet bij de suggesties. Schrijf op waarom u "
                      "haar toch kiest.")


def reason_field(option_id: str) -> str:
    """The form field of one option's reason."""
    return f"reden-{option_id}"


def lighter_options(chosen_id: Any, suggestions: Iterable[Suggestion],
                    chosen_tier: str | None = None) -> list[Suggestion]:
    """The options on a lighter tier than the chosen one, in their order.

    The chosen provision's tier comes from the options; for a choice outside them, from
    ``chosen_tier``; if that is unknown too, every option counts as lighter.  Same-tier
    options are never "lighter"."""
    suggestions = list(suggestions)
    tier = _tier_of(_key(chosen_id), suggestions, chosen_tier)
    if tier is None:
        return [s for s in suggestions if s.id != _key(chosen_id)]
    return [s for s in suggestions if is_lighter(s.tier, tier)]


def _tier_of(chosen_id: str, suggestions: list[Suggestion], chosen_tier: str | None) -> str | None:
    for s in suggestions:
        if s.id == chosen_id:
            return s.tier
    return chosen_tier


def _unique(items: Iterable[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for s in items:
        if s.id not in seen:
            seen.add(s.id)
            out.append(s)
    return out


def check_choice(
    chosen_id: Any,
    suggestions: Iterable[Suggestion] | Options,
    skip_reasons: Mapping[Any, SkipReason | str] | None = None,
    weighing: Weighing | None = None,
    *,
    outside_reason: str = "",
    chosen_tier: str | None = None,
    others: Iterable[Suggestion] = (),
    considered: Iterable[Any] = (),
    group_reason: SkipReason | str | None = None,
) -> Decision:
    """May the kerncoach refer to ``chosen_id``?  See the module docstring for the rule.

    ``suggestions``: ``options(...)`` for the same need (or its suitable list, with the
    rest in ``others``).  ``skip_reasons``: option id -> ``SkipReason`` (a bare code string
    is accepted); reasons for options that are not lighter are ignored.  ``group_reason``:
    one reason for every lighter option without its own.  ``considered``: ids already
    referred in this case.  ``outside_reason``: required when the choice is not among the
    options.  ``chosen_tier``: the tier of a choice outside them, if known (ignored when the
    choice is among them: the map's tier counts).
    """
    suggested_list, other_list = _split_options(suggestions, others)
    suggested = {s.id for s in suggested_list}  # (others are never about the question)
    all_options = _unique([*suggested_list, *other_list])
    chosen = _key(chosen_id)
    in_suggestions = any(s.id == chosen for s in all_options)
    done = {_key(c) for c in considered}
    lighter_all = lighter_options(chosen, all_options, chosen_tier)
    already = [s for s in lighter_all if s.id in done]
    lighter, named = _lighter_to_weigh([s for s in lighter_all if s.id not in done], suggested)
    reasons = _own_reasons(skip_reasons)
    shared = _shared_reason(group_reason)

    problems = _group_problems(shared, lighter, named, reasons)
    skipped: list[Skip] = []
    for option in lighter:
        skip, problem = _weigh_option(option, reasons.get(option.id), shared, option.id in named)
        if skip is not None:
            skipped.append(skip)
        if problem is not None:
            problems.append(problem)
    if lighter:
        problems += _weighing_problems(weighing)
    outside_reason = (outside_reason or "").strip()
    if not in_suggestions and not outside_reason:
        problems.append(Problem(PROBLEM_OUTSIDE_REASON_MISSING, _OUTSIDE_MESSAGE,
                                field=OUTSIDE_REASON_FIELD))

    return Decision(
        allowed=not problems,
        outcome=_outcome(bool(problems), in_suggestions, bool(lighter)),
        chosen_id=chosen,
        chosen_tier=_tier_of(chosen, all_options, chosen_tier),
        in_suggestions=in_suggestions,
        lighter=tuple(lighter),
        skipped=tuple(skipped),
        weighing=weighing if lighter else None,
        outside_reason=outside_reason,
        problems=tuple(problems),
        considered=tuple(already),
        group_reason=shared if lighter else None,
        grouped=frozenset(s.id for s in lighter if s.id not in named),
    )


def _split_options(suggestions: Iterable[Suggestion] | Options,
                   others: Iterable[Suggestion]) -> tuple[list[Suggestion], list[Suggestion]]:
    """The suitable options and the others, from ``options(...)`` or two lists."""
    if isinstance(suggestions, Options):
        others = (*suggestions.others, *others)
        suggestions = suggestions.suggestions
    return list(suggestions), list(others)


def _lighter_to_weigh(lighter: list[Suggestion],
                      suggested: set[str]) -> tuple[list[Suggestion], set[str]]:
    """The lighter options in weighing order, and the ids of those weighed one by one.

    The few most relevant to the question are weighed one by one, first; the rest is a
    group.  With nothing about the question, a few are named."""
    about = sorted((s for s in lighter if s.about_the_question and s.id in suggested),
                   key=lambda s: -s.score)[:ONE_BY_ONE]
    if not about and len(lighter) <= ONE_BY_ONE:  # nothing about the question: a few, by name
        about = list(lighter)
    named = {s.id for s in about}
    return about + [s for s in lighter if s.id not in named], named


def _has_code(value: SkipReason | str) -> bool:
    return bool(value if isinstance(value, str) else value.code)


def _own_reasons(skip_reasons: Mapping[Any, SkipReason | str] | None) -> dict[str, SkipReason]:
    """Option id -> its own reason; empty and missing reasons left out."""
    return {_key(k): (SkipReason(v) if isinstance(v, str) else v)
            for k, v in (skip_reasons or {}).items() if v is not None and _has_code(v)}


def _shared_reason(group_reason: SkipReason | str | None) -> SkipReason | None:
    """The one reason given for all lighter options, or ``None`` when none was given."""
    shared = SkipReason(group_reason) if isinstance(group_reason, str) else group_reason
    if shared is not None and not shared.code:
        return None
    return shared


def _group_problems(shared: SkipReason | None, lighter: list[Suggestion], named: set[str],
                    reasons: Mapping[str, SkipReason]) -> list[Problem]:
    """What is wrong with the one reason for all (at the form's group field)."""
    problems: list[Problem] = []
    if shared is not None and lighter:
        if not shared.known:
            problems.append(Problem(PROBLEM_REASON_UNKNOWN, _l(
                "Kies een van de redenen voor alle lichtere opties."), field=GROUP_REASON_FIELD))
        elif not shared.complete:
            problems.append(Problem(PROBLEM_TEXT_MISSING, _l(
                "Schrijf bij ‘%(reason)s’ in een paar woorden waarom.",
                reason=label(SKIP_REASONS, shared.code)), field=GROUP_REASON_FIELD))
    uncovered = [o for o in lighter if o.id not in named and o.id not in reasons]
    if shared is None and uncovered:  # one problem for the group, at the one reason for all
        problems.append(Problem(PROBLEM_REASON_MISSING, _ln(
            "Geef een reden voor de andere lichtere optie.",
            "Geef één reden voor de %(num)d andere lichtere opties.", len(uncovered)),
            field=GROUP_REASON_FIELD))
    return problems


def _weigh_option(option: Suggestion, own: SkipReason | None, shared: SkipReason | None,
                  named: bool) -> tuple[Skip | None, Problem | None]:
    """One lighter option: the skip that covers it (if any) and what is wrong (if anything)."""
    if own is None:
        return _weigh_by_shared(option, shared, named)
    return Skip(option, own, False), _own_reason_problem(option, own)


def _weigh_by_shared(option: Suggestion, shared: SkipReason | None,
                     named: bool) -> tuple[Skip | None, Problem | None]:
    """A lighter option without its own reason: covered by the one for all, if it may be."""
    where = reason_field(option.id)
    if shared is None:
        if not named:
            return None, None  # the group's problem covers it
        return None, Problem(PROBLEM_REASON_MISSING, _l(
            "Geef een reden waarom u %(name)s overslaat.", name=option.name), option.id, where)
    if named and option.fit == FIT_QUESTION and shared.code == SKIP_NOT_THE_QUESTION:
        return None, Problem(PROBLEM_CONTRADICTS_MAP, _l(
            "Volgens de kaart past %(name)s wel bij de vraag. Kies voor deze "
            "voorziening een eigen reden.", name=option.name), option.id, where)
    return Skip(option, shared, True), None


def _own_reason_problem(option: Suggestion, own: SkipReason) -> Problem | None:
    """What is wrong with the reason given for one option, if anything."""
    if not own.known:
        return Problem(PROBLEM_REASON_UNKNOWN, _l(
            "Kies een van de redenen waarom u %(name)s overslaat.", name=option.name),
            option.id, reason_field(option.id))
    if not own.complete or (option.fit == FIT_QUESTION and own.code == SKIP_NOT_THE_QUESTION
                            and not own.text.strip()):
        return Problem(PROBLEM_TEXT_MISSING, _l(
            "Schrijf in een paar woorden waarom u %(name)s overslaat.", name=option.name),
            option.id, f"toelichting-{option.id}")
    return None


def _weighing_problems(weighing: Weighing | None) -> list[Problem]:
    """One problem per weighing field left empty (all of them without a weighing)."""
    missing = WEIGHING_FIELD_CODES if weighing is None else weighing.missing()
    return [Problem(PROBLEM_WEIGHING_MISSING, _l(
        "Vul de afweging in: %(field)s.", field=label(WEIGHING_FIELDS, code)), field=code)
        for code in missing]


def _outcome(refused: bool, in_suggestions: bool, lighter: bool) -> str:
    if refused:
        return OUTCOME_REFUSED
    if not in_suggestions:
        return OUTCOME_OUTSIDE
    if lighter:
        return OUTCOME_JUSTIFIED
    return OUTCOME_LIGHTEST


# --- safety ------------------------------------------------------------------------------

def safety_signals(need: Need, language: Language | None = None) -> tuple[str, ...]:
    """What points to the safety route: ``"vlag"`` for the explicit flag, then each safety
    concept and keyword found in the question and the kerncoach's words
    (``app.domain.safety``; without ``language``, keywords only)."""
    return safety.signals(need.texts, language, flag=need.safety_concern)


def needs_safety_route(need: Need, language: Language | None = None) -> bool:
    """True when the safety of a child or domestic violence is at stake: the safety route
    (Veilig Thuis, the safety plan) comes before any provision.  The life domain
    ``huiselijke-relaties`` alone does not trigger it (relationship trouble is not
    violence); the flag or the words do."""
    return bool(safety_signals(need, language))


__all__ = [
    "CORE_VALUES",
    "EVERYONE",
    "OWN_STRENGTH",
    "SKIP_REASONS",
    "SKIP_REASON_CODES",
    "WEIGHING_FIELDS",
    "WEIGHING_FIELD_CODES",
    "Candidate",
    "Decision",
    "Need",
    "Options",
    "Problem",
    "Reason",
    "Relevance",
    "Rung",
    "Skip",
    "SkipReason",
    "Suggestion",
    "Weighing",
    "candidate_from_service",
    "check_choice",
    "exclusions",
    "lighter_options",
    "needs_safety_route",
    "options",
    "rungs",
    "safety_signals",
    "suitable",
]
