"""Management information (#7): referral figures and the map's health.

* ``/staff/cijfers`` — referrals per month, kern and tier, skipped lighter options,
  outcomes, time to handover, overdue reviews and check-ins.  Managers and admins only:
  the figures come from cases, even if only as aggregates.
* ``/staff/cijfers/kaart`` — the map's health (provisions per kern and tier, freshness,
  open change reports, searches without results).  Also editors (the welzijnswerkers who
  keep the map true): nothing in it comes from a case.
* ``…/<table>.csv`` — each table exactly as shown (same cells, same suppression).

Every view and every download is written to the audit log (object type ``management``),
like a case read.  Filters live in the URL (GET), so a view can be shared and bookmarked.
Nothing links to a case: there is no drill-down from a figure.
"""

from __future__ import annotations

from flask import Response, abort, render_template, request

from app.domain import audit, charts, management, queries
from app.extensions import db
from app.runtime import management_today
from app.staff import bp
from app.staff.auth import roles_required, signed_in_staff
from app.vocabulary import LEGAL_FRAMEWORKS, LIFE_DOMAINS

DASHBOARD_ROLES = ("manager", "admin")
MAP_ROLES = ("manager", "admin", "editor")
AUDIT_TYPE = "management"


def _kernen() -> dict[str, str]:
    return {k.slug: k.name for k in queries.kernen(db.session)}


def _filters(kernen: dict[str, str]) -> management.Filters:
    return management.parse_filters(request.args, kernen, on=management_today())


def _audit(action: str, object_id: str, filters: management.Filters) -> None:
    audit.record(db.session, signed_in_staff(), action, AUDIT_TYPE, object_id,
                 remote_addr=request.remote_addr, detail=filters.describe())
    db.session.commit()


def _csv(table: management.Table, filters: management.Filters) -> Response:
    name = f"{table.key}-{filters.args()['van']}-{filters.args()['tot']}.csv"
    # A byte-order mark, so that spreadsheet programs read the UTF-8 ("…", "–") correctly.
    return Response("\ufeff" + management.to_csv(table), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _page(template: str, tables, filters, kernen, **extra):
    return render_template(
        template, tables=tables, filters=filters, args=filters.args(), kernen=kernen,
        domains=[(t.code, t.label) for t in LIFE_DOMAINS],
        laws=[(t.code, t.label) for t in LEGAL_FRAMEWORKS],
        chart=charts.bar_chart, small=management.SMALL, hidden=management.HIDDEN,
        min_residents=management.MIN_RESIDENTS, total_row=management.TOTAL_ROW,
        can_dashboard=signed_in_staff().role in DASHBOARD_ROLES, **extra)


@bp.get("/cijfers")
@roles_required(*DASHBOARD_ROLES)
def management_dashboard():
    kernen = _kernen()
    filters = _filters(kernen)
    tables = management.dashboard(db.session, filters)
    _audit("read", "cijfers", filters)
    return _page("staff/management/dashboard.html", tables, filters, kernen,
                 csv_endpoint="staff.management_csv")


@bp.get("/cijfers/<key>.csv")
@roles_required(*DASHBOARD_ROLES)
def management_csv(key: str):
    kernen = _kernen()
    filters = _filters(kernen)
    build = management.DASHBOARD.get(key) or abort(404)
    table = build(db.session, filters)
    _audit("export", key, filters)
    return _csv(table, filters)


@bp.get("/cijfers/kaart")
@roles_required(*MAP_ROLES)
def management_map():
    kernen = _kernen()
    filters = _filters(kernen)
    tables = management.map_health(db.session, filters)
    _audit("read", "kaart", filters)
    return _page("staff/management/map.html", tables, filters, kernen,
                 csv_endpoint="staff.management_map_csv")


@bp.get("/cijfers/kaart/<key>.csv")
@roles_required(*MAP_ROLES)
def management_map_csv(key: str):
    kernen = _kernen()
    filters = _filters(kernen)
    build = management.MAP.get(key) or abort(404)
    table = build(db.session, filters)
    _audit("export", f"kaart/{key}", filters)
    return _csv(table, filters)
