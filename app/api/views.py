"""Views of the HSDS API: parse, ask ``queries``, serialise.  Nothing else happens here."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC
from typing import TypeVar

from flask import Response, g, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from app.api import bp
from app.api import params as p
from app.api import queries as q
from app.extensions import db
from app.hsds import HSDS_VERSION
from app.hsds import serialize as s
from app.models.base import DbSession, parse_uuid
from app.services import search_engine

JSON = "application/json"
NDJSON = "application/x-ndjson"


# --- responses ----------------------------------------------------------------------


def _json(data, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body + "\n", status=status, content_type=f"{JSON}; charset=utf-8")


def _error(status: int, message: str, errors: list | None = None) -> Response:
    data = {"status": status, "error": message}
    if errors:
        data["errors"] = errors
    return _json(data, status)


def _listing(page: q.Page, args: dict, dump) -> Response:
    contents = [dump(item) for item in page.items]
    if args.get("format") == "ndjson":
        lines = "".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n"
                        for c in contents)
        return Response(lines, content_type=f"{NDJSON}; charset=utf-8")
    return _json(page.envelope(contents))


def _one(item, dump, what: str) -> Response:
    if item is None:
        return _error(404, f"no {what} with this id")
    return _json(dump(item))


@bp.before_request
def _fresh_caches():
    s.scope_lookups(db.session)  # the serialiser reads what the page shows, not the map


@bp.errorhandler(p.ParamError)
def _bad_parameters(error: p.ParamError):
    return _error(400, "bad parameters", error.errors)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return _error(error.code or 500, (error.name or "error").lower())


@bp.after_request
def _open_and_cacheable(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, X-Ignored-Parameters"
    ignored = g.get("api_ignored_parameters")
    if ignored:  # names only as a header can carry them (no control bytes, no commas)
        names = sorted({n if _HEADER_SAFE.fullmatch(n) else "?" for n in ignored})
        response.headers["X-Ignored-Parameters"] = ", ".join(names)[:500]
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.headers.setdefault("Cache-Control", "no-cache")
        if not response.is_streamed:
            response.add_etag()
            response.make_conditional(request)
    return response


def _args(schema_class) -> dict:
    ignored: list[str] = []
    loaded = p.parse(schema_class(), request.args, ignored)
    g.api_ignored_parameters = ignored
    return loaded


# --- the API ------------------------------------------------------------------------


@bp.get("/")
def index():
    _args(p.NoArgs)
    return _json({
        "version": HSDS_VERSION,
        "profile": url_for("api.docs", _external=True) + "#profile",
        "openapi_url": url_for("api.openapi", _external=True),
    })


@bp.get("/services", strict_slashes=False)
def services():
    args = _args(p.ServicesArgs)
    found = q.matching_services(db.session, search_engine(), q.service_filter(db.session, args),
                                page_checks=True)
    page = q.page_of([c.id for c in found], args,
                     default=p.MAX_PER_PAGE_MINIMAL if args["minimal"] else p.DEFAULT_PER_PAGE)
    page.items = q.load_services(db.session, page.items, full=args["full"], visible_only=True)
    dump = s.service_minimal if args["minimal"] else s.service_full if args["full"] else s.service_list
    return _listing(page, args, dump)


@bp.get("/services/<id>", strict_slashes=False)
def service(id: str):
    _args(p.NoArgs)
    found = _by_id(id, q.public_service)
    response = _one(found, s.service_full, "published service")
    if found is not None and found.last_modified is not None:
        moment = found.last_modified
        response.last_modified = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return response


@bp.get("/service_at_locations", strict_slashes=False)
def service_at_locations():
    args = _args(p.ServiceAtLocationsArgs)
    ids = q.matching_service_at_locations(db.session, search_engine(),
                                          q.service_filter(db.session, args))
    page = q.page_of(ids, args)
    page.items = q.load_service_at_locations(db.session, page.items, full=args["full"])
    return _listing(page, args, s.service_at_location_full if args["full"]
                    else s.service_at_location_list)


@bp.get("/service_at_locations/<id>", strict_slashes=False)
def service_at_location(id: str):
    _args(p.NoArgs)
    found = _by_id(id, q.public_service_at_location)
    return _one(found, s.service_at_location_full, "service at location of a published service")


@bp.get("/organizations", strict_slashes=False)
def organizations():
    args = _args(p.OrganizationsArgs)
    page = q.organizations(db.session, args)
    page.items = q.load_organizations(db.session, page.items, full=args["full"])
    if args["full"]:
        services = q.organization_services(db.session, page.items, full=args["full_service"])

        def dump(org):
            return s.organization_full(org, services[org.id], full_service=args["full_service"])
    else:
        dump = s.organization_list
    return _listing(page, args, dump)


@bp.get("/organizations/<id>", strict_slashes=False)
def organization(id: str):
    args = _args(p.OrganizationArgs)
    found = _by_id(id, q.public_organization)
    return _one(found, lambda org: s.organization_full(
        org, q.organization_services(db.session, [org], full=args["full_service"])[org.id],
        full_service=args["full_service"]), "organization with published services")


@bp.get("/taxonomies", strict_slashes=False)
def taxonomies():
    args = _args(p.TaxonomiesArgs)
    return _listing(q.taxonomies(db.session, args), args, s.taxonomy)


@bp.get("/taxonomies/<id>", strict_slashes=False)
def taxonomy(id: str):
    _args(p.NoArgs)
    return _one(_by_id(id, q.taxonomy), s.taxonomy, "taxonomy")


@bp.get("/taxonomy_terms", strict_slashes=False)
def taxonomy_terms():
    args = _args(p.TaxonomyTermsArgs)
    return _listing(q.taxonomy_terms(db.session, args), args, s.taxonomy_term)


@bp.get("/taxonomy_terms/<id>", strict_slashes=False)
def taxonomy_term(id: str):
    _args(p.NoArgs)
    return _one(_by_id(id, q.taxonomy_term), s.taxonomy_term,
                "taxonomy term")


# --- its description ----------------------------------------------------------------


@bp.get("/openapi.json", strict_slashes=False)
def openapi():
    from app.api.openapi import spec_dict

    _args(p.NoArgs)
    return _json(spec_dict())


@bp.get("/docs", strict_slashes=False)
def docs():
    from app.api.openapi import spec_dict

    spec = spec_dict()
    response = Response(render_template(
        "api/docs.html", spec=spec, css=url_for("api.static", filename="docs.css"),
        base=request.host_url.rstrip("/") + (bp.url_prefix or "")))
    response.headers["Cache-Control"] = "no-cache"
    response.vary.update(("Accept-Language", "Cookie"))  # the page speaks nl or en
    return response


@bp.route("/<path:unknown>")
def not_found(unknown: str):
    return _error(404, "no such endpoint; see " + url_for("api.docs"))


_HEADER_SAFE = re.compile(r"[\w.\-\[\]]{1,40}", re.ASCII)
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


@bp.app_template_filter("api_markdown")
def api_markdown(text: str) -> Markup:
    """The little Markdown the OpenAPI descriptions use: `code`, **bold**, [links](url)."""
    html = str(escape(" ".join(str(text).split())))
    html = _CODE.sub(r"<code>\1</code>", html)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    html = _LINK.sub(r'<a class="utrecht-link" href="\2">\1</a>', html)
    return Markup(html)  # noqa: S704 - built from escaped text


@bp.app_template_filter("api_anchor")
def api_anchor(path: str) -> str:
    return "op-" + (re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root")


T = TypeVar("T")


def _by_id(id: str, load: Callable[[DbSession, uuid.UUID], T | None]) -> T | None:
    """What ``load`` finds for the id in the path (None for no UUID: a 404)."""
    ident = parse_uuid(id)
    return load(db.session, ident) if ident is not None else None
