"""Casusregie for Voormekaar staff: worklist, case, referral screen, handover, review,
waakvlam, consent, right-of-access export, and the suggestions JSON.

Views are thin: they read the form, call ``app.domain.cases`` and write the audit log.
A case that the user may not see answers 404 (an id reveals nothing).  Nothing personal
goes into a URL: cases are addressed by their random id, forms post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.domain import audit, cases, queries, teams
from app.domain import referral as rule
from app.extensions import db
from app.models import Consent, Referral, User
from app.models.base import parse_uuid as _uuid
from app.models.case import FAMILY_ROLES, REFERRAL_OUTCOMES, SIGNAL_SOURCES
from app.services import language, search_engine
from app.staff import (
    bp,
    case_labels,  # noqa: F401  (registers the case template filters)
)
from app.staff import case_export as export_rules
from app.staff.auth import roles_required, signed_in_staff
from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES

STAFF = "staff"
OUTSIDE = "buiten"  # the referral screen's choice "a provision outside the suggestions"


def _audit(action: str, object_type: str, object_id=None, detail: str | None = None) -> None:
    audit.record(db.session, signed_in_staff(), action, object_type, object_id,
                 remote_addr=request.remote_addr, detail=detail)


def _case_or_404(case_id):
    case = cases.get_case(db.session, signed_in_staff(), case_id)
    if case is None:
        _audit("refused", "case", case_id)
        db.session.commit()
        abort(404)
    return case


def _referral_or_404(case, referral_id) -> Referral:
    found = next((r for r in case.referrals if str(r.id) == str(referral_id)), None)
    return found or abort(404)


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.form.get(name, "").strip())
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _back(case, anchor: str = ""):
    return redirect(url_for("staff.case", case_id=case.id) + (f"#{anchor}" if anchor else ""))


def _fail(case, error: cases.CaseError, anchor: str = "", target: str = ""):
    """Refused: the same page again, with the message at the field and what was typed kept.
    ``target``: the form the error is about (``anchor`` by default)."""
    db.session.rollback()
    if error.status != 422:  # not allowed (403) or the case is closed (409): nothing to correct
        _audit("refused", "case", case.id, detail=f"{request.endpoint} {error.status}")
        db.session.commit()
    return _show_case(case_id=case.id, error=error, anchor=anchor, form=request.form,
                      target=target or anchor), error.status


# --------------------------------------------------------------------------- worklist

@bp.get("/casussen/")
@roles_required(STAFF)
def worklist():
    user = signed_in_staff()
    work = cases.worklist(db.session, user)
    team = teams.team_overview(db.session, user)
    _audit("list", "case", None, detail=f"{len(work.cases)} cases")
    db.session.commit()
    return render_template("staff/cases/worklist.html", work=work, team=team, today=date.today())


# --------------------------------------------------------------------------- case

HOUSEHOLD_ROWS = 5  # rows of the intake form's household table (empty rows are ignored)


def _household_input() -> list[cases.MemberInput] | None:
    """The household rows of the intake form; None when the form has none (leave as is)."""
    form = request.form
    if "lid-1-rol" not in form:
        return None
    members = []
    for number in range(1, HOUSEHOLD_ROWS + 1):
        role = form.get(f"lid-{number}-rol", "")
        year = form.get(f"lid-{number}-jaar", "").strip()
        label = form.get(f"lid-{number}-wie", "")
        domain = form.get(f"lid-{number}-leefgebied", "")
        if not (role or year or label.strip() or domain):
            continue
        members.append(cases.MemberInput(role=role, birth_year=_int(year) if year else None,
                                         label=label, life_domains=(domain,) if domain else ()))
    return members


def _case_input() -> cases.CaseInput:
    domains = {}
    for code in request.form.getlist("leefgebied"):
        if code in LIFE_DOMAIN_CODES:
            domains[code] = _int(request.form.get(f"zrm-{code}"))
    for member in _household_input() or []:  # a member's need is the household's too
        for code in member.life_domains:
            if code in LIFE_DOMAIN_CODES:
                domains.setdefault(code, None)
    return cases.CaseInput(
        initials=request.form.get("initials", ""), birth_year=_int(request.form.get("birth_year")),
        kern=request.form.get("kern", ""), question=request.form.get("question", ""),
        own_strength=request.form.get("own_strength", ""), life_domains=domains,
        safety_concern=request.form.get("safety_concern") == "1",
        signal_source=request.form.get("signaal") if "signaal" in request.form else None,
        household=_household_input())


def _kernen():
    return queries.kernen(db.session)


@bp.route("/casussen/nieuw", methods=["GET", "POST"])
@roles_required(STAFF)
def case_new():
    error, data = None, None
    if request.method == "POST":
        data = _case_input()
        try:
            case = cases.open_case(db.session, signed_in_staff(), data)
        except cases.CaseError as exc:
            db.session.rollback()
            error = exc
        else:
            _audit("create", "case", case.id)
            db.session.commit()
            return redirect(url_for("staff.case", case_id=case.id))
    return render_template("staff/cases/new.html", error=error, data=data, kernen=_kernen(),
                           **_intake_choices()), (422 if error else 200)


def _intake_choices() -> dict:
    return {"family_roles": FAMILY_ROLES, "signal_sources": SIGNAL_SOURCES,
            "household_rows": HOUSEHOLD_ROWS}


def _may(case):
    """For templates: ``may("overdracht")`` — the user's case role allows it and the case
    is open (``cases.CASE_ACTIONS``; the server checks the same again on the POST)."""
    user = signed_in_staff()
    return lambda action: cases.is_writable(case) and cases.may(user, case, action)


def _show_case(case_id, error: cases.CaseError | None = None, anchor: str = "", form=None,
               target: str = ""):
    case = _case_or_404(case_id)
    _audit("read", "case", case.id)
    db.session.commit()
    colleagues = list(db.session.scalars(select(User).where(User.role == STAFF, User.is_active)
                                         .order_by(User.display_name, User.email)))
    need = cases.need_of(case)
    proposals = teams.proposed_experts(db.session, case)
    return render_template("staff/cases/case.html", case=case, error=error, anchor=anchor,
                           me=signed_in_staff(), colleagues=colleagues, today=date.today(),
                           may=_may(case), proposals=proposals,
                           case_team=teams.team_of_kern(db.session, case.kern_id),
                           coaches=teams.coaches(db.session, case),
                           open_escalation=cases.open_escalation(case),
                           expertise=cases.EXPERTISE, outcomes=REFERRAL_OUTCOMES,
                           safety=rule.needs_safety_route(need, language()),
                           safety_open=cases.needs_safety_route(case, need, language()),
                           form=form or {}, target=target, started=cases.started,
                           member_name=cases.member_name)


@bp.get("/casussen/<uuid:case_id>")
@roles_required(STAFF)
def case(case_id):
    return _show_case(case_id)


@bp.route("/casussen/<uuid:case_id>/bewerken", methods=["GET", "POST"])
@roles_required(STAFF)
def case_edit(case_id):
    case = _case_or_404(case_id)
    error = None
    try:
        cases.check(signed_in_staff(), case, "bewerken")
    except cases.CaseError as exc:  # not the regisseur, or the case is closed
        return _fail(case, exc)
    if request.method == "POST":
        try:
            cases.update_case(db.session, case, signed_in_staff(), _case_input())
        except cases.CaseError as exc:
            db.session.rollback()
            error = exc
        else:
            _audit("update", "case", case.id)
            db.session.commit()
            return _back(case)
    _audit("read", "case", case.id)
    db.session.commit()
    return render_template("staff/cases/new.html", error=error, case=case, data=None,
                           kernen=_kernen(), **_intake_choices()), (422 if error else 200)


def _action(case_id, action: str, anchor: str, work, target: str = ""):
    """Run ``work(case, user)`` for a POST on a case; audit it; back to the case page."""
    case = _case_or_404(case_id)
    try:
        work(case, signed_in_staff())
    except cases.CaseError as exc:
        return _fail(case, exc, anchor, target)
    _audit(action, "case", case.id)
    db.session.commit()
    return _back(case, anchor)


@bp.post("/casussen/<uuid:case_id>/collega")
@roles_required(STAFF)
def case_member(case_id):
    def work(case, user):
        colleague = _user(request.form.get("user"))
        if colleague is None:
            raise cases.CaseError(_("Kies een collega."), field="user")
        role = request.form.get("role") or "collega"
        if role not in ("collega", "aandachtsfunctionaris"):
            role = "collega"
        cases.add_member(db.session, case, user, colleague, role=role,
                         expertise=request.form.get("expertise") or None)
    return _action(case_id, "add-member", "toegang", work)


@bp.post("/casussen/<uuid:case_id>/regie")
@roles_required(STAFF)
def case_handover(case_id):
    def work(case, user):
        new = _user(request.form.get("user"))
        if new is None:
            raise cases.CaseError(_("Kies een collega."), field="user")
        cases.hand_over_case(db.session, case, user, new, request.form.get("reason", ""))
    return _action(case_id, "hand-over-case", "toegang", work)


@bp.post("/casussen/<uuid:case_id>/escalatie")
@roles_required(STAFF)
def case_escalate(case_id):
    """An escalation naming its coach, or (``decision``) the coach's decision.  Both are
    audited with the coach's id and recorded as a case event."""
    deciding = "decision" in request.form

    def work(case, user):
        if deciding:
            cases.record_escalation_decision(db.session, case, user, request.form["decision"])
        else:
            cases.escalate(db.session, case, user, request.form.get("reason", ""),
                           coach=_user(request.form.get("coach")))

    case = _case_or_404(case_id)
    try:
        work(case, signed_in_staff())
    except cases.CaseError as exc:
        return _fail(case, exc, "escalatie")
    event = case.events[-1]
    _audit("escalation-decision" if deciding else "escalate", "case", case.id,
           detail=f"coach {event.coach_id}")
    db.session.commit()
    return _back(case, "escalatie")


@bp.post("/casussen/<uuid:case_id>/veiligheid")
@roles_required(STAFF)
def case_safety(case_id):
    """The safety route (Veilig Thuis consulted, the safety plan) or, by an
    aandachtsfunctionaris, a reasoned exception.  Back to the referral screen when it was
    sent from there."""
    case = _case_or_404(case_id)
    exception = request.form.get("kind") == "uitzondering"
    try:
        if exception:
            cases.record_safety_exception(db.session, case, signed_in_staff(),
                                          request.form.get("reason", ""))
        else:
            cases.record_safety_route(db.session, case, signed_in_staff(), cases.SafetyRouteInput(
                consulted_on=_date("consulted_on"),
                consulted_with=request.form.get("consulted_with", ""),
                advice=request.form.get("advice", ""), plan=request.form.get("plan", "")))
    except cases.CaseError as exc:
        target = "veiligheid-uitzondering" if exception else "veiligheid"
        if request.form.get("next") == "verwijzen" and exc.status == 422:
            db.session.rollback()
            return _refer_page(case, error=exc, target=target)
        return _fail(case, exc, "veiligheid", target)
    _audit("safety-exception" if exception else "safety-route", "case", case.id)
    db.session.commit()
    if request.form.get("next") == "verwijzen":
        return redirect(url_for("staff.case_refer", case_id=case.id))
    return _back(case, "veiligheid")


@bp.post("/casussen/<uuid:case_id>/toestemming")
@roles_required(STAFF)
def case_consent(case_id):
    def work(case, user):
        given = _date("given_on")
        if given is None:
            raise cases.CaseError(_("Vul de datum van de toestemming in."), field="given_on")
        cases.record_consent(db.session, case, user, request.form.get("partner", ""),
                             request.form.get("scope", ""), given)
    return _action(case_id, "consent", "toestemming", work)


@bp.post("/casussen/<uuid:case_id>/toestemming/<uuid:consent_id>/intrekken")
@roles_required(STAFF)
def case_consent_withdraw(case_id, consent_id):
    def work(case, user):
        consent = next((c for c in case.consents if c.id == consent_id), None)
        if not isinstance(consent, Consent):
            abort(404)
        cases.withdraw_consent(db.session, consent, user)
    return _action(case_id, "consent-withdrawn", "toestemming", work)


@bp.post("/casussen/<uuid:case_id>/waakvlam")
@roles_required(STAFF)
def case_waakvlam(case_id):
    return _action(case_id, "waakvlam", "waakvlam", lambda case, user: cases.set_waakvlam(
        db.session, case, user, _int(request.form.get("weeks"))))


@bp.post("/casussen/<uuid:case_id>/contact")
@roles_required(STAFF)
def case_checkin(case_id):
    return _action(case_id, "checkin", "waakvlam", lambda case, user: cases.record_checkin(
        db.session, case, user, request.form.get("note", "")))


@bp.post("/casussen/<uuid:case_id>/sluiten")
@roles_required(STAFF)
def case_close(case_id):
    return _action(case_id, "close", "", lambda case, user: cases.close_case(db.session, case, user))


@bp.get("/casussen/<uuid:case_id>/inzage")
@roles_required(STAFF)
def case_export(case_id):
    """Right of access (AVG art. 15): everything held about this case, readable and printable."""
    case = _case_or_404(case_id)
    _audit("export", "case", case.id)
    db.session.commit()
    return render_template("staff/cases/export.html", case=case, today=date.today(),
                           export=export_rules.export_of(case))


def _user(value) -> User | None:
    key = _uuid(value)
    return db.session.get(User, key) if key is not None else None


# --------------------------------------------------------------------------- referral

@dataclass
class _Screen:
    """What the kerncoach set on the referral screen (never the case's own data)."""

    search: str = ""
    groups: tuple[str, ...] = ()
    age: int | None = None
    age_text: str = ""
    age_error: bool = False
    member_id: str = ""  # for whom in the household ("": the household / the resident)


def _screen(source) -> _Screen:
    search = " ".join((source.get("q") or "").split())[:200]
    groups = tuple(g for g in dict.fromkeys(source.getlist("doelgroep")) if g in TARGET_GROUP_CODES)
    age_text = (source.get("leeftijd") or "").strip()[:3]
    age = _int(age_text) if age_text else None
    bad = bool(age_text) and (age is None or not 0 <= age <= 130)
    member_id = (source.get("voor") or "").strip()[:40]
    return _Screen(search, groups, None if bad else age, age_text, bad, member_id)


def _for_whom(case, screen: _Screen):
    """The household member the referral is for (None: the household); an id from another
    case is refused, never silently ignored."""
    if not screen.member_id:
        return None
    member = cases.household_member(case, screen.member_id)
    if member is None:
        raise cases.CaseError(_("Kies een gezinslid van deze casus."), field="voor")
    return member


def _choice() -> cases.Choice:
    form = request.form
    reasons = {}
    for name, code in form.items():
        if name.startswith("reden-") and name != rule.GROUP_REASON_FIELD and code:
            option = name[len("reden-"):]
            reasons[option] = rule.SkipReason(code, form.get(f"toelichting-{option}", ""))
    group = form.get(rule.GROUP_REASON_FIELD, "")
    service = form.get("service", "")
    if service == OUTSIDE:  # a provision outside the suggestions, picked from the whole map
        service = form.get("service_outside", "")
    return cases.Choice(
        service_id=service, skip_reasons=reasons,
        weighing=rule.Weighing(form.get("kernwaarden", ""), form.get("rechtmatigheid", ""),
                               form.get("financieel", "")),
        outside_reason=form.get("outside_reason", ""),
        group_reason=rule.SkipReason(group, form.get("toelichting-alle", "")) if group else None)


def _refer_page(case, *, screen: _Screen | None = None, error: cases.CaseError | None = None,
                decision: rule.Decision | None = None, target: str = ""):
    screen = screen or _screen(request.form if request.method == "POST" else request.args)
    member = cases.household_member(case, screen.member_id) if screen.member_id else None
    need = cases.need_of(case, target_groups=screen.groups, search=screen.search, age=screen.age,
                         member=member)
    found = cases.suggestions(db.session, search_engine(), need, language())
    already = {str(r.service_id): r for r in case.referrals}
    shown = {s.id for s in found.all}
    outside = [c for c in sorted(cases.candidates(db.session), key=lambda c: c.name.casefold())
               if c.id not in shown]
    return render_template(
        "staff/cases/refer.html", case=case, need=need, screen=screen,
        rungs=rule.rungs(need, found), found=found, already=already,
        safety=rule.needs_safety_route(need, language()),
        safety_open=cases.needs_safety_route(case, need, language()),
        decision=decision, error=error, target=target, chosen=request.form.get("service", ""),
        skip_reasons=rule.SKIP_REASONS, weighing_fields=rule.WEIGHING_FIELDS,
        core_values=rule.CORE_VALUES, form=request.form if request.method == "POST" else {},
        outside_choices=outside, today=date.today(), me=signed_in_staff(), may=_may(case),
        member=member, member_name=cases.member_name), (422 if error else 200)


@bp.route("/casussen/<uuid:case_id>/verwijzen", methods=["GET", "POST"])
@roles_required(STAFF)
def case_refer(case_id):
    case = _case_or_404(case_id)
    if request.method == "GET":
        _audit("suggestions", "case", case.id)
        db.session.commit()
        return _refer_page(case)
    screen = _screen(request.form)
    try:
        made = cases.choose(db.session, case, signed_in_staff(), search_engine(), _choice(),
                            target_groups=screen.groups, search=screen.search, age=screen.age,
                            language=language(), member=_for_whom(case, screen))
    except cases.CaseError as exc:
        if exc.status != 422:
            return _fail(case, exc)
        db.session.rollback()
        _audit("referral-refused", "case", case.id)
        db.session.commit()
        return _refer_page(case, screen=screen, error=exc, decision=exc.decision)
    _audit("refer", "referral", made.id, detail=f"case {case.id}")
    db.session.commit()
    return _back(case, f"verwijzing-{made.id}")


def _referral_action(case_id, referral_id, action: str, work, form_name: str = ""):
    case = _case_or_404(case_id)
    made = _referral_or_404(case, referral_id)
    try:
        work(made, signed_in_staff())
    except cases.CaseError as exc:
        return _fail(case, exc, f"verwijzing-{made.id}", f"{form_name}-{made.id}")
    _audit(action, "referral", made.id, detail=f"case {case.id}")
    db.session.commit()
    return _back(case, f"verwijzing-{made.id}")


@bp.post("/casussen/<uuid:case_id>/verwijzingen/<uuid:referral_id>/overdracht")
@roles_required(STAFF)
def referral_handover(case_id, referral_id):
    def work(made, user):
        cases.hand_over(db.session, made, user, cases.Agreements(
            contact_person=request.form.get("contact_person", ""),
            agreed_outcome=request.form.get("agreed_outcome", ""),
            intensity=request.form.get("intensity", ""), duration=request.form.get("duration", ""),
            review_date=_date("review_date"), monitoring=request.form.get("monitoring", "")))
    return _referral_action(case_id, referral_id, "hand-over", work, "overdracht")


@bp.post("/casussen/<uuid:case_id>/verwijzingen/<uuid:referral_id>/start")
@roles_required(STAFF)
def referral_activate(case_id, referral_id):
    return _referral_action(case_id, referral_id, "activate",
                            lambda made, user: cases.activate(db.session, made, user))


@bp.post("/casussen/<uuid:case_id>/verwijzingen/<uuid:referral_id>/evaluatie")
@roles_required(STAFF)
def referral_review(case_id, referral_id):
    return _referral_action(case_id, referral_id, "review", lambda made, user: cases.review(
        db.session, made, user, request.form.get("decision", ""), request.form.get("note", ""),
        next_review=_date("next_review"), outcome=request.form.get("outcome") or None),
        "evaluatie")


@bp.post("/casussen/<uuid:case_id>/verwijzingen/<uuid:referral_id>/einde")
@roles_required(STAFF)
def referral_end(case_id, referral_id):
    return _referral_action(case_id, referral_id, "end", lambda made, user: cases.end(
        db.session, made, user, request.form.get("outcome", ""), request.form.get("note", "")),
        "einde")


# --------------------------------------------------------------------------- JSON

@bp.get("/api/suggestions")
@roles_required(STAFF)
def api_suggestions():
    """Suggestions for the referral screen, lightest first: ``[{id, name, tier, kernen, reason}]``."""
    args = request.args
    problems = {}
    domains = tuple(d for d in dict.fromkeys(args.getlist("leefgebied")))
    if not domains:
        problems["leefgebied"] = "at least one life domain code is required"
    elif unknown := [d for d in domains if d not in LIFE_DOMAIN_CODES]:
        problems["leefgebied"] = f"unknown code(s): {', '.join(unknown)}"
    groups = tuple(dict.fromkeys(args.getlist("doelgroep")))
    if unknown := [g for g in groups if g not in TARGET_GROUP_CODES]:
        problems["doelgroep"] = f"unknown code(s): {', '.join(unknown)}"
    age = None
    if args.get("leeftijd"):
        age = _int(args.get("leeftijd"))
        if age is None or not 0 <= age <= 130:
            problems["leeftijd"] = "an age in years, 0 to 130"
    kern = (args.get("kern") or "").strip() or None
    if kern and queries.kern_named(db.session, kern) is None:
        problems["kern"] = f"unknown kern {kern!r}"
    if problems:
        return jsonify({"errors": problems}), 400
    need = rule.Need(life_domains=frozenset(domains), kern=kern, age=age,
                     target_groups=frozenset(groups), question=" ".join(args.get("q", "").split())[:200])
    found = cases.suggestions(db.session, search_engine(), need, language())
    _audit("suggestions-api", "service", None)
    db.session.commit()
    return jsonify([s.as_dict() for s in found.suggestions])


# --------------------------------------------------------------------------- audit (admin)

@bp.get("/audit")
@roles_required("admin")
def audit_log():
    from datetime import datetime, timedelta

    args = request.args

    def day(name):
        try:
            return datetime.fromisoformat(args.get(name, ""))
        except ValueError:
            return None

    until = day("tot")
    entries = audit.search(db.session, user_id=_uuid(args["gebruiker"]) if args.get("gebruiker") else None,
                           object_id=(args.get("object") or "").strip() or None,
                           action=(args.get("actie") or "").strip() or None,
                           since=day("van"), until=until + timedelta(days=1) if until else None)
    _audit("read", "audit_log", None)
    db.session.commit()
    users = list(db.session.scalars(select(User).order_by(User.email)))
    return render_template("staff/audit.html", entries=entries, users=users, args=args)
