"""Labels of the case screens' codes (referral status, outcome, roles, ...): the template
filters of the staff blueprint, and what the right-of-access export (``case_export``)
writes out."""

from __future__ import annotations

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from app.domain import referral as rule
from app.domain import teams
from app.staff import bp
from app.vocabulary import LIFE_DOMAINS, label

STATUS_LABELS = {
    "proposed": _l("voorgesteld"), "handed_over": _l("overgedragen"), "active": _l("loopt"),
    "evaluated": _l("geëvalueerd"), "ended": _l("afgesloten"),
}
OUTCOME_LABELS = {
    "reached": _l("doel bereikt"), "partly": _l("doel deels bereikt"),
    "not_reached": _l("doel niet bereikt"), "stopped_early": _l("voortijdig gestopt"),
    "not_started": _l("niet doorgegaan"),
}
REVIEW_LABELS = {"continue": _l("doorgaan"), "change": _l("aanpassen"), "stop": _l("stoppen")}
MEMBER_ROLE_LABELS = {
    "regisseur": _l("regisseur"), "collega": _l("collega"),
    "aandachtsfunctionaris": _l("aandachtsfunctionaris"), "coach": _l("coach"),
}
FIT_LABELS = {
    rule.FIT_QUESTION: _l("past bij de vraag"), rule.FIT_GROUP: _l("voor de doelgroep"),
    rule.FIT_DOMAIN: _l("zelfde leefgebied"),
}
EXPERTISE_LABELS = teams.EXPERTISE_LABELS  # the one place: app/domain/teams.py


@bp.app_template_filter("referral_status")
def referral_status(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@bp.app_template_filter("referral_outcome")
def referral_outcome(code: str) -> str:
    return str(OUTCOME_LABELS.get(code, code))


@bp.app_template_filter("review_decision")
def review_decision(code: str) -> str:
    return str(REVIEW_LABELS.get(code, code))


@bp.app_template_filter("member_role")
def member_role(code: str) -> str:
    return str(MEMBER_ROLE_LABELS.get(code, code))


@bp.app_template_filter("referral_decision")
def referral_decision(code: str) -> str:
    return str(label(rule.OUTCOMES, code))


@bp.app_template_filter("fit_label")
def fit_label(code: str) -> str:
    return str(FIT_LABELS.get(code, code))


@bp.app_template_filter("expertise_label")
def expertise_label(code: str) -> str:
    return str(EXPERTISE_LABELS.get(code, code))


@bp.app_template_filter("specialism_label")
def specialism_label(code: str) -> str:
    return teams.specialism_label(code)


@bp.app_template_filter("skip_reason")
def skip_reason(code: str) -> str:
    return str(label(rule.SKIP_REASONS, code))


@bp.app_template_filter("life_domain_label")
def life_domain_label(code: str) -> str:
    return str(label(LIFE_DOMAINS, code))


@bp.app_template_filter("datetime_short")
def datetime_short(value) -> str:
    return format_datetime(value, "short") if value else ""
