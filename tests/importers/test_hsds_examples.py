"""The Open Referral HSDS 3.0 examples import; what the Berkelland profile lacks makes a draft."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Location, Service
from tests.importers.conftest import SHARED_HSDS, counts

EXAMPLES = SHARED_HSDS / "examples"
needs_examples = pytest.mark.reference(  # skipped outside CI when absent; fails in CI
    present=EXAMPLES.is_dir(),
    reason=f"the HSDS 3.0 examples are not here ({EXAMPLES}); ../shared is absent on this machine")

WITH_SERVICES = ["service_full", "service_list", "organization_full",
                 "service_at_location_full", "service_at_location_list"]


@needs_examples
@pytest.mark.parametrize("name", WITH_SERVICES)
def test_example_imports_as_a_draft_with_its_reasons(runner, name):
    result = runner.invoke(args=["import", "hsds", str(EXAMPLES / f"{name}.json")])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 1 nieuw" in result.output
    service = db.session.scalar(select(Service))
    assert service.name == "Community Counselling"
    assert service.publication == "draft" and not service.is_public
    # the reasons an editor reads: what the profile needs and HSDS did not say
    assert "voorzieningsniveau ontbreekt" in service.draft_reason
    assert "kies de kernen" in service.draft_reason
    assert "kies minstens één leefgebied" in service.draft_reason
    listed = runner.invoke(args=["drafts"])
    assert "Community Counselling" in listed.output and "voorzieningsniveau" in listed.output
    # what HSDS did say is kept
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.assured_date is None  # only a person here assures


@needs_examples
def test_full_example_keeps_its_places_phones_and_foreign_terms(runner):
    result = runner.invoke(args=["import", "hsds", str(EXAMPLES / "service_full.json")])
    assert result.exit_code == 0, result.output
    service = db.session.scalar(select(Service))
    location = db.session.scalar(select(Location))
    assert location.name == "MyCity Civic Center" and service.locations == [location]
    assert "postcode ('ABC 1234')" in service.draft_reason  # a foreign address: draft, kept
    assert location.addresses[0].postal_code == "ABC 1234"
    assert service.phones and service.languages and service.cost_options
    # fields the directory has no room for are named, not silently dropped
    assert "Niet overgenomen" in result.output and "funding (1×): financiering" in result.output
    assert service.wait_time  # HSDS 3.0 fields a resident asks about are kept


@needs_examples
def test_tabular_example_imports_as_a_data_package(runner, tmp_path):
    tables = json.loads((EXAMPLES / "tabular.json").read_text(encoding="utf-8"))
    for file_name, rows in tables.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        with (tmp_path / file_name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)
    shutil.copy(SHARED_HSDS / "datapackage.json", tmp_path / "datapackage.json")
    result = runner.invoke(args=["import", "hsds", str(tmp_path)])
    assert result.exit_code == 0, result.output
    service = db.session.scalar(select(Service))
    assert service.name == "Community Counselling" and service.publication == "draft"
    assert [loc.name for loc in service.locations] == ["MyCity Civic Center"]


@needs_examples
@pytest.mark.parametrize(("name", "what"), [("base", "de beschrijving van een HSDS-API"),
                                             ("location", "een locatie"),
                                             ("taxonomy_term", "een taxonomieterm"),
                                             ("organization_list", "een organisatie zonder")])
def test_examples_without_services_are_refused_with_a_reason(runner, name, what):
    result = runner.invoke(args=["import", "hsds", str(EXAMPLES / f"{name}.json")])
    assert result.exit_code == 1
    assert f"Dit is {what}" in result.output and "geen voorziening" in result.output
    assert counts() == (0, 0, 0)
