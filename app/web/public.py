"""Public pages for residents: no login, no personal data."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from flask import Blueprint, abort, render_template, request
from sqlalchemy.orm import Session

from app import page_cache, runtime
from app import vocabulary as v
from app.domain import queries, signals
from app.domain.finder import RADII_KM, SearchParams, find
from app.domain.freshness import is_stale, is_withdrawn
from app.domain.opening import current_schedules, is_open, local_now, weekly_slots
from app.extensions import db
from app.runtime import few_results, freshness_today, grace_days, signal_now
from app.services import geocoder, language, search_engine
from app.web.search_filters import active_filters
from app.web.structured_data import provision_json_ld

bp = Blueprint("public", __name__)
log = logging.getLogger(__name__)


@bp.get("/")
def home():
    return render_template("public/home.html", kernen=queries.kernen(db.session))


@bp.get("/zoeken")
def search():
    params = SearchParams.from_args(request.args)
    if params.is_empty:
        return render_template("public/search.html", params=params, result=None,
                               kernen=queries.kernen(db.session), radii=RADII_KM)

    def render() -> page_cache.CachedPage:
        result = find(db.session, search_engine(), params, visibility=runtime.visibility(),
                      geocoder=geocoder(db.session),
                      now=local_now(), language=language())
        kernen = queries.kernen(db.session)
        html = render_template("public/search.html", params=params, result=result,
                               kernen=kernen, radii=RADII_KM,
                               chips=active_filters(params, kernen))
        return page_cache.CachedPage(html, result.total, result.unknown_kern, result.answers)

    page = page_cache.search_page(render, params, today=freshness_today())
    _note_signal(params, page)  # few or no results: a signal
    return page.html


def _note_signal(params: SearchParams, page: page_cache.CachedPage) -> None:
    """Record a search with few or no results, through its own short session: the page's
    loaded rows stay as they are, and a failure here never breaks the search page."""
    try:
        with Session(db.session.get_bind()) as own:
            if signals.note_search(own, params, page, now=signal_now(), few_results=few_results()):
                own.commit()
    except Exception:  # a signal is worth less than the resident's search
        log.warning("search signal not recorded", exc_info=True)


def _kern_filters() -> tuple[str | None, str | None]:
    """The kern page's ?niveau= (tier) and ?onderwerp= (life domain), when known codes."""
    tier = request.args.get("niveau")
    domain = request.args.get("onderwerp")
    return (tier if tier in v.TIER_CODES else None,
            domain if domain in (*v.LIFE_DOMAIN_CODES, queries.OTHER_DOMAIN) else None)


@bp.get("/kernen/<slug>")
def kern(slug: str):
    kern = queries.kern_by_slug(db.session, slug) or abort(404)
    tier, domain = _kern_filters()
    overview = queries.kern_overview(db.session, kern, visibility=runtime.visibility(),
                                     tier=tier, domain=domain)
    return render_template("public/kern.html", kern=kern, tier=tier, domain=domain,
                           overview=overview)


@bp.get("/kernen/<slug>/print")
def kern_print(slug: str):
    kern = queries.kern_by_slug(db.session, slug) or abort(404)
    tier, domain = _kern_filters()
    overview = queries.kern_overview(db.session, kern, visibility=runtime.visibility(),
                                     tier=tier, domain=domain)
    return render_template("public/kern_print.html", kern=kern, today=date.today(),
                           overview=overview)


@bp.get("/onderwerp/<code>")
def life_domain(code: str):
    term = next((t for t in v.LIFE_DOMAINS if t.code == code), None) or abort(404)
    groups = queries.services_in_domain(db.session, code, visibility=runtime.visibility())
    return render_template("public/life_domain.html", term=term, kernen=queries.kernen(db.session),
                           groups=groups)


@bp.get("/voorziening/<uuid:service_id>")
def provision(service_id: uuid.UUID):
    service = queries.provision(db.session, service_id)
    if service is None or not service.is_public:
        abort(404)
    slots = weekly_slots(service.schedules)
    return render_template(
        "public/provision.html",
        service=service,
        schedules=current_schedules(service.schedules, local_now().date()),
        open_now=is_open(slots, local_now()) if slots else None,
        stale=is_stale(service, freshness_today()),
        withdrawn=is_withdrawn(service, freshness_today(), grace_days()),
        json_ld=provision_json_ld(service),
        map_points=[{"lat": loc.latitude, "lon": loc.longitude, "name": loc.name or service.name}
                    for loc in service.locations if loc.latitude is not None],
    )
