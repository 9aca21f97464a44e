"""The API as HTTP: errors that say what is wrong, 404s, CORS, ETag and 304."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Organization, Taxonomy, TaxonomyTerm
from tests.api.helpers import get, public_services

BAD = [
    ("/api/v1/services?page=abc", "page", "whole number"),
    ("/api/v1/services?page=0", "page", "1 or more"),
    ("/api/v1/services?per_page=0", "per_page", "between"),
    ("/api/v1/services?per_page=5000", "per_page", "at most 1000"),
    ("/api/v1/services?format=xml", "format", "json or ndjson"),
    ("/api/v1/services?full=maybe", "full", "true or false"),
    ("/api/v1/services?minimal=true&full=true", "minimal", "exclude"),
    ("/api/v1/services?taxonomy_term_id=42", "taxonomy_term_id", "UUID"),
    ("/api/v1/services?organization_id=x", "organization_id", "UUID"),
    ("/api/v1/services?modified_after=yesterday", "modified_after", "ISO 8601"),
    ("/api/v1/services?kern=Atlantis", "kern", "Rekken"),
    ("/api/v1/services?tier=gratis", "tier", "algemeen, voorliggend, maatwerk"),
    ("/api/v1/services?leefgebied=geld", "leefgebied", "financien"),
    ("/api/v1/services?doelgroep=katten", "doelgroep", "ouderen"),
    ("/api/v1/services?lat=52.1", "lon", "together"),
    ("/api/v1/services?lat=95&lon=6", "lat", "between -90 and 90"),
    ("/api/v1/services?proximity=500", "proximity", "needs a point"),
    ("/api/v1/services?postcode=7271&proximity=-3", "proximity", "more than 0"),
    ("/api/v1/services?postcode=abc", "postcode", "Dutch postcode"),
    ("/api/v1/services?postcode=1234", "postcode", "not known"),
    ("/api/v1/services?minimum_age=70&maximum_age=12", "minimum_age", "maximum_age"),
    ("/api/v1/services?page=1&page=2", "page", "more than once"),
    ("/api/v1/taxonomy_terms?top_only=sometimes", "top_only", "true or false"),
    ("/api/v1/service_at_locations?proximity=far&postcode=7271", "proximity", "number"),
    ("/api/v1/services?day=monday", "day", "MO, TU, WE, TH, FR, SA, SU"),
    ("/api/v1/services?start_time=25:00", "start_time", "HH:MM"),
    ("/api/v1/service_at_locations?end_time=noon", "end_time", "HH:MM"),
    ("/api/v1/services?start_time=17:00&end_time=09:00", "start_time", "earlier than end_time"),
]


@pytest.mark.parametrize(("url", "parameter", "why"), BAD, ids=[b[0][8:] for b in BAD])
def test_bad_parameters_are_a_400_that_names_them(api, url, parameter, why):
    response = api.get(url)
    assert response.status_code == 400
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.get_json()
    assert body["status"] == 400
    named = {e["parameter"]: e["message"] for e in body["errors"]}
    assert parameter in named, body
    assert why in named[parameter], body


def test_every_problem_is_reported_at_once(api):
    body = get(api, "/api/v1/services?page=x&per_page=y&tier=z&colour=red", 400).get_json()
    assert {e["parameter"] for e in body["errors"]} == {"page", "per_page"}


@pytest.mark.parametrize(("url", "ignored"), [
    ("/api/v1/services?_=1733221234567", "_"),  # a client's cache-buster
    ("/api/v1/services?sort=name&order=desc", "order, sort"),  # another API's sorting
    ("/api/v1/organizations?kern=Rekken", "kern"),
    ("/api/v1/taxonomies?colour=red&x%20y%C3%A9=1", "?, colour"),  # a name a header cannot carry
])
def test_unknown_parameters_are_ignored_and_named_in_a_header(api, url, ignored):
    """Other APIs' parameters and cache-busters do not fail a request (the TPX and ORUK
    validators send them); the response says what it did not apply."""
    response = get(api, url, 200)
    assert response.headers["X-Ignored-Parameters"] == ignored
    assert "X-Ignored-Parameters" in response.headers["Access-Control-Expose-Headers"]
    assert "X-Ignored-Parameters" not in get(api, url.split("?")[0], 200).headers


@pytest.mark.parametrize("path", ["/api/v1/services/", "/api/v1/organizations/",
                                  "/api/v1/taxonomies/", "/api/v1/service_at_locations/"])
def test_a_trailing_slash_answers_like_the_path_without_it(api, path):
    """``/services/?page=1`` is how the Open Referral validators ask for a page."""
    with_slash = get(api, path + "?page=1", 200).get_json()
    without = get(api, path.rstrip("/") + "?page=1", 200).get_json()
    assert with_slash == without and with_slash["contents"]


@pytest.mark.parametrize("path", [
    "/api/v1/services/00000000-0000-4000-8000-000000000000",
    "/api/v1/services/not-a-uuid",
    "/api/v1/service_at_locations/00000000-0000-4000-8000-000000000000",
    "/api/v1/organizations/00000000-0000-4000-8000-000000000000",
    "/api/v1/taxonomies/00000000-0000-4000-8000-000000000000",
    "/api/v1/taxonomy_terms/00000000-0000-4000-8000-000000000000",
    "/api/v1/nothing-here",
])
def test_unknown_ids_are_a_json_404(api, path):
    response = get(api, path, 404)
    assert response.mimetype == "application/json"
    assert response.get_json()["status"] == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_every_id_form_answers(api):
    service = public_services()[0]
    sal = service.service_at_locations[0] if service.service_at_locations else None
    paths = [f"/api/v1/services/{service.id}",
             f"/api/v1/organizations/{service.organization_id}",
             f"/api/v1/taxonomies/{db.session.scalar(select(Taxonomy.id))}",
             f"/api/v1/taxonomy_terms/{db.session.scalar(select(TaxonomyTerm.id))}"]
    if sal is not None:
        paths.append(f"/api/v1/service_at_locations/{sal.id}")
    for path in paths:
        assert get(api, path).get_json()["id"] == path.rsplit("/", 1)[1]


def test_organizations_only_with_public_services(api):
    listed = {o["id"] for o in
              get(api, "/api/v1/organizations?per_page=1000").get_json()["contents"]}
    expected = {str(s.organization_id) for s in public_services()}
    assert listed == expected
    hidden = [o for o in db.session.scalars(select(Organization)) if str(o.id) not in expected]
    for org in hidden:
        get(api, f"/api/v1/organizations/{org.id}", 404)
    full = get(api, "/api/v1/organizations?full=true&full_service=true&per_page=2").get_json()
    for org in full["contents"]:
        assert org["services"] and all("service_at_locations" in s for s in org["services"])


def test_taxonomy_terms_filters(api):
    leefgebied = db.session.scalar(select(Taxonomy).where(Taxonomy.name == "leefgebied"))
    terms = get(api, f"/api/v1/taxonomy_terms?taxonomy_id={leefgebied.id}").get_json()
    assert terms["total_items"] == 13
    assert {t["taxonomy"] for t in terms["contents"]} == {"leefgebied"}
    top = get(api, "/api/v1/taxonomy_terms?top_only=true").get_json()
    assert all("parent_id" not in t for t in top["contents"])
    some = terms["contents"][0]["id"]
    assert get(api, f"/api/v1/taxonomy_terms?parent_id={some}").get_json()["total_items"] == 0
    found = get(api, "/api/v1/taxonomy_terms?search=ouderen").get_json()["contents"]
    assert [t["code"] for t in found] == ["ouderen"]


def test_index_names_version_profile_and_openapi(api):
    body = get(api, "/api/v1/").get_json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/v1/openapi.json")
    assert "/api/v1/docs" in body["profile"]


# --- CORS and caching ----------------------------------------------------------------


def test_cors_open_for_reading(api):
    response = get(api, "/api/v1/services?per_page=1")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = api.open("/api/v1/services", method="OPTIONS",
                         headers={"Origin": "https://example.org",
                                  "Access-Control-Request-Method": "GET",
                                  "Access-Control-Request-Headers": "If-None-Match"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_no_key_and_no_cookie_needed(api):
    response = get(api, "/api/v1/services?per_page=1")
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", ["/api/v1/services?kern=Rekken", "/api/v1/organizations",
                                  "/api/v1/taxonomy_terms", "/api/v1/",
                                  "/api/v1/services?format=ndjson"])
def test_etag_and_304(api, path):
    first = get(api, path)
    etag = first.headers["ETag"]
    again = api.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    other = api.get(path, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_a_change_changes_the_etag_and_last_modified(changing_app):
    api = changing_app.test_client()
    service = public_services()[0]
    path = f"/api/v1/services/{service.id}"
    first = get(api, path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert api.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert api.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    listing = get(api, "/api/v1/services?per_page=1000").headers["ETag"]
    service.name = service.name + " (nieuw)"
    db.session.commit()
    changed = api.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["name"].endswith("(nieuw)")
    assert get(api, "/api/v1/services?per_page=1000").headers["ETag"] != listing
