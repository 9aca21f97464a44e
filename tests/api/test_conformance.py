"""Conformance: what every endpoint returns validates against Open Referral HSDS 3.0.

The schemas are the reference's compiled schemas (JSON Schema 2020-12) in
``../shared/hsds-3.0/schema`` beside the repository, or wherever ``HSDS_SCHEMA_DIR``
points.  The product never needs them; where they are absent these tests are skipped and
say so.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Attribute,
    Metadata,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tests.api.helpers import get, ndjson, public_services

ROOT = Path(__file__).resolve().parents[2]


def schema_dir() -> Path:
    configured = os.environ.get("HSDS_SCHEMA_DIR")
    return Path(configured) if configured else ROOT.parent / "shared" / "hsds-3.0" / "schema"


SCHEMAS = schema_dir()
pytestmark = pytest.mark.reference(  # skipped outside CI when absent; fails in CI
    present=(SCHEMAS / "compiled" / "service.json").is_file(),
    reason=f"HSDS 3.0 schemas not found at {SCHEMAS} (set HSDS_SCHEMA_DIR, or put "
           "../shared/hsds-3.0 beside the repository): conformance not checked")


@cache
def validator(name: str):
    """A 2020-12 validator (with format checks) for schema/<name>; refs resolve in the folder."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted(SCHEMAS.glob("*.json")) + sorted(SCHEMAS.glob("compiled/*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.resolve().as_uri(),
                          Resource.from_contents(contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    return Draft202012Validator({"$ref": (SCHEMAS / name).resolve().as_uri()},
                                registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def conforms(item: dict, name: str) -> None:
    errors = sorted(validator(name).iter_errors(item), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{name} {item.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in errors[:10])


def page_conforms(body: dict, item_schema: str) -> None:
    """HSDS's Page (openapi.json components) plus every item against its schema."""
    from jsonschema import Draft202012Validator

    openapi = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    page = openapi["components"]["schemas"]["Page"]
    Draft202012Validator(page).validate(body)
    assert set(body) == set(page["properties"]) | {"contents"}
    for item in body["contents"]:
        conforms(item, item_schema)


@pytest.fixture
def rich_api(changing_app):
    """The demo map plus what it lacks: a stored attribute of a taxonomy outside the
    profile (on a service, a location and an organization) and a metadata row."""
    from datetime import UTC, datetime

    service = next(s for s in public_services() if s.service_at_locations and s.phones)
    taxonomy = Taxonomy(name="extra", description="Test taxonomy", uri="https://example.org/t")
    parent = TaxonomyTerm(name="Ouder", description="", code="ouder", taxonomy="extra",
                          taxonomy_detail=taxonomy)
    term = TaxonomyTerm(name="Kind", description="Een kind-term", code="kind", taxonomy="extra",
                        taxonomy_detail=taxonomy)
    db.session.add_all([taxonomy, parent, term])
    db.session.flush()
    term.parent_id = parent.id
    location = service.service_at_locations[0].location
    db.session.add_all([
        Attribute(link_id=service.id, link_entity="service", link_type="extra",
                  taxonomy_term_id=term.id, value="ja"),
        Attribute(link_id=location.id, link_entity="location", link_type="extra",
                  taxonomy_term_id=term.id),
        Attribute(link_id=service.organization_id, link_entity="organization",
                  link_type="extra", taxonomy_term_id=parent.id),
        Metadata(resource_id=service.id, resource_type="service",
                 last_action_date=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
                 last_action_type="update", field_name="name", previous_value="Oud",
                 replacement_value=service.name, updated_by="redactie@berkelland.example"),
    ])
    db.session.commit()
    return changing_app.test_client(), service, term


def test_index_conforms(api):
    from jsonschema import Draft202012Validator

    openapi = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    schema = openapi["paths"]["/"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    body = get(api, "/api/v1/").get_json()
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)\
        .validate(body)
    assert set(body) == set(schema["properties"])


def test_every_service_in_every_shape_conforms(rich_api):
    api, rich, _ = rich_api
    page_conforms(get(api, "/api/v1/services?per_page=1000").get_json(), "compiled/service_list.json")
    page_conforms(get(api, "/api/v1/services?minimal=true").get_json(), "compiled/service_list.json")
    page_conforms(get(api, "/api/v1/services?full=true&per_page=1000").get_json(),
                  "compiled/service.json")
    for line in ndjson(api, "/api/v1/services?search=hulp"):
        conforms(line, "compiled/service_list.json")
    ids = [str(s.id) for s in public_services()]
    assert str(rich.id) in ids
    for service_id in ids:
        body = get(api, f"/api/v1/services/{service_id}").get_json()
        conforms(body, "compiled/service.json")
    rich_body = get(api, f"/api/v1/services/{rich.id}").get_json()
    assert {a["link_type"] for a in rich_body["attributes"]} >= {"voorzieningsniveau", "extra"}
    assert rich_body["metadata"] and rich_body["phones"]


def test_every_service_at_location_conforms(rich_api):
    api, rich, _ = rich_api
    page_conforms(get(api, "/api/v1/service_at_locations?per_page=1000").get_json(),
                  "compiled/service_at_location_list.json")
    page_conforms(get(api, "/api/v1/service_at_locations?full=true&per_page=1000&postcode=7271"
                           "&proximity=5000").get_json(),
                  "compiled/service_at_location.json")
    sal_ids = db.session.scalars(select(ServiceAtLocation.id).join(ServiceAtLocation.service)
                                 .where(Service.status == "active",
                                        Service.publication == "published")).all()
    assert sal_ids
    for sal_id in sal_ids:
        conforms(get(api, f"/api/v1/service_at_locations/{sal_id}").get_json(),
                 "compiled/service_at_location.json")
    first = get(api, f"/api/v1/service_at_locations/{rich.service_at_locations[0].id}")
    assert first.get_json()["location"]["attributes"]


def test_every_organization_conforms(rich_api):
    api, rich, _ = rich_api
    page_conforms(get(api, "/api/v1/organizations?per_page=1000").get_json(),
                  "compiled/organization_list.json")
    page_conforms(get(api, "/api/v1/organizations?full=true&per_page=1000").get_json(),
                  "compiled/organization.json")
    page_conforms(get(api, "/api/v1/organizations?full=true&full_service=true&per_page=20")
                  .get_json(), "compiled/organization.json")
    org_ids = {str(s.organization_id) for s in public_services()}
    for org_id in org_ids:
        conforms(get(api, f"/api/v1/organizations/{org_id}").get_json(),
                 "compiled/organization.json")
    full = get(api, f"/api/v1/organizations/{rich.organization_id}?full_service=true").get_json()
    conforms(full, "compiled/organization.json")
    assert full["attributes"] and full["services"]
    assert db.session.get(Organization, rich.organization_id) is not None


def test_every_taxonomy_and_term_conforms(rich_api):
    api, _, term = rich_api
    page_conforms(get(api, "/api/v1/taxonomies").get_json(), "taxonomy.json")
    page_conforms(get(api, "/api/v1/taxonomy_terms").get_json(), "taxonomy_term.json")
    for taxonomy_id in db.session.scalars(select(Taxonomy.id)):
        conforms(get(api, f"/api/v1/taxonomies/{taxonomy_id}").get_json(), "taxonomy.json")
    for term_id in db.session.scalars(select(TaxonomyTerm.id)):
        conforms(get(api, f"/api/v1/taxonomy_terms/{term_id}").get_json(), "taxonomy_term.json")
    child = get(api, f"/api/v1/taxonomy_terms/{term.id}").get_json()
    assert child["parent_id"] and child["taxonomy_detail"]["name"] == "extra"
    children = get(api, f"/api/v1/taxonomy_terms?parent_id={child['parent_id']}").get_json()
    assert [t["id"] for t in children["contents"]] == [str(term.id)]
    tagged = ndjson(api, f"/api/v1/services?taxonomy_term_id={term.id}")
    assert len(tagged) == 1


def test_the_checker_does_catch_a_bad_service():
    bad = {"id": "not-a-uuid", "name": "X"}  # no status, id not a uuid
    errors = list(validator("compiled/service.json").iter_errors(bad))
    assert {e.validator for e in errors} >= {"required", "format"}
