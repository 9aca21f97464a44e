"""Both HSDS readers say what they do not take over, from one list, in the same words.

The same data — the third-party fixture with funding, a programme, an organisation
identifier, and phones, contacts, schedules and languages attached to a
location — is imported once as nested JSON and once as a tabular data package; the
"Niet overgenomen" part of the two reports must be identical and name every one of them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from app.extensions import db
from tests.importers.test_round_trip_third_party import FIXTURE, LOC_SHARED, ORG_A, PHONE

ORG_B = "3c0f6a10-2b1e-4d55-9a0e-0a1b2c3d4e02"
LOC_B = "5e1d0c20-1111-4a2b-8c3d-0a1b2c3d4e11"
S1, S3 = (f"b1000000-3333-4c44-8d55-0a1b2c3d4e3{n}" for n in (1, 3))

FUNDING = {"id": "f0000000-0000-4000-8000-000000000001", "organization_id": ORG_A,
           "service_id": S1, "source": "Gemeente Berkelland, subsidie welzijn"}
PROGRAM = {"id": "f0000000-0000-4000-8000-000000000002", "organization_id": ORG_A,
           "name": "Samen in Eibergen", "description": "Ontmoeting in de kern."}
IDENTIFIER = {"id": "f0000000-0000-4000-8000-000000000004", "organization_id": ORG_B,
              "identifier_scheme": "NL-KVK", "identifier_type": "KvK-nummer",
              "identifier": "41234567"}
LOC_PHONE = {"id": "f0000000-0000-4000-8000-000000000005", "location_id": LOC_B,
             "number": "0545 111 222"}
LOC_CONTACT = {"id": "f0000000-0000-4000-8000-000000000006", "location_id": LOC_B,
               "name": "Beheerder"}
LOC_SCHEDULE = {"id": "f0000000-0000-4000-8000-000000000007", "location_id": LOC_B,
                "freq": "WEEKLY", "byday": "MO", "opens_at": "08:00:00", "closes_at": "17:00:00"}
LOC_LANGUAGE = {"id": "f0000000-0000-4000-8000-000000000008", "location_id": LOC_B,
                "code": "de", "name": "Duits"}
PHONE_LANGUAGE = {"id": "f0000000-0000-4000-8000-000000000009", "phone_id": PHONE,
                  "code": "en", "name": "Engels"}


def _enrich(value):
    """Put the extras where nested HSDS JSON has them (under every copy of their parent)."""
    if isinstance(value, list):
        for item in value:
            _enrich(item)
        return
    if not isinstance(value, dict):
        return
    for item in value.values():
        _enrich(item)
    ident = value.get("id")
    if ident == ORG_A and "services" not in value:
        value["funding"], value["programs"] = [FUNDING], [PROGRAM]
    elif ident == S1:
        value["funding"], value["fees"] = [FUNDING], "2 euro per keer"
    elif ident == S3:
        value["program_id"], value["program"] = PROGRAM["id"], PROGRAM
    elif ident == ORG_B:
        value["organization_identifiers"] = [IDENTIFIER]
    elif ident == LOC_B:
        value.update(phones=[LOC_PHONE], contacts=[LOC_CONTACT], schedules=[LOC_SCHEDULE],
                     languages=[LOC_LANGUAGE])
    elif ident == PHONE:
        value["languages"] = [PHONE_LANGUAGE]


def _add_rows(path: Path, rows: list[dict], fields: list[str] | None = None) -> None:
    existing = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, existing = reader.fieldnames, list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(existing + rows)


def _set_cell(path: Path, ident: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == ident:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _left_out(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Niet overgenomen ("))
    rest = [line for line in lines[start + 1:] if line.startswith("  - ")]
    return [lines[start], *rest]


def _empty_database() -> None:
    db.session.remove()
    db.drop_all()
    db.create_all()


def test_json_and_data_package_report_the_same_left_out_items(runner, tmp_path):
    assert runner.invoke(args=["import", "hsds", str(FIXTURE)]).exit_code == 0
    package = tmp_path / "pakket"
    assert runner.invoke(args=["export", "hsds", "--format", "datapackage",
                               str(package)]).exit_code == 0
    services = json.loads(FIXTURE.read_text(encoding="utf-8"))
    _enrich(services)
    nested = tmp_path / "verrijkt.json"
    nested.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")

    _add_rows(package / "funding.csv", [FUNDING], list(FUNDING))
    _add_rows(package / "programs.csv", [PROGRAM], list(PROGRAM))
    _add_rows(package / "organization_identifiers.csv", [IDENTIFIER], list(IDENTIFIER))
    _add_rows(package / "phones.csv", [LOC_PHONE])
    _add_rows(package / "contacts.csv", [LOC_CONTACT])
    _add_rows(package / "schedules.csv", [LOC_SCHEDULE])
    _add_rows(package / "languages.csv", [LOC_LANGUAGE, PHONE_LANGUAGE])
    _set_cell(package / "services.csv", S3, "program_id", PROGRAM["id"])
    _set_cell(package / "services.csv", S1, "fees", "2 euro per keer")
    _set_cell(package / "phones.csv", PHONE, "location_id", LOC_SHARED)  # as in the fixture

    _empty_database()
    from_json = runner.invoke(args=["import", "hsds", str(nested)])
    assert from_json.exit_code == 0, from_json.output
    _empty_database()
    from_package = runner.invoke(args=["import", "hsds", str(package / "datapackage.json")])
    assert from_package.exit_code == 0, from_package.output

    reported = _left_out(from_json.output)
    assert reported == _left_out(from_package.output)
    named = {line.split(" (")[0].removeprefix("  - ") for line in reported[1:]}
    assert named == {"funding", "program", "service.program_id",
                     "organization_identifier", "phone@location", "contact@location",
                     "schedule@location", "language@location", "language@phone",
                     "service.fees"}
    assert "  - funding (1×): financiering (wie de voorziening betaalt)" in "\n".join(reported)
    assert all(": " in line for line in reported[1:])  # every item says why
