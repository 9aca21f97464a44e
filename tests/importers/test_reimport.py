"""Re-importing updates in place; a dry run writes nothing; an editor's concurrent change wins."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Service
from importers.hsds_import import read_hsds
from importers.runner import ImportFailed, run_import
from tests.importers.conftest import counts, write_json


def _stamps() -> dict[str, tuple]:
    db.session.expire_all()
    return {s.external_id: (s.last_modified, s.version) for s in db.session.scalars(select(Service))}


def test_reimport_changes_nothing_not_even_last_modified(runner, tmp_path, demo_services):
    path = write_json(tmp_path / "kaart.json", demo_services)
    first = runner.invoke(args=["import", "hsds", str(path)])
    assert first.exit_code == 0, first.output
    assert "voorzieningen: 182 nieuw, 0 bijgewerkt, 0 ongewijzigd" in first.output
    before, stamps = counts(), _stamps()

    again = runner.invoke(args=["import", "hsds", str(path)])

    assert again.exit_code == 0, again.output
    assert "organisaties: 0 nieuw, 0 bijgewerkt, 89 ongewijzigd" in again.output
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 182 ongewijzigd" in again.output
    assert counts() == before and _stamps() == stamps


def test_reimport_of_a_changed_record_updates_only_that_one(runner, tmp_path, demo_services):
    path = write_json(tmp_path / "kaart.json", demo_services)
    assert runner.invoke(args=["import", "hsds", str(path)]).exit_code == 0
    stamps = _stamps()
    changed = demo_services[10]
    changed["description"] = "Deze beschrijving is bij de partner aangepast en komt nu binnen."
    changed["phones"] = []
    write_json(path, demo_services)

    result = runner.invoke(args=["import", "hsds", str(path)])

    assert "voorzieningen: 0 nieuw, 1 bijgewerkt, 181 ongewijzigd" in result.output
    after = _stamps()
    key = changed["id"].lower()
    assert after[key][0] > stamps[key][0] and after[key][1] == stamps[key][1] + 1
    assert {k: v for k, v in after.items() if k != key} == \
        {k: v for k, v in stamps.items() if k != key}
    service = db.session.scalar(select(Service).where(Service.external_id == key))
    assert service.description.startswith("Deze beschrijving") and service.phones == []


def test_dry_run_counts_but_writes_nothing(runner, tmp_path, demo_services):
    path = write_json(tmp_path / "kaart.json", demo_services)
    result = runner.invoke(args=["import", "hsds", "--dry-run", str(path)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 182 nieuw" in result.output and "niets opgeslagen" in result.output
    db.session.remove()
    assert counts() == (0, 0, 0)


def test_progress_is_reported_while_saving(app, tmp_path, demo_services):
    seen = []
    batch, source = read_hsds(db.session, write_json(tmp_path / "kaart.json", demo_services))
    run_import(db.session, batch, source=source,
               progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("controleren", len(batch.items), len(batch.items)) in seen
    assert ("opslaan", 182, 182) in seen


def test_an_editors_concurrent_change_rolls_the_import_back(app, tmp_path, demo_services):
    path = write_json(tmp_path / "kaart.json", demo_services)
    batch, source = read_hsds(db.session, path)
    run_import(db.session, batch, source=source)
    db.session.commit()
    target = demo_services[0]
    key = target["id"].lower()
    target["description"] = "De partner heeft deze voorziening anders beschreven dan de redacteur."
    demo_services[1]["name"] = "Ook deze wijziging mag niet landen"
    batch, source = read_hsds(db.session, write_json(path, demo_services))

    def editor_saves_meanwhile(stage, done, total):
        if stage == "opslaan" and done == total:  # after the import read, before it writes
            with Session(db.engine) as editor:
                service = editor.scalar(select(Service).where(Service.external_id == key))
                service.description = "De redacteur heeft dit net zelf verbeterd, met de hand."
                editor.commit()

    with pytest.raises(ImportFailed) as failed:
        run_import(db.session, batch, source=source, progress=editor_saves_meanwhile)

    assert f"Een voorziening (“{target['name']}”) is tijdens het inlezen door iemand anders " \
           "gewijzigd" in str(failed.value)
    assert "Er is niets ingelezen" in str(failed.value)
    db.session.rollback()
    db.session.expire_all()
    names = set(db.session.scalars(select(Service.name)))
    assert "Ook deze wijziging mag niet landen" not in names
    service = db.session.scalar(select(Service).where(Service.external_id == key))
    assert service.description == "De redacteur heeft dit net zelf verbeterd, met de hand."


def test_importing_this_sites_own_export_updates_it_in_place(runner, tmp_path):
    from importers.demo import load_demo

    load_demo(db.session)
    db.session.commit()
    before, stamps = counts(), _stamps()
    export = tmp_path / "export.json"
    runner.invoke(args=["export", "hsds", str(export)])

    result = runner.invoke(args=["import", "hsds", str(export)])

    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 182 ongewijzigd" in result.output
    assert counts() == before and _stamps() == stamps  # no copies, nothing touched
    services = json.loads(export.read_text(encoding="utf-8"))
    services[0]["description"] = "Bijgewerkt in een spreadsheet van de partner en weer ingelezen."
    result = runner.invoke(args=["import", "hsds", str(write_json(export, services))])
    assert "voorzieningen: 0 nieuw, 1 bijgewerkt, 181 ongewijzigd" in result.output
    db.session.expire_all()
    service = db.session.get(Service, uuid.UUID(services[0]["id"]))
    assert service.description.startswith("Bijgewerkt in een spreadsheet")
    assert service.source == "berkellandwijzer-demo" and service.provenance is not None
