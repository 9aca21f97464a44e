"""The guided path (issue 16): tiles in everyday words, three questions, then the results.

For residents who cannot name what they need.  Every step is a link or a GET form, so it
works without JavaScript; the browser walk is in tests/browser/test_guide.py.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from app.domain import guide
from app.vocabulary import LIFE_DOMAIN_CODES


def test_every_life_domain_can_be_reached_from_a_tile():
    reached = {code for tile in guide.TILES for code in tile.life_domains}
    assert reached == set(LIFE_DOMAIN_CODES)


def test_the_tiles_page_shows_every_tile_with_an_icon_the_site_serves_itself(demo_client):
    page = demo_client.get("/wegwijzer").get_data(as_text=True)
    assert "Waar wilt u hulp bij?" in page
    for tile in guide.TILES:
        assert f'href="/wegwijzer/{tile.code}"' in page
        assert str(tile.label) in page
        icon = demo_client.get(f"/static/icons/{tile.icon}")
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
        assert b"http://" not in icon.data.replace(b"http://www.w3.org/2000/svg", b"")
    assert 'alt=""' in page  # the icons are decoration: the words carry the meaning


def test_the_questions_are_three_and_can_be_skipped(demo_client):
    page = demo_client.get("/wegwijzer/geld").get_data(as_text=True)
    assert page.count("<legend") + page.count('for="wegwijzer-kern"') == 3
    assert 'action="/wegwijzer/geld/resultaten" method="get"' in page
    assert "Rietmolen" in page and "U mag een vraag overslaan." in page
    assert demo_client.get("/wegwijzer/bestaat-niet").status_code == 404


def _followed(response) -> dict[str, list[str]]:
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == "/zoeken"
    return parse_qs(location.query)


def test_the_answers_become_the_search_a_resident_could_not_type(demo_client):
    args = _followed(demo_client.get("/wegwijzer/geld/resultaten?voor=mijzelf&kern=rietmolen&wanneer=later"))
    assert args == {"leefgebied": ["financien"], "kern": ["rietmolen"]}
    args = _followed(demo_client.get("/wegwijzer/thuis/resultaten?voor=kind"))
    assert args["leefgebied"] == ["huiselijke-relaties"]
    assert set(args["doelgroep"]) == {"kinderen", "jongeren", "ouders", "iedereen"}
    # A caregiver's tile keeps its own target group and adds the person's.
    args = _followed(demo_client.get("/wegwijzer/zorgen-voor/resultaten?voor=ouder"))
    assert args["doelgroep"][0] == "mantelzorgers" and "ouderen" in args["doelgroep"]


def test_unknown_answers_are_ignored_not_an_error(demo_client):
    args = _followed(demo_client.get("/wegwijzer/wonen/resultaten?voor=%3Cscript%3E&kern=amsterdam"))
    assert args == {"leefgebied": ["huisvesting"]}


def test_the_results_are_the_lightest_first_provisions_for_that_need(demo_client):
    response = demo_client.get("/wegwijzer/geld/resultaten?kern=rietmolen", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    # Money help that serves Rietmolen (or all of Berkelland); general help is listed first.
    for name in ("SchuldHulpMaatje: een maatje bij geldzorgen", "Bijzondere bijstand: hulp bij hoge kosten"):
        assert name in page, name
    assert page.index('id="groep-algemeen"') < page.index('id="groep-voorliggend"')
    assert page.index("SchuldHulpMaatje") < page.index("Bijzondere bijstand")
    assert "Jongerenwerk" not in page and "24 resultaten" in page  # only what is about money


def test_now_shows_the_crisis_numbers_before_the_results(demo_client):
    response = demo_client.get("/wegwijzer/gevoel/resultaten?voor=mijzelf&wanneer=nu")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'href="tel:112"' in page and 'href="tel:08002000"' in page and 'href="tel:08000113"' in page
    assert page.index("tel:112") < page.index("Laat de hulp zien")
    assert "/zoeken?leefgebied=geestelijke-gezondheid" in page
    assert "nu_open=1" in page  # and a way to see only what is open now


@pytest.mark.parametrize("path", ["/wegwijzer", "/wegwijzer/geld", "/wegwijzer/geld/resultaten?wanneer=nu"])
def test_the_guide_speaks_english_too(demo_client, path):
    joiner = "&" if "?" in path else "?"
    page = demo_client.get(f"{path}{joiner}lang=en").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Waar wilt u hulp bij?" not in page and "Laat de hulp zien" not in page


def test_the_home_page_leads_to_the_guide(demo_client):
    assert 'href="/wegwijzer"' in demo_client.get("/").get_data(as_text=True)
