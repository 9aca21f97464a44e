"""The behaviour every search backend promises, run against Whoosh, the in-memory twin and PostgreSQL.

Filters, facets and geography are checked against a brute-force oracle over the fixture
documents; text behaviour (stemming, compounds, typos, the thesaurus, bands) against
hand-picked cases.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace

import pytest

from search import (
    FACETS,
    GeoFilter,
    Language,
    ProvisionDocument,
    SearchQuery,
    SearchResult,
    Thesaurus,
    load_language,
    make_backend,
)
from search.geo import haversine_km
from search.thesaurus import Concept, ConceptTerm
from tests.search.fixtures import BY_ID, DOCS, KERNEN, VISIBLE_IDS


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


def strong(result: SearchResult) -> list[str]:
    """The strong matches (the main list; the rest is "Misschien ook")."""
    return [h.id for h in result.hits if h.strong]


def find(backend, text: str = "", **kw) -> SearchResult:
    kw.setdefault("limit", 100)
    return backend.search(SearchQuery(text=text, **kw))


# --------------------------------------------------------------------------- oracle


def _facet_values(doc: ProvisionDocument, facet: str) -> tuple[str, ...]:
    return {
        "kern": doc.kernen,
        "tier": (doc.tier,),
        "life_domain": doc.life_domains,
        "target_group": doc.target_groups,
        "free": ("true" if doc.free else "false",),
    }[facet]


def _open(doc: ProvisionDocument, weekday: int, minute: int) -> bool:
    for wd, opens, closes in doc.opening:
        if closes > opens:
            if wd == weekday and opens <= minute < closes:
                return True
        else:  # past midnight
            if wd == weekday and minute >= opens:
                return True
            if (wd + 1) % 7 == weekday and minute < closes:
                return True
    return False


def _distance(doc: ProvisionDocument, geo: GeoFilter) -> float | None:
    ds = [haversine_km(geo.latitude, geo.longitude, lat, lon) for lat, lon in doc.points]
    return min(ds) if ds else None


def _facet_filter(q: SearchQuery, facet: str):
    """The accepted values of the query's filter on ``facet`` (None: not filtered)."""
    return {
        "kern": (q.kern,) if q.kern else None,
        "tier": q.tiers or None,
        "life_domain": q.life_domains or None,
        "target_group": q.target_groups or None,
        "free": ("true",) if q.free else None,
    }[facet]


def oracle(q: SearchQuery, pool: set[str] | None = None, skip: str | None = None) -> set[str]:
    """Visible documents (of ``pool``) passing every filter of ``q`` except facet ``skip``."""
    out = set()
    for doc in DOCS:
        if not doc.visible or (pool is not None and doc.id not in pool):
            continue
        if any(
            facet != skip
            and (accepted := _facet_filter(q, facet)) is not None
            and not set(accepted) & set(_facet_values(doc, facet))
            for facet in FACETS
        ):
            continue
        if q.open_at is not None and not _open(doc, *q.open_at):
            continue
        if q.age is not None:
            if doc.minimum_age is not None and q.age < doc.minimum_age:
                continue
            if doc.maximum_age is not None and q.age > doc.maximum_age:
                continue
        if q.geo is not None and q.geo.radius_km is not None:
            d = _distance(doc, q.geo)
            if d is None or d > q.geo.radius_km:
                continue
        out.add(doc.id)
    return out


def oracle_facets(q: SearchQuery, pool: set[str] | None = None) -> dict[str, dict[str, int]]:
    expected: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        counts = Counter(v for i in oracle(q, pool, skip=facet) for v in set(_facet_values(BY_ID[i], facet)))
        for v in _facet_filter(q, facet) or ():
            counts.setdefault(v, 0)
        expected[facet] = dict(counts)
    return expected


REKKEN = KERNEN["rekken"]
BORCULO = KERNEN["borculo"]

FILTER_CASES = {
    "kern": dict(kern="rekken"),
    "tier": dict(tiers=("maatwerk",)),
    "tiers-any": dict(tiers=("algemeen", "voorliggend")),
    "life-domain": dict(life_domains=("financien",)),
    "target-groups-any": dict(target_groups=("ouderen", "jongeren")),
    "free": dict(free=True),
    "open-monday-10": dict(open_at=(0, 600)),
    "open-thursday-0910": dict(open_at=(3, 550)),
    "open-tuesday-0030": dict(open_at=(1, 30)),
    "age-16": dict(age=16),
    "age-70": dict(age=70),
    "geo-6km-rekken": dict(geo=GeoFilter(*REKKEN, 6.0)),
    "geo-2km-borculo": dict(geo=GeoFilter(*BORCULO, 2.0)),
    "kern+tier+free": dict(kern="eibergen", tiers=("algemeen",), free=True),
    "domain+group+age": dict(
        life_domains=("sociaal-netwerk", "financien"), target_groups=("ouderen",), age=67
    ),
    "geo+kern+open": dict(geo=GeoFilter(*REKKEN, 10.0), kern="rekken", open_at=(0, 600)),
    "nothing-matches": dict(kern="gelselaar", tiers=("maatwerk",), free=True),
}


# --------------------------------------------------------------------------- text analysis


def test_stemming_eenzaam_and_eenzaamheid_find_each_other(plain):
    found = set(ids(find(plain, "eenzaam")))
    assert {"trefpoint", "gespreksgroep-eenzaamheid"} <= found  # "eenzaam" / "eenzaamheid"
    assert {"trefpoint", "gespreksgroep-eenzaamheid"} <= set(ids(find(plain, "eenzaamheid")))


def test_stemming_schuld_and_schulden(plain):
    assert "schuldhulpmaatje" in ids(find(plain, "schulden"))  # text says "schuld"
    assert "spreekuur-financien" in ids(find(plain, "schuld"))  # text says "schulden"


def test_stemming_huishoudelijk_and_huishoudelijke(plain):
    result = find(plain, "huishoudelijk")
    assert "huishoudelijke-hulp" in ids(result)
    assert not result.broadened


@pytest.mark.parametrize(
    ("word", "doc_id"),
    [
        ("mantelzorg", "mantelzorg"),  # Mantelzorgondersteuning
        ("ondersteuning", "mantelzorg"),  # second part of the compound
        ("schulden", "schuldhulp-sdoa"),  # Schuldhulpverlening
        ("taal", "taalcafe-borculo"),  # Taalcafé
        ("hulp", "huishoudhulp-achterhoek"),  # Huishoudhulp: last part of the compound
        ("vacature", "vrijwilligersvacaturebank"),  # linking -s- in the middle
        ("ochtend", "ontmoeting-rekken"),  # Ontmoetingsochtend
        ("administratie", "thuisadministratie"),
    ],
)
def test_compound_parts_are_found(plain, word, doc_id):
    result = find(plain, word)
    assert doc_id in ids(result)
    assert not result.broadened


def test_compound_document_ranks_first_for_its_first_part(plain):
    result = find(plain, "mantelzorg")
    assert strong(result) == ["mantelzorg"]
    assert result.suggestion is None


def test_typo_still_finds_and_suggests(plain):
    result = find(plain, "mantelzrog")
    assert strong(result) == ["mantelzorg"]  # the corrected word matches as well as the word
    assert result.suggestion == "mantelzorg"


@pytest.mark.parametrize("typo", ["mantelzrog", "mantelzogr", "mantelozrg", "mnatelzorg"])
def test_swapped_letters_are_one_edit(plain, typo):
    assert strong(find(plain, typo))[:1] == ["mantelzorg"]


def test_typo_in_a_longer_query_keeps_the_other_words(plain):
    result = find(plain, "Schuldhulpverlning SDOA")
    assert ids(result)[0] == "schuldhulp-sdoa"
    assert result.suggestion == "schuldhulpverlening SDOA"


def test_a_valid_dutch_word_is_never_corrected_into_another(make, language):
    # "zoon" is not in the map, "zoov" is a brand: a word of the lexicon stays what it is
    backend = make(docs=[replace(BY_ID["regiotaxi"], name="Regiotaxi Zoov")])
    assert language.is_word("zoon")
    result = find(backend, "zoon")
    assert result.suggestion is None
    assert "regiotaxi" not in strong(result)


def test_correct_query_has_no_suggestion_and_is_not_broadened(plain):
    result = find(plain, "taalcafé borculo")
    assert strong(result) == ["taalcafe-borculo"]
    assert result.suggestion is None
    assert not result.broadened


def test_accents_do_not_matter(plain):
    with_accent = ids(find(plain, "financiën"))
    assert "spreekuur-financien" in with_accent
    assert ids(find(plain, "financien")) == with_accent
    assert ids(find(plain, "FINANCIËN")) == with_accent
    assert "repair-cafe-haarlo" in ids(find(plain, "repair cafe"))
    assert "taalcafe-borculo" in ids(find(plain, "taalcafe"))


def test_a_document_with_every_word_is_the_strong_match(plain):
    result = find(plain, "koffie rekken")
    assert strong(result) == ["ontmoeting-rekken"]  # other koffie docs are not in Rekken ...
    assert {"repair-cafe-haarlo"} <= set(ids(result)) - set(strong(result))  # ... they follow
    assert not result.broadened


def test_weak_matches_never_come_before_strong_ones(backend):
    for text in ("koffie rekken", "mantelzorg", "schulden", "ik zie bijna niemand meer", "hulp"):
        bands = [h.strong for h in find(backend, text).hits]
        assert bands == sorted(bands, reverse=True), text


def test_broadened_when_no_document_covers_the_question(plain):
    result = find(plain, "mantelzorg gelselaar")
    assert result.broadened  # nothing covers both: all is "Misschien"
    assert not strong(result)
    assert {"mantelzorg", "samen-eten-gelselaar"} <= set(ids(result))


def test_a_generic_word_alone_finds_nothing_beside_an_unknown_one(plain):
    # "pasfoto" is in no document; "maken" alone must not fill the page
    assert find(plain, "pasfoto maken").hits == []


def test_nonsense_finds_nothing(plain):
    result = find(plain, "qwxzvbq")
    assert result.hits == [] and result.total == 0
    assert result.suggestion is None


def test_stop_words_only_query_browses_everything(plain):
    result = find(plain, "de het een")
    assert set(ids(result)) == VISIBLE_IDS


# --------------------------------------------------------------------------- synonyms


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("geldzorgen", {"schuldhulp-sdoa", "schuldhulpmaatje"}),
        ("poetshulp", {"huishoudelijke-hulp", "huishoudhulp-achterhoek"}),
        ("debts", {"schuldhulp-sdoa", "schuldhulpmaatje"}),
        ("language course", {"taalcafe-borculo"}),
        ("memory problems", {"alzheimer-cafe"}),
        ("wheelchair", {"regiotaxi"}),
        ("vergeetachtig", {"alzheimer-cafe"}),
        ("ik ben geslagen", {"veilig-thuis"}),
        ("drank", {"tactus-rekken"}),
        ("rood staan", {"schuldhulp-sdoa", "schuldhulpmaatje"}),
    ],
)
def test_the_thesaurus_expands_the_query(make, query, expected):
    result = find(make(), query)
    assert expected <= set(ids(result)[:len(expected) + 2]), query
    without = find(make(language=Language()), query)
    assert not expected <= set(ids(without))  # the thesaurus (and lexicon) made the difference


def test_set_thesaurus_replaces_it(make):
    backend = make(language=Language())
    assert "ontmoeting-rekken" not in ids(find(backend, "gezelligheid"))
    backend.set_thesaurus(Thesaurus.of([Concept("gezellig", ("sociaal-netwerk",), terms=(
        ConceptTerm("gezelligheid", "nl"), ConceptTerm("ontmoeting", "vak")))]))
    assert "ontmoeting-rekken" in strong(find(backend, "gezelligheid"))
    backend.set_thesaurus(Thesaurus())
    assert "ontmoeting-rekken" not in ids(find(backend, "gezelligheid"))


def test_inflected_verbs_meet_their_lemma(make):
    # "blowt" in a query meets "blowen" in a description, and "woont" in a text meets "wonen"
    backend = make(docs=[replace(BY_ID["tactus-rekken"], description="Hulp als u blowen niet kunt laten."),
                         replace(BY_ID["trefpoint"], description="Voor wie alleen woont.")],
                   language=Language(load_language().lexicon))
    assert strong(find(backend, "mijn zoon blowt")) == ["tactus-rekken"]
    assert strong(find(backend, "wonen")) == ["trefpoint"]


def test_a_compound_nobody_uses_counts_as_its_parts(make):
    # "rolstoelvervoer" is in no text: vervoer (its head) and rolstoel still find the taxi
    backend = make(language=Language(load_language().lexicon))
    assert strong(find(backend, "rolstoelvervoer"))[:1] == ["regiotaxi"]


def test_a_life_domain_the_words_point_to_is_preferred(make):
    # two descriptions that mention food banks; the one in the financien domain answers
    food = replace(BY_ID["voedselbank-eibergen"], name="Voedselpakketten", life_domains=("financien",),
                   description="Een pakket van de voedselbank als het geld op is.")
    volunteer = replace(BY_ID["vrijwilligersvacaturebank"], name="Vrijwilligerswerk",
                        life_domains=("maatschappelijke-participatie",),
                        description="Help mee bij de voedselbank als vrijwilliger.")
    backend = make(docs=[food, volunteer])
    assert ids(find(backend, "food bank"))[0] == food.id


# --------------------------------------------------------------------------- question phrasing


def test_question_ik_zie_bijna_niemand_meer(backend):
    result = find(backend, "ik zie bijna niemand meer")
    found = set(ids(result))
    assert {"ontmoeting-rekken", "trefpoint", "gespreksgroep-eenzaamheid"} <= found
    assert not result.broadened
    assert "regiotaxi" not in found


def test_question_hulp_bij_schulden(backend):
    result = find(backend, "Waar kan ik hulp krijgen bij schulden?")
    assert {"schuldhulp-sdoa", "schuldhulpmaatje"} <= set(strong(result)[:3])
    assert "huishoudelijke-hulp" not in strong(result)  # "hulp" alone says little
    assert not result.broadened


# --------------------------------------------------------------------------- filters and facets


@pytest.mark.parametrize("case", FILTER_CASES, ids=list(FILTER_CASES))
def test_filters_and_disjunctive_facets_match_the_oracle(backend, case):
    q = SearchQuery(limit=100, **FILTER_CASES[case])
    result = backend.search(q)
    expected = oracle(q)
    assert set(ids(result)) == expected
    assert result.total == len(expected)
    assert result.facets == oracle_facets(q)


def test_filter_cases_are_not_trivial():
    sizes = {case: len(oracle(SearchQuery(**kw))) for case, kw in FILTER_CASES.items()}
    assert sizes["nothing-matches"] == 0
    assert all(0 < n < len(VISIBLE_IDS) for c, n in sizes.items() if c != "nothing-matches")


def test_facets_count_other_filters_only(backend):
    result = find(backend, kern="rekken", tiers=("maatwerk",))
    assert result.total == len(oracle(SearchQuery(kern="rekken", tiers=("maatwerk",))))
    # kern counts ignore the kern filter but keep the tier filter
    assert result.facets["kern"]["borculo"] == len(
        [d for d in DOCS if d.visible and d.tier == "maatwerk" and "borculo" in d.kernen]
    )
    # tier counts ignore the tier filter but keep the kern filter
    assert result.facets["tier"]["algemeen"] == len(
        [d for d in DOCS if d.visible and d.tier == "algemeen" and "rekken" in d.kernen]
    )
    assert result.facets["tier"]["algemeen"] > result.total


@pytest.mark.parametrize(
    "filters",
    [dict(), dict(kern="eibergen"), dict(free=True, target_groups=("volwassenen",))],
)
def test_facets_with_text(backend, filters):
    matches = set(ids(find(backend, "hulp")))  # the text matches, no filters
    assert len(matches) >= 4
    result = find(backend, "hulp", **filters)
    q = SearchQuery(**filters)
    assert set(ids(result)) == oracle(q, pool=matches)
    assert result.facets == oracle_facets(q, pool=matches)


def test_without_facets(backend):
    assert find(backend, "hulp", with_facets=False).facets == {}


def test_open_at_is_exact_within_a_half_hour(backend):
    assert "spreekuur-financien" in ids(find(backend, open_at=(3, 545)))  # 09:00-09:15
    assert "spreekuur-financien" not in ids(find(backend, open_at=(3, 560)))  # same slot
    assert "regiotaxi" in ids(find(backend, open_at=(1, 30)))  # Monday 06:00 - 01:00
    assert "regiotaxi" not in ids(find(backend, open_at=(1, 90)))
    assert "veilig-thuis" in ids(find(backend, open_at=(6, 1439)))  # day and night


def test_age_bounds_are_inclusive_and_open_ended(backend):
    assert "jongerenwerk" in ids(find(backend, age=12))
    assert "jongerenwerk" in ids(find(backend, age=23))
    assert "jongerenwerk" not in ids(find(backend, age=24))
    assert "schuldhulp-sdoa" not in ids(find(backend, age=17))
    assert "woningaanpassing" in ids(find(backend, age=99))  # no bounds at all


def test_text_and_filters_combined(backend):
    result = find(backend, "koffie", kern="haarlo")
    assert strong(result)[0] == "repair-cafe-haarlo"  # the best in Haarlo is strong in Haarlo
    everywhere = ids(find(backend, "koffie"))
    assert "ontmoeting-rekken" in everywhere
    # the kern facet counts every match that serves Rekken, the kern filter ignored
    assert result.facets["kern"]["rekken"] == len([i for i in everywhere if "rekken" in BY_ID[i].kernen])


# --------------------------------------------------------------------------- geography


def test_geo_radius_orders_by_distance_without_text(backend):
    geo = GeoFilter(*REKKEN, 6.0)
    result = find(backend, geo=geo)
    expected = sorted(oracle(SearchQuery(geo=geo)), key=lambda i: (_distance(BY_ID[i], geo), i))
    assert ids(result) == expected
    assert ids(result)[:2] == ["ontmoeting-rekken", "tactus-rekken"]
    for hit in result.hits:
        assert hit.distance_km == pytest.approx(_distance(BY_ID[hit.id], geo), abs=1e-6)
        assert hit.distance_km <= 6.0


def test_geo_nearest_point_counts(backend):
    # jongerenwerk has points in Neede and Ruurlo: near Ruurlo it is found by its Ruurlo point
    result = find(backend, geo=GeoFilter(*KERNEN["ruurlo"], 1.0))
    hit = {h.id: h for h in result.hits}["jongerenwerk"]
    assert hit.distance_km == pytest.approx(0.0, abs=1e-6)


def test_geo_without_radius_orders_everything_and_puts_placeless_last(backend):
    geo = GeoFilter(*BORCULO)
    result = find(backend, geo=geo)
    assert set(ids(result)) == VISIBLE_IDS
    distances = [h.distance_km for h in result.hits]
    placed = [d for d in distances if d is not None]
    assert placed == sorted(placed)
    assert distances[len(placed) :] == [None] * (len(distances) - len(placed))
    assert ids(result)[-len(distances) + len(placed) :] == sorted(
        i for i in VISIBLE_IDS if not BY_ID[i].points
    )
    assert ids(result)[len(placed) - 1] == "taalschool-amsterdam"  # farthest away


@pytest.mark.parametrize("place", [*KERNEN, "amsterdam"])
@pytest.mark.parametrize("limit", [1, 3, 8])
def test_geo_nearest_first_with_a_small_limit(backend, place, limit):
    lat, lon = KERNEN.get(place, (52.3702, 4.8952))
    for filters in ({}, {"free": True}):
        q = SearchQuery(geo=GeoFilter(lat, lon), limit=limit, **filters)
        placed = sorted(
            (i for i in oracle(q) if BY_ID[i].points),
            key=lambda i: (_distance(BY_ID[i], q.geo), i),
        )
        placeless = sorted(i for i in oracle(q) if not BY_ID[i].points)
        assert ids(backend.search(q)) == (placed + placeless)[:limit]


def test_geo_with_text_ranks_by_relevance_and_annotates_distance(backend):
    geo = GeoFilter(*REKKEN, 12.0)
    everywhere = ids(find(backend, "koffie"))
    result = find(backend, "koffie", geo=geo)
    near = oracle(SearchQuery(geo=geo), pool=set(everywhere))
    assert 0 < len(near) < len(everywhere)
    assert ids(result) == [i for i in everywhere if i in near]  # relevance order kept
    for hit in result.hits:
        assert hit.distance_km == pytest.approx(_distance(BY_ID[hit.id], geo), abs=1e-6)


def test_broadening_respects_the_radius(backend):
    # "taalschool" exists only in Amsterdam; near Rekken nothing matches literally
    result = find(backend, "taalschool", geo=GeoFilter(*REKKEN, 5.0))
    assert "taalschool-amsterdam" not in ids(result)
    assert find(backend, "taalschool").hits[0].id == "taalschool-amsterdam"


# --------------------------------------------------------------------------- visibility


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(text="mantelzorg"),
        SearchQuery(text="schulden"),
        SearchQuery(text="Verlopen Stichting"),
        SearchQuery(text="mantelzrog"),
        SearchQuery(kern="rekken"),
        SearchQuery(open_at=(6, 100)),
        SearchQuery(geo=GeoFilter(*REKKEN, 0.5)),
        SearchQuery(),
    ],
)
def test_invisible_documents_are_never_returned_or_counted(backend, query):
    result = backend.search(replace(query, limit=100))
    assert "onzichtbaar" not in ids(result)
    assert result.total == len(result.hits)
    assert result.facets["tier"].get("algemeen", 0) == len(
        [i for i in ids(result) if BY_ID[i].tier == "algemeen"]
    )
    assert "onzichtbaar" in backend.ids()


def test_invisible_words_are_not_suggested(make):
    backend = make(docs=[BY_ID["onzichtbaar"], BY_ID["trefpoint"]], language=Language())
    result = find(backend, "mantelzrog")
    assert result.suggestion is None
    assert result.hits == []


# --------------------------------------------------------------------------- writing


def test_ids_lists_every_document(backend):
    assert backend.ids() == {d.id for d in DOCS}


def test_remove_and_unknown_ids(backend):
    assert "mantelzorg" in ids(find(backend, "mantelzorg"))  # a searcher is open and cached
    backend.remove(["mantelzorg", "bestaat-niet"])
    assert "mantelzorg" not in backend.ids()
    assert "mantelzorg" not in ids(find(backend, "mantelzorg"))
    assert len(backend.ids()) == len(DOCS) - 1
    backend.remove([])
    assert len(backend.ids()) == len(DOCS) - 1


def test_index_replaces_by_id(plain):
    backend = plain
    assert "taalcafe-borculo" in ids(find(backend, "taalcafé"))  # a searcher is cached
    changed = replace(BY_ID["taalcafe-borculo"], name="Leesclub Borculo", kernen=("neede",))
    backend.index([changed])
    assert len(backend.ids()) == len(DOCS)
    assert "taalcafe-borculo" not in ids(find(backend, "taalcafé"))
    assert ids(find(backend, "leesclub")) == ["taalcafe-borculo"]
    assert "taalcafe-borculo" in ids(find(backend, kern="neede"))
    assert "taalcafe-borculo" not in ids(find(backend, kern="borculo"))


def test_index_twice_in_one_batch_keeps_the_last(make):
    first = replace(BY_ID["trefpoint"], name="Eerste versie")
    second = replace(BY_ID["trefpoint"], name="Tweede versie")
    backend = make(docs=[first, second])
    assert backend.ids() == {"trefpoint"}
    assert ids(find(backend, "tweede")) == ["trefpoint"]
    assert ids(find(backend, "eerste")) == []


def test_making_a_document_invisible_hides_it(backend):
    assert "trefpoint" in ids(find(backend, "trefpoint"))
    backend.index([replace(BY_ID["trefpoint"], visible=False)])
    assert "trefpoint" not in ids(find(backend, "trefpoint"))
    assert "trefpoint" in backend.ids()


def test_invalid_codes_are_rejected(backend):
    bad = replace(BY_ID["trefpoint"], kernen=("rekken en neede",))
    with pytest.raises(ValueError, match="contains a space"):
        backend.index([bad])
    assert "rekken" not in BY_ID["trefpoint"].kernen
    assert "trefpoint" not in ids(find(backend, kern="rekken"))


def test_rebuild_replaces_everything_and_returns_the_count(backend):
    keep = [BY_ID["mantelzorg"], BY_ID["trefpoint"], BY_ID["onzichtbaar"]]
    assert backend.rebuild(keep) == 3
    assert backend.ids() == {"mantelzorg", "trefpoint", "onzichtbaar"}
    assert ids(find(backend, "mantelzorg")) == ["mantelzorg"]
    assert find(backend, "schulden").total == 0
    assert backend.rebuild(iter(DOCS)) == len(DOCS)
    assert backend.ids() == {d.id for d in DOCS}


def test_old_index_answers_while_rebuilding_and_late_writes_survive(backend):
    gate, halfway = threading.Event(), threading.Event()
    new_docs = [replace(d, name=d.name + " vernieuwd") for d in DOCS if d.id != "trefpoint"]

    def slow_docs():
        for i, doc in enumerate(new_docs):
            if i == len(new_docs) // 2:
                halfway.set()
                assert gate.wait(10)
            yield doc

    outcome: dict[str, object] = {}
    worker = threading.Thread(target=lambda: outcome.update(n=backend.rebuild(slow_docs())))
    worker.start()
    try:
        assert halfway.wait(10)
        # the old index still answers, with the old content
        assert "trefpoint" in ids(find(backend, "eenzaam"))
        assert find(backend, "vernieuwd").total == 0
        # a write during the rebuild must not be lost when the new index is swapped in
        backend.index([replace(BY_ID["repair-cafe-haarlo"], name="Fietsenmakerij Haarlo")])
        assert ids(find(backend, "fietsenmakerij")) == ["repair-cafe-haarlo"]
    finally:
        gate.set()
        worker.join(30)
    assert outcome["n"] == len(new_docs)
    assert "trefpoint" not in backend.ids()
    assert find(backend, "vernieuwd").total == len(
        [d for d in new_docs if d.visible and d.id != "repair-cafe-haarlo"]
    )
    assert ids(find(backend, "fietsenmakerij")) == ["repair-cafe-haarlo"]


def test_failed_rebuild_keeps_the_old_index(backend):
    def broken():
        yield BY_ID["mantelzorg"]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        backend.rebuild(broken())
    assert backend.ids() == {d.id for d in DOCS}
    bad = replace(BY_ID["trefpoint"], target_groups=("twee woorden",))
    with pytest.raises(ValueError):
        backend.rebuild([BY_ID["mantelzorg"], bad])
    assert backend.ids() == {d.id for d in DOCS}
    assert "schuldhulp-sdoa" in ids(find(backend, "schulden"))


def test_limit(backend):
    result = find(backend, limit=3)
    assert len(result.hits) == 3 and result.total == len(VISIBLE_IDS)
    assert [h.id for h in result.hits] == sorted(VISIBLE_IDS)[:3]  # no text, no place: by id
    none = find(backend, "hulp", limit=0)
    assert none.hits == [] and none.total > 0


def test_searching_while_writing_from_other_threads(backend):
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader():
        try:
            while not stop.is_set():
                result = find(backend, "hulp", kern="eibergen", geo=GeoFilter(*REKKEN, 20))
                assert "schuldhulp-sdoa" in ids(result)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(8):
            backend.index([replace(BY_ID["trefpoint"], name=f"Trefpoint versie {i}")])
            backend.remove([f"bestaat-niet-{i}"])
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert not errors, errors
    assert ids(find(backend, "versie 7")) == ["trefpoint"]


AGREEMENT_QUERIES = [
    "mantelzorg",
    "mantelzrog",
    "hulp",
    "schulden",
    "eenzaam",
    "koffie",
    "taal",
    "ik zie bijna niemand meer",
    "waar kan ik hulp krijgen bij schulden?",
    "geldzorgen",
    "debts",
    "language course",
    "poetshulp",
    "vervoer rolstoel",
    "ouderen thuis",
    "mantelzorg gelselaar",
    "vrijwilligers",
    "jongeren 16 jaar",
    "dagbestedng",
]


def test_memory_backend_is_a_twin_of_whoosh(tmp_path, language):
    """Same hits, order, scores, bands, facets and suggestions (no deletions in between)."""
    whoosh = make_backend("whoosh", tmp_path / "ix", language)
    memory = make_backend("memory", None, language)
    for b in (whoosh, memory):
        b.index(DOCS)
    for text in AGREEMENT_QUERIES:
        for extra in ({}, {"kern": "eibergen"}, {"geo": GeoFilter(*REKKEN, 8.0)}):
            w, m = find(whoosh, text, **extra), find(memory, text, **extra)
            assert ids(w) == ids(m), (text, extra)
            assert [h.score for h in w.hits] == pytest.approx([h.score for h in m.hits])
            assert [(h.strong, h.in_area) for h in w.hits] == [(h.strong, h.in_area) for h in m.hits]
            assert (w.total, w.facets, w.suggestion, w.broadened) == (
                m.total,
                m.facets,
                m.suggestion,
                m.broadened,
            ), (text, extra)
    whoosh.close()
