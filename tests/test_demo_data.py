"""The demo social map: realistic coverage, idempotent loading, and errors that say where."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Kern, Location, Organization, Service, ServiceArea
from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES, TIER_CODES
from importers.demo import DEMO_FILE, DemoDataError, load_demo, read_demo

KERNEN = ("Borculo", "Eibergen", "Neede", "Ruurlo", "Beltrum", "Rekken", "Rietmolen", "Haarlo",
          "Geesteren", "Gelselaar", "Noordijk")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_file_meets_the_coverage_the_map_needs():
    records = read_demo()
    services = [s for org in records for s in org["services"]]
    active = [s for s in services if s["status"] == "active"]
    assert len(records) >= 60
    assert len(services) >= 120
    assert set(s["tier"] for s in active) == set(TIER_CODES)
    domains = Counter(code for s in active for code in s["life_domains"])
    assert set(domains) == set(LIFE_DOMAIN_CODES), "every ZRM life domain has provisions"
    groups = Counter(code for s in active for code in s["target_groups"])
    for main_group in ("iedereen", "kinderen", "jongeren", "ouders", "ouderen", "mantelzorgers",
                       "nieuwkomers", "mensen-met-een-beperking"):
        assert groups[main_group] >= 3, main_group
    assert set(groups) <= set(TARGET_GROUP_CODES)
    for kern in KERNEN:
        local = [s for s in active if kern in s["kernen"]]
        assert len(local) >= 3, f"{kern} has fewer than 3 local provisions"
        located = [loc for org in records for loc in org["locations"] if loc["kern"] == kern]
        assert located, f"no location in {kern}"
    assert all(len(s["description"]) >= 20 for s in services)


def test_loaded_demo_counts(app):
    report = load_demo(db.session)
    db.session.commit()
    assert _count(Kern) == 11
    assert _count(Organization) >= 60
    assert _count(Service) >= 120
    assert report.by_kind["service"]["created"] == _count(Service)
    whole = db.session.scalar(select(func.count()).select_from(ServiceArea)
                              .where(ServiceArea.name == "Berkelland"))
    assert whole > 0
    missing_coordinates = db.session.scalar(
        select(func.count()).select_from(Location).where(Location.latitude.is_(None)))
    assert missing_coordinates == 0


def test_loading_twice_changes_nothing(app):
    load_demo(db.session)
    db.session.commit()
    before = {
        s.id: (s.last_modified, s.version) for s in db.session.scalars(select(Service))
    }
    counts = [_count(m) for m in (Organization, Service, Location, ServiceArea)]
    report = load_demo(db.session)
    db.session.commit()
    db.session.expire_all()
    assert report.created == 0 and report.updated == 0
    assert [_count(m) for m in (Organization, Service, Location, ServiceArea)] == counts
    after = {s.id: (s.last_modified, s.version) for s in db.session.scalars(select(Service))}
    assert after == before


def test_a_changed_file_updates_in_place(app, tmp_path):
    load_demo(db.session)
    db.session.commit()
    raw = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    service = raw["organizations"][0]["services"][0]
    service["name"] = service["name"] + " (nieuw)"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(raw), encoding="utf-8")
    total = _count(Service)
    report = load_demo(db.session, changed)
    db.session.commit()
    assert report.by_kind["service"]["updated"] == 1
    assert _count(Service) == total
    assert db.session.scalar(select(Service).where(Service.name == service["name"])) is not None


def test_bad_file_loads_nothing_and_names_every_problem(app, tmp_path):
    raw = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    first = raw["organizations"][0]
    first["services"][0]["tier"] = "zwaar"
    first["services"][0]["kernen"] = ["Amsterdam"]
    raw["organizations"][1]["locations"][0]["postcode"] = "72711"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        load_demo(db.session, broken)
    db.session.rollback()
    message = str(error.value)
    assert f"organisatie {first['key']}: services.0.tier: Onbekende voorzieningsniveau 'zwaar'" \
        in message
    assert "Amsterdam" in message
    assert "postcode" in message and raw["organizations"][1]["key"] in message
    assert _count(Service) == 0
