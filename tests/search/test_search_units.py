"""Unit tests of the shared parts: Dutch analysis, spelling, opening hours, geography, factory."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from search import SearchBackend, make_backend
from search.analysis import (
    Decompounder,
    PlanTerm,
    SpellIndex,
    analyze_text,
    edit_distance,
    normalize,
    stem,
    tokenize,
)
from search.bitsets import bit_positions, bits_from
from search.common import (
    is_open_at,
    slot_token,
    slot_tokens,
    validate_document,
)
from search.geo import bounding_box, haversine_km
from search.interface import ProvisionDocument
from search.language import Language
from search.query import plan_query, suggestion_text
from search.thesaurus import Concept, ConceptTerm, Thesaurus
from tests.search.fixtures import KERNEN

# --------------------------------------------------------------------------- analysis


def test_normalize_strips_accents_and_case():
    assert normalize("Financiën") == "financien"
    assert normalize("CAFÉ") == "cafe"
    assert normalize("coördinatie") == "coordinatie"


def test_tokenize_keeps_spans_and_hyphen_pieces():
    text = "Taal-café in 't Haarhoes!"
    tokens = tokenize(text)
    assert [t.word for t in tokens] == ["taalcafe", "in", "haarhoes"]
    assert tokens[0].pieces == ("taal", "cafe")
    assert text[tokens[2].start : tokens[2].end] == "Haarhoes"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("eenzaam", "eenzaamheid"),
        ("schuld", "schulden"),
        ("huishoudelijke", "huishoudelijk"),
        ("vrijwilliger", "vrijwilligers"),
        ("ouderen", "oudere"),
    ],
)
def test_stemming_pairs(a, b):
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("mantelzorgondersteuning", ("mantel", "zorg", "ondersteuning")),
        ("schuldhulpverlening", ("schuld", "hulp", "verlening")),
        ("vrijwilligersvacaturebank", ("vrijwilligers", "vacature", "bank")),
        ("huishoudhulp", ("huishoud", "hulp")),
        ("ontmoetingsochtend", ("ontmoeting", "ochtend")),
        ("taalcafe", ("taal", "cafe")),
        ("beschikking", ()),
        ("eenzaamheid", ()),
        ("inloop", ()),
    ],
)
def test_decompounder_splits_known_compounds_only(word, parts):
    assert Decompounder().split(word) == parts


def test_decompounder_spans_and_learning():
    dec = Decompounder()
    assert set(dec.spans("mantelzorgondersteuning")) == {
        "mantel",
        "zorg",
        "ondersteuning",
        "mantelzorg",
        "zorgondersteuning",
    }
    assert dec.split("gesprekspartners") == ()
    dec.learn(["gesprek", "partners"])
    assert dec.split("gesprekspartners") == ("gesprek", "partners")


def test_index_terms_include_whole_words_and_parts():
    terms, words = analyze_text("Schuldhulpverlening en het Taal-café", Decompounder())
    assert {"schuldhulpverlen", "schuld", "hulp", "tal", "caf", "taalcaf"} <= set(terms)
    assert "en" not in words and "het" not in words  # stop words
    assert {"schuldhulpverlening", "schuld", "taalcafe"} <= set(words)


class _Everything:
    """An index that has every term (to look at plans alone)."""

    def known(self, terms):
        return set(terms)

    def suggest(self, word, limit):
        return []


def _language(*concepts: Concept) -> Language:
    return Language(None, Thesaurus.of(concepts))


LONELY = Concept("eenzaamheid", ("sociaal-netwerk",), terms=(
    ConceptTerm("zie niemand", "nl"), ConceptTerm("ontmoeting", "vak"), ConceptTerm("lonely", "en")))
DEBTS = Concept("schulden", ("financien",), terms=(
    ConceptTerm("rood staan", "nl"), ConceptTerm("schuldhulp", "vak")))
SON = Concept("zoon", (), ("jongeren",), sort="doelgroep", terms=(ConceptTerm("zoon", "nl"),))


def test_plan_drops_question_words_and_matches_phrases_in_any_order():
    language = _language(LONELY, DEBTS)
    plan = plan_query("Ik zie bijna niemand meer", language, _Everything())
    assert len(plan.clauses) == 1 and plan.clauses[0].concepts == ("eenzaamheid",)
    assert plan.life_domains == {"sociaal-netwerk": 1.0}
    assert plan_query("niemand zie ik", language, _Everything()).clauses[0].concepts == ("eenzaamheid",)
    assert any(a.terms == (PlanTerm("ontmoet"),) for a in plan.clauses[0].alternatives)
    plan = plan_query("waar kan ik hulp krijgen bij schulden?", language, _Everything())
    assert [c.tokens[0].word for c in plan.clauses] == ["hulp", "schulden"]
    assert plan.clauses[0].importance < plan.clauses[1].importance  # "hulp" says little
    assert plan_query("waar", language, _Everything()).clauses[0].tokens[0].word == "waar"
    assert plan_query("de het", language, _Everything()).empty


def test_english_words_meet_english_terms_only():
    language = _language(LONELY)
    assert plan_query("I feel lonely", language, _Everything()).english
    assert plan_query("lonely", language, _Everything()).clauses[0].concepts == ("eenzaamheid",)


def test_who_it_is_about_weighs_less_than_what_is_asked():
    plan = plan_query("mijn zoon rood staan", _language(DEBTS, SON), _Everything())
    roles = {c.concepts: (c.role, c.importance) for c in plan.clauses}
    assert roles[("schulden",)][0] == "topic" and roles[("zoon",)][0] == "who"
    assert roles[("zoon",)][1] < roles[("schulden",)][1]
    assert plan.target_groups == {"jongeren": 1.0}
    alone = plan_query("mijn zoon", _language(DEBTS, SON), _Everything())
    assert alone.clauses[0].role == "topic"  # only who it is about: that is what is asked


def test_plan_prefix_only_for_long_words():
    plan = plan_query("taal hulp de zorgverzekering ab", Language(), _Everything())
    prefixes = {c.tokens[0].word: c.alternatives[0].terms[0].prefix for c in plan.clauses}
    assert prefixes == {"taal": "taal", "hulp": "hulp", "zorgverzekering": "zorgverzeker", "ab": None}


def test_suggestion_text_keeps_the_other_words():
    class Spelling(_Everything):
        def known(self, terms):
            return {t for t in terms if t.stem != "mantelzrog"}

        def suggest(self, word, limit):
            return [("mantelzorg", 3)] if word == "mantelzrog" else []

    plan = plan_query("Hulp bij Mantelzrog, graag", Language(), Spelling())
    assert suggestion_text(plan) == "Hulp bij mantelzorg, graag"
    assert suggestion_text(plan_query("Hulp bij mantelzorg", Language(), Spelling())) is None


def test_spelling_suggestions():
    spell = SpellIndex({"mantelzorg": 3, "mantelzorger": 1, "taal": 5, "tall": 9, "zorg": 2})
    assert edit_distance("mantelzrog", "mantelzorg", 2) == 1  # a transposition is one edit
    assert spell.suggest("mantelzrog") == ["mantelzorg"]
    assert spell.suggest("mantelzorgr", 2) == ["mantelzorg", "mantelzorger"]
    assert spell.suggest("tael", 2) == ["tall", "taal"]  # same distance: most frequent first
    assert spell.suggest("zorg") == []  # known words are not corrected into others
    assert spell.suggest("borg") == []  # the first letter is kept
    assert spell.suggest("tal") == []  # too short to correct
    assert spell.suggest("mxntxlzorg") == ["mantelzorg"]  # 8+ letters: two edits allowed
    assert spell.suggest("mxntxlzxrg") == []  # but not three


# --------------------------------------------------------------------------- hours, bits


def test_opening_slots_and_midnight():
    full, part = slot_tokens([(1, 540, 615)])  # Tuesday 09:00-10:15
    assert full == {"1-0900", "1-0930"} and part == {"1-1000"}
    assert slot_token(1, 575) == "1-0930"
    overnight = [(6, 1320, 120)]  # Sunday 22:00 - Monday 02:00
    assert is_open_at(overnight, 6, 1400) and is_open_at(overnight, 0, 100)
    assert not is_open_at(overnight, 0, 130)
    assert "0-0100" in slot_tokens(overnight)[0]


def test_documents_are_validated():
    with pytest.raises(ValueError, match="opening"):
        validate_document(ProvisionDocument(id="x", name="x", opening=((7, 0, 60),)))
    with pytest.raises(ValueError, match="id"):
        validate_document(ProvisionDocument(id=" x", name="x"))


def test_bitsets_round_trip():
    positions = [0, 7, 8, 63, 64, 1000]
    assert list(bit_positions(bits_from(positions))) == positions
    assert bits_from([]) == 0 and list(bit_positions(0)) == []


# --------------------------------------------------------------------------- geography


def test_haversine_agrees_with_geodesic_within_berkelland():
    a, b = KERNEN["ruurlo"], KERNEN["rekken"]
    assert haversine_km(*a, *b) == pytest.approx(geodesic(a, b).km, rel=0.005)
    assert haversine_km(*a, *a) == 0.0


@pytest.mark.parametrize("bearing", range(0, 360, 45))
def test_bounding_box_contains_the_circle(bearing):
    lat, lon = KERNEN["neede"]
    edge = geodesic(kilometers=7.5).destination((lat, lon), bearing)
    min_lat, min_lon, max_lat, max_lon = bounding_box(lat, lon, 7.5)
    assert min_lat <= edge.latitude <= max_lat and min_lon <= edge.longitude <= max_lon
    assert max_lat - min_lat < 0.2  # and is not absurdly large


# --------------------------------------------------------------------------- factory


def test_make_backend(tmp_path):
    memory = make_backend("memory", None, Language())
    assert isinstance(memory, SearchBackend)
    whoosh = make_backend("whoosh", tmp_path / "ix", None)
    assert isinstance(whoosh, SearchBackend)
    whoosh.close()
    with pytest.raises(ValueError, match="Unknown search backend 'elastic'; choose one of"):
        make_backend("elastic", tmp_path, None)
    with pytest.raises(ValueError, match="needs an index directory"):
        make_backend("whoosh", None, None)
