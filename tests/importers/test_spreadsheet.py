"""The spreadsheet template (CSV and XLSX) that welzijnswerkers and partners fill in."""

from __future__ import annotations

import csv
from datetime import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import Service
from importers.spreadsheet import COLUMNS, EXAMPLE
from tests.conftest import ROOT
from tests.importers.conftest import counts

TEMPLATES = ROOT / "data" / "templates"
HEADERS = list(COLUMNS.values())


def _row(**changes) -> dict:
    return {**EXAMPLE, "key": "", "organization": "Bibliotheek Achterhoek", **changes}


ROWS = [
    _row(),
    _row(key="koffie-rekken", name="Koffieochtend Rekken", kernen="Rekken",
         location_name="Dorpshuis Rekken", address="Dorpsstraat 5", postcode="7273 ab",
         city="Rekken", tier="Algemeen", schedules="wo 10:00-11:30", cost_amount="2,50",
         cost_description="Per keer", target_groups="ouderen", languages=""),
]


def write_csv(path: Path, rows: list[dict], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADERS)
        writer.writerow([EXAMPLE[name] for name in COLUMNS])  # the example row stays in
        for row in rows:
            writer.writerow([row[name] for name in COLUMNS])
    return path


def write_xlsx(path: Path, rows: list[dict]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        values = dict(row)
        values["minimum_age"] = int(values["minimum_age"]) if values["minimum_age"] else None
        values["cost_amount"] = float(values["cost_amount"].replace(",", "."))  # a number cell
        sheet.append([values[name] for name in COLUMNS])
    book.save(path)
    return path


def _check_imported() -> None:
    services = {s.name: s for s in db.session.scalars(select(Service))}
    assert set(services) == {"Taalcafé Borculo", "Koffieochtend Rekken"}
    koffie = services["Koffieochtend Rekken"]
    assert koffie.is_public and koffie.tier == "algemeen" and koffie.access == "vrij-toegankelijk"
    assert [k.name for k in koffie.kernen_served] == ["Rekken"]
    assert [t.code for t in koffie.target_groups] == ["ouderen"]
    assert [(s.byday, s.opens_at, s.closes_at) for s in koffie.schedules] == \
        [("WE", time(10, 0), time(11, 30))]
    assert koffie.cost_options[0].amount == pytest.approx(2.5)
    place = koffie.locations[0]
    assert place.addresses[0].postal_code == "7273 AB"
    # no coordinates in a spreadsheet: geocoded from the offline postcode and kern tables
    assert place.latitude is not None and place.kern.name == "Rekken"


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_imports_and_reimport_changes_nothing(runner, tmp_path, delimiter):
    path = write_csv(tmp_path / "kaart.csv", ROWS, delimiter)
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd" in result.output
    _check_imported()
    again = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in again.output
    assert counts() == (1, 2, 2)


def test_xlsx_imports_the_same(runner, tmp_path):
    path = write_xlsx(tmp_path / "kaart.xlsx", ROWS)
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 0, result.output
    _check_imported()
    # the same rows as CSV are the same records: nothing new
    again = runner.invoke(args=["import", "spreadsheet", str(write_csv(tmp_path / "k.csv", ROWS))])
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in again.output


def test_every_problem_is_named_by_row_and_column_and_nothing_changes(runner, tmp_path):
    rows = [*ROWS, _row(key="kapot", name="Kapotte rij", tier="algemen",
                        life_domains="geldzaken", postcode="ABCD", schedules="maandag 9-12",
                        minimum_age="tien", kernen="Amsterdam"),
            _row(key="koffie-rekken", name="Dubbele sleutel")]
    result = runner.invoke(args=["import", "spreadsheet",
                                 str(write_csv(tmp_path / "kaart.csv", rows))])
    assert result.exit_code == 1
    out = result.output
    assert "Er is niets ingelezen: 7 problemen in kaart.csv." in out
    for expected in (
        "kaart.csv, rij 5: veld 'Voorzieningsniveau' (waarde 'algemen'): Onbekende "
        "voorzieningsniveau 'algemen'. Kies uit: algemeen, voorliggend, maatwerk.",
        "kaart.csv, rij 5: veld 'Leefgebieden[0]' (waarde 'geldzaken'): Onbekende leefgebied",
        "kaart.csv, rij 5: veld 'Postcode' (waarde 'ABCD'): Een postcode is vier cijfers",
        "kaart.csv, rij 5: veld 'Openingstijden' (waarde 'maandag 9-12'): Schrijf openingstijden",
        "kaart.csv, rij 5: veld 'Minimumleeftijd' (waarde 'tien'): Dit moet een heel getal zijn.",
        "kaart.csv, rij 5: veld 'Kernen[0]' (waarde 'Amsterdam'): Onbekende kern 'Amsterdam'",
        "kaart.csv, rij 6: veld 'Sleutel' (waarde 'koffie-rekken'): Deze sleutel staat ook in rij 4",
    ):
        assert expected in out
    assert counts() == (0, 0, 0)


def test_missing_columns_and_unknown_columns_are_named(runner, tmp_path):
    path = tmp_path / "oud.csv"
    path.write_text("Naam voorziening;Organisatie;Omschrijving\nInloop;Voormekaar;Iets\n",
                    encoding="utf-8")
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 1
    assert "oud.csv, rij 1: veld 'Omschrijving': Onbekende kolom (kolom 3)" in result.output
    for column in ("Beschrijving", "Voorzieningsniveau", "Toegang", "Kernen"):
        assert f"veld '{column}': Deze verplichte kolom ontbreekt." in result.output


def test_a_spreadsheet_does_not_make_drafts(runner, tmp_path):
    path = write_csv(tmp_path / "kaart.csv", [_row(tier="", kernen="")])
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 1
    assert "veld 'Voorzieningsniveau': Dit veld is verplicht en ontbreekt." in result.output
    assert "veld 'Kernen'" in result.output
    assert counts() == (0, 0, 0)


def test_dry_run_writes_nothing(runner, tmp_path):
    path = write_csv(tmp_path / "kaart.csv", ROWS)
    result = runner.invoke(args=["import", "spreadsheet", "--dry-run", str(path)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 2 nieuw" in result.output and "Proefdraai" in result.output
    db.session.remove()
    assert counts() == (0, 0, 0)


def test_the_shipped_templates_have_the_columns_and_only_the_example(runner):
    with (TEMPLATES / "sociale-kaart-sjabloon.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == HEADERS
    sheet = load_workbook(TEMPLATES / "sociale-kaart-sjabloon.xlsx")["Voorzieningen"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A2"].value.startswith("voorbeeld")
    for name in ("sociale-kaart-sjabloon.csv", "sociale-kaart-sjabloon.xlsx"):
        result = runner.invoke(args=["import", "spreadsheet", str(TEMPLATES / name)])
        assert result.exit_code == 1 and "alleen de kopregel of de voorbeeldrij" in result.output


def test_the_example_row_itself_is_valid(runner, tmp_path):
    path = write_csv(tmp_path / "kaart.csv", [{**EXAMPLE, "key": "taalcafe-borculo"}])
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 1 nieuw" in result.output
