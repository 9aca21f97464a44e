"""Export → import into an empty database → export again gives identical files."""

from __future__ import annotations

import json

from app.extensions import db
from importers.demo import load_demo


def _files(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _empty_database() -> None:
    db.session.remove()
    db.drop_all()
    db.create_all()


def test_round_trip_gives_identical_json_and_data_package(app, runner, tmp_path):
    load_demo(db.session)
    db.session.commit()
    first_json, first_package = tmp_path / "eerste.json", tmp_path / "eerste-pakket"
    assert runner.invoke(args=["export", "hsds", str(first_json)]).exit_code == 0
    result = runner.invoke(args=["export", "hsds", "--format", "datapackage", str(first_package)])
    assert result.exit_code == 0, result.output
    assert "182 voorzieningen" in result.output

    # via JSON
    _empty_database()
    result = runner.invoke(args=["import", "hsds", str(first_json)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 182 nieuw" in result.output and "concept" not in result.output
    second_json, second_package = tmp_path / "tweede.json", tmp_path / "tweede-pakket"
    runner.invoke(args=["export", "hsds", str(second_json)])
    runner.invoke(args=["export", "hsds", "--format", "datapackage", str(second_package)])
    assert second_json.read_bytes() == first_json.read_bytes()
    assert _files(second_package) == _files(first_package)

    # via the tabular data package
    _empty_database()
    result = runner.invoke(args=["import", "hsds", str(first_package / "datapackage.json")])
    assert result.exit_code == 0, result.output
    third_json, third_package = tmp_path / "derde.json", tmp_path / "derde-pakket"
    runner.invoke(args=["export", "hsds", str(third_json)])
    runner.invoke(args=["export", "hsds", "--format", "datapackage", str(third_package)])
    assert third_json.read_bytes() == first_json.read_bytes()
    assert _files(third_package) == _files(first_package)

    # and the export is the whole map, with the profile as attributes
    services = json.loads(first_json.read_text(encoding="utf-8"))
    assert len(services) == 182
    assert all({a["link_type"] for a in s["attributes"]} >= {"voorzieningsniveau", "toegang",
                                                             "leefgebied", "doelgroep"}
               for s in services)
    assert set(_files(first_package)) >= {"datapackage.json", "services.csv",
                                          "organizations.csv", "locations.csv", "attributes.csv"}


def test_drafts_stay_home(runner, tmp_path, demo_services):
    from tests.importers.conftest import write_json

    draft = demo_services[0]
    draft["attributes"] = [a for a in draft["attributes"] if a["link_type"] != "voorzieningsniveau"]
    runner.invoke(args=["import", "hsds", str(write_json(tmp_path / "in.json", demo_services))])
    out = tmp_path / "uit.json"
    result = runner.invoke(args=["export", "hsds", str(out)])
    assert "181 voorzieningen" in result.output
    assert draft["id"] not in out.read_text(encoding="utf-8")


def test_the_export_says_how_many_drafts_and_withdrawn_entries_it_left_out(runner, tmp_path,
                                                                           demo_services):
    """A third-party service imported as a draft, and an entry withdrawn for being long
    unchecked, are left out of the export: the operator is told how many, and why."""
    from datetime import date

    from sqlalchemy import select

    from app.models import Service
    from tests.importers.conftest import write_json

    first, second, third = demo_services[:3]
    for draft in (first, second):  # valid HSDS, but without the profile's tier: drafts
        draft["attributes"] = [a for a in draft["attributes"]
                               if a["link_type"] != "voorzieningsniveau"]
    result = runner.invoke(args=["import", "hsds", str(write_json(
        tmp_path / "partner.json", [first, second, third]))])
    assert result.exit_code == 0, result.output
    assert "2 voorzieningen als concept" in result.output
    checked_long_ago = db.session.scalar(select(Service).where(
        Service.external_id == third["id"].lower()))
    checked_long_ago.assured_date = date(2020, 1, 1)
    db.session.commit()

    out = tmp_path / "uit.json"
    result = runner.invoke(args=["export", "hsds", str(out)])

    assert result.exit_code == 0, result.output
    assert f"0 voorzieningen geschreven naar {out}." in result.output
    assert "2 concepten niet uitgevoerd: een concept is nog niet af." in result.output
    assert "flask --app wsgi drafts" in result.output
    assert "1 voorziening niet uitgevoerd: ze is te lang niet gecontroleerd" in result.output
    assert json.loads(out.read_text(encoding="utf-8")) == []

    checked_long_ago.assured_date = date.today()  # checked again: it goes along again
    db.session.commit()
    result = runner.invoke(args=["export", "hsds", "--format", "datapackage",
                                 str(tmp_path / "pakket")])
    assert "1 voorziening geschreven naar de map" in result.output
    assert "2 concepten niet uitgevoerd" in result.output
    assert "niet gecontroleerd" not in result.output
