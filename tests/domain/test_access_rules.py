"""A provision's tier, its access and its own words must tell a resident one story.

Issue 16: De Garven's page said "Zonder verwijzing: meld u aan" and, two lines below, "U heeft
eerst een indicatie van het CIZ nodig"; Present was filed as a general provision although a
professional has to sign a resident up.  The rule lives in ``app.domain.ladder``; the importers
and the editor refuse what it refuses, and the demo map keeps to it.
"""

from __future__ import annotations

import json

import pytest

from app.domain.ladder import access_conflict
from app.vocabulary import ACCESS_CODES, TIER_CODES
from importers.demo import DEMO_FILE, DemoDataError, load_demo, read_demo


@pytest.mark.parametrize(("tier", "access", "frameworks", "field"), [
    ("algemeen", "verwijzing-huisarts", ["geen"], "access"),
    ("algemeen", "beschikking-gemeente", ["wmo"], "access"),
    ("algemeen", "indicatie-ciz", ["wlz"], "access"),
    ("voorliggend", "beschikking-gemeente", ["wmo"], "tier"),
    ("maatwerk", "indicatie-ciz", ["wlz"], "tier"),
    ("voorliggend", "indicatie-ciz", ["zvw"], "legal_frameworks"),
    ("maatwerk", "vrij-toegankelijk", ["wmo"], "access"),
    ("maatwerk", "aanmelden", ["jeugdwet"], "access"),
])
def test_contradicting_tier_and_access_are_named_with_the_field_to_correct(
        tier, access, frameworks, field):
    conflict = access_conflict(tier, access, frameworks)
    assert conflict is not None and conflict.field == field
    assert len(str(conflict.message)) > 30  # a sentence an editor can act on


def test_every_fitting_combination_passes():
    fitting = {("algemeen", "vrij-toegankelijk"), ("algemeen", "aanmelden"),
               ("voorliggend", "vrij-toegankelijk"), ("voorliggend", "aanmelden"),
               ("voorliggend", "verwijzing-huisarts"), ("voorliggend", "indicatie-ciz"),
               ("maatwerk", "beschikking-gemeente"), ("maatwerk", "verwijzing-huisarts")}
    for tier in TIER_CODES:
        for access in ACCESS_CODES:
            conflict = access_conflict(tier, access, ["wlz", "wmo", "jeugdwet"])
            assert (conflict is None) == ((tier, access) in fitting), (tier, access)


@pytest.mark.parametrize(("text", "access", "fits"), [
    ("U heeft eerst een indicatie van het CIZ nodig. Uw huisarts helpt u daarbij.", "aanmelden", False),
    ("U heeft een CIZ-indicatie nodig.", "indicatie-ciz", True),
    # A condition, not the only way in: an apartment is rented without one.
    ("Neem contact op met ons. Voor zorg met verblijf heeft u een CIZ-indicatie nodig.", "aanmelden", True),
    ("Een hulpverlener meldt u aan, bijvoorbeeld van Voormekaar.", "aanmelden", False),
    ("Een hulpverlener meldt u aan, bijvoorbeeld van Voormekaar.", "verwijzing-huisarts", True),
    ("U heeft een verwijzing van de huisarts nodig.", "vrij-toegankelijk", False),
    ("Loop binnen of bel.", "vrij-toegankelijk", True),
])
def test_the_provisions_own_words_must_fit_its_access(text, access, fits):
    conflict = access_conflict("voorliggend", access, ["wlz"], (None, text))
    assert (conflict is None) == fits
    if not fits:
        assert conflict.field == "access"


def test_every_demo_provision_tells_one_story():
    """The combinations on the demo map: tier, access, legal framework and text agree."""
    wrong = [(s["key"], s["tier"], s["access"], str(conflict.message))
             for org in read_demo() for s in org["services"]
             if (conflict := access_conflict(
                 s["tier"], s["access"], s["legal_frameworks"],
                 (s.get("eligibility"), s.get("application_process"))))]
    assert wrong == []
    services = {s["key"]: s for org in read_demo() for s in org["services"]}
    for wlz_home in ("sensire-garven", "berkelhuis-wonen", "marga-klompe-verpleeghuis"):
        assert services[wlz_home]["access"] == "indicatie-ciz", wlz_home
    assert services["present-klus"]["tier"] == "voorliggend"


def test_an_import_with_a_general_provision_behind_a_decision_is_refused_by_row_and_field(
        app, tmp_path):
    from app.extensions import db

    raw = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    service = raw["organizations"][0]["services"][0]
    service["tier"], service["access"] = "algemeen", "beschikking-gemeente"
    broken = tmp_path / "kaart.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        load_demo(db.session, broken)
    db.session.rollback()
    assert f"organisatie {raw['organizations'][0]['key']}: services.0.access: " \
           "Een algemene voorziening krijgt iedereen zonder verwijzing" in str(error.value)


def test_a_wlz_home_page_shows_the_ciz_route_and_no_walk_in(demo_client):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Service

    garven = db.session.scalar(select(Service).where(Service.external_id == "sensire-garven"))
    page = demo_client.get(f"/voorziening/{garven.id}").get_data(as_text=True)
    assert "Met een indicatie van het CIZ (Wet langdurige zorg)" in page
    assert "Zonder verwijzing" not in page


@pytest.mark.parametrize(("key", "says", "never"), [
    ("sensire-garven", "Deze voorziening bestaat.", "deze voorziening is verzonnen"),
    ("present-klus", "deze voorziening is verzonnen", "Deze voorziening bestaat."),
])
def test_every_demo_entry_says_which_of_its_details_may_be_invented(demo_client, key, says, never):
    """Real entries on the demo map carry invented addresses, postcodes and times too: the
    warning is on every demo entry, not only on the invented ones."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Service

    service = db.session.scalar(select(Service).where(Service.external_id == key))
    page = demo_client.get(f"/voorziening/{service.id}").get_data(as_text=True)
    assert says in page and never not in page
    if service.provenance != "illustratief":
        assert "adres, postcode, openingstijden" in page and "kunnen verzonnen zijn" in page
