"""What residents typed that went wrong before (issue #12), as they would see it: the results
page and the open data API on the demo map, on every search backend.

A first screen of a phone shows about five results; "first" below means what a resident sees
before anything else, "main list" the strong matches above "Misschien ook".
"""

from __future__ import annotations

import re
import shutil

import pytest

from app.extensions import db
from app.models import SearchSignal
from tests.conftest import make_app, postgres_demo_site

CARD = re.compile(r'class="provision-card__title"><a [^>]*href="/voorziening/[0-9a-f-]{36}">(.*?)</a>',
                  re.S)


@pytest.fixture(scope="module",
                params=["whoosh", "memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def site(request, tmp_path_factory, demo_db_file):
    """The demo site on each search backend, one per module: these tests only search."""
    tmp_path = tmp_path_factory.mktemp("residents")
    if request.param == "postgres":
        with postgres_demo_site(tmp_path) as app:
            yield app.test_client()
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


def page(client, **args) -> tuple[str, list[str], list[str]]:
    """(html, names of the main list, names under "Misschien ook")."""
    response = client.get("/zoeken", query_string=args)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    main, _, maybe = html.partition('id="misschien-ook"')
    return html, CARD.findall(main), CARD.findall(maybe)


def api_names(client, **args) -> list[str]:
    response = client.get("/api/v1/services", query_string={"per_page": 50, **args})
    assert response.status_code == 200
    return [item["name"] for item in response.get_json()["contents"]]


def test_mijn_zoon_blowt_finds_drugs_help_not_the_regiotaxi(site):
    html, main, maybe = page(site, q="mijn zoon blowt")
    assert main and main[0] == "Anoniem advies over alcohol, drugs en gokken"
    assert not any("Regiotaxi" in n for n in main)  # "zoon" is a word, never corrected to "zoov"
    assert "Bedoelde u" not in html
    assert api_names(site, search="mijn zoon blowt")[0] == main[0]


def test_i_feel_lonely_finds_company_first(site):
    _, main, _ = page(site, q="I feel lonely")
    company = {"Trefpoint: in contact met iemand die ook eenzaam is",
               "Huisbezoek: een vrijwilliger komt langs",
               "De Luisterlijn: dag en nacht iemand om mee te praten"}
    assert set(main[:5]) & company
    assert "Wijkagent: uw contact bij de politie" not in main[:5]


def test_sporten_met_een_beperking_finds_sport_not_the_alarm_button(site):
    _, main, _ = page(site, q="sporten met een beperking")
    assert main[0] == "Beweegadvies: vind een sport die bij u past"
    assert "Alarmknop voor thuis (personenalarmering)" not in main[:5]


def test_food_bank_finds_the_food_bank_before_its_volunteer_work(site):
    names = api_names(site, search="food bank")
    assert names.index("Voedselbank: gratis boodschappenpakket") < names.index(
        "Vrijwilliger worden bij de Voedselbank")


def test_even_vrij_van_de_zorg_voor_mijn_moeder_finds_even_vrij(site):
    _, main, _ = page(site, q="even vrij van de zorg voor mijn moeder")
    assert main[0] == "Even vrij: een vrijwilliger neemt de zorg over"


def test_jongerenwerk_eibergen_finds_the_youth_workers_for_eibergen(site):
    html, main, maybe = page(site, q="jongerenwerk eibergen")
    assert {"Jongereninloop in Eibergen", "Jongerenwerker: iemand om mee te praten"} <= set(main[:4])
    assert "Eerst wat er is voor inwoners van Eibergen." in html


def test_boodschappen_near_a_postcode_keeps_help_for_all_of_berkelland(site):
    html, main, maybe = page(site, q="boodschappen", bij="7271", straal="5")
    names = main + maybe
    assert len(names) > 2
    assert "Voedselbank: gratis boodschappenpakket" in names
    # what serves every kern says so, instead of a distance
    assert "Voor heel Berkelland" in html


def test_mantelzorg_near_gelselaar_finds_mantelzorg_help_and_no_signal(site):
    _, main, _ = page(site, q="mantelzorg", bij="Gelselaar", straal="5")
    assert "Mantelzorgknooppunt: steun als u voor een ander zorgt" in main[:5]
    with site.application.app_context():
        assert not [s for s in db.session.query(SearchSignal) if s.query == "mantelzorg"]


def test_a_word_for_indicated_care_lists_that_care_before_weak_mentions(site):
    # "dagbesteding": the day-care provisions themselves are the answer; general provisions
    # that only mention it come under "Misschien ook", not above them
    _, main, maybe = page(site, q="dagbesteding")
    assert len(main) >= 3 and all("dagbesteding" in n.lower() for n in main)
    assert maybe and not any(n.lower().startswith("dagbesteding") for n in maybe)


@pytest.mark.parametrize("words", ["mijn partner slaat mij", "slaat", "mishandeld", "bang thuis",
                                   "geweld", "my husband hits me"])
def test_a_search_about_violence_at_home_opens_with_veilig_thuis_and_112(site, words):
    """Issue #13: safety first on the public site too.  The card comes before any result;
    Veilig Thuis is in the main list."""
    html, main, _ = page(site, q=words)
    card = html.index('class="safety-card"')
    assert card < html.index('id="resultaten-titel"')
    assert 'href="tel:08002000"' in html and 'href="tel:112"' in html
    assert any("Veilig Thuis" in name for name in main[:5]), main[:5]


@pytest.mark.parametrize("words", ["geweldig", "ruzie met mijn man", "we gaan scheiden", "huur"])
def test_no_safety_card_without_a_reason(site, words):
    html, _, _ = page(site, q=words)
    assert 'class="safety-card"' not in html
