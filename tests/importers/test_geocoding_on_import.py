"""Places without coordinates: the offline tables first, then the configured geocoder (PDOK)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Location
from tests.conftest import make_app
from tests.importers.test_spreadsheet import _row, write_csv
from tests.pdok_standin import PdokStandin

ZUTPHEN = {"id": "adr-1", "type": "adres", "weergavenaam": "Beukerstraat 1, 7201LA Zutphen",
           "centroide_ll": "POINT(6.1953 52.1411)", "postcode": "7201LA",
           "woonplaatsnaam": "Zutphen", "gemeentenaam": "Zutphen"}
ROWS = [_row(key="in-borculo"),
        _row(key="in-zutphen", name="Spreekuur in Zutphen", kernen="Berkelland",
             location_name="Regiokantoor", address="Beukerstraat 1", postcode="7201 LA",
             city="Zutphen")]


@pytest.fixture
def pdok(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with PdokStandin([ZUTPHEN]) as server:
        yield server


def _places(tmp_path, **config) -> dict[str, Location]:
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'geo.db'}", **config)
    with app.app_context():
        db.create_all()
        result = app.test_cli_runner().invoke(
            args=["import", "spreadsheet", str(write_csv(tmp_path / "kaart.csv", ROWS))])
        assert result.exit_code == 0, result.output
        places = {loc.name: (loc.latitude, loc.longitude, loc.kern.name if loc.kern else None)
                  for loc in db.session.scalars(select(Location))}
        db.session.remove()
        db.engine.dispose()
    return places, result.output


def test_offline_tables_place_berkelland_and_pdok_the_rest(tmp_path, pdok):
    places, output = _places(tmp_path, GEOCODER="pdok", PDOK_URL=pdok.url)
    lat, lon, kern = places["Bibliotheek Borculo"]
    assert kern == "Borculo" and lat == pytest.approx(52.11, abs=0.02)
    assert places["Regiokantoor"] == (pytest.approx(52.1411), pytest.approx(6.1953), None)
    # the Borculo address never went to PDOK: the offline tables answered first
    assert [r.param("q") for r in pdok.requests] == ["Beukerstraat 1 Zutphen"]
    assert "2 locatie(s) zonder coördinaten zijn opgezocht" in output


def test_a_place_nobody_finds_is_imported_without_coordinates_and_named(tmp_path):
    places, output = _places(tmp_path)  # offline only: Zutphen is not in the tables
    assert places["Regiokantoor"] == (None, None, None)
    assert "1 locatie(s) zonder coördinaten konden niet worden gevonden" in output
    assert "Regiokantoor" in output
