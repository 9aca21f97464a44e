"""The OpenAPI description: served, valid OpenAPI 3.1, true to what the API does; and the
documentation page made from it, with the project's own assets."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.api import params as p
from app.extensions import db
from app.models import Taxonomy, TaxonomyTerm
from tests.api.helpers import get, public_services


@pytest.fixture
def spec(api):
    return get(api, "/api/v1/openapi.json").get_json()


def test_openapi_document_is_valid(spec):
    from openapi_spec_validator import validate

    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"][0]["url"].endswith("/api/v1")


def test_every_endpoint_is_described(spec, api_app):
    documented = set(spec["paths"])
    served = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)[len("/api/v1"):] or "/"
              for rule in api_app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    served -= {"/openapi.json", "/docs", "/static/{filename}", "/{unknown}"}
    assert documented == served


@pytest.mark.parametrize(("path", "args"), [
    ("/services", p.ServicesArgs), ("/service_at_locations", p.ServiceAtLocationsArgs),
    ("/organizations", p.OrganizationsArgs), ("/organizations/{id}", p.OrganizationArgs),
    ("/taxonomies", p.TaxonomiesArgs), ("/taxonomy_terms", p.TaxonomyTermsArgs),
])
def test_documented_parameters_are_the_accepted_ones(spec, path, args):
    documented = {prm["name"] for prm in spec["paths"][path]["get"]["parameters"]
                  if prm["in"] == "query"}
    assert documented == set(args().fields)


def test_hsds_parameters_and_extensions_are_documented(spec):
    names = {prm["name"]: prm for prm in spec["paths"]["/services"]["get"]["parameters"]}
    for name in ("search", "page", "per_page", "taxonomy_term_id", "taxonomy_id",
                 "organization_id", "modified_after", "minimal", "full", "format", "kern",
                 "tier", "leefgebied", "doelgroep", "minimum_age", "maximum_age", "lat", "lon",
                 "proximity", "postcode"):
        assert names[name].get("description"), name
    assert names["page"]["schema"]["type"] == "integer"
    assert names["format"]["schema"]["enum"] == ["json", "ndjson"]


def test_every_documented_path_answers(spec, api):
    service = public_services()[0]
    ids = {
        "/services/{id}": service.id,
        "/service_at_locations/{id}": service.service_at_locations[0].id
        if service.service_at_locations else None,
        "/organizations/{id}": service.organization_id,
        "/taxonomies/{id}": db.session.scalar(select(Taxonomy.id)),
        "/taxonomy_terms/{id}": db.session.scalar(select(TaxonomyTerm.id)),
    }
    for path in spec["paths"]:
        if "{id}" in path:
            if ids[path] is None:
                continue
            path = path.replace("{id}", str(ids[path]))
        get(api, "/api/v1" + path)


def test_response_schemas_name_their_hsds_schema(spec):
    ok = spec["paths"]["/services/{id}"]["get"]["responses"]["200"]
    assert "service.json" in ok["description"]
    full = spec["components"]["schemas"]["ServiceFull"]["properties"]
    assert full["attributes"]["items"] == {"$ref": "#/components/schemas/Attribute"}
    assert full["last_modified"]["format"] == "date-time"


def test_documentation_page(api):
    response = get(api, "/api/v1/docs")
    html = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert '<html lang="nl"' in html and html.count("<h1") == 1
    for path in ("/services", "/service_at_locations", "/organizations/{id}",
                 "/taxonomy_terms"):
        assert f"GET {path}</code>" in html
    for name in ("kern", "leefgebied", "modified_after", "proximity"):
        assert f"<code>{name}</code>" in html
    # every asset is the project's own: no other host in src or stylesheet links
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    styles = [a for a in assets if a.endswith(".css")]
    assert "/api/v1/static/docs.css" in styles
    assert all(a.startswith("/") for a in styles)
    assert not re.search(r'src="https?://', html)
    get(api, "/api/v1/static/docs.css")
    from flask_babel import refresh

    refresh()  # the test's app context outlives a request: forget the cached locale
    english = get(api, "/api/v1/docs?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in english
