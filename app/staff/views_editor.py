"""The editor (redactie) for welzijnswerkers: provisions, organisations, locations, review,
history, restore, and the search thesaurus ("zoekwoorden").  Thin views over
``app.domain.editing`` and ``app.domain.thesaurus_editing``.

Every form carries the token of the state it was read at; a save against a changed entry
answers 409 with the two versions side by side and a merge form.  Only role ``editor``
(and ``admin``) may open these pages.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from app import search_thesaurus
from app import vocabulary as v
from app.domain import change_descriptions, editing, editor_queries, readability
from app.domain import thesaurus_editing as words
from app.domain.editing import Conflict, EditError, ProposalChanged, WithdrawalWaiting
from app.domain.editor_queries import Entry
from app.extensions import db
from app.models import EditChange, Location, Organization, Service
from app.services import base_thesaurus
from app.staff import bp
from app.staff.auth import roles_required, signed_in_staff

EDITORS = ("editor", "admin")
PREFIX = "/redactie"

LABELS = {
    "organization": _l("Organisatie"), "name": _l("Naam"), "description": _l("Beschrijving"),
    "status": _l("Status"), "tier": _l("Voorzieningsniveau"), "access": _l("Toegang"),
    "life_domains": _l("Leefgebieden"), "target_groups": _l("Doelgroepen"),
    "legal_frameworks": _l("Wettelijk kader"), "kernen": _l("Kernen"),
    "locations": _l("Locaties"), "schedules": _l("Openingstijden"),
    "schedule_note": _l("Toelichting bij de openingstijden"), "cost_options": _l("Kosten"),
    "fees_description": _l("Toelichting bij de kosten"), "eligibility": _l("Voor wie"),
    "application_process": _l("Hoe aanvragen"), "minimum_age": _l("Minimumleeftijd"),
    "maximum_age": _l("Maximumleeftijd"), "phone": _l("Telefoon"), "email": _l("E-mail"),
    "url": _l("Website"), "website": _l("Website"), "address": _l("Adres"),
    "postcode": _l("Postcode"), "city": _l("Plaats"), "kern": _l("Kern"),
    "lat": _l("Breedtegraad"), "lon": _l("Lengtegraad"),
    "accessibility": _l("Toegankelijkheid"), "transportation": _l("Bereikbaarheid"),
    "text": _l("Begrip"),
}
STATUS_LABELS = {"active": _l("actief"), "inactive": _l("niet meer actief"),
                 "defunct": _l("opgeheven"), "temporarily closed": _l("tijdelijk gesloten")}
ACTION_LABELS = {"baseline": _l("stand vóór de eerste bewerking"), "create": _l("aangemaakt"),
                 "update": _l("gewijzigd"), "archive": _l("gearchiveerd"),
                 "restore": _l("oudere versie hersteld"), "publish": _l("gepubliceerd"),
                 "hide": _l("direct verborgen"), "unhide": _l("weer zichtbaar gemaakt")}
CHANGE_LABELS = {"pending": _l("wacht op beoordeling"), "approved": _l("goedgekeurd"),
                 "rejected": _l("afgewezen"), "withdrawn": _l("ingetrokken")}
KINDS = ("service", "organization", "location")


@bp.app_template_filter("editor_label")
def editor_label(name: str) -> str:
    base = name.split("-")[0]
    return str(LABELS.get(name, LABELS.get(base, name)))


@bp.app_template_filter("service_status")
def service_status(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@bp.app_template_filter("revision_action")
def revision_action(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


@bp.app_template_filter("change_status")
def change_status(code: str) -> str:
    return str(CHANGE_LABELS.get(code, code))


@bp.app_template_filter("dutch_days")
def dutch_days(byday: str) -> str:
    return editing.days_dutch(byday)


@bp.app_template_filter("editor_value")
def editor_value(value) -> str:
    """A stored field value (revision, snapshot) as short text."""
    if value is None:
        return ""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "byday" in item:
                parts.append(f"{editing.days_dutch(item['byday'])} {item.get('opens_at', '')}"
                             f"–{item.get('closes_at', '')}")
            elif isinstance(item, dict):
                parts.append(" ".join(str(x) for x in item.values() if x))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return str(value)


def _review_required() -> bool:
    return bool(current_app.config["EDITOR_REVIEW_REQUIRED"])


def _get(kind: str, ident: uuid.UUID) -> Entry:
    return editor_queries.entry(db.session, kind, ident) or abort(404)


def _resource(outcome: editing.Outcome) -> Entry | None:
    """What a save, restore or approval left live (None: a new entry waiting for review)."""
    resource = outcome.resource
    return resource if isinstance(resource, Service | Organization | Location) else None


def _lookups() -> dict:
    return {
        "vocabulary": v,
        "kern_names": editor_queries.kern_names(db.session),
        "organizations": editor_queries.organizations(db.session),
        "municipality": v.MUNICIPALITY,
        "statuses": v.SERVICE_STATUSES,
        "archive_statuses": editing.ARCHIVE_STATUSES,
    }


def _describe(kind: str, record: dict) -> dict[str, str]:
    """Field values as short readable text, for conflict and review tables."""
    return change_descriptions.describe(db.session, kind, record, status_label=service_status)


def reload_thesaurus() -> None:
    """Give the search engine the file's thesaurus plus the editors' concepts, now."""
    search_thesaurus.reload(db.session)


# --------------------------------------------------------------------------- list

@bp.get(f"{PREFIX}/")
@roles_required(*EDITORS)
def editor_home():
    q = (request.args.get("q") or "").strip()
    show = request.args.get("toon") or "alle"
    found = editor_queries.editor_list(db.session, q, show)
    return render_template("staff/editor/list.html", services=found.services, q=q, show=show,
                           pending=found.pending, pending_ids=found.pending_ids,
                           names=found.names, me=signed_in_staff(),
                           may_review=editing.may_review)


# --------------------------------------------------------------------------- provisions

def _render_service(service, record, *, token, errors=None, conflict=None, status=200,
                    change=None, check=None, message=None, basis=None):
    text = record.get("description") or ""
    org_id = record.get("organization")
    org = None
    try:
        org = db.session.get(Organization, uuid.UUID(org_id)) if org_id else None
    except ValueError:
        org = None
    return render_template(
        "staff/editor/service_form.html", service=service, record=record, token=token,
        errors=errors or {}, conflict=conflict, change=change, org=org,
        readability=check if check is not None else (readability.check(text) if text else None),
        basis=json.dumps(basis if basis is not None else record, sort_keys=True),
        message=message, review_required=_review_required(), labels=LABELS, **_lookups(),
    ), status


def _conflict_view(kind, obj, exc: Conflict, yours: dict, basis: dict | None, render):
    merged, conflicts = editing.merge(basis, exc.current, yours, editing.FIELDS[kind])
    theirs_text, yours_text = _describe(kind, exc.current), _describe(kind, yours)
    rows = [{"field": name, "theirs": theirs_text[name], "yours": yours_text[name],
             "conflict": name in conflicts}
            for name in editing.FIELDS[kind] if exc.current.get(name) != yours.get(name)]
    return render(obj, merged, token=exc.token, conflict={"rows": rows}, status=409,
                  basis=exc.current)


def _basis_from_form() -> dict | None:
    try:
        value = json.loads(request.form.get("basis") or "null")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


@bp.route(f"{PREFIX}/voorzieningen/nieuw", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_service_new():
    if request.method == "GET":
        record = {"organization": request.args.get("organisatie", ""), "status": "active",
                  "schedules": [], "cost_options": [], "kernen": [], "locations": []}
        return _render_service(None, record, token="")
    record = editing.service_from_form(request.form)
    if request.form.get("actie") == "controleer":
        return _render_service(None, record, token="", errors=editing.validate(
            db.session, "service", record))
    outcome = editing.save(db.session, "service", None, record, signed_in_staff(), token=None,
                           review=_review_required())
    if outcome.errors:
        db.session.rollback()
        return _render_service(None, record, token="", errors=outcome.errors, status=422)
    db.session.commit()
    created = _resource(outcome) or abort(500)  # a new provision is saved (as a draft) at once
    return redirect(url_for("staff.editor_service", service_id=created.id, opgeslagen="nieuw"))


@bp.route(f"{PREFIX}/voorzieningen/<uuid:service_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_service(service_id: uuid.UUID):
    service = _get("service", service_id)
    if request.method == "GET":
        record, change = editing.editable_state(db.session, "service", service)
        saved = request.args.get("opgeslagen")
        return _render_service(service, record, change=change,
                               token=editing.token_of(db.session, "service", service),
                               message=saved)
    record = editing.service_from_form(request.form)
    token = request.form.get("token") or ""
    if request.form.get("actie") == "controleer":
        return _render_service(service, record, token=token, basis=_basis_from_form(),
                               errors=editing.validate(db.session, "service", record),
                               change=editing.open_change(db.session, "service", service.id))
    user = signed_in_staff()
    try:
        outcome = editing.save(db.session, "service", service, record, user, token=token,
                               review=_review_required(),
                               rebase=request.form.get("samengevoegd") == "1")
        if outcome.errors:
            db.session.rollback()
            return _render_service(service, record, token=token, errors=outcome.errors,
                                   basis=_basis_from_form(), status=422)
        db.session.commit()
    except Conflict as exc:
        db.session.rollback()
        return _conflict_view("service", service, exc, record, _basis_from_form(),
                              _render_service)
    except WithdrawalWaiting as exc:
        db.session.rollback()
        return _waiting_withdrawal(exc, _edit_url("service", service))
    except StaleDataError:  # saved by someone else between our read and our write
        db.session.rollback()
        service = _get("service", service_id)
        moved = Conflict(current=editing.editable_state(db.session, "service", service)[0],
                         token=editing.token_of(db.session, "service", service))
        return _conflict_view("service", service, moved, record, _basis_from_form(),
                              _render_service)
    return redirect(url_for("staff.editor_service", service_id=service.id,
                            opgeslagen="live" if outcome.applied else "voorstel"))


@bp.post(f"{PREFIX}/voorzieningen/<uuid:service_id>/archiveren")
@roles_required(*EDITORS)
def editor_service_archive(service_id: uuid.UUID):
    return _archive("service", service_id)


def _waiting_withdrawal(exc: WithdrawalWaiting, back: str):
    return render_template("staff/editor/message.html", status_code=409, title=_l(
        "Eerst beoordelen"), text=str(exc), back=back), 409


def _archive(kind: str, ident: uuid.UUID):
    """Archive under review (a proposal), or with ``actie=direct`` hide at once with a
    reason that a second editor confirms afterwards (``editing.archive``)."""
    obj = _get(kind, ident)
    try:
        outcome = editing.archive(db.session, kind, obj, signed_in_staff(),
                                  token=request.form.get("token") or "",
                                  status=request.form.get("status") or "inactive",
                                  review=_review_required(),
                                  urgent=request.form.get("actie") == "direct",
                                  reason=request.form.get("reden"))
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        return render_template("staff/editor/message.html", status_code=409, title=_l(
            "Iemand anders heeft dit net gewijzigd"), text=_l(
            "Er is niets gearchiveerd. Bekijk de nieuwe versie en probeer het opnieuw."),
            back=_edit_url(kind, obj)), 409
    except WithdrawalWaiting as exc:
        db.session.rollback()
        return _waiting_withdrawal(exc, _edit_url(kind, obj))
    except EditError as exc:
        db.session.rollback()
        return render_template("staff/editor/message.html", status_code=422, title=_l(
            "Niet gearchiveerd"), text=str(exc), back=_edit_url(kind, obj)), 422
    if outcome.change is not None:
        return redirect(url_for("staff.editor_change", change_id=outcome.change.id,
                                melding="verborgen" if outcome.applied else "voorstel"))
    return redirect(_edit_url(kind, obj) + "?opgeslagen=gearchiveerd")


def _edit_url(kind: str, obj) -> str:
    if obj is None:  # a new organisation or location still waiting for review
        return url_for("staff.editor_organizations")
    if kind == "service":
        return url_for("staff.editor_service", service_id=obj.id)
    if kind == "organization":
        return url_for("staff.editor_organization", organization_id=obj.id)
    return url_for("staff.editor_location", location_id=obj.id)


# --------------------------------------------------------------------------- history

@bp.get(f"{PREFIX}/geschiedenis/<kind>/<uuid:ident>")
@roles_required(*EDITORS)
def editor_history(kind: str, ident: uuid.UUID):
    if kind not in KINDS:
        abort(404)
    obj = _get(kind, ident)
    changes = editor_queries.changes_of(db.session, kind, obj.id)
    return render_template("staff/editor/history.html", kind=kind, obj=obj,
                           revisions=editing.revisions(db.session, kind, obj.id),
                           changes=changes, token=editing.token_of(db.session, kind, obj),
                           edit_url=_edit_url(kind, obj), labels=LABELS,
                           review_required=_review_required())


@bp.post(f"{PREFIX}/geschiedenis/<kind>/<uuid:ident>/<int:number>/herstellen")
@roles_required(*EDITORS)
def editor_restore(kind: str, ident: uuid.UUID, number: int):
    if kind not in KINDS:
        abort(404)
    obj = _get(kind, ident)
    try:
        outcome = editing.restore(db.session, kind, obj, number, signed_in_staff(),
                                  token=request.form.get("token") or "",
                                  review=_review_required())
        if outcome.errors:
            db.session.rollback()
            return render_template("staff/editor/message.html", status_code=422, title=_l(
                "Deze versie kan niet terug"), text=_l(
                "Die versie voldoet niet meer aan de regels: %(fields)s. Herstel via het "
                "formulier.", fields=", ".join(editor_label(f) for f in outcome.errors)),
                back=_edit_url(kind, obj)), 422
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        return render_template("staff/editor/message.html", status_code=409, title=_l(
            "Iemand anders heeft dit net gewijzigd"), text=_l(
            "Er is niets hersteld. Bekijk de geschiedenis opnieuw."),
            back=url_for("staff.editor_history", kind=kind, ident=obj.id)), 409
    except WithdrawalWaiting as exc:
        db.session.rollback()
        return _waiting_withdrawal(exc, _edit_url(kind, obj))
    except EditError as exc:
        db.session.rollback()
        abort(404, str(exc))
    return redirect(_edit_url(kind, obj) + "?opgeslagen=" + (
        "hersteld" if outcome.applied else "voorstel"))


# --------------------------------------------------------------------------- review

@bp.get(f"{PREFIX}/wijzigingen/<uuid:change_id>")
@roles_required(*EDITORS)
def editor_change(change_id: uuid.UUID, error: str | None = None, status: int = 200):
    """The review page: what changes, and a decision form bound to this very version."""
    change = db.session.get(EditChange, change_id) or abort(404)
    kind = change.resource_type
    obj = editor_queries.entry(db.session, kind, change.resource_id)
    if obj is None and change.action != "create":
        abort(404)
    live = editing.record_of(kind, obj) if obj is not None else {}
    proposed = change.payload if change.payload is not None else live
    withdrawn: list[Service] = []
    if change.action in editing.WITHDRAWALS:
        live, proposed, withdrawn = _withdrawal(change, kind, obj, live)
    live_text, new_text = _describe(kind, live), _describe(kind, proposed)
    rows = [{"field": f, "old": live_text[f], "new": new_text[f]}
            for f in editing.FIELDS[kind] if live.get(f) != proposed.get(f)]
    name = obj.name if obj is not None else proposed.get("name")
    return render_template("staff/editor/review.html", change=change, obj=obj, kind=kind,
                           name=name or "", rows=rows, error=error, edit_url=_edit_url(kind, obj),
                           withdrawn=withdrawn, message=request.args.get("melding"),
                           token=editing.review_token(db.session, change),
                           may_review=editing.may_review(change, signed_in_staff()),
                           check=readability.check(proposed.get("description") or "")
                           if kind in ("service", "organization") else None), status


def _withdrawal(change: EditChange, kind: str, obj: Entry | None, live: dict
                ) -> tuple[dict, dict, list[Service]]:
    """An archive or hide is not an editor record: the status before and after, and the
    provisions that leave (or left) public view."""
    payload = change.payload or {}
    if change.action == "hide":
        ids = [uuid.UUID(i) for i in (payload.get("before") or {})]
        withdrawn = editor_queries.services_by_name(db.session, ids)
    else:
        withdrawn = editing.services_withdrawn_with(kind, obj) if obj is not None else []
    proposed = {**live, "status": payload["status"]} if kind == "service" else live
    if change.action == "hide" and kind == "service":
        live = {**live, "status": next(iter(payload.get("before", {}).values()),
                                       live.get("status"))}
    return live, proposed, withdrawn


@bp.post(f"{PREFIX}/wijzigingen/<uuid:change_id>/beoordelen")
@roles_required(*EDITORS)
def editor_change_decide(change_id: uuid.UUID):
    change = db.session.get(EditChange, change_id) or abort(404)
    user = signed_in_staff()
    decision = request.form.get("besluit")
    kind = change.resource_type
    obj = editor_queries.entry(db.session, kind, change.resource_id)
    if obj is None and change.action != "create":
        abort(404)
    try:
        if decision == "goedkeuren":
            outcome = editing.approve(db.session, change, user,
                                      token=request.form.get("token") or "")
            obj = _resource(outcome)
        elif decision == "afwijzen":
            editing.reject(db.session, change, user, (request.form.get("toelichting") or "").strip()
                           or None, token=request.form.get("token") or "")
        else:
            abort(400)
        db.session.commit()
    except EditError as exc:
        db.session.rollback()
        return editor_change(change_id, error=str(exc), status=403)
    except (ProposalChanged, StaleDataError):
        # The proposal (or the live entry) moved after the reviewer opened it: nothing is
        # applied; the reviewer is shown the version there is now.
        db.session.rollback()
        return editor_change(change_id, error=str(PROPOSAL_MOVED[decision == "afwijzen"]),
                             status=409)
    except Conflict:
        # The live entry changed since the proposal was made (an import, an archive).
        db.session.rollback()
        if obj is None:  # not reached: a new entry has no live version to conflict with
            raise
        change = db.session.get(EditChange, change_id) or abort(404)
        moved = Conflict(current=editing.record_of(kind, obj),
                         token=editing.token_of(db.session, kind, obj))
        return _conflict_view(kind, obj, moved, change.payload or moved.current, change.basis,
                              RENDERERS[kind])
    return redirect(_edit_url(kind, obj) + "?opgeslagen=" + _decided(change, decision))


# The proposal moved after the reviewer opened it; by "was it a rejection".
PROPOSAL_MOVED = {
    True: _l("Dit voorstel is gewijzigd nadat u het opende. Het is niet afgewezen. "
             "Hieronder staat de nieuwe versie; beoordeel die opnieuw."),
    False: _l("Dit voorstel is gewijzigd nadat u het opende. Er is niets gepubliceerd. "
              "Hieronder staat de nieuwe versie; beoordeel die opnieuw."),
}


def _decided(change: EditChange, decision: str | None) -> str:
    """The ``opgeslagen`` message code after a review decision."""
    approved = decision == "goedkeuren"
    if change.action == "archive" and approved:
        return "gearchiveerd"
    if change.action == "hide":
        return "verbergen-bevestigd" if approved else "teruggedraaid"
    return "goedgekeurd" if approved else "afgewezen"


# --------------------------------------------------------------------------- organisations

@bp.get(f"{PREFIX}/organisaties/")
@roles_required(*EDITORS)
def editor_organizations():
    q = (request.args.get("q") or "").strip()
    return render_template("staff/editor/organizations.html", q=q,
                           organizations=editor_queries.organizations_with_services(db.session, q))


def _render_org(org, record, *, token, errors=None, conflict=None, status=200, basis=None,
                message=None, change=None, **_ignored):
    return render_template(
        "staff/editor/organization_form.html", org=org, record=record, token=token,
        errors=errors or {}, conflict=conflict, labels=LABELS, message=message, change=change,
        review_required=_review_required(),
        basis=json.dumps(basis if basis is not None else record, sort_keys=True),
        readability=readability.check(record.get("description") or "")
        if record.get("description") else None, **_lookups()), status


def _render_location(location, record, *, token, errors=None, conflict=None, status=200,
                     basis=None, message=None, change=None, **_ignored):
    return render_template(
        "staff/editor/location_form.html", location=location, record=record, token=token,
        errors=errors or {}, conflict=conflict, labels=LABELS, message=message, change=change,
        basis=json.dumps(basis if basis is not None else record, sort_keys=True),
        **_lookups()), status


def _edit_simple(kind: str, obj, render, from_form):
    """Organisation and location forms: reviewed like provisions (their website, phone and
    address are public), with revisions, the token check and the version check."""
    if request.method == "GET":
        change = None
        if obj is not None:
            record, change = editing.editable_state(db.session, kind, obj)
        else:
            record = {"organization": request.args.get("organisatie", "")}
        token = editing.token_of(db.session, kind, obj) if obj is not None else ""
        return render(obj, record, token=token, change=change,
                      message=request.args.get("opgeslagen"))
    record = from_form(request.form)
    if kind == "location" and obj is not None and not record.get("organization"):
        record["organization"] = str(obj.organization_id or "")
    token = request.form.get("token") or ""
    try:
        outcome = editing.save(db.session, kind, obj, record, signed_in_staff(), token=token,
                               review=_review_required(),
                               rebase=request.form.get("samengevoegd") == "1")
        if outcome.errors:
            db.session.rollback()
            return render(obj, record, token=token, errors=outcome.errors, status=422,
                          basis=_basis_from_form())
        db.session.commit()
    except Conflict as exc:
        db.session.rollback()
        return _conflict_view(kind, obj, exc, record, _basis_from_form(), render)
    except WithdrawalWaiting as exc:
        db.session.rollback()
        return _waiting_withdrawal(exc, _edit_url(kind, obj))
    except StaleDataError:  # saved by someone else between our read and our write
        db.session.rollback()
        obj = _get(kind, obj.id)
        moved = Conflict(current=editing.editable_state(db.session, kind, obj)[0],
                         token=editing.token_of(db.session, kind, obj))
        return _conflict_view(kind, obj, moved, record, _basis_from_form(), render)
    saved = _resource(outcome)
    if saved is None and outcome.change is not None:  # a new entry, waiting for review
        return redirect(url_for("staff.editor_change", change_id=outcome.change.id))
    return redirect(_edit_url(kind, saved) + "?opgeslagen=" + (
        "live" if outcome.applied else "voorstel"))


RENDERERS: dict[str, Callable[..., Any]] = {
    "service": _render_service, "organization": _render_org, "location": _render_location}


@bp.route(f"{PREFIX}/organisaties/nieuw", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_organization_new():
    return _edit_simple("organization", None, _render_org, editing.organization_from_form)


@bp.route(f"{PREFIX}/organisaties/<uuid:organization_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_organization(organization_id: uuid.UUID):
    return _edit_simple("organization", _get("organization", organization_id), _render_org,
                        editing.organization_from_form)


@bp.post(f"{PREFIX}/organisaties/<uuid:organization_id>/archiveren")
@roles_required(*EDITORS)
def editor_organization_archive(organization_id: uuid.UUID):
    return _archive("organization", organization_id)


@bp.route(f"{PREFIX}/locaties/nieuw", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_location_new():
    return _edit_simple("location", None, _render_location, editing.location_from_form)


@bp.route(f"{PREFIX}/locaties/<uuid:location_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_location(location_id: uuid.UUID):
    return _edit_simple("location", _get("location", location_id), _render_location,
                        editing.location_from_form)


# --------------------------------------------------------------------------- search words

@bp.get(f"{PREFIX}/synoniemen")
@roles_required(*EDITORS)
def editor_synonyms():
    """The synonym list grew into the thesaurus."""
    return redirect(url_for("staff.editor_thesaurus"), 301)


@bp.get(f"{PREFIX}/zoekwoorden")
@roles_required(*EDITORS)
def editor_thesaurus():
    merged = words.merged_thesaurus(db.session, base_thesaurus())
    query = " ".join((request.args.get("woord") or "").split())[:80]
    found = words.find(merged, query)
    own = editor_queries.own_concept_codes(db.session)
    return render_template("staff/editor/thesaurus.html", query=query, found=found, own=own,
                           count=len(merged), message=request.args.get("opgeslagen"))


@bp.route(f"{PREFIX}/zoekwoorden/nieuw", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_concept_new():
    text, errors, status = words.NEW_CONCEPT, {}, 200
    if request.method == "POST":
        text = request.form.get("text") or ""
        try:
            entry = words.save(db.session, base_thesaurus(), text, signed_in_staff().email)
        except words.ConceptRefused as exc:
            db.session.rollback()
            errors, status = {"text": _concept_problem(exc)}, 422
        else:
            db.session.commit()
            reload_thesaurus()
            return redirect(url_for("staff.editor_concept", code=entry.code, opgeslagen="nieuw"))
    return render_template("staff/editor/thesaurus_concept.html", concept=None, text=text,
                           errors=errors, version=0, history=[], labels=LABELS), status


@bp.route(f"{PREFIX}/zoekwoorden/<code>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def editor_concept(code: str):
    base = base_thesaurus()
    current = words.view(db.session, base, code)
    if current is None:
        abort(404)
    text, errors, status, stale = current.text, {}, 200, None
    version = current.entry.version if current.entry else 0
    if request.method == "POST":
        text = request.form.get("text") or ""
        read_version = _int(request.form.get("versie"))
        try:
            if request.form.get("actie") == "vaste-versie":
                words.remove(db.session, code, signed_in_staff().email, version=read_version)
                outcome = "vaste-versie"
            else:
                words.save(db.session, base, text, signed_in_staff().email, code=code,
                           version=read_version)
                outcome = "opgeslagen"
        except words.ConceptRefused as exc:
            db.session.rollback()
            errors, status = {"text": _concept_problem(exc)}, 422
        except (words.StaleConcept, StaleDataError):
            db.session.rollback()
            stale = words.view(db.session, base, code)
            errors = {"text": str(_l("Iemand anders heeft dit begrip intussen opgeslagen. Hieronder "
                                     "staat uw tekst; de nieuwe versie staat ernaast."))}
            status = 409
            version = stale.entry.version if stale and stale.entry else 0
        else:
            db.session.commit()
            reload_thesaurus()
            return redirect(url_for("staff.editor_concept", code=code, opgeslagen=outcome))
    return render_template("staff/editor/thesaurus_concept.html", concept=current, text=text,
                           errors=errors, version=version, stale=stale, labels=LABELS,
                           history=words.history(db.session, code),
                           message=request.args.get("opgeslagen")), status


def _concept_problem(exc: words.ConceptRefused) -> str:
    where = _l("regel %(n)s: ", n=exc.line_no) if exc.line_no else ""
    return f"{where}{exc}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
