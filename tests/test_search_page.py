"""Searching the demo map as residents do: their words, their villages, their postcodes.

Runs on the embedded Whoosh engine, on the in-memory twin and, when TEST_POSTGRES_URL is set,
on the PostgreSQL backend with the demo map loaded into PostgreSQL.
"""

from __future__ import annotations

import re
import shutil

import pytest

from app.extensions import db
from tests.conftest import make_app, postgres_demo_site

FIRST_SCREEN = 5  # results a resident sees without scrolling far


@pytest.fixture(scope="module",
                params=["whoosh", "memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def site(request, tmp_path_factory, demo_db_file):
    """The demo site on each search backend, one per module: these tests only search."""
    tmp_path = tmp_path_factory.mktemp("search-page")
    if request.param == "postgres":
        yield from _postgres_site(tmp_path)
        return
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(tmp_path, f"sqlite:///{target}", SEARCH_BACKEND=request.param)
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        yield app.test_client()
        db.session.remove()
        db.engine.dispose()


def _postgres_site(tmp_path):
    with postgres_demo_site(tmp_path) as app:
        yield app.test_client()


def result_names(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in
            re.findall(r'class="provision-card__title"><a[^>]*>(.*?)</a>', html)]


def search(client, query: str) -> tuple[str, list[str]]:
    response = client.get("/zoeken?" + query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, result_names(html)


def assert_on_first_screen(names, expected_fragment):
    first = [n.lower() for n in names[:FIRST_SCREEN]]
    assert any(expected_fragment.lower() in n for n in first), (expected_fragment, names[:10])


@pytest.mark.parametrize(("query", "expected"), [
    ("q=eenzaam", "Trefpoint"),
    ("q=ik+zie+bijna+niemand+meer", "Trefpoint"),
    ("q=schulden", "Schuld"),
    ("q=geldzorgen", "SchuldHulpMaatje"),
    ("q=hulp+bij+post", "Inloop Geld en Post"),
    ("q=mantelzorg", "Mantelzorgknooppunt"),
    ("q=mantelzrog", "Mantelzorg"),
    ("q=poetshulp", "Schoonmaakhulp"),
    ("q=language+course", "Nederlands"),
    ("q=help+with+letters", "brieven"),
    ("q=taalcafe", "Taalcafé"),
    ("q=dementie", "Alzheimer Café"),
])
def test_residents_words_find_the_right_help(site, query, expected):
    html, names = search(site, query)
    assert names, f"no results for {query}"
    assert_on_first_screen(names, expected)


def all_pages(client, query: str) -> tuple[list[str], list[str], list[str]]:
    """Follow "Volgende pagina" to the end: (pages' html, names, tiers of the strong matches)
    in reading order; the weaker matches ("Misschien ook") follow the strong ones."""
    pages, names, tiers = [], [], []
    url = "/zoeken?" + query
    seen_maybe = False
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        pages.append(html)
        names += result_names(html)
        main, _, maybe = html.partition('id="misschien-ook"')
        if seen_maybe:  # once the weaker matches began, no strong match follows
            assert not re.findall(r'class="provision-card provision-card--(\w+)"', main)
        tiers += re.findall(r'class="provision-card provision-card--(\w+)"', main)
        seen_maybe = seen_maybe or bool(maybe)
        following = re.search(r'<a class="utrecht-link" rel="next" href="([^"]+)"', html)
        url = following.group(1).replace("&amp;", "&") if following else None
        assert len(pages) <= 10
    return pages, names, tiers


def test_lighter_help_comes_first(site):
    pages, names, tiers = all_pages(site, "q=schulden")  # tiers: the strong matches
    order = {"algemeen": 0, "voorliggend": 1, "maatwerk": 2}
    assert tiers == sorted(tiers, key=order.get)  # across pages too
    assert "algemeen" in tiers and "voorliggend" in tiers
    assert "Zonder verwijzing" in pages[0]


def test_long_result_lists_come_in_pages_without_gaps_or_repeats(site):
    pages, names, tiers = all_pages(site, "q=hulp")
    assert len(pages) >= 2
    assert len(names) == len(set(names))
    shown = int(re.search(r"Resultaat 1 tot en met 20 van (\d+)", pages[0]).group(1))
    assert len(names) == shown
    order = {"algemeen": 0, "voorliggend": 1, "maatwerk": 2}
    assert tiers == sorted(tiers, key=order.get)  # the strong matches, across pages
    # a tier's heading counts all of that tier, not only those on this page
    first_count = int(re.search(r'tier-group__count">\((\d+)\)', pages[0]).group(1))
    assert first_count == tiers.count(tiers[0])
    # a filter change starts again at page 1
    second = site.get("/zoeken?q=hulp&pagina=2").get_data(as_text=True)
    assert 'name="pagina"' not in second


def test_dementia_day_care_shows_lighter_options_before_the_indicated_one(site):
    html, names = search(site, "q=dagbesteding+dementie+ruurlo")
    assert names[0].startswith("Dagbesteding voor mensen met dementie")  # what was asked for
    assert "Via Voormekaar, na een gesprek" in html
    # ... and above it, lighter help that fits: the Alzheimer Café or respite care
    box = html.split('class="lighter-first"', 1)[1].split("</div>", 1)[0]
    assert html.index('class="lighter-first"') < html.index("provision-card__title")
    assert "Alzheimer" in box or "respijt" in box.lower() or "Even vrij" in box


def test_typo_offers_did_you_mean(site):
    html, _ = search(site, "q=mantelzrog")
    assert "Bedoelde u" in html and "mantelzorg" in html


def test_kern_filter_keeps_what_serves_the_kern(site, demo_db_file):
    html, names = search(site, "q=koffie&kern=rekken")
    assert names
    assert any("Rekken" in n or "Den Hof" in n for n in names)
    assert not any("Geesteren" in n for n in names)


def test_postcode_radius_shows_distance_and_stays_inside(site):
    html, names = search(site, "q=bibliotheek&bij=7271&straal=5")
    assert any("Borculo" in n for n in names)
    distances = [float(d.replace(",", ".")) for d in re.findall(r"· ([\d,]+) km", html)]
    assert distances and max(distances) <= 5.0
    assert "in de buurt van 7271" in html


def test_pc6_postcode_and_kern_name_work_too(site):
    html, names = search(site, "q=bibliotheek&bij=7271+AB&straal=5")
    assert any("Borculo" in n for n in names)
    html, names = search(site, "q=koffie&bij=Rekken&straal=2")
    assert names and any("Rekken" in n or "Den Hof" in n for n in names)


def test_unknown_place_says_so_and_still_answers(site):
    html, names = search(site, "q=bibliotheek&bij=Atlantis")
    assert "We kennen de plaats of postcode" in html
    assert names


def test_filters_show_counts_and_keep_state_in_the_url(site):
    html, names = search(site, "q=hulp&niveau=algemeen&gratis=1")
    assert re.search(r'id="niveau-algemeen"[^>]*checked', html)
    assert re.search(r'Algemene voorziening \(\d+\)', html)
    assert re.search(r'Rekken \(\d+\)', html)
    tiers = set(re.findall(r'class="provision-card provision-card--(\w+)"', html))
    assert tiers == {"algemeen"}


def test_never_a_bare_empty_page(site):
    html, names = search(site, "q=xqzwvbnm")
    assert names == []
    assert "We hebben hier niets voor gevonden" in html
    assert 'href="/kernen/rekken"' in html
    assert "Voormekaar" in html


def test_defunct_provisions_never_appear(site):
    html, names = search(site, "q=betula")
    assert not any("Betula" in n for n in names)


def test_open_now_filter_is_accepted(site):
    response = site.get("/zoeken?q=koffie&nu_open=1")
    assert response.status_code == 200
    assert re.search(r'id="filter-open"[^>]*checked', response.get_data(as_text=True))


def _cards(html: str) -> dict[str, str]:
    """Each result card's text by its provision link (headings differ per page)."""
    cards = {}
    for article in re.findall(r'<article class="provision-card.*?</article>', html, re.S):
        link = re.search(r'href="(/voorziening/[^"]+)"', article).group(1)
        cards[link] = " ".join(re.sub(r"<[^>]+>", " ", article).split())
    return cards


def test_result_cards_say_what_the_topic_pages_say(site):
    """Search loads lean cards; the topic pages load whole provisions: the same card."""
    from app.vocabulary import LIFE_DOMAIN_CODES

    page = site.get("/zoeken?q=mantelzorg").text
    found = _cards(page)
    assert len(found) >= 3
    assert any("Gratis" in text for text in found.values())
    assert 'class="provision-card__where"' in page  # an address
    listed = {}
    for code in LIFE_DOMAIN_CODES:
        listed.update(_cards(site.get(f"/onderwerp/{code}").text))
    common = [link for link in found if link in listed]  # topic pages fold after 8 per tier
    assert len(common) >= 3
    for link in common:
        assert listed[link] == found[link]
