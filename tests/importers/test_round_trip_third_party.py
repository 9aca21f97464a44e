"""Third-party-shaped HSDS (tests/fixtures/hsds_third_party.json) survives a round trip exactly.

The fixture is modelled on the official HSDS 3.0 examples but written for this project: a
location owned by one organisation and used by services of two; one phone under the
organisation, a service and a location at once; monthly, fortnightly and ended schedules
with the RFC 5545 detail HSDS allows; service areas without ``extent_type``; a foreign
attribute with its own ``link_type``.  Export → import into an empty database → export must
give the same bytes, and re-importing the same file must change nothing at all.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.models import Location, Organization, Service
from tests.importers.test_round_trip import _empty_database, _files

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "hsds_third_party.json"
ORG_A = "3c0f6a10-2b1e-4d55-9a0e-0a1b2c3d4e01"
LOC_SHARED = "5e1d0c20-1111-4a2b-8c3d-0a1b2c3d4e10"
PHONE = "9a8b7c6d-2222-4e5f-8a9b-0a1b2c3d4e20"
CONTACT = "c0c00000-aaaa-4bbb-8ccc-0a1b2c3d4ea0"


def _export(runner, base: Path) -> tuple[Path, Path]:
    json_path, package = base.with_suffix(".json"), base.parent / f"{base.name}-pakket"
    result = runner.invoke(args=["export", "hsds", str(json_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["export", "hsds", "--format", "datapackage", str(package)])
    assert result.exit_code == 0, result.output
    return json_path, package


def _stamps() -> dict:
    db.session.expire_all()
    return {(type(o).__name__, o.external_id): (o.last_modified, o.version)
            for model in (Organization, Location, Service) for o in db.session.scalars(select(model))}


def _by_id(services: list[dict]) -> dict[str, dict]:
    return {s["id"]: s for s in services}


def test_third_party_hsds_round_trips_exactly_and_reimports_as_a_no_op(runner, tmp_path):
    result = runner.invoke(args=["import", "hsds", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 3 nieuw" in result.output and "concept" not in result.output
    first_json, first_package = _export(runner, tmp_path / "eerste")
    stamps = _stamps()

    # the same file again: nothing changes, not even last_modified (modified_after stays quiet)
    again = runner.invoke(args=["import", "hsds", str(FIXTURE)])
    assert again.exit_code == 0, again.output
    assert "organisaties: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in again.output
    assert "locaties: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in again.output
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 3 ongewijzigd" in again.output
    assert _stamps() == stamps
    same_json, _ = _export(runner, tmp_path / "nogmaals")
    assert same_json.read_bytes() == first_json.read_bytes()

    services = _by_id(json.loads(first_json.read_text(encoding="utf-8")))
    humanitas, repair, mantelzorg = (services[f"b1000000-3333-4c44-8d55-0a1b2c3d4e3{n}"]
                                     for n in (2, 1, 3))
    # the shared location keeps its owner, also where another organisation's service uses it
    shared = next(link["location"] for link in humanitas["service_at_locations"]
                  if link["location_id"] == LOC_SHARED)
    assert shared["organization_id"] == ORG_A
    # one phone under organisation and service: one id, both parents
    assert [p["id"] for p in repair["phones"]] == [PHONE]
    assert [p["id"] for p in repair["organization"]["phones"]] == [PHONE]
    # and one contact under organisation and service
    assert [c["id"] for c in repair["contacts"]] == [CONTACT]
    assert [c["id"] for c in repair["organization"]["contacts"]] == [CONTACT]
    # schedules keep their rule: monthly stays monthly, ended stays ended
    schedules = {s["id"][-2:]: s for s in repair["schedules"] + humanitas["schedules"]
                 + mantelzorg["schedules"]}
    assert schedules["71"].items() >= {
        "freq": "WEEKLY", "wkst": "MO", "timezone": 1, "dtstart": "2026-01-05",
        "schedule_link": "https://welzijn-achterhoek.example/agenda"}.items()
    assert schedules["72"]["freq"] == "MONTHLY" and schedules["72"]["byday"] == "1TU"
    assert schedules["73"]["until"] == "2025-06-27" and schedules["73"]["valid_to"] == "2025-06-30"
    assert schedules["70"].items() >= {"freq": "MONTHLY", "bymonthday": "15",
                                       "count": 12}.items()
    assert schedules["74"].items() >= {"interval": 2, "byweekno": "2,4,6",
                                       "byyearday": "10,20"}.items()
    # a service area without extent_type stays without one
    assert all("extent_type" not in area for area in humanitas["service_areas"])
    # what a resident asks about is kept
    assert humanitas["wait_time"].startswith("Meestal binnen twee weken")
    assert [d["document"] for d in humanitas["required_documents"]] == [
        "Uw post en rekeningen van de laatste drie maanden"]
    assert mantelzorg["accreditations"] == "Keurmerk Mantelzorgvriendelijk"
    assert mantelzorg["licenses"] == "Geen vergunning nodig"
    # a foreign attribute keeps its link_type
    foreign = next(a for a in repair["attributes"] if a["taxonomy_term"]["code"] == "ontmoeting")
    assert foreign["link_type"] == "service_category"

    # export → import into an empty database → export: the same bytes (JSON and tabular)
    _empty_database()
    result = runner.invoke(args=["import", "hsds", str(first_json)])
    assert result.exit_code == 0, result.output
    second_json, second_package = _export(runner, tmp_path / "tweede")
    assert second_json.read_bytes() == first_json.read_bytes()
    assert _files(second_package) == _files(first_package)

    _empty_database()
    result = runner.invoke(args=["import", "hsds", str(first_package / "datapackage.json")])
    assert result.exit_code == 0, result.output
    third_json, third_package = _export(runner, tmp_path / "derde")
    assert third_json.read_bytes() == first_json.read_bytes()
    assert _files(third_package) == _files(first_package)


def test_the_provision_page_shows_a_monthly_schedule_as_monthly_and_not_an_ended_one(
        runner, client):
    assert runner.invoke(args=["import", "hsds", str(FIXTURE)]).exit_code == 0
    repair = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e31")
    assert repair.status_code == 200
    page = repair.get_data(as_text=True)
    assert "elke eerste dinsdag van de maand" in page  # byday 1TU, freq MONTHLY
    assert "maandag en woensdag" in page               # the weekly one, as before
    hours = page[page.index("opening-hours"):page.index("</table>", page.index("opening-hours"))]
    assert "vrijdag" not in hours                      # ended in 2025: not a promise any more
    assert "13:00" not in hours
    # schema.org's weekly opening hours list only what is open every week
    assert '"dayOfWeek": ["Monday", "Wednesday"]' in page or \
        '"dayOfWeek":["Monday","Wednesday"]' in page
    assert "Tuesday" not in page

    humanitas = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e32")
    assert "elke maand op de 15e" in humanitas.get_data(as_text=True)
    mantelzorg = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e33")
    assert "om de 2 weken op donderdag" in mantelzorg.get_data(as_text=True)


def test_the_provision_page_says_what_to_bring_the_wait_and_the_fees(runner, client):
    assert runner.invoke(args=["import", "hsds", str(FIXTURE)]).exit_code == 0
    humanitas = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e32")
    page = humanitas.get_data(as_text=True)
    assert "Neem mee of stuur mee:" in page
    assert "Uw post en rekeningen van de laatste drie maanden" in page
    assert "Wachttijd" in page and "Meestal binnen twee weken" in page
    repair = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e31").get_data(
        as_text=True)
    assert "Koffie kost 50 cent." in repair  # fees_description without cost options
    assert "Dat staat er niet bij" not in repair
    mantelzorg = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e33").get_data(
        as_text=True)
    assert "Keurmerk Mantelzorgvriendelijk" in mantelzorg
    from flask_babel import refresh

    refresh()  # the fixture's app context outlives requests: forget the locale it cached
    english = client.get("/voorziening/b1000000-3333-4c44-8d55-0a1b2c3d4e32?lang=en")
    assert "Bring or send along:" in english.get_data(as_text=True)


def test_a_shared_phone_taken_off_the_organisation_stays_with_the_service(runner, tmp_path):
    from app.models import Phone

    assert runner.invoke(args=["import", "hsds", str(FIXTURE)]).exit_code == 0
    services = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for service in services:
        if service["organization"]["id"] == ORG_A:
            service["organization"]["phones"] = []
    changed = tmp_path / "zonder-organisatienummer.json"
    changed.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")

    result = runner.invoke(args=["import", "hsds", str(changed)])

    assert result.exit_code == 0, result.output
    assert "organisaties: 0 nieuw, 1 bijgewerkt, 1 ongewijzigd" in result.output
    db.session.expire_all()
    phone = db.session.get(Phone, __import__("uuid").UUID(PHONE))
    assert phone is not None and phone.organization_id is None
    assert str(phone.service_id) == "b1000000-3333-4c44-8d55-0a1b2c3d4e31"
