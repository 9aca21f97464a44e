"""Every response of the API validates against the OpenAPI document it serves.

For each endpoint and every shape a consumer can ask for — the default list, ``full=true``,
``minimal=true``, ``format=ndjson``, single items, and the 400 and 404 errors — the response
is validated against the schema the served ``/api/v1/openapi.json`` declares for that path,
status and media type (``tests/api/openapi_check.py``: jsonschema 2020-12, format checks,
every ``$ref`` resolved in the document).  The document is read *closed*: a field the API
sends that the document does not declare is an error.  This runs on the demo map and on data
shaped unlike it (the official HSDS 3.0 example service, with its languages, cost options,
foreign address and metadata, imported and published).  And the other way round: the
official HSDS examples validate against this document, endpoint by endpoint, so a consumer
that trusts it also accepts other publishers' HSDS.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Service
from tests.api.helpers import get
from tests.api.openapi_check import ResponseChecker, hsds_reference

EXAMPLES = hsds_reference() / "examples"
needs_examples = pytest.mark.reference(  # skipped outside CI when absent; fails in CI
    present=(EXAMPLES / "service_full.json").is_file(),
    reason=f"the official HSDS 3.0 examples are not at {EXAMPLES} (set HSDS_SCHEMA_DIR, or put "
           "../shared/hsds-3.0 beside the repository)")

#: Every list endpoint with the shapes it can answer in.
SHAPES = {
    "/services": ["", "full=true", "minimal=true", "format=ndjson", "full=true&format=ndjson",
                  "minimal=true&format=ndjson", "search=hulp", "search=hulp&full=true"],
    "/service_at_locations": ["", "full=true", "format=ndjson", "full=true&format=ndjson",
                              "postcode=7271&proximity=5000&full=true"],
    "/organizations": ["", "full=true", "full=true&full_service=true", "format=ndjson",
                       "full=true&format=ndjson"],
    "/taxonomies": ["", "format=ndjson"],
    "/taxonomy_terms": ["", "format=ndjson", "top_only=true"],
}
ITEMS = {"/services": "/services/{id}", "/service_at_locations": "/service_at_locations/{id}",
         "/organizations": "/organizations/{id}", "/taxonomies": "/taxonomies/{id}",
         "/taxonomy_terms": "/taxonomy_terms/{id}"}
ERRORS = ["/services?per_page=1001", "/services?page=0&day=XX", "/service_at_locations?lat=1",
          "/organizations?full=perhaps", "/taxonomies?per_page=x", "/taxonomy_terms?parent_id=1",
          "/organizations/x?full_service=maybe", "/services/00000000-0000-4000-8000-000000000000",
          "/service_at_locations/nope", "/organizations/00000000-0000-4000-8000-000000000000",
          "/taxonomies/00000000-0000-4000-8000-000000000000", "/taxonomy_terms/x"]


def served(api) -> dict:
    return get(api, "/api/v1/openapi.json").get_json()


def sweep(api, checker: ResponseChecker) -> tuple[int, list[str]]:
    """Ask every endpoint in every shape (and every listed item by id); the errors."""
    checked, errors = 0, []

    def check(url: str, status: int = 200):
        nonlocal checked
        response = api.get("/api/v1" + url)
        assert response.status_code == status, (url, response.get_data(as_text=True)[:300])
        errors.extend(checker.check_response(url.split("?")[0], response))
        checked += 1
        return response

    check("/")
    for path, shapes in SHAPES.items():
        for shape in shapes:
            check(f"{path}?{shape}" if shape else path)
        every = [json.loads(line)["id"] for line in
                 check(f"{path}?format=ndjson").get_data(as_text=True).splitlines()]
        assert every, path
        for item_id in every:
            check(ITEMS[path].replace("{id}", item_id))
        check(ITEMS[path].replace("{id}", every[0]) + ("?full_service=true"
                                                       if path == "/organizations" else ""))
    for url in ERRORS:
        check(url, 404 if "/0000" in url or url.endswith(("/nope", "/x")) else 400)
    return checked, errors


def test_every_response_in_every_shape_matches_the_served_document(api):
    checked, errors = sweep(api, ResponseChecker(served(api), strict=True))
    assert checked > 300
    assert not errors, f"{len(errors)} errors, e.g.:\n" + "\n".join(errors[:15])


def test_the_check_has_teeth(api):
    """An undeclared field, a time in another form and a missing envelope field are caught."""
    checker = ResponseChecker(served(api), strict=True)
    service = get(api, "/api/v1/services?full=true&per_page=1").get_json()["contents"][0]
    assert not checker.errors("/services/x", 200, "application/json", service)
    extra = dict(service, programs=[])
    assert any("programs" in e for e in checker.errors("/services/x", 200, "application/json",
                                                       extra))
    timed = dict(service, schedules=[{"id": service["id"], "opens_at": "10:30"}])
    assert any("opens_at" in e for e in checker.errors("/services/x", 200, "application/json",
                                                       timed))
    page = get(api, "/api/v1/organizations").get_json()
    del page["total_items"]
    assert checker.errors("/organizations", 200, "application/json", page)
    # the document itself stays open: another publisher's extra field is fine
    assert not ResponseChecker(served(api)).errors("/services/x", 200, "application/json", extra)


def test_per_page_is_enforced_as_declared(api):
    """The official HSDS 3.0 API declares ``per_page`` without a maximum; this API refuses
    more than it declares, with a 400 that says the limit."""
    params = {p["name"]: p for p in served(api)["paths"]["/services"]["get"]["parameters"]}
    declared = params["per_page"]
    assert declared["schema"]["maximum"] == 10000 and "at most 1000" in declared["description"]
    get(api, "/api/v1/services?per_page=1000")
    get(api, "/api/v1/services?minimal=true&per_page=10000")
    for url, limit in (("/api/v1/services?per_page=1001", "at most 1000"),
                       ("/api/v1/services?minimal=true&per_page=10001", "10000"),
                       ("/api/v1/organizations?per_page=1001", "at most 1000")):
        error = get(api, url, 400).get_json()["errors"][0]
        assert error["parameter"] == "per_page" and limit in error["message"]


@needs_examples
def test_responses_on_data_shaped_unlike_the_demo_map(changing_app):
    """The official HSDS example service (phones with languages, cost options, a foreign
    address, accessibility, metadata, attributes of another taxonomy) imported, published,
    and the sweep again."""
    api = changing_app.test_client()
    result = changing_app.test_cli_runner().invoke(
        args=["import", "hsds", str(EXAMPLES / "service_full.json")])
    assert result.exit_code == 0, result.output
    service = db.session.scalar(select(Service).where(Service.name == "Community Counselling"))
    service.publication, service.status = "published", "active"
    db.session.commit()
    body = get(api, f"/api/v1/services/{service.id}").get_json()
    assert body["phones"] and body["cost_options"] and body["languages"]
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "ABC 1234"
    checked, errors = sweep(api, ResponseChecker(served(api), strict=True))
    assert not errors, f"{len(errors)} errors, e.g.:\n" + "\n".join(errors[:15])
    listed = get(api, "/api/v1/services?full=true&search=Counselling").get_json()["contents"]
    assert str(service.id) in {s["id"] for s in listed}


EXAMPLE_ENDPOINTS = {
    "base": "/", "service_list": "/services", "service_full": "/services/{id}",
    "service_at_location_list": "/service_at_locations",
    "service_at_location_full": "/service_at_locations/{id}",
    "organization_list": "/organizations", "organization_full": "/organizations/{id}",
    "taxonomy_list": "/taxonomies", "taxonomy": "/taxonomies/{id}",
    "taxonomy_term_list": "/taxonomy_terms", "taxonomy_term": "/taxonomy_terms/{id}",
}


@needs_examples
def test_the_official_examples_validate_against_the_served_document(api):
    """One example per endpoint (11 of 11): a consumer built on this document accepts them."""
    spec = served(api)
    assert set(EXAMPLE_ENDPOINTS.values()) == set(spec["paths"])
    checker = ResponseChecker(spec)
    errors = []
    for name, path in EXAMPLE_ENDPOINTS.items():
        body = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        errors += checker.errors(path.replace("{id}", "x"), 200, "application/json", body)
    assert not errors, "\n".join(errors[:15])
