"""The referral rule (app/domain/referral.py): pure functions, no database, no app.

Suitable is decided by the need (life domains, kern, age, groups) and ranked by the
question: the question's matches are the suggestions, the rest that fits is kept as
"others" to consider, and no lighter fitting option is ever hidden by the words.

Behaviour is asserted through codes, ids and order; a few tests read the rendered Dutch
text (lazy strings render their Dutch source outside an app context).
"""

from __future__ import annotations

import itertools
import random
import uuid
from types import SimpleNamespace

import pytest

from app.domain.ladder import weight
from app.domain.referral import (
    EXCLUDED_AGE,
    EXCLUDED_INACTIVE,
    EXCLUDED_KERN,
    EXCLUDED_LIFE_DOMAIN,
    EXCLUDED_TARGET_GROUP,
    FIT_DOMAIN,
    FIT_GROUP,
    FIT_QUESTION,
    FIT_SAFETY,
    OUTCOME_JUSTIFIED,
    OUTCOME_LIGHTEST,
    OUTCOME_OUTSIDE,
    OUTCOME_REFUSED,
    OWN_STRENGTH,
    PROBLEM_CONTRADICTS_MAP,
    PROBLEM_OUTSIDE_REASON_MISSING,
    PROBLEM_REASON_MISSING,
    PROBLEM_REASON_UNKNOWN,
    PROBLEM_TEXT_MISSING,
    PROBLEM_WEIGHING_MISSING,
    SKIP_REASON_CODES,
    WEIGHING_FIELD_CODES,
    Candidate,
    Need,
    Relevance,
    SkipReason,
    Weighing,
    candidate_from_service,
    check_choice,
    exclusions,
    lighter_options,
    needs_safety_route,
    options,
    rungs,
    safety_signals,
    suitable,
)
from app.vocabulary import LIFE_DOMAIN_CODES, MUNICIPALITY, TARGET_GROUP_CODES, TIER_CODES

FULL_WEIGHING = Weighing(kernwaarden="Eigen regie blijft voorop.",
                         rechtmatigheid="Wmo art. 2.3.5: algemene voorziening is niet toereikend.",
                         financieel="Kortdurend, binnen budget.")


def cand(id_: str, tier: str = "algemeen", **kw) -> Candidate:
    """A candidate that fits ``need()`` unless a keyword says otherwise."""
    defaults = dict(name=f"Voorziening {id_}", whole_municipality=True,
                    life_domains={"financien"}, access="vrij-toegankelijk")
    defaults.update(kw)
    return Candidate(id=id_, tier=tier, **defaults)


def need(**kw) -> Need:
    defaults = dict(life_domains={"financien"}, kern="Borculo")
    defaults.update(kw)
    return Need(**defaults)


def ids(suggestions) -> list[str]:
    return [s.id for s in suggestions]


def skips(decision) -> list[tuple[str, SkipReason]]:
    return [(s.option.id, s.reason) for s in decision.skipped]


def by_tier(*tiers: str) -> list:
    """Suggestions for one candidate per tier given, named after the tier."""
    return suitable(need(), [cand(t, t) for t in tiers])


# --- ranking: the ladder ------------------------------------------------------------------

@pytest.mark.parametrize("order", list(itertools.permutations(TIER_CODES)))
def test_suggestions_are_lightest_first_whatever_the_input_order(order):
    assert ids(by_tier(*order)) == ["algemeen", "voorliggend", "maatwerk"]


def test_relevance_orders_within_a_tier_but_never_over_the_ladder():
    candidates = [cand("m", "maatwerk"), cand("a1"), cand("a2"), cand("v", "voorliggend")]
    relevance = {"m": 99.0, "a1": 1.0, "a2": 5.0, "v": 50.0}
    result = suitable(need(question="schulden"), candidates, relevance)
    assert ids(result) == ["a2", "a1", "v", "m"]
    assert [s.score for s in result] == [5.0, 1.0, 50.0, 99.0]


def test_unknown_tier_sorts_after_maatwerk():
    result = suitable(need(), [cand("x", "onbekend"), cand("m", "maatwerk"), cand("a")])
    assert ids(result) == ["a", "m", "x"]


@pytest.mark.parametrize("perm", list(itertools.permutations(range(4))))
def test_ties_are_broken_by_name_then_id_deterministically(perm):
    pool = [cand("b", name="Alfa"), cand("a", name="alfa"), cand("c", name="Beta"),
            cand("d", name="ALFA")]
    result = suitable(need(), [pool[i] for i in perm])
    # Same tier, no score: name (case-insensitive), then id.
    assert ids(result) == ["a", "b", "d", "c"]


def test_equal_scores_are_tied_and_fall_back_to_name():
    pool = [cand("1", name="Zeta"), cand("2", name="Alfa")]
    relevance = {"1": 2.0000000001, "2": 2.0}  # engine noise below 6 decimals is a tie
    assert ids(suitable(need(question="x"), pool, relevance)) == ["2", "1"]


def test_duplicate_candidates_count_once():
    assert ids(suitable(need(), [cand("a"), cand("a", name="Anders"), cand("b")])) == ["a", "b"]


def test_rungs_put_own_strength_and_network_first():
    n = need(own_strength="Dochter helpt met de post.")
    result = rungs(n, by_tier("maatwerk", "algemeen"))
    assert [r.tier for r in result] == [OWN_STRENGTH, "algemeen", "maatwerk"]
    assert result[0].suggestions == () and result[0].note == "Dochter helpt met de post."
    assert [ids(r.suggestions) for r in result[1:]] == [["algemeen"], ["maatwerk"]]
    assert str(result[0].label) == "Eigen kracht en netwerk"


def test_rungs_without_suggestions_still_show_own_strength():
    assert [r.tier for r in rungs(need(), [])] == [OWN_STRENGTH]


# --- suitability filters ------------------------------------------------------------------

def test_a_fitting_candidate_has_no_exclusions():
    assert exclusions(need(), cand("a")) == ()


def test_inactive_provisions_are_excluded():
    pool = [cand("on"), cand("off", active=False)]
    assert ids(suitable(need(), pool)) == ["on"]
    assert exclusions(need(), pool[1]) == (EXCLUDED_INACTIVE,)


@pytest.mark.parametrize(
    ("kernen", "whole", "kern", "fits"),
    [
        ({"Borculo"}, False, "Borculo", True),  # served
        ({"Borculo", "Neede"}, False, "Neede", True),
        ({"Eibergen"}, False, "Borculo", False),  # not served
        (set(), True, "Borculo", True),  # municipality-wide, by flag
        ({MUNICIPALITY}, False, "Rekken", True),  # municipality-wide, as service_areas store it
        ({"berkelland"}, False, "Rekken", True),
        ({"Eibergen", MUNICIPALITY}, False, "Rekken", True),
        ({"Borculo"}, False, "borculo", True),  # slug or any case
        ({"Borculo"}, False, "  BORCULO ", True),
        ({"Geesteren"}, False, "Gelselaar", False),
        (set(), False, "Borculo", False),  # no area recorded: serves no known kern
        (set(), False, None, True),  # kern unknown: no kern filter
        ({"Eibergen"}, False, None, True),
    ],
)
def test_kern_served_not_served_or_whole_municipality(kernen, whole, kern, fits):
    c = cand("a", kernen=kernen, whole_municipality=whole)
    assert (exclusions(need(kern=kern), c) == ()) is fits
    assert (ids(suitable(need(kern=kern), [c])) == ["a"]) is fits
    if not fits:
        assert exclusions(need(kern=kern), c) == (EXCLUDED_KERN,)


@pytest.mark.parametrize(
    ("minimum", "maximum", "age", "fits"),
    [
        (18, None, 17, False),
        (18, None, 18, True),  # minimum is inclusive
        (18, None, 19, True),
        (None, 23, 22, True),
        (None, 23, 23, True),  # maximum is inclusive
        (None, 23, 24, False),
        (12, 23, 11, False),
        (12, 23, 12, True),
        (12, 23, 23, True),
        (12, 23, 24, False),
        (65, 65, 65, True),
        (None, None, 0, True),
        (None, None, 130, True),
        (0, 4, 0, True),
        (18, 67, None, True),  # age unknown: do not exclude
        (65, None, None, True),
        (None, 17, None, True),
    ],
)
def test_age_limits_at_their_boundaries(minimum, maximum, age, fits):
    c = cand("a", minimum_age=minimum, maximum_age=maximum)
    got = exclusions(need(age=age), c)
    assert got == (() if fits else (EXCLUDED_AGE,))


@pytest.mark.parametrize(
    ("provision_groups", "need_groups", "fits"),
    [
        ({"iedereen"}, {"ouderen"}, True),  # iedereen fits everyone
        ({"iedereen", "jongeren"}, {"ouderen"}, True),
        (set(), {"ouderen"}, True),  # no target group: no restriction
        ({"ouderen"}, {"ouderen"}, True),
        ({"ouderen", "mantelzorgers"}, {"mantelzorgers"}, True),
        ({"ouderen"}, {"jongeren", "ouderen"}, True),  # any of the need's groups
        ({"jongeren"}, {"ouderen"}, False),
        ({"kinderen", "ouders"}, {"nieuwkomers"}, False),
        ({"jongeren"}, set(), True),  # none given: no filter
        ({"jongeren"}, {"iedereen"}, True),  # the need saying "iedereen" restricts nothing
    ],
)
def test_target_groups(provision_groups, need_groups, fits):
    c = cand("a", target_groups=provision_groups)
    got = exclusions(need(target_groups=need_groups), c)
    assert got == (() if fits else (EXCLUDED_TARGET_GROUP,))


@pytest.mark.parametrize(
    ("provision_domains", "need_domains", "fits"),
    [
        ({"financien"}, {"financien"}, True),
        ({"financien", "huisvesting"}, {"huisvesting"}, True),
        ({"huisvesting"}, {"financien", "huisvesting", "justitie"}, True),
        ({"huisvesting"}, {"financien"}, False),
        (set(), {"financien"}, False),  # a provision with no life domain fits no need
    ],
)
def test_life_domain_must_be_shared(provision_domains, need_domains, fits):
    got = exclusions(need(life_domains=need_domains), cand("a", life_domains=provision_domains))
    assert got == (() if fits else (EXCLUDED_LIFE_DOMAIN,))


def test_every_failing_filter_is_reported():
    c = cand("a", active=False, kernen={"Eibergen"}, whole_municipality=False, minimum_age=65,
             target_groups={"ouderen"}, life_domains={"justitie"})
    n = need(age=30, target_groups={"jongeren"}, question="schulden")
    assert exclusions(n, c) == (
        EXCLUDED_INACTIVE, EXCLUDED_KERN, EXCLUDED_AGE, EXCLUDED_TARGET_GROUP, EXCLUDED_LIFE_DOMAIN)


@pytest.mark.parametrize(
    ("provision_groups", "age", "fits"),
    [({"volwassenen"}, 44, True),  # a parent of 44 is an adult: a provision for adults fits
     ({"ouderen"}, 70, True), ({"ouderen"}, 44, False), ({"volwassenen"}, 15, False),
     ({"volwassenen"}, None, False)],  # no age: the role alone decides
)
def test_an_age_group_fits_a_need_of_that_age_whatever_role_it_names(provision_groups, age, fits):
    got = exclusions(need(target_groups={"ouders"}, age=age), cand("a", target_groups=provision_groups))
    assert got == (() if fits else (EXCLUDED_TARGET_GROUP,))


# --- the question ranks; it decides what is suitable, never what is considered --------------

@pytest.mark.parametrize(
    ("question", "relevance", "suggested", "others"),
    [
        ("schulden", {"a": 3.0}, ["a"], ["b"]),  # the match is suitable, the rest is kept aside
        ("schulden", {"a": 0.0, "b": 0.0}, ["a", "b"], []),  # nothing matched: all fitting
        ("schulden", {}, ["a", "b"], []),
        ("schulden", None, ["a", "b"], []),  # no scores passed: the question decides nothing
        ("", {"b": 1.0}, ["b", "a"], []),  # no question: scores order, they do not decide
        ("   ", {"b": 1.0}, ["b", "a"], []),
    ],
)
def test_the_question_decides_what_is_suitable_among_what_fits(question, relevance, suggested, others):
    found = options(need(question=question), [cand("a"), cand("b")], relevance)
    assert (ids(found.suggestions), ids(found.others)) == (suggested, others)
    assert ids(suitable(need(question=question), [cand("a"), cand("b")], relevance)) == suggested


def test_a_weak_match_is_not_about_the_question():
    found = options(need(question="x"), [cand("a"), cand("b"), cand("c")],
                    {"a": 1.0, "b": 0.6, "c": 0.3})
    assert ids(found.suggestions) == ["a", "b"] and ids(found.others) == ["c"]
    assert [s.fit for s in found.all] == [FIT_QUESTION, FIT_QUESTION, FIT_DOMAIN]


def test_the_question_never_hides_a_lighter_option_that_fits():
    """"dagbesteding" matches only the indicated provision: every lighter provision that fits
    the need is still suggested, lightest first; same-tier non-matches are kept aside."""
    pool = [cand("m1", "maatwerk"), cand("m2", "maatwerk"), cand("a"), cand("v", "voorliggend")]
    found = options(need(question="dagbesteding"), pool, {"m1": 1.0})
    assert ids(found.suggestions) == ["a", "v", "m1"] and ids(found.others) == ["m2"]
    assert [s.fit for s in found.suggestions] == [FIT_DOMAIN, FIT_DOMAIN, FIT_QUESTION]


def test_words_that_only_name_a_provision_rank_but_decide_nothing():
    pool = [cand("a1"), cand("a2"), cand("m", "maatwerk")]
    found = options(need(question="dagbesteding"), pool, Relevance(scores={"a2": 0.4, "m": 1.0}))
    assert ids(found.suggestions) == ["a2", "a1", "m"] and not found.others and not found.by_question


def test_the_kerncoachs_words_add_but_never_remove():
    pool = [cand("a1"), cand("a2"), cand("a3")]
    question_only = options(need(question="eenzaam"), pool, Relevance({"a1": 1.0}, {"a1": 1.0}))
    both = options(need(question="eenzaam", search="maaltijd"), pool,
                   Relevance({"a1": 1.0, "a2": 1.0}, {"a1": 1.0, "a2": 1.0}))
    assert ids(question_only.suggestions) == ["a1"]
    assert set(ids(both.suggestions)) == {"a1", "a2"}


def test_a_provision_for_the_role_the_need_is_about_is_suitable():
    pool = [cand("knooppunt", target_groups={"mantelzorgers"}), cand("cafe"), cand("x")]
    found = options(need(question="mijn man vergeet alles", target_groups={"mantelzorgers"}), pool,
                    {"cafe": 1.0})
    assert set(ids(found.suggestions)) == {"knooppunt", "cafe"}
    assert {s.id: s.fit for s in found.suggestions} == {"knooppunt": FIT_GROUP, "cafe": FIT_QUESTION}


def test_safety_partners_come_first_whatever_the_life_domains():
    pool = [cand("vt", life_domains={"huiselijke-relaties"}, name="Veilig Thuis"), cand("a"),
            cand("m", "maatwerk")]
    found = options(need(question="hij slaat me"), pool,
                    Relevance({"a": 1.0, "m": 0.9}, {"a": 1.0, "m": 0.9}, frozenset({"vt"})))
    assert ids(found.suggestions) == ["vt", "a", "m"]
    assert found.suggestions[0].fit == FIT_SAFETY and found.suggestions[0].reason_codes[0] == "veiligheid"


def test_help_in_the_residents_own_kern_goes_before_help_for_everyone():
    pool = [cand("all", name="A"), cand("here", name="B", whole_municipality=False, kernen={"Borculo"})]
    found = options(need(question="koffie"), pool, {"all": 1.0, "here": 0.9})
    assert ids(found.suggestions) == ["here", "all"]


def test_relevance_keys_may_be_uuids_or_strings():
    one, two = uuid.uuid4(), uuid.uuid4()
    pool = [cand(one), cand(two)]
    result = suitable(need(question="x"), pool, {two: 1.0})
    assert ids(result) == [str(two)]
    result = suitable(need(question="x"), pool, {str(one): 1.0})
    assert ids(result) == [str(one)]


# --- the reason shown with each suggestion ------------------------------------------------

def test_reason_reads_as_plain_dutch():
    [s] = suitable(need(), [cand("a")])
    assert s.reason == "Leefgebied Geldzaken; voor heel Berkelland; vrij toegankelijk"
    assert s.reason_codes == ("leefgebied", "heel-berkelland", "toegang")


def test_reason_names_every_shared_domain_kern_group_age_and_question():
    c = cand("a", tier="maatwerk", whole_municipality=False, kernen={"Neede", "Borculo"},
             life_domains={"huisvesting", "financien", "justitie"},
             target_groups={"ouderen", "mantelzorgers"}, minimum_age=18, maximum_age=67,
             access="beschikking-gemeente")
    n = need(life_domains={"financien", "huisvesting"}, target_groups={"mantelzorgers"},
             question="huur")
    [s] = suitable(n, [c], {"a": 1.0})
    assert s.reason == ("Past bij de vraag; leefgebieden Geldzaken en Wonen; voor Borculo en Neede; "
                        "voor mantelzorgers; van 18 tot en met 67 jaar; "
                        "na een beschikking van de gemeente")
    assert s.reason_codes == ("vraag", "leefgebied", "kern", "doelgroep", "leeftijd", "toegang")


@pytest.mark.parametrize(
    ("minimum", "maximum", "text"),
    [(65, None, "vanaf 65 jaar"), (None, 23, "tot en met 23 jaar"), (None, None, None)],
)
def test_reason_states_age_limits(minimum, maximum, text):
    [s] = suitable(need(), [cand("a", minimum_age=minimum, maximum_age=maximum)])
    parts = s.reason.split("; ")
    if text is None:
        assert "leeftijd" not in s.reason_codes
    else:
        assert text in parts


@pytest.mark.parametrize(
    ("access", "text"),
    [("vrij-toegankelijk", "vrij toegankelijk"), ("aanmelden", "aanmelden bij de aanbieder"),
     ("verwijzing-huisarts", "via de huisarts of een andere verwijzer"),
     ("beschikking-gemeente", "na een beschikking van de gemeente"), (None, None)],
)
def test_reason_states_access(access, text):
    [s] = suitable(need(), [cand("a", access=access)])
    assert (s.reason.split("; ")[-1] == text) if text else ("toegang" not in s.reason_codes)


def test_json_shape():
    pool = [cand("a", name="Inloop"),
            cand("b", "voorliggend", whole_municipality=False, kernen={"Neede", "Borculo"})]
    assert [s.as_dict() for s in suitable(need(), pool)] == [
        {"id": "a", "name": "Inloop", "tier": "algemeen", "kernen": ["Berkelland"],
         "reason": "Leefgebied Geldzaken; voor heel Berkelland; vrij toegankelijk", "fit": "leefgebied"},
        {"id": "b", "name": "Voorziening b", "tier": "voorliggend", "kernen": ["Borculo", "Neede"],
         "reason": "Leefgebied Geldzaken; voor Borculo en Neede; vrij toegankelijk", "fit": "leefgebied"},
    ]


# --- lighter options ----------------------------------------------------------------------

@pytest.mark.parametrize(("chosen", "other"), list(itertools.product(TIER_CODES, TIER_CODES)))
def test_every_tier_combination(chosen, other):
    """Chosen tier x the tier of the one other suitable option."""
    suggestions = suitable(need(), [cand("chosen", chosen), cand("other", other)])
    other_is_lighter = weight(other) < weight(chosen)
    assert ids(lighter_options("chosen", suggestions)) == (["other"] if other_is_lighter else [])

    bare = check_choice("chosen", suggestions, {}, None)
    assert bare.allowed is not other_is_lighter
    assert bare.outcome == (OUTCOME_REFUSED if other_is_lighter else OUTCOME_LIGHTEST)

    justified = check_choice("chosen", suggestions, {"other": SkipReason("wachtlijst")},
                             FULL_WEIGHING)
    assert justified.allowed
    assert justified.outcome == (OUTCOME_JUSTIFIED if other_is_lighter else OUTCOME_LIGHTEST)


@pytest.mark.parametrize(
    ("chosen", "lighter"),
    [("algemeen", []), ("voorliggend", ["algemeen"]), ("maatwerk", ["algemeen", "voorliggend"])],
)
def test_lighter_options_with_all_tiers_present(chosen, lighter):
    assert ids(lighter_options(chosen, by_tier(*TIER_CODES))) == lighter


def test_same_tier_options_are_not_lighter():
    found = options(need(question="x"), [cand("a1"), cand("a2"), cand("m", "maatwerk")],
                    {"a1": 9.0, "a2": 1.0, "m": 1.0})
    assert ids(lighter_options("a2", found.all)) == []
    assert ids(lighter_options("m", found.all)) == ["a1", "a2"]


@pytest.mark.parametrize(
    ("chosen_tier", "lighter"),
    [(None, ["algemeen", "voorliggend", "maatwerk"]), ("algemeen", []),
     ("voorliggend", ["algemeen"]), ("maatwerk", ["algemeen", "voorliggend"])],
)
def test_lighter_options_for_a_choice_outside_the_suggestions(chosen_tier, lighter):
    assert ids(lighter_options("elders", by_tier(*TIER_CODES), chosen_tier)) == lighter


def test_tier_from_the_suggestions_wins_over_a_passed_tier():
    assert ids(lighter_options("voorliggend", by_tier(*TIER_CODES), "maatwerk")) == ["algemeen"]


# --- checking a choice ----------------------------------------------------------------------

def test_choosing_the_lightest_needs_no_justification():
    decision = check_choice("algemeen", by_tier(*TIER_CODES), {}, None)
    assert decision.allowed and decision.outcome == OUTCOME_LIGHTEST
    assert decision.lighter == () and decision.problems == () and decision.message == ""
    assert decision.in_suggestions and decision.chosen_tier == "algemeen"


def test_choosing_any_of_several_lightest_needs_no_justification():
    suggestions = suitable(need(), [cand("a1"), cand("a2"), cand("m", "maatwerk")])
    for chosen in ("a1", "a2"):
        assert check_choice(chosen, suggestions).outcome == OUTCOME_LIGHTEST


def test_choosing_the_only_suggestion_needs_no_justification():
    assert check_choice("maatwerk", by_tier("maatwerk")).allowed


def test_indicated_while_general_fits_is_refused_with_the_lighter_options_named():
    decision = check_choice("maatwerk", by_tier(*TIER_CODES), {}, None)
    assert not decision.allowed and decision.outcome == OUTCOME_REFUSED
    assert decision.lighter_ids == ("algemeen", "voorliggend")
    assert decision.problem_codes == (PROBLEM_REASON_MISSING, PROBLEM_REASON_MISSING,
                                      *[PROBLEM_WEIGHING_MISSING] * 3)
    assert [p.option_id for p in decision.problems[:2]] == ["algemeen", "voorliggend"]
    assert [p.field for p in decision.problems[2:]] == list(WEIGHING_FIELD_CODES)
    assert decision.message.startswith(
        "Er zijn lichtere passende voorzieningen: Voorziening algemeen (algemene voorziening) "
        "en Voorziening voorliggend (voorliggende voorziening).")
    assert "kernwaarden, rechtmatigheid en financieel" in decision.message


def test_refusal_message_with_one_lighter_option_is_singular():
    decision = check_choice("voorliggend", by_tier("algemeen", "voorliggend"))
    assert decision.message.startswith(
        "Er is een lichtere passende voorziening: Voorziening algemeen (algemene voorziening).")
    assert str(decision.problems[0]) == "Geef een reden waarom u Voorziening algemeen overslaat."


@pytest.mark.parametrize("code", [c for c in SKIP_REASON_CODES if c not in ("anders", "wil-niet")])
def test_each_fixed_skip_reason_is_accepted(code):
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": SkipReason(code)}, FULL_WEIGHING)
    assert decision.allowed and decision.outcome == OUTCOME_JUSTIFIED
    assert skips(decision) == [("algemeen", SkipReason(code))]
    assert decision.weighing == FULL_WEIGHING


@pytest.mark.parametrize("code", ["anders", "wil-niet"])
@pytest.mark.parametrize(
    ("text", "allowed"),
    [("", False), ("   \n", False), ("Inwoner wil niet naar een groep.", True)],
)
def test_other_and_unwilling_need_a_text(code, text, allowed):
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": SkipReason(code, text)}, FULL_WEIGHING)
    assert decision.allowed is allowed
    assert decision.problem_codes == (() if allowed else (PROBLEM_TEXT_MISSING,))


@pytest.mark.parametrize("code", ["geen-zin", "Wachtlijst", "buiten-suggesties"])
def test_unknown_skip_reason_is_refused(code):
    """(An empty choice is no reason at all: "reden-ontbreekt".)"""
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": SkipReason(code, "tekst")}, FULL_WEIGHING)
    assert decision.problem_codes == (PROBLEM_REASON_UNKNOWN,)


def test_a_bare_code_string_counts_as_a_skip_reason():
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": "al-geprobeerd"}, FULL_WEIGHING)
    assert decision.allowed
    assert skips(decision) == [("algemeen", SkipReason("al-geprobeerd"))]


def test_every_lighter_option_needs_a_reason():
    decision = check_choice("maatwerk", by_tier(*TIER_CODES),
                            {"algemeen": SkipReason("past-niet")}, FULL_WEIGHING)
    assert not decision.allowed
    assert decision.problem_codes == (PROBLEM_REASON_MISSING,)
    assert decision.problems[0].option_id == "voorliggend"


def test_one_reason_may_cover_every_lighter_option():
    """30 lighter options, one reason for all and the weighing: four inputs."""
    pool = [cand(f"a{i:02d}") for i in range(20)] + [cand(f"v{i:02d}", "voorliggend") for i in range(10)]
    found = options(need(), [*pool, cand("m", "maatwerk")])
    decision = check_choice("m", found, {}, FULL_WEIGHING, group_reason="al-geprobeerd")
    assert decision.allowed and decision.outcome == OUTCOME_JUSTIFIED
    assert len(decision.skipped) == 30 and all(s.shared for s in decision.skipped)
    own = check_choice("m", found, {"a03": SkipReason("wachtlijst", "half jaar")}, FULL_WEIGHING,
                       group_reason="al-geprobeerd")
    assert [(s.option.id, s.reason.code, s.shared) for s in own.skipped if not s.shared] == [
        ("a03", "wachtlijst", False)]


def test_the_shared_not_the_question_cannot_cover_an_option_the_map_finds_about_the_question():
    pool = [cand("eten", name="Samen eten"), cand("sport"), cand("m", "maatwerk")]
    found = options(need(question="eenzaam"), pool, {"eten": 1.0, "m": 0.9})
    assert ids(found.suggestions) == ["eten", "m"] and ids(found.others) == ["sport"]
    refused = check_choice("m", found, {}, FULL_WEIGHING, group_reason="past-niet")
    assert refused.problem_codes == (PROBLEM_CONTRADICTS_MAP,)
    assert refused.problems[0].option_id == "eten" and refused.problems[0].field == "reden-eten"
    bare_own = check_choice("m", found, {"eten": SkipReason("past-niet")}, FULL_WEIGHING,
                            group_reason="past-niet")
    assert bare_own.problem_codes == (PROBLEM_TEXT_MISSING,)
    ok = check_choice("m", found, {"eten": SkipReason("past-niet", "Eet niet in een groep")},
                      FULL_WEIGHING, group_reason="past-niet")
    assert ok.allowed


def test_options_already_referred_in_this_case_count_as_considered():
    found = options(need(), [cand("a"), cand("v", "voorliggend"), cand("m", "maatwerk")])
    decision = check_choice("m", found, {"v": "wachtlijst"}, FULL_WEIGHING, considered={"a"})
    assert decision.allowed and ids(decision.considered) == ["a"] and decision.lighter_ids == ("v",)
    assert check_choice("m", found, {}, None, considered={"a", "v"}).outcome == OUTCOME_LIGHTEST


def test_others_are_grouped_in_the_message_and_named_suggestions_first():
    """The few options most about the question are named and weighed one by one (at most
    five); everything else lighter is counted, and one reason covers it."""
    pool = [cand("eten", name="Samen eten")] + [cand(f"o{i}") for i in range(3)] + [
        cand("m", "maatwerk"), cand("m2", "maatwerk")]
    found = options(need(question="eenzaam"), pool, {"m": 1.0})
    decision = check_choice("m", found)
    assert decision.grouped == frozenset()  # nothing about the question, four lighter: by name
    found = options(need(question="eenzaam"), pool, {"eten": 1.0, "m": 1.0})
    decision = check_choice("m", found)
    assert decision.lighter_ids == ("eten", "o0", "o1", "o2")
    assert decision.grouped == frozenset({"o0", "o1", "o2"})
    assert decision.message.startswith(
        "Er is een lichtere passende voorziening: Samen eten (algemene voorziening). "
        "Er zijn 3 andere lichtere voorzieningen die bij de hulpvraag passen.")


def test_reasons_for_options_that_are_not_lighter_are_ignored():
    decision = check_choice("voorliggend", by_tier(*TIER_CODES),
                            {"algemeen": SkipReason("wachtlijst"), "maatwerk": SkipReason("x")},
                            FULL_WEIGHING)
    assert decision.allowed
    assert skips(decision) == [("algemeen", SkipReason("wachtlijst"))]


def test_skip_reason_keys_may_be_uuids():
    light, heavy = uuid.uuid4(), uuid.uuid4()
    suggestions = suitable(need(), [cand(light), cand(heavy, "maatwerk")])
    decision = check_choice(heavy, suggestions, {light: SkipReason("wachtlijst")}, FULL_WEIGHING)
    assert decision.allowed and decision.chosen_id == str(heavy)


def test_missing_weighing_is_refused():
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": SkipReason("wachtlijst")}, None)
    assert not decision.allowed
    assert decision.problem_codes == (PROBLEM_WEIGHING_MISSING,) * 3
    assert "Voorziening algemeen" in decision.message


@pytest.mark.parametrize("empty", WEIGHING_FIELD_CODES)
@pytest.mark.parametrize("blank", ["", "  "])
def test_each_part_of_the_weighing_is_required(empty, blank):
    parts = {f: "Afgewogen." for f in WEIGHING_FIELD_CODES}
    parts[empty] = blank
    decision = check_choice("maatwerk", by_tier("algemeen", "maatwerk"),
                            {"algemeen": SkipReason("wachtlijst")}, Weighing(**parts))
    assert not decision.allowed
    assert [(p.code, p.field) for p in decision.problems] == [(PROBLEM_WEIGHING_MISSING, empty)]


def test_weighing_is_not_asked_when_choosing_the_lightest():
    decision = check_choice("algemeen", by_tier("algemeen"), {}, Weighing())
    assert decision.allowed and decision.weighing is None


# --- a choice outside the suggestions -------------------------------------------------------

def test_outside_choice_without_reason_is_refused():
    decision = check_choice("elders", [], {}, None)
    assert not decision.allowed and not decision.in_suggestions
    assert decision.problem_codes == (PROBLEM_OUTSIDE_REASON_MISSING,)
    assert decision.message == ("Deze voorziening staat niet bij de suggesties. "
                                "Schrijf op waarom u haar toch kiest.")


def test_outside_choice_with_reason_and_nothing_suitable_is_allowed():
    decision = check_choice("elders", [], outside_reason="Buurtvereniging, niet op de kaart.")
    assert decision.allowed and decision.outcome == OUTCOME_OUTSIDE
    assert decision.outside_reason == "Buurtvereniging, niet op de kaart."


def test_outside_choice_of_unknown_tier_must_still_skip_every_suitable_option():
    suggestions = by_tier("algemeen", "maatwerk")
    refused = check_choice("elders", suggestions, {}, None, outside_reason="Kent de inwoner.")
    assert refused.lighter_ids == ("algemeen", "maatwerk")
    assert refused.problem_codes == (PROBLEM_REASON_MISSING,) * 2 + (PROBLEM_WEIGHING_MISSING,) * 3
    assert refused.message.startswith("Er zijn lichtere passende voorzieningen:")

    allowed = check_choice("elders", suggestions,
                           {"algemeen": SkipReason("niet-bereikbaar"),
                            "maatwerk": SkipReason("past-niet")},
                           FULL_WEIGHING, outside_reason="Kent de inwoner.")
    assert allowed.allowed and allowed.outcome == OUTCOME_OUTSIDE


@pytest.mark.parametrize(
    ("chosen_tier", "needs"),
    [("algemeen", ()), ("voorliggend", ("algemeen",)), ("maatwerk", ("algemeen", "voorliggend"))],
)
def test_outside_choice_of_known_tier_skips_only_lighter_options(chosen_tier, needs):
    decision = check_choice("elders", by_tier(*TIER_CODES), {}, None,
                            outside_reason="Nieuw initiatief.", chosen_tier=chosen_tier)
    assert decision.lighter_ids == needs
    assert decision.allowed is (not needs)


def test_outside_without_reason_and_lighter_options_names_both_problems():
    decision = check_choice("elders", by_tier("algemeen"), {}, None, chosen_tier="maatwerk")
    assert decision.problem_codes[-1] == PROBLEM_OUTSIDE_REASON_MISSING
    assert decision.message.startswith("Er is een lichtere passende voorziening")
    assert decision.message.endswith("Schrijf op waarom u haar toch kiest.")


# --- a need ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "kw",
    [
        {"life_domains": set()},
        {"life_domains": "financien"},
        {"life_domains": {"geld"}},
        {"target_groups": {"senioren"}},
        {"age": -1},
        {"age": 131},
        {"age": True},
        {"age": "30"},
    ],
)
def test_an_invalid_need_is_refused(kw):
    with pytest.raises(ValueError):
        need(**kw)


def test_need_accepts_every_vocabulary_code_and_normalises():
    n = Need(life_domains=list(LIFE_DOMAIN_CODES), target_groups=list(TARGET_GROUP_CODES),
             kern="  Rekken ", question="  vraag ", own_strength=" buren ")
    assert n.life_domains == frozenset(LIFE_DOMAIN_CODES)
    assert (n.kern, n.question, n.own_strength) == ("Rekken", "vraag", "buren")
    assert need(kern="").kern is None


# --- safety ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "question",
    [
        "Mijn man slaat mij",
        "Er is huiselijk geweld",
        "Huiselijkgeweld thuis",
        "Ik ben bang voor kindermishandeling bij de buren",
        "Mijn vader is mishandeld",
        "Ik voel me ONVEILIG thuis",
        "Mijn ex bedreigt mij",
        "De kinderen worden verwaarloosd",
        "Hij is gewelddadig",
        "Ik heb Veilig Thuis al gebeld",
        "Mijn ex stalkt mij",
        "I feel unsafe at home",
    ],
)
def test_safety_words_in_the_question_lead_to_the_safety_route(question):
    assert needs_safety_route(need(question=question))


@pytest.mark.parametrize(
    "question",
    [
        "",
        "Het gaat geweldig met de kinderen, maar de huur is te hoog",
        "Ruzie met mijn partner over geld",
        "Ik zoek een veilig huis voor mijn moeder",
        "Hij beslaat de hele kamer",  # 'slaat' only as a whole word
    ],
)
def test_no_safety_route_without_a_signal(question):
    assert not needs_safety_route(need(question=question,
                                       life_domains={"huiselijke-relaties", "financien"}))


def test_the_explicit_flag_leads_to_the_safety_route():
    n = need(life_domains={"huiselijke-relaties"}, safety_concern=True)
    assert needs_safety_route(n)
    assert safety_signals(n) == ("vlag",)


def test_safety_signals_name_what_was_found_once_each():
    n = need(question="Geweld en nog eens geweld; kindermishandeling", safety_concern=True)
    assert safety_signals(n) == ("vlag", "geweld", "mishandel")


# --- mapping a Service ----------------------------------------------------------------------

def _term(code):
    return SimpleNamespace(code=code)


def test_candidate_from_service_like_object():
    service_id = uuid.uuid4()
    service = SimpleNamespace(
        id=service_id, name="Schuldhulp", tier="voorliggend", access="aanmelden",
        kernen_served=[SimpleNamespace(name="Neede"), SimpleNamespace(name="Borculo")],
        serves_whole_municipality=False,
        life_domains=[_term("financien"), _term(None)], target_groups=[_term("volwassenen")],
        minimum_age=18, maximum_age=None, is_public=True)
    assert candidate_from_service(service) == Candidate(
        id=str(service_id), name="Schuldhulp", tier="voorliggend", kernen={"Borculo", "Neede"},
        life_domains={"financien"}, target_groups={"volwassenen"}, minimum_age=18,
        maximum_age=None, active=True, access="aanmelden")
    assert Candidate.from_service(service) == candidate_from_service(service)


@pytest.mark.parametrize(
    ("status", "publication", "active"),
    [("active", "published", True), ("active", "draft", False), ("inactive", "published", False),
     ("defunct", "published", False), ("temporarily closed", "published", False)],
)
def test_candidate_from_orm_service(status, publication, active):
    from app.models import Kern, Service, ServiceArea, TaxonomyTerm  # transient objects, no session

    whole = Service(id=uuid.uuid4(), name="Inloop", tier="algemeen", access="vrij-toegankelijk",
                    status=status, publication=publication)
    whole.life_domains = [TaxonomyTerm(code="financien", name="Financiën")]
    whole.target_groups = [TaxonomyTerm(code="iedereen", name="Iedereen")]
    whole.service_areas = [ServiceArea(name=MUNICIPALITY, kern=None)]
    c = candidate_from_service(whole)
    assert (c.whole_municipality, c.active, c.id) == (True, active, str(whole.id))
    assert c.serves("Rekken")

    local = Service(id=uuid.uuid4(), name="Jeugdhonk", tier="algemeen", access="vrij-toegankelijk",
                    status="active", publication="published", minimum_age=12, maximum_age=23)
    local.life_domains = [TaxonomyTerm(code="tijdsbesteding", name="Tijdsbesteding")]
    local.service_areas = [ServiceArea(name="Neede", kern=Kern(name="Neede", slug="neede"))]
    c = candidate_from_service(local)
    assert (c.kernen, c.whole_municipality) == (frozenset({"Neede"}), False)
    assert (c.minimum_age, c.maximum_age) == (12, 23)
    assert c.serves("neede") and not c.serves("Borculo")


# --- properties over random maps (seeded, no extra dependency) ------------------------------

def _random_candidate(rng: random.Random, i: int) -> Candidate:
    kernen = ["Borculo", "Eibergen", "Neede", "Ruurlo", "Rekken"]
    low = rng.choice([None, 0, 12, 18, 65])
    high = rng.choice([None, 17, 23, 67, 110])
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Candidate(
        id=f"{i:03d}", name=rng.choice(["Inloop", "inloop", "Hulp", "Coach", "Zorg"]),
        tier=rng.choice(TIER_CODES), kernen=set(rng.sample(kernen, rng.randint(0, 2))),
        whole_municipality=rng.random() < 0.3,
        life_domains=set(rng.sample(LIFE_DOMAIN_CODES[:4], rng.randint(0, 2))),
        target_groups=set(rng.sample(TARGET_GROUP_CODES[:5], rng.randint(0, 2))),
        minimum_age=low, maximum_age=high, active=rng.random() < 0.85,
        access=rng.choice(["vrij-toegankelijk", "aanmelden", "beschikking-gemeente"]))


@pytest.mark.parametrize("seed", range(40))
def test_properties_hold_on_random_maps(seed):
    rng = random.Random(seed)
    pool = [_random_candidate(rng, i) for i in range(30)]
    n = need(life_domains=set(rng.sample(LIFE_DOMAIN_CODES[:4], rng.randint(1, 2))),
             kern=rng.choice(["Borculo", "Neede", None]), age=rng.choice([None, 8, 17, 40, 80]),
             target_groups=set(rng.sample(TARGET_GROUP_CODES[:5], rng.randint(0, 1))),
             question=rng.choice(["", "hulp"]))
    relevance = rng.choice([None, {c.id: rng.random() for c in pool if rng.random() < 0.7}])
    found = options(n, pool, relevance)
    result = list(found.suggestions)

    # Exactly the candidates without exclusions, each once, in one of the two lists.
    assert sorted(ids(found.all)) == sorted(c.id for c in pool if not exclusions(n, c))
    # The ladder holds in both lists, and the order does not depend on the input order.
    for part in (found.suggestions, found.others):
        assert [weight(s.tier) for s in part] == sorted(weight(s.tier) for s in part)
    again = options(n, list(reversed(pool)), relevance)
    assert (ids(again.suggestions), ids(again.others)) == (ids(found.suggestions), ids(found.others))
    # Nothing lighter than the lightest suggestion is kept aside.
    if result:
        assert all(weight(o.tier) >= weight(result[0].tier) for o in found.others)
    for s in found.all:
        lighter = lighter_options(s.id, found.all)
        assert all(weight(o.tier) < weight(s.tier) for o in lighter)
        bare = check_choice(s.id, found)
        assert bare.allowed is (not lighter)
        full = check_choice(s.id, found, {o.id: SkipReason("wachtlijst") for o in lighter},
                            FULL_WEIGHING)
        assert full.allowed
        shared = check_choice(s.id, found, {}, FULL_WEIGHING, group_reason="al-geprobeerd")
        assert shared.allowed
    if result:
        assert check_choice(result[0].id, found).outcome == OUTCOME_LIGHTEST


def test_at_most_five_lighter_options_are_weighed_one_by_one_the_most_relevant_first():
    pool = [cand(f"a{i}") for i in range(8)] + [cand("m", "maatwerk")]
    relevance = {f"a{i}": 1.0 - i / 20 for i in range(8)} | {"m": 1.0}
    decision = check_choice("m", options(need(question="eenzaam"), pool, relevance))
    assert decision.lighter_ids[:5] == ("a0", "a1", "a2", "a3", "a4")
    assert decision.grouped == frozenset({"a5", "a6", "a7"})
    # "past niet bij de vraag" for all is refused only for the five named ones
    refused = check_choice("m", options(need(question="eenzaam"), pool, relevance), {},
                           FULL_WEIGHING, group_reason="past-niet")
    assert [p.option_id for p in refused.problems] == ["a0", "a1", "a2", "a3", "a4"]
