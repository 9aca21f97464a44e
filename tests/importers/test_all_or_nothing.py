"""A file with any invalid record changes nothing and says everything that is wrong."""

from __future__ import annotations

import csv

from sqlalchemy import select

from app.extensions import db
from app.models import Service
from tests.importers.conftest import attribute, counts, write_json


def test_broken_json_changes_nothing_and_names_every_problem(runner, tmp_path, demo_services):
    good = write_json(tmp_path / "kaart.json", demo_services)
    assert runner.invoke(args=["import", "hsds", str(good)]).exit_code == 0
    before = counts()
    first = demo_services[0]
    original_description = first["description"]
    first["description"] = "Een nieuwe beschrijving die niet mag landen, want het bestand is stuk."
    attribute(demo_services[3], "voorzieningsniveau")["taxonomy_term"]["code"] = "super"
    demo_services[5]["email"] = "geen-adres"
    demo_services[7]["minimum_age"] = 200
    broken = write_json(tmp_path / "kapot.json", demo_services)

    result = runner.invoke(args=["import", "hsds", str(broken)])

    assert result.exit_code == 1
    out = result.output
    assert "Er is niets ingelezen: 3 problemen in kapot.json." in out
    # file, record, field, value and why — for every problem, in Dutch
    assert ("kapot.json, voorziening 4: veld 'attributes[voorzieningsniveau]' (waarde 'super'): "
            "Onbekende code 'super' in taxonomie 'voorzieningsniveau'.") in out
    assert ("kapot.json, voorziening 6: veld 'email' (waarde 'geen-adres'): "
            "Dit is geen geldig e-mailadres.") in out
    assert "kapot.json, voorziening 8: veld 'minimum_age' (waarde 200): " \
           "Deze waarde valt buiten het toegestane bereik" in out
    assert counts() == before
    db.session.expire_all()
    service = db.session.scalar(select(Service).where(Service.external_id == first["id"]))
    assert service.description == original_description


def test_unknown_taxonomy_codes_are_named_never_dropped(runner, tmp_path, demo_services):
    attribute(demo_services[0], "leefgebied")["taxonomy_term"]["code"] = "geldzorgen"
    foreign = {"id": "0c7f4a39-0a77-4b7c-a6c0-7c3d6c3e0d11", "link_type": "thema",
               "link_entity": "service", "link_id": demo_services[1]["id"],
               "taxonomy_term_id": "2f0bd7a6-5b8e-4bd5-b1f3-4b3f5d5f0a22",
               "taxonomy_term": {"id": "2f0bd7a6-5b8e-4bd5-b1f3-4b3f5d5f0a22", "code": "zorg",
                                 "taxonomy": "thema"}}  # no name: not defined in the file either
    demo_services[1]["attributes"].append(foreign)
    result = runner.invoke(args=["import", "hsds",
                                 str(write_json(tmp_path / "codes.json", demo_services))])
    assert result.exit_code == 1
    assert "Onbekende code 'geldzorgen' in taxonomie 'leefgebied'." in result.output
    assert "Onbekende taxonomie 'thema' met code 'zorg'" in result.output
    assert counts() == (0, 0, 0)


def test_a_foreign_term_the_file_defines_is_kept(runner, tmp_path, demo_services):
    service = demo_services[0]
    service["attributes"].append({
        "id": "0c7f4a39-0a77-4b7c-a6c0-7c3d6c3e0d11", "link_type": "thema",
        "link_entity": "service", "link_id": service["id"],
        "taxonomy_term_id": "2f0bd7a6-5b8e-4bd5-b1f3-4b3f5d5f0a22",
        "taxonomy_term": {"id": "2f0bd7a6-5b8e-4bd5-b1f3-4b3f5d5f0a22", "code": "zorg",
                          "name": "Zorg", "taxonomy": "thema"}})
    path = write_json(tmp_path / "thema.json", [service])
    assert runner.invoke(args=["import", "hsds", str(path)]).exit_code == 0
    again = runner.invoke(args=["import", "hsds", str(path)])
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd" in again.output
    service["attributes"][-1]["value"] = "anders"
    changed = runner.invoke(args=["import", "hsds", str(write_json(path, [service]))])
    assert "voorzieningen: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in changed.output
    out = tmp_path / "uit.json"
    assert runner.invoke(args=["export", "hsds", str(out)]).exit_code == 0
    assert '"code": "zorg"' in out.read_text(encoding="utf-8")


def test_broken_data_package_names_file_and_row(runner, tmp_path, demo_export):
    import shutil

    package = tmp_path / "pakket"
    shutil.copytree(demo_export["package"], package)
    path = package / "service_areas.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[2][1] = "11111111-2222-3333-4444-555555555555"  # row 3 points to no service
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = runner.invoke(args=["import", "hsds", str(package)])
    assert result.exit_code == 1
    assert ("service_areas.csv, rij 3: veld 'service_id' "
            "(waarde '11111111-2222-3333-4444-555555555555'): Dit id staat niet in services.csv."
            ) in result.output
    assert counts() == (0, 0, 0)


def test_not_json_is_a_problem_not_a_traceback(runner, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('[{"id": "x",\n', encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 1
    assert "kapot.json, regel 2" in result.output and "geen geldige JSON" in result.output
    assert "Traceback" not in result.output


def test_a_partner_file_whose_tier_and_access_contradict_is_flagged_for_an_editor(
        runner, tmp_path, demo_services):
    """A partner files a general provision that needs a municipal decision: the rule the
    editor enforces (app/domain/ladder.py) is not silently broken by an import — the file
    is imported as given (the partner's data is theirs) and the report names the provision,
    its place in the file and what contradicts, for an editor to settle."""
    service = next(s for s in demo_services
                   if attribute(s, "voorzieningsniveau")["taxonomy_term"]["code"] == "algemeen")
    attribute(service, "toegang")["taxonomy_term"]["code"] = "beschikking-gemeente"
    path = write_json(tmp_path / "partner.json", demo_services)
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 0, result.output
    assert "Controleer 1 voorziening: niveau, toegang en tekst spreken elkaar tegen" in result.output
    line = next(line for line in result.output.splitlines() if line.startswith(f"  - {service['name']}"))
    assert "algemene voorziening krijgt iedereen zonder verwijzing" in line.lower()

    clean = runner.invoke(args=["import", "hsds", str(write_json(tmp_path / "demo.json",
                                                                 [s for s in demo_services
                                                                  if s is not service]))])
    assert "Controleer" not in clean.output
