""""Meld een wijziging": the public form on every provision page (no account needed)."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from app.domain import queries, reports
from app.extensions import db
from app.runtime import report_now

bp = Blueprint("reports", __name__)


def report_settings() -> reports.ReportSettings:
    """The spam defences of "Meld een wijziging", from the configuration."""
    config = current_app.config
    return reports.ReportSettings(
        secret_key=str(config["SECRET_KEY"]),
        min_seconds=int(config["REPORT_MIN_SECONDS"]),
        rate_limit=int(config["REPORT_RATE_LIMIT"]),
        rate_window_minutes=int(config["REPORT_RATE_WINDOW_MINUTES"]))

REFUSALS = {
    reports.TOO_FAST: (400, _l("Dat ging erg snel. Controleer wat u hebt ingevuld en verstuur "
                               "het formulier opnieuw.")),
    reports.EXPIRED: (400, _l("Dit formulier is verlopen. Verstuur het opnieuw.")),
    reports.SPAM: (400, _l("Uw melding is niet verstuurd. Laat het verborgen veld leeg en "
                           "verstuur het formulier opnieuw.")),
    reports.RATE_LIMITED: (429, _l("U hebt al veel meldingen gestuurd. Probeer het over een uur "
                                   "opnieuw, of bel de organisatie.")),
}


def _service_or_404(service_id: uuid.UUID):
    service = queries.provision(db.session, service_id)
    if service is None or not service.is_public:
        abort(404)
    return service


def _form(service, *, submission=None, refusal=None, status=200):
    return render_template(
        "public/report.html", service=service, kinds=reports.KINDS,
        token=reports.issue_token(service.id, secret_key=report_settings().secret_key,
                                  now=report_now()), honeypot=reports.HONEYPOT,
        submission=submission or reports.Submission(), refusal=refusal,
        max_message=reports.MAX_MESSAGE), status


@bp.get("/voorziening/<uuid:service_id>/melden")
def report_form(service_id: uuid.UUID):
    return _form(_service_or_404(service_id))


@bp.post("/voorziening/<uuid:service_id>/melden")
def report_submit(service_id: uuid.UUID):
    service = _service_or_404(service_id)
    outcome = reports.submit(db.session, service, request.form, request.remote_addr,
                             settings=report_settings(), now=report_now())
    db.session.commit()
    if outcome.report is not None:
        return redirect(url_for("reports.report_thanks", service_id=service.id), code=303)
    if outcome.refusal:
        status, message = REFUSALS[outcome.refusal]
        kept = reports.Submission.from_form(request.form)
        kept.errors = {}  # what was typed stays; the refusal is the one message
        return _form(service, submission=kept, refusal=message, status=status)
    return _form(service, submission=outcome.submission, status=422)


@bp.get("/voorziening/<uuid:service_id>/melden/bedankt")
def report_thanks(service_id: uuid.UUID):
    return render_template("public/report_thanks.html", service=_service_or_404(service_id))
