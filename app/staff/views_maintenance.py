"""Keeping the map true: the editors' freshness worklist with change reports, and the
signals view of what is missing.

* ``/staff/actueel`` — what is due, overdue or reported, per kern and per editor, most
  urgent first; "Gecontroleerd, niets veranderd" and "Afgehandeld" are one POST each.
* ``/staff/signalen`` — searches without (enough) results, change reports and referral
  signals per kern and life domain (managers read these aggregates too);
  ``/staff/signalen/lijst`` — the raw signals behind a number (editors and admins; for
  referrals only codes and counts).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from app.domain import freshness, queries, reports, signals
from app.domain.referral import SKIP_REASONS
from app.extensions import db
from app.models import ChangeReport, Service
from app.models.base import parse_uuid
from app.runtime import freshness_today, grace_days, report_now, signal_now
from app.staff import bp
from app.staff.auth import roles_required, signed_in_staff
from app.vocabulary import LIFE_DOMAIN_CODES, LIFE_DOMAINS, label

EDITORS = ("editor", "admin")
READERS = ("editor", "admin", "manager")

STATE_LABELS = {
    freshness.REPORTED_CLOSED: _l("gemeld: gestopt"),
    freshness.WITHDRAWN: _l("uit de zoekresultaten"),
    freshness.OVERDUE: _l("te laat"),
    freshness.NEVER: _l("nooit gecontroleerd"),
    freshness.REPORTED: _l("melding"),
    freshness.SOON: _l("binnenkort"),
}
SIGNAL_KINDS = {
    "zoeken": _l("Zoekopdrachten zonder of met weinig resultaten"),
    "meldingen": _l("Meldingen van wijzigingen"),
    "verwijzingen": _l("Verwijzingen waarbij niets lichters paste"),
}
REFERRAL_CODE_LABELS = {
    signals.HEAVIER_WITH_SKIPS: _l("zwaardere voorziening gekozen terwijl er lichtere waren"),
    signals.OUTSIDE_SUGGESTIONS: _l("gekozen buiten de suggesties"),
}


@bp.app_template_filter("freshness_state")
def freshness_state(code: str) -> str:
    return str(STATE_LABELS.get(code, code))


@bp.app_template_filter("report_kind")
def report_kind(code: str) -> str:
    return str(reports.KIND_SHORT.get(code, code))


@bp.app_template_filter("signal_code")
def signal_code(code: str) -> str:
    if code in REFERRAL_CODE_LABELS:
        return str(REFERRAL_CODE_LABELS[code])
    return str(_l("overgeslagen: %(reason)s", reason=label(SKIP_REASONS, code)))


def _kern_names() -> dict[str, str]:
    return {k.slug: k.name for k in queries.kernen(db.session)}


def _kern_arg(names: dict[str, str]) -> str | None:
    value = (request.args.get("kern") or "").strip().lower()
    return value if value in names or value == signals.NO_KERN else None


# --- freshness worklist ---------------------------------------------------------------------

@bp.get("/actueel")
@roles_required(*EDITORS)
def freshness_worklist():
    names = _kern_names()
    kern = _kern_arg(names)
    if kern == signals.NO_KERN:
        kern = None
    editor_list = freshness.editors(db.session)
    editor = request.args.get("redacteur") or None
    if editor == "mij":
        editor = signed_in_staff().email
    elif editor not in editor_list:
        editor = None
    items = freshness.worklist(db.session, on=freshness_today(), grace=grace_days(),
                              kern=kern, editor=editor)
    done_id = _uuid(request.args.get("gecontroleerd"))
    done = db.session.get(Service, done_id) if done_id else None
    resolved = request.args.get("afgehandeld") == "1"
    return render_template(
        "staff/maintenance/worklist.html", items=items, kernen=names, kern=kern,
        editor=editor, editors=editor_list, me=signed_in_staff(), today=freshness_today(),
        grace=grace_days(), done=done, resolved=resolved,
        counts={state: sum(1 for i in items if i.state == state) for state in STATE_LABELS},
        back=_filters())


def _filters() -> dict[str, str]:
    return {k: v for k, v in (("kern", request.values.get("kern")),
                              ("redacteur", request.values.get("redacteur"))) if v}


def _back_to_worklist(anchor: str = "", **extra):
    args: dict[str, Any] = {k: v for k, v in _filters().items() if len(v) <= 255}
    args.update(extra)
    return redirect(url_for("staff.freshness_worklist", **args) + (f"#{anchor}" if anchor else ""),
                    code=303)


_uuid = parse_uuid


@bp.post("/actueel/<uuid:service_id>/gecontroleerd")
@roles_required(*EDITORS)
def freshness_checked(service_id: uuid.UUID):
    service = db.session.get(Service, service_id) or abort(404)
    freshness.mark_checked(db.session, service, signed_in_staff(), on=freshness_today())
    db.session.commit()  # the index follows the commit: back in public search
    return _back_to_worklist(gecontroleerd=str(service.id))


@bp.post("/actueel/meldingen/<uuid:report_id>/afgehandeld")
@roles_required(*EDITORS)
def change_report_resolve(report_id: uuid.UUID):
    report = db.session.get(ChangeReport, report_id) or abort(404)
    reports.resolve(db.session, report, signed_in_staff(), now=report_now())
    db.session.commit()
    return _back_to_worklist(afgehandeld="1")


# --- signals -----------------------------------------------------------------------------------

def _signal_filters(names):
    kern = _kern_arg(names)
    domain = request.args.get("leefgebied") or None
    if domain not in LIFE_DOMAIN_CODES and domain != signals.NO_DOMAIN:
        domain = None
    try:
        days = int(request.args.get("dagen", signals.DEFAULT_PERIOD))
    except ValueError:
        days = signals.DEFAULT_PERIOD
    if days not in signals.PERIODS:
        days = signals.DEFAULT_PERIOD
    return kern, domain, days


def _domain_names() -> dict[str, str]:
    names = {t.code: str(t.label) for t in LIFE_DOMAINS}
    names[signals.NO_DOMAIN] = str(_l("geen onderwerp"))
    return names


@bp.get("/signalen")
@roles_required(*READERS)
def signals_overview():
    names = _kern_names()
    kern, domain, days = _signal_filters(names)
    names_all = dict(names, **{signals.NO_KERN: str(_l("geen kern / heel Berkelland"))})
    return render_template(
        "staff/maintenance/signals.html",
        overview=signals.overview(db.session, days, kern, domain, now=signal_now()), kern=kern, domain=domain,
        days=days, periods=signals.PERIODS, kernen=names_all, domains=_domain_names(),
        kinds=SIGNAL_KINDS, can_list=signed_in_staff().role in EDITORS)


@bp.get("/signalen/lijst")
@roles_required(*EDITORS)
def signals_list():
    names = _kern_names()
    kern, domain, days = _signal_filters(names)
    kind = request.args.get("soort", "zoeken")
    if kind not in SIGNAL_KINDS:
        kind = "zoeken"
    start = signals.since(days, now=signal_now())
    rows: list[Any] | None = None
    groups = None
    if kind == "zoeken":
        rows = signals.search_rows(db.session, start, kern, domain)
    elif kind == "meldingen":
        rows = signals.report_rows(db.session, start, kern, domain)
    else:  # codes and counts only: referrals belong to cases, and cases are personal
        groups = signals.referral_groups(signals.referral_signals(db.session, start, kern, domain))
    names_all = dict(names, **{signals.NO_KERN: str(_l("geen kern / heel Berkelland"))})
    return render_template(
        "staff/maintenance/signal_list.html", kind=kind, kinds=SIGNAL_KINDS, rows=rows,
        groups=groups, kern=kern, domain=domain, days=days, kernen=names_all,
        domains=_domain_names(), periods=signals.PERIODS)
