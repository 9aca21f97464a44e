"""Referral under the lightest-suitable-provision rule (issue 5, item 3), as pure functions.

No database, no Flask: the caller loads the provisions (``candidate_from_service``), asks
the search engine for relevance scores when there is a question, and passes both in.
User-facing text is lazy (flask-babel), so it renders in the visitor's language when it
is shown; decisions and exclusions also carry fixed *codes* for code and tests to use.

The steps
---------
1. ``suitable(need, candidates, relevance)`` keeps the provisions that fit the need and
   orders them with ``app.domain.ladder`` (lighter tier first, then relevance, then name,
   then id).  A provision fits when it is

   * active and published (``Candidate.active``),
   * for the resident's kern or for all of Berkelland (kern unknown: no kern filter),
   * for the resident's age, limits inclusive (age unknown: no age filter),
   * for one of the resident's target groups, or for ``iedereen``, or for no group in
     particular (no target group given: no filter),
   * about at least one of the need's life domains,
   * relevant to the question: when the need has a question *and* the caller passes the
     search engine's hits (``relevance``: id -> score), only provisions among the hits
     stay.  Without ``relevance`` the question filters nothing (this module does no text
     search of its own; the engine's Dutch analysis is the one judge of relevance).

   ``exclusions(need, candidate, relevance)`` says why one provision does not fit.
2. Own strength and network come before any provision (``OWN_STRENGTH``, rung 0 of the
   ladder).  They are not a provision and have no id; ``rungs()`` puts that rung first
   for the screen, with the need's own-strength note.
3. ``check_choice`` decides whether a chosen provision may be referred to.  Choosing one
   of the lightest suitable provisions needs no justification.  Choosing a heavier one
   needs, for *every* lighter suitable provision skipped, a reason (``SKIP_REASONS``;
   ``anders`` needs a free text), and the weighing of kernwaarden, rechtmatigheid and
   financieel (all three written).  Otherwise the choice is refused and the message
   names the lighter options.
4. A choice *outside* the suggestions is allowed (the kerncoach may know better than the
   map) with a required free-text reason (outcome ``buiten-suggesties``).  The lighter
   options are those lighter than ``chosen_tier`` when the caller knows the chosen
   provision's tier, otherwise all suggestions; each needs a skip reason and, if there
   are any, the weighing is required as well.
5. ``needs_safety_route(need)``: when the safety of a child or domestic violence is at
   stake (an explicit flag on the need, or a word in the question), the screen shows the
   safety route (Veilig Thuis, the safety plan) before any provision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln

from app.domain.ladder import OWN_STRENGTH, is_lighter, rank_key, weight
from app.domain.vocabulary import (
    LIFE_DOMAIN_CODES,
    MUNICIPALITY,
    TARGET_GROUP_CODES,
    TARGET_GROUPS,
    TIERS,
    ZRM_NAMES,
    Term,
    label,
)

if TYPE_CHECKING:  # only for the type of candidate_from_service's argument
    from app.models import Service

EVERYONE = "iedereen"  # the target group that fits every resident

# --- codes -----------------------------------------------------------------------------

# Why a candidate is not suitable (``exclusions``), in the order they are checked.
EXCLUDED_INACTIVE = "niet-actief"
EXCLUDED_KERN = "kern"
EXCLUDED_AGE = "leeftijd"
EXCLUDED_TARGET_GROUP = "doelgroep"
EXCLUDED_LIFE_DOMAIN = "leefgebied"
EXCLUDED_QUESTION = "vraag"

# Reasons for skipping a lighter option.
SKIP_OTHER = "anders"
SKIP_REASONS = (
    Term("al-geprobeerd", _l("Al geprobeerd")),
    Term("past-niet", _l("Past niet bij de vraag")),
    Term("wachtlijst", _l("Wachtlijst")),
    Term("niet-bereikbaar", _l("Niet bereikbaar")),
    Term(SKIP_OTHER, _l("Anders, namelijk")),
)
SKIP_REASON_CODES = tuple(t.code for t in SKIP_REASONS)

# The three parts of the weighing the execution vision asks staff to record.
WEIGHING_FIELDS = (
    Term("kernwaarden", _l("Kernwaarden")),
    Term("rechtmatigheid", _l("Rechtmatigheid")),
    Term("financieel", _l("Financieel")),
)
WEIGHING_FIELD_CODES = tuple(t.code for t in WEIGHING_FIELDS)

# Decision outcomes.
OUTCOME_LIGHTEST = "lichtste"  # no lighter suitable option: allowed without justification
OUTCOME_JUSTIFIED = "onderbouwd"  # lighter options skipped, each with a reason, and weighed
OUTCOME_OUTSIDE = "buiten-suggesties"  # not among the suggestions, with a written reason
OUTCOME_REFUSED = "geweigerd"

# Problems that refuse a choice.
PROBLEM_REASON_MISSING = "reden-ontbreekt"
PROBLEM_REASON_UNKNOWN = "reden-onbekend"
PROBLEM_TEXT_MISSING = "toelichting-ontbreekt"  # 'anders' without a text
PROBLEM_WEIGHING_MISSING = "afweging-ontbreekt"  # one per empty field
PROBLEM_OUTSIDE_REASON_MISSING = "buiten-suggesties-zonder-reden"

# Short staff-facing words for how a resident gets a provision (``Service.access``).
_ACCESS_SHORT = {
    "vrij-toegankelijk": _l("vrij toegankelijk"),
    "aanmelden": _l("aanmelden bij de aanbieder"),
    "verwijzing-huisarts": _l("via de huisarts of een andere verwijzer"),
    "beschikking-gemeente": _l("na een beschikking van de gemeente"),
}

# Words in the resident's question that point to domestic violence or an unsafe child.
# Matched case-insensitively anywhere in a word (Dutch compounds: "kindermishandeling",
# "ouderenmishandeling", "huiselijkgeweld"), except "geweldig" (great), which is not.
SAFETY_KEYWORDS = (
    "geweld",
    "mishandel",
    "onveilig",
    "bedreig",
    "verwaarloos",
    "verwaarloz",
    "seksueel misbruik",
    "misbruikt",
    "veilig thuis",
    "stalk",
    "eergerelateerd",
    "huwelijksdwang",
    "loverboy",
    "violence",
    "unsafe",
)
# Short words matched as whole words only.
SAFETY_WORDS = ("slaat", "sloeg", "geslagen", "schopt", "schopte")

_SAFETY_RE = re.compile(
    "|".join(
        [re.escape(k) + ("(?!ig)" if k == "geweld" else "") for k in SAFETY_KEYWORDS]
        + [rf"\b{re.escape(w)}\b" for w in SAFETY_WORDS]
    )
)


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
    relations only (load them with ``app.indexing.service_options()`` to avoid lazy
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
    slug); ``None`` when unknown.  ``age`` in years, ``None`` when unknown.
    ``target_groups``: ``doelgroep`` codes, empty when not given.  ``question``: the
    resident's question in their own words.  ``own_strength``: what the resident and
    their network can do.  ``safety_concern``: the professional's flag that the safety
    of a child or domestic violence is at stake.  Unknown codes are a ``ValueError``.
    """

    life_domains: frozenset[str]
    kern: str | None = None
    age: int | None = None
    target_groups: frozenset[str] = frozenset()
    question: str = ""
    own_strength: str = ""
    safety_concern: bool = False

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
        object.__setattr__(self, "question", (self.question or "").strip())
        object.__setattr__(self, "own_strength", (self.own_strength or "").strip())

    @property
    def specific_target_groups(self) -> frozenset[str]:
        """The target groups that restrict anything (``iedereen`` does not)."""
        return self.target_groups - {EVERYONE}


# --- suitability and ranking -----------------------------------------------------------

def exclusions(need: Need, candidate: Candidate,
               relevance: Mapping[Any, float] | None = None) -> tuple[str, ...]:
    """Why ``candidate`` does not fit ``need``: ``EXCLUDED_*`` codes; empty if it fits."""
    out = []
    if not candidate.active:
        out.append(EXCLUDED_INACTIVE)
    if need.kern is not None and not candidate.serves(need.kern):
        out.append(EXCLUDED_KERN)
    if need.age is not None and not candidate.fits_age(need.age):
        out.append(EXCLUDED_AGE)
    wanted = need.specific_target_groups
    if wanted and not candidate.for_everyone and not (wanted & candidate.target_groups):
        out.append(EXCLUDED_TARGET_GROUP)
    if not need.life_domains & candidate.life_domains:
        out.append(EXCLUDED_LIFE_DOMAIN)
    if _filters_on_question(need, relevance) and candidate.id not in _scores(relevance):
        out.append(EXCLUDED_QUESTION)
    return tuple(out)


@dataclass(frozen=True)
class Reason:
    """One part of a suggestion's reason: a code (``leefgebied``, ``heel-berkelland``,
    ``kern``, ``doelgroep``, ``leeftijd``, ``toegang``, ``vraag``) and its lazy text."""

    code: str
    message: Any

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Suggestion:
    """A suitable provision, as the referral screen and its JSON show it.

    ``kernen``: the kern names served, sorted; ``(MUNICIPALITY,)`` for the whole
    municipality.  ``score``: the search relevance used for ordering (0 without one).
    """

    id: str
    name: str
    tier: str
    kernen: tuple[str, ...]
    whole_municipality: bool
    access: str | None
    score: float
    reasons: tuple[Reason, ...]

    @property
    def reason(self) -> str:
        """Plain Dutch (or English): "Past bij leefgebied Financiën; voor heel
        Berkelland; vrij toegankelijk".  Rendered when read, in the current locale."""
        return "; ".join(str(r) for r in self.reasons)

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``/staff/api/suggestions``: {id, name, tier, kernen, reason}."""
        return {"id": self.id, "name": self.name, "tier": self.tier,
                "kernen": list(self.kernen), "reason": self.reason}


def suitable(need: Need, candidates: Iterable[Candidate],
             relevance: Mapping[Any, float] | None = None) -> list[Suggestion]:
    """The suitable provisions for ``need``, lightest first.

    ``relevance``: the search engine's hits for the need's question, as provision id ->
    score (``{hit.id: hit.score for hit in result.hits}``).  When the need has a question
    and ``relevance`` is given, only provisions among the hits are suitable; the scores
    order provisions within a tier.  A candidate listed twice counts once (first kept).
    """
    scores = _scores(relevance)
    seen: set[str] = set()
    kept: list[tuple[Candidate, float]] = []
    for candidate in candidates:
        if candidate.id in seen:
            continue
        seen.add(candidate.id)
        if not exclusions(need, candidate, relevance):
            kept.append((candidate, scores.get(candidate.id, 0.0)))
    kept.sort(key=lambda cs: (rank_key(cs[0].tier, round(cs[1], 6), None, cs[0].name),
                              cs[0].id))
    return [_suggestion(need, c, s, _filters_on_question(need, relevance)) for c, s in kept]


def _scores(relevance: Mapping[Any, float] | None) -> dict[str, float]:
    return {_key(k): float(v or 0.0) for k, v in (relevance or {}).items()}


def _filters_on_question(need: Need, relevance: Mapping[Any, float] | None) -> bool:
    return bool(need.question) and relevance is not None


def _suggestion(need: Need, c: Candidate, score: float, by_question: bool) -> Suggestion:
    reasons: list[Reason] = []
    domains = [code for code in LIFE_DOMAIN_CODES if code in need.life_domains & c.life_domains]
    reasons.append(Reason("leefgebied", _ln(
        "Past bij leefgebied %(names)s", "Past bij leefgebieden %(names)s", len(domains),
        names=_AndList(tuple(ZRM_NAMES[d] for d in domains)))))
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
    if by_question:
        reasons.append(Reason("vraag", _l("past bij de vraag")))
    return Suggestion(
        id=c.id,
        name=c.name,
        tier=c.tier,
        kernen=(MUNICIPALITY,) if c.whole_municipality else tuple(kernen),
        whole_municipality=c.whole_municipality,
        access=c.access,
        score=score,
        reasons=tuple(reasons),
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
    provisions; its ``note`` is what the resident and their network can do."""

    tier: str
    label: Any
    suggestions: tuple[Suggestion, ...] = ()
    note: str = ""


OWN_STRENGTH_LABEL = _l("Eigen kracht en netwerk")
OWN_STRENGTH_PROMPT = _l("Wat kan de inwoner zelf, en wie in de omgeving kan helpen?")


def rungs(need: Need, suggestions: Iterable[Suggestion]) -> list[Rung]:
    """Own strength and network first, then one rung per tier that has suggestions,
    lightest first (order inside a rung kept)."""
    by_tier: dict[str, list[Suggestion]] = {}
    for s in suggestions:
        by_tier.setdefault(s.tier, []).append(s)
    out = [Rung(OWN_STRENGTH, OWN_STRENGTH_LABEL, (), need.own_strength)]
    for tier in sorted(by_tier, key=weight):
        out.append(Rung(tier, label(TIERS, tier), tuple(by_tier[tier])))
    return out


# --- choosing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SkipReason:
    """Why a lighter option was skipped: a ``SKIP_REASON_CODES`` code; ``text`` is
    required for ``anders`` and optional otherwise."""

    code: str
    text: str = ""

    @property
    def known(self) -> bool:
        return self.code in SKIP_REASON_CODES

    @property
    def complete(self) -> bool:
        return self.known and (self.code != SKIP_OTHER or bool(self.text.strip()))


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
    """One thing that stops a choice: a ``PROBLEM_*`` code, the option or weighing field
    it is about, and a lazy message."""

    code: str
    message: Any
    option_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Decision:
    """The outcome of ``check_choice``.

    ``lighter``: the lighter suitable options the choice skips (lightest first).
    ``skipped``: (option id, reason) for each of them, as given (store these).
    ``problems``: why the choice is refused (empty when ``allowed``).
    """

    allowed: bool
    outcome: str
    chosen_id: str
    chosen_tier: str | None
    in_suggestions: bool
    lighter: tuple[Suggestion, ...] = ()
    skipped: tuple[tuple[str, SkipReason], ...] = ()
    weighing: Weighing | None = None
    outside_reason: str = ""
    problems: tuple[Problem, ...] = field(default=())

    @property
    def problem_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    @property
    def lighter_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.lighter)

    @property
    def message(self) -> str:
        """Empty when allowed; otherwise one Dutch paragraph that names the lighter
        options and says what is missing.  Rendered when read."""
        if self.allowed:
            return ""
        parts = []
        if any(p.code != PROBLEM_OUTSIDE_REASON_MISSING for p in self.problems):
            names = _AndList(tuple(
                _l("%(name)s (%(tier)s)", name=s.name, tier=_Lower(label(TIERS, s.tier)))
                for s in self.lighter))
            parts.append(_ln(
                "Er is een lichtere passende voorziening: %(names)s. Geef een reden waarom u "
                "die overslaat en leg de afweging van kernwaarden, rechtmatigheid en "
                "financieel vast.",
                "Er zijn lichtere passende voorzieningen: %(names)s. Geef per voorziening een "
                "reden waarom u die overslaat en leg de afweging van kernwaarden, "
                "rechtmatigheid en financieel vast.",
                len(self.lighter), names=names))
        if PROBLEM_OUTSIDE_REASON_MISSING in self.problem_codes:
            parts.append(_OUTSIDE_MESSAGE)
        return " ".join(str(p) for p in parts)


_OUTSIDE_MESSAGE = _l("Deze voorziening staat niet bij de suggesties. Schrijf op waarom u "
                      "haar toch kiest.")


def lighter_options(chosen_id: Any, suggestions: Iterable[Suggestion],
                    chosen_tier: str | None = None) -> list[Suggestion]:
    """The suggestions on a lighter tier than the chosen one, in their order.

    The chosen provision's tier comes from the suggestions; for a choice outside them,
    from ``chosen_tier``; if that is unknown too, every suggestion counts as lighter.
    Same-tier options are never "lighter"."""
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


def check_choice(
    chosen_id: Any,
    suggestions: Iterable[Suggestion],
    skip_reasons: Mapping[Any, SkipReason | str] | None = None,
    weighing: Weighing | None = None,
    *,
    outside_reason: str = "",
    chosen_tier: str | None = None,
) -> Decision:
    """May the kerncoach refer to ``chosen_id``?  See the module docstring for the rule.

    ``suggestions``: ``suitable(...)`` for the same need.  ``skip_reasons``: option id ->
    ``SkipReason`` (a bare code string is accepted); reasons for options that are not
    lighter are ignored.  ``outside_reason``: required when the choice is not among the
    suggestions.  ``chosen_tier``: the tier of a choice outside the suggestions, if known
    (ignored when the choice is among them: the map's tier counts).
    """
    suggestions = list(suggestions)
    chosen = _key(chosen_id)
    in_suggestions = any(s.id == chosen for s in suggestions)
    tier = _tier_of(chosen, suggestions, chosen_tier)
    lighter = lighter_options(chosen, suggestions, chosen_tier)
    reasons = {_key(k): (SkipReason(v) if isinstance(v, str) else v)
               for k, v in (skip_reasons or {}).items()}

    problems: list[Problem] = []
    skipped: list[tuple[str, SkipReason]] = []
    for option in lighter:
        reason = reasons.get(option.id)
        if reason is None:
            problems.append(Problem(PROBLEM_REASON_MISSING, _l(
                "Geef een reden waarom u %(name)s overslaat.", name=option.name), option.id))
            continue
        skipped.append((option.id, reason))
        if not reason.known:
            problems.append(Problem(PROBLEM_REASON_UNKNOWN, _l(
                "Kies een van de redenen waarom u %(name)s overslaat.", name=option.name),
                option.id))
        elif not reason.complete:
            problems.append(Problem(PROBLEM_TEXT_MISSING, _l(
                "Schrijf bij ‘anders’ waarom u %(name)s overslaat.", name=option.name),
                option.id))
    if lighter:
        missing = WEIGHING_FIELD_CODES if weighing is None else weighing.missing()
        for code in missing:
            problems.append(Problem(PROBLEM_WEIGHING_MISSING, _l(
                "Vul de afweging in: %(field)s.", field=label(WEIGHING_FIELDS, code)),
                field=code))
    outside_reason = (outside_reason or "").strip()
    if not in_suggestions and not outside_reason:
        problems.append(Problem(PROBLEM_OUTSIDE_REASON_MISSING, _OUTSIDE_MESSAGE))

    if problems:
        outcome = OUTCOME_REFUSED
    elif not in_suggestions:
        outcome = OUTCOME_OUTSIDE
    elif lighter:
        outcome = OUTCOME_JUSTIFIED
    else:
        outcome = OUTCOME_LIGHTEST
    return Decision(
        allowed=not problems,
        outcome=outcome,
        chosen_id=chosen,
        chosen_tier=tier,
        in_suggestions=in_suggestions,
        lighter=tuple(lighter),
        skipped=tuple(skipped),
        weighing=weighing if lighter else None,
        outside_reason=outside_reason,
        problems=tuple(problems),
    )


# --- safety ------------------------------------------------------------------------------

def safety_signals(need: Need) -> tuple[str, ...]:
    """What points to the safety route: ``"vlag"`` for the explicit flag, then each
    keyword found in the question (lower case, in order of appearance, once each)."""
    found = ["vlag"] if need.safety_concern else []
    for match in _SAFETY_RE.finditer(need.question.casefold()):
        if match.group(0) not in found:
            found.append(match.group(0))
    return tuple(found)


def needs_safety_route(need: Need) -> bool:
    """True when the safety of a child or domestic violence is at stake: the screen then
    shows the safety route (Veilig Thuis, the safety plan) before any provision.  The
    life domain ``huiselijke-relaties`` alone does not trigger it (relationship trouble is
    not violence); the flag or a word in the question does."""
    return bool(safety_signals(need))


__all__ = [
    "EVERYONE",
    "OWN_STRENGTH",
    "SKIP_REASONS",
    "SKIP_REASON_CODES",
    "WEIGHING_FIELDS",
    "WEIGHING_FIELD_CODES",
    "Candidate",
    "Decision",
    "Need",
    "Problem",
    "Reason",
    "Rung",
    "SkipReason",
    "Suggestion",
    "Weighing",
    "candidate_from_service",
    "check_choice",
    "exclusions",
    "lighter_options",
    "needs_safety_route",
    "rungs",
    "safety_signals",
    "suitable",
]
