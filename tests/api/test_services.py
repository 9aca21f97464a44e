"""/services and /service_at_locations: filters, paging, order, what is never shown."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import runtime
from app.domain.finder import SearchParams, find
from app.domain.ladder import weight
from app.extensions import db
from app.models import Kern, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from app.services import search_engine
from search import haversine_km
from tests.api.helpers import get, ids, ndjson, public_services

# --- paging ------------------------------------------------------------------------


@pytest.mark.parametrize("per_page", [1, 7, 50])
def test_page_envelope_adds_up(api, per_page):
    everything = ids(api, "/api/v1/services")
    total = len(everything)
    pages = math.ceil(total / per_page)
    seen = []
    for number in range(1, pages + 1):
        body = get(api, f"/api/v1/services?per_page={per_page}&page={number}").get_json()
        assert body["total_items"] == total
        assert body["total_pages"] == pages
        assert body["page_number"] == number
        assert body["size"] == len(body["contents"])
        assert body["size"] == (per_page if number < pages else total - per_page * (pages - 1))
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number == pages)
        assert body["empty"] is False
        seen += [item["id"] for item in body["contents"]]
    assert seen == everything  # the pages together are the whole list, in order
    beyond = get(api, f"/api/v1/services?per_page={per_page}&page={pages + 1}").get_json()
    assert beyond["contents"] == [] and beyond["empty"] is True and beyond["size"] == 0
    assert beyond["last_page"] is True and beyond["total_items"] == total


def test_no_results_is_an_empty_envelope(api):
    body = get(api, "/api/v1/services?search=xqzwvbnm").get_json()
    assert body == {"total_items": 0, "total_pages": 0, "page_number": 1, "size": 0,
                    "first_page": True, "last_page": True, "empty": True, "contents": []}


def test_ndjson_is_every_result_one_per_line(api):
    response = get(api, "/api/v1/services?format=ndjson&per_page=2")
    lines = response.get_data(as_text=True).splitlines()
    total = get(api, "/api/v1/services").get_json()["total_items"]
    assert len(lines) == total == len(public_services())
    assert response.headers["Content-Type"].startswith("application/x-ndjson")
    minimal = ndjson(api, "/api/v1/services?minimal=true")
    assert set(minimal[0]) <= {"id", "name", "status", "last_modified"}
    assert [m["id"] for m in minimal] == [line["id"] for line in ndjson(api, "/api/v1/services")]


def test_shapes_minimal_list_full(api):
    listed = get(api, "/api/v1/services?per_page=1").get_json()["contents"][0]
    assert "organization" in listed and "service_at_locations" not in listed
    full = get(api, "/api/v1/services?per_page=1&full=true").get_json()["contents"][0]
    assert {"service_at_locations", "attributes", "service_areas", "schedules"} <= set(full)
    assert full == get(api, f"/api/v1/services/{full['id']}").get_json()
    minimal = get(api, "/api/v1/services?per_page=1&minimal=true").get_json()["contents"][0]
    assert set(minimal) == {"id", "name", "status", "last_modified"}


# --- what is public -----------------------------------------------------------------


def test_only_published_active_services(changing_app):
    api = changing_app.test_client()
    draft = next(s for s in public_services() if s.service_at_locations)
    draft.publication = "draft"
    db.session.commit()
    hidden = {str(s.id) for s in db.session.scalars(select(Service)) if not s.is_public}
    assert str(draft.id) in hidden and len(hidden) >= 5  # demo: 2 inactive, 2 defunct
    listed = set(ids(api, "/api/v1/services"))
    assert listed == {str(s.id) for s in public_services()}
    assert not listed & hidden
    words = draft.name.split()[0]
    assert not set(ids(api, f"/api/v1/services?search={words}")) & hidden
    for service_id in hidden:
        get(api, f"/api/v1/services/{service_id}", 404)
    places = ndjson(api, "/api/v1/service_at_locations")
    assert not {p["service_id"] for p in places} & hidden
    sal = db.session.scalar(select(ServiceAtLocation.id)
                            .where(ServiceAtLocation.service_id == draft.id))
    get(api, f"/api/v1/service_at_locations/{sal}", 404)
    org = get(api, f"/api/v1/organizations/{draft.organization_id}?full_service=true",
              None if False else 200 if any(s.is_public for s in draft.organization.services)
              else 404)
    if org.status_code == 200:
        assert not {s["id"] for s in org.get_json()["services"]} & hidden


# --- Berkelland filters -------------------------------------------------------------


def _serves(service: Service, kern: Kern) -> bool:
    return service.serves_whole_municipality or kern in service.kernen_served


def test_kern_means_served_locally_or_municipality_wide(api):
    rekken = db.session.scalar(select(Kern).where(Kern.slug == "rekken"))
    expected = {str(s.id) for s in public_services() if _serves(s, rekken)}
    got = ids(api, "/api/v1/services?kern=Rekken")
    assert set(got) == expected
    assert got == ids(api, "/api/v1/services?kern=rekken")
    wide = {str(s.id) for s in public_services() if s.serves_whole_municipality}
    local = {str(s.id) for s in public_services()
             if rekken in s.kernen_served and not s.serves_whole_municipality}
    assert wide and local and wide <= set(got) and local <= set(got)
    elsewhere = {str(s.id) for s in public_services() if not _serves(s, rekken)}
    assert elsewhere and not elsewhere & set(got)


def test_tier_life_domain_target_group_by_code_or_name(api):
    algemeen = ids(api, "/api/v1/services?tier=algemeen")
    assert algemeen and all(s.tier == "algemeen" for s in public_services()
                            if str(s.id) in algemeen)
    assert set(algemeen) == {str(s.id) for s in public_services() if s.tier == "algemeen"}
    assert ids(api, "/api/v1/services?tier=Algemene%20voorziening") == algemeen
    both = set(ids(api, "/api/v1/services?tier=algemeen,voorliggend"))
    assert both == set(algemeen) | set(ids(api, "/api/v1/services?tier=voorliggend"))
    assert both == set(ids(api, "/api/v1/services?tier=algemeen&tier=voorliggend"))
    money = set(ids(api, "/api/v1/services?leefgebied=financien"))
    assert money == {str(s.id) for s in public_services()
                     if "financien" in {t.code for t in s.life_domains}}
    assert money == set(ids(api, "/api/v1/services?leefgebied=Financi%C3%ABn"))
    old = set(ids(api, "/api/v1/services?doelgroep=ouderen"))
    assert old == {str(s.id) for s in public_services()
                   if "ouderen" in {t.code for t in s.target_groups}}


def test_parameters_combine_as_and(api):
    parts = ["kern=Rekken", "tier=algemeen", "leefgebied=financien", "doelgroep=ouderen"]
    single = [set(ids(api, f"/api/v1/services?{p}")) for p in parts]
    combined = ids(api, "/api/v1/services?" + "&".join(parts))
    assert combined and set(combined) == set.intersection(*single)
    assert len(combined) < min(len(s) for s in single)
    # the same AND on /service_at_locations: every place belongs to a combined service
    places = ndjson(api, "/api/v1/service_at_locations?" + "&".join(parts))
    assert places and {p["service_id"] for p in places} <= set(combined)


def test_taxonomy_term_and_taxonomy_ids(api):
    term = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.taxonomy == "leefgebied",
                                                       TaxonomyTerm.code == "financien"))
    assert ids(api, f"/api/v1/services?taxonomy_term_id={term.id}") == \
        ids(api, "/api/v1/services?leefgebied=financien")
    tier = db.session.scalar(select(TaxonomyTerm).where(
        TaxonomyTerm.taxonomy == "voorzieningsniveau", TaxonomyTerm.code == "maatwerk"))
    assert ids(api, f"/api/v1/services?taxonomy_term_id={tier.id}") == \
        ids(api, "/api/v1/services?tier=maatwerk")
    taxonomy = db.session.scalar(select(Taxonomy).where(Taxonomy.name == "wettelijk-kader"))
    framed = set(ids(api, f"/api/v1/services?taxonomy_id={taxonomy.id}"))
    assert framed == {str(s.id) for s in public_services() if s.legal_frameworks}
    unknown = "00000000-0000-4000-8000-000000000000"
    assert ids(api, f"/api/v1/services?taxonomy_term_id={unknown}") == []


def test_organization_id(api):
    service = public_services()[0]
    got = ids(api, f"/api/v1/services?organization_id={service.organization_id}")
    assert str(service.id) in got
    assert set(got) == {str(s.id) for s in public_services()
                        if s.organization_id == service.organization_id}


def test_modified_after(changing_app):
    api = changing_app.test_client()
    later = datetime.now(UTC) + timedelta(days=3)
    changed = public_services()[3]
    changed.last_modified = later  # as an edit on that day would
    db.session.commit()
    moment = (later - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(api, f"/api/v1/services?modified_after={moment}") == [str(changed.id)]
    local = (later - timedelta(seconds=1)).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Amsterdam")).isoformat()
    assert ids(api, "/api/v1/services?modified_after=" + local.replace("+", "%2B")) == \
        [str(changed.id)]
    assert len(ids(api, "/api/v1/services?modified_after=2000-01-01")) == len(public_services())


def test_age_range_overlaps(api):
    got = set(ids(api, "/api/v1/services?minimum_age=80&maximum_age=80"))
    expected = {str(s.id) for s in public_services()
                if (s.minimum_age is None or s.minimum_age <= 80)
                and (s.maximum_age is None or s.maximum_age >= 80)}
    assert got == expected and len(got) < len(public_services())
    young = set(ids(api, "/api/v1/services?maximum_age=12"))
    assert young == {str(s.id) for s in public_services()
                     if s.minimum_age is None or s.minimum_age <= 12}


# --- where ----------------------------------------------------------------------------


def _nearest_km(service: Service, lat: float, lon: float) -> float | None:
    kms = [haversine_km(lat, lon, loc.latitude, loc.longitude) for loc in service.locations
           if loc.latitude is not None]
    return min(kms) if kms else None


def test_proximity_from_a_point(api):
    lat, lon = 52.1135, 6.5204  # Borculo
    got = ids(api, f"/api/v1/services?lat={lat}&lon={lon}&proximity=1500")
    expected = {str(s.id) for s in public_services()
                if (_nearest_km(s, lat, lon) or 99) <= 1.5}
    assert got and set(got) == expected
    # within a tier, nearer first
    services = {str(s.id): s for s in public_services()}
    for a, b in zip(got, got[1:], strict=False):
        sa, sb = services[a], services[b]
        assert weight(sa.tier) <= weight(sb.tier)
        if sa.tier == sb.tier:
            assert _nearest_km(sa, lat, lon) <= _nearest_km(sb, lat, lon) + 1e-9
    places = ndjson(api, f"/api/v1/service_at_locations?lat={lat}&lon={lon}&proximity=1500")
    assert places
    for place in places:
        loc = place["location"]
        assert haversine_km(lat, lon, loc["latitude"], loc["longitude"]) <= 1.5


def test_postcode_with_and_without_proximity(api):
    near = ndjson(api, "/api/v1/service_at_locations?postcode=7271&proximity=1000")
    assert near
    for place in near:
        loc = place["location"]
        assert haversine_km(52.1135036, 6.5203603, loc["latitude"], loc["longitude"]) <= 1.0
    borculo = db.session.scalar(select(Kern).where(Kern.slug == "borculo"))
    served = set(ids(api, "/api/v1/services?postcode=7271%20AB"))
    assert served == {str(s.id) for s in public_services() if _serves(s, borculo)}
    assert served == set(ids(api, "/api/v1/services?kern=Borculo"))


# --- search -------------------------------------------------------------------------


def site_order(api, url: str) -> list[str]:
    """Every result of a public search, following its pages ("Volgende pagina")."""
    order: list[str] = []
    while url:
        page = get(api, url).get_data(as_text=True)
        order += [i for i in dict.fromkeys(re.findall(r'href="/voorziening/([0-9a-f-]{36})"', page))
                  if i not in order]
        following = re.search(r'rel="next" href="([^"]+)"', page)
        url = following.group(1).replace("&amp;", "&") if following else None
    return order


@pytest.mark.parametrize("query", ["eenzaam", "hulp bij geldzaken", "mantelzorg", "taalcafe", "hulp"])
def test_search_order_equals_the_public_site(api_app, api, query):
    api_order = ids(api, f"/api/v1/services?search={query}")
    assert api_order == site_order(api, f"/zoeken?q={query}")
    if query == "hulp":  # more than one page on the site; the API pages on its own
        assert len(api_order) > 20
    result = find(db.session, search_engine(), SearchParams(q=query), page_size=None,
                  visibility=runtime.visibility())
    assert api_order == [str(f.card.id) for f in result.findings]  # strong by the ladder, then weak
    paged = []
    for number in (1, 2, 3):
        paged += [s["id"] for s in get(
            api, f"/api/v1/services?search={query}&per_page=3&page={number}").get_json()["contents"]]
    assert paged == api_order[:9]


def test_search_with_filters_equals_the_public_site(api):
    api_order = ids(api, "/api/v1/services?search=hulp&kern=rekken&tier=algemeen")
    assert api_order and api_order == site_order(api, "/zoeken?q=hulp&kern=rekken&niveau=algemeen")


def test_without_search_lightest_first_then_name(api):
    services = {str(s.id): s for s in public_services()}
    got = ids(api, "/api/v1/services")
    keys = [(weight(services[i].tier), services[i].name.casefold()) for i in got]
    assert keys == sorted(keys)
