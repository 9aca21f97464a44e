"""The OpenAPI 3.1 description of the API, generated with apispec from the marshmallow
schemas that also serialise the responses (``app.hsds.serialize``) and parse the query
parameters (``app.api.params``).  Served at ``/api/v1/openapi.json``; the documentation
page (``/api/v1/docs``) is rendered from it.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import request

from app.api import URL_PREFIX
from app.api import params as p
from app.hsds import HSDS_VERSION
from app.hsds import serialize as s

API_VERSION = "1.0.0"
COMPILED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/"

#: component name -> schema class (names = class name without "Schema": the ``Many`` refs)
COMPONENTS = {
    "Taxonomy": s.TaxonomySchema,
    "TaxonomyTerm": s.TaxonomyTermSchema,
    "Attribute": s.AttributeSchema,
    "Metadata": s.MetadataSchema,
    "Language": s.LanguageSchema,
    "Phone": s.PhoneSchema,
    "Contact": s.ContactSchema,
    "Schedule": s.ScheduleSchema,
    "CostOption": s.CostOptionSchema,
    "ServiceArea": s.ServiceAreaSchema,
    "RequiredDocument": s.RequiredDocumentSchema,
    "Address": s.AddressSchema,
    "Accessibility": s.AccessibilitySchema,
    "Location": s.LocationSchema,
    "ServiceAtLocationBase": s.ServiceAtLocationBaseSchema,
    "OrganizationList": s.OrganizationListSchema,
    "OrganizationInService": s.OrganizationInServiceSchema,
    "ServiceList": s.ServiceListSchema,
    "ServiceMinimal": s.ServiceMinimalSchema,
    "ServiceFull": s.ServiceFullSchema,
    "ServiceAtLocationList": s.ServiceAtLocationListSchema,
    "ServiceAtLocationFull": s.ServiceAtLocationFullSchema,
    "OrganizationFull": s.OrganizationFullSchema,
}

DESCRIPTION = f"""\
Open data of the Berkellandwijzer, the social map of the municipality of Berkelland (NL),
as [Open Referral HSDS {HSDS_VERSION}](https://docs.openreferral.org/en/latest/). Read only,
no key, `Access-Control-Allow-Origin: *`. Every response has an `ETag`; send it back in
`If-None-Match` and an unchanged answer is a `304`.

Only published, active provisions are in the API. Lists come in HSDS's page envelope
(`total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`,
`contents`), or with `format=ndjson` as one object per line without paging. Parameters
combine as AND. A bad parameter is a `400` whose JSON body names the parameter and says why;
an unknown id is a `404`. A parameter an endpoint does not know (a cache-buster `_`, another
profile's filter) is ignored and named in the `X-Ignored-Parameters` response header. Paths
answer with or without a trailing slash.

**Berkelland profile.** Tier (`voorzieningsniveau`), access (`toegang`), life domains
(`leefgebied`, ZRM 2017), target groups (`doelgroep`) and legal frameworks
(`wettelijk-kader`) are taxonomy terms linked to a service as `attributes` (`link_type` =
the taxonomy name). The kernen a service serves are its `service_areas` (one named
`Berkelland` = the whole municipality). `/services` and `/service_at_locations` take the
extensions `kern`, `tier`, `leefgebied`, `doelgroep`, `minimum_age`/`maximum_age` and
`lat`+`lon`(+`proximity`).

**Order.** The lightest suitable provision first: tier (algemeen, voorliggend, maatwerk),
then (with `search`) relevance, then distance (with a point), then name — the order of the
public site's search.
"""


def _error_schema() -> dict:
    return {
        "type": "object",
        "required": ["status", "error"],
        "properties": {
            "status": {"type": "integer"},
            "error": {"type": "string"},
            "errors": {"type": "array", "items": {
                "type": "object", "required": ["parameter", "message"],
                "properties": {"parameter": {"type": "string"},
                               "message": {"type": "string"}}}},
        },
    }


def _page_schema() -> dict:
    return {
        "type": "object",
        "required": ["total_items", "total_pages", "page_number", "size", "first_page",
                     "last_page", "empty", "contents"],
        "properties": {
            "total_items": {"type": "integer", "description": "Number of matching items."},
            "total_pages": {"type": "integer", "description": "Number of pages."},
            "page_number": {"type": "integer", "description": "This page's number, from 1."},
            "size": {"type": "integer", "description": "Number of items on this page."},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean", "description": "True when this page has no items."},
            "contents": {"type": "array", "items": {}},
        },
    }


def _item(shapes: dict[str, str]) -> dict:
    """One item of a list: a single shape, or any of the shapes its parameters choose."""
    refs = [{"$ref": f"#/components/schemas/{name}"} for name in shapes]
    if len(refs) == 1:
        return refs[0]
    return {"anyOf": refs, "description": "; ".join(
        f"`{name}`: {when}" for name, when in shapes.items()) + "."}


def _paged(shapes: dict[str, str], hsds: str | None) -> dict:
    """A page envelope whose ``contents`` are any of ``shapes`` (component name -> the
    parameters that give it); with ``format=ndjson`` one such item per line."""
    schema = {"allOf": [{"$ref": "#/components/schemas/Page"}],
              "properties": {"contents": {"type": "array", "items": _item(shapes)}}}
    return _content(schema, hsds, ndjson=_item(shapes))


def _content(schema: dict, hsds: str | None, ndjson: dict | None = None) -> dict:
    content = {"application/json": {"schema": schema}}
    if ndjson:
        content["application/x-ndjson"] = {  # with format=ndjson: one item per line
            "schema": ndjson}
    described = "OK." + (f" Each item validates against HSDS's `{hsds}`." if hsds else "")
    return {"description": described, "content": content}


ERRORS = {
    "304": {"description": "Not modified (If-None-Match / If-Modified-Since)."},
    "400": {"description": "A bad parameter: the body names it and says why.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
}
NOT_FOUND = {"404": {"description": "No such (published) record.",
                     "content": {"application/json": {
                         "schema": {"$ref": "#/components/schemas/Error"}}}}}
ID_PARAM = {"name": "id", "in": "path", "required": True, "description": "The record's id.",
            "schema": {"type": "string", "format": "uuid"}}


def _get(summary: str, description: str, args, ok: dict, *, with_id: bool = False,
         tag: str) -> dict:
    parameters = []
    if with_id:
        parameters.append(ID_PARAM)
    if args is not None and args().fields:
        parameters.append({"in": "query", "schema": args})
    responses = {"200": ok, **ERRORS, **(NOT_FOUND if with_id else {})}
    return {"get": {"summary": summary, "description": description, "tags": [tag],
                    "parameters": parameters, "responses": responses}}


#: A schedule's opening and closing times as served: wall-clock time in Berkelland.
LOCAL_TIME = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
    "description": "Local time in Berkelland (Europe/Amsterdam), `HH:MM:SS`, without an "
                   "offset.",
}


def _hsds_truths(schemas: dict) -> None:
    """What the marshmallow schemas alone do not say about the responses (in place).

    * Open objects.  HSDS objects may carry more fields than this API fills (funding,
      programs, ...); a consumer must accept them, and the official HSDS examples validate
      against this document only when it does not forbid them.  apispec closes every
      object (``additionalProperties: false``, marshmallow's ``unknown=RAISE``), which
      says something about *loading*, not about what is served: it is dropped here.
      The test suite reads the document closed as well (``tests/api/openapi_check.py``,
      ``strict``): every field this API sends is declared.
    * ``services`` of a full organization: added by ``serialize.organization_full``
      after the dump (which ones is the caller's choice), one-to-one fields unless
      ``full_service=true``.
    * ``opens_at`` / ``closes_at``: the API serves a schedule's wall-clock time
      (``10:30:00``) as the official HSDS examples do, not an RFC 3339 ``time`` (which
      needs an offset): a schedule is a weekly rule in local time, and one fixed offset
      would be wrong half the year (CET/CEST).  HSDS 3.0's own schema types them as plain
      strings; this document says exactly what is served (a pattern, no ``format``).
    * ``metadata[].last_action_date``: this API sends the moment of the change (a UTC
      date-time); HSDS 3.0 describes the field as a date (its examples send
      ``2011-01-01``), so other publishers' data may carry either.
    """
    for schema in schemas.values():
        schema.pop("additionalProperties", None)
    schemas["OrganizationFull"]["properties"]["services"] = {
        "type": "array",
        "description": "The organization's published services: one-to-one fields, fully "
                       "nested with `full_service=true`.",
        "items": {"anyOf": [{"$ref": "#/components/schemas/ServiceList"},
                            {"$ref": "#/components/schemas/ServiceFull"}]}}
    schemas["Metadata"]["properties"]["last_action_date"] = {
        "type": "string", "anyOf": [{"format": "date-time"}, {"format": "date"}],
        "description": "When the change was made: this API sends a UTC date-time; HSDS "
                       "3.0 allows a date."}
    for name in ("opens_at", "closes_at"):
        schemas["Schedule"]["properties"][name] = dict(LOCAL_TIME)


def build_spec(server_url: str = URL_PREFIX) -> dict:
    spec = APISpec(
        title="Berkellandwijzer open data API (Open Referral HSDS 3.0)",
        version=API_VERSION,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION,
              "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"}},
        servers=[{"url": server_url}],
    )
    for name, schema in COMPONENTS.items():
        spec.components.schema(name, schema=schema)
    spec.components.schema("Page", _page_schema())
    spec.components.schema("Error", _error_schema())
    spec.components.schema("About", {
        "type": "object", "required": ["version", "profile", "openapi_url"],
        "properties": {
            "version": {"type": "string", "description": "HSDS version of this API."},
            "profile": {"type": "string", "format": "uri",
                        "description": "Where the Berkelland profile of HSDS is described."},
            "openapi_url": {"type": "string", "format": "uri",
                            "description": "This OpenAPI description."}}})

    paths = {
        "/": _get("About this API", "HSDS version, profile and where this description is.",
                  None, _content({"$ref": "#/components/schemas/About"}, None), tag="meta"),
        "/services": _get(
            "Published services",
            "One-to-one fields and the organization of each service (`full=true`: fully "
            "nested; `minimal=true`: id, name, status, last_modified).",
            p.ServicesArgs, _paged({"ServiceList": "by default",
                                   "ServiceFull": "with `full=true`",
                                   "ServiceMinimal": "with `minimal=true`"},
                                  "service_list.json"), tag="services"),
        "/services/{id}": _get("One service, fully nested", "", None,
                               _content({"$ref": "#/components/schemas/ServiceFull"},
                                        "service.json"), with_id=True, tag="services"),
        "/service_at_locations": _get(
            "Where services are given",
            "A service at one location, for services that pass the filters; with "
            "`proximity`, only locations within it.",
            p.ServiceAtLocationsArgs,
            _paged({"ServiceAtLocationList": "by default",
                    "ServiceAtLocationFull": "with `full=true`"},
                   "service_at_location_list.json"),
            tag="services"),
        "/service_at_locations/{id}": _get(
            "One service at a location, fully nested", "", None,
            _content({"$ref": "#/components/schemas/ServiceAtLocationFull"},
                     "service_at_location.json"), with_id=True, tag="services"),
        "/organizations": _get(
            "Organizations with published services", "By name.", p.OrganizationsArgs,
            _paged({"OrganizationList": "by default",
                    "OrganizationFull": "with `full=true`"}, "organization_list.json"),
            tag="organizations"),
        "/organizations/{id}": _get(
            "One organization, fully nested", "With its published services.",
            p.OrganizationArgs,
            _content({"$ref": "#/components/schemas/OrganizationFull"}, "organization.json"),
            with_id=True, tag="organizations"),
        "/taxonomies": _get("Taxonomies", "The profile's taxonomies and any imported ones.",
                            p.TaxonomiesArgs, _paged({"Taxonomy": ""}, "taxonomy.json"),
                            tag="taxonomies"),
        "/taxonomies/{id}": _get("One taxonomy", "", None,
                                 _content({"$ref": "#/components/schemas/Taxonomy"},
                                          "taxonomy.json"), with_id=True, tag="taxonomies"),
        "/taxonomy_terms": _get("Taxonomy terms", "By taxonomy, then code.", p.TaxonomyTermsArgs,
                                _paged({"TaxonomyTerm": ""}, "taxonomy_term.json"),
                                tag="taxonomies"),
        "/taxonomy_terms/{id}": _get("One taxonomy term", "", None,
                                     _content({"$ref": "#/components/schemas/TaxonomyTerm"},
                                              "taxonomy_term.json"),
                                     with_id=True, tag="taxonomies"),
    }
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    data = spec.to_dict()
    _hsds_truths(data["components"]["schemas"])
    data["externalDocs"] = {"description": "Open Referral HSDS 3.0 compiled schemas",
                            "url": COMPILED}
    return data


@lru_cache(maxsize=4)
def _cached(server_url: str) -> dict:
    return build_spec(server_url)


def spec_dict() -> dict:
    """The description with this host's absolute server URL (built once per host)."""
    return copy.deepcopy(_cached(request.host_url.rstrip("/") + URL_PREFIX))
