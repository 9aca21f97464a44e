"""The household plan (één gezin, één plan, één regisseur): the page the kerncoach opens,
printable for the family.  Thin: every rule is in ``app/domain/plan.py``."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, url_for

from app.domain import cases
from app.domain import plan as plans
from app.extensions import db
from app.staff import bp
from app.staff.auth import roles_required, signed_in_staff
from app.staff.views_cases import STAFF, _audit, _case_or_404, _date, _int, _may
from app.vocabulary import LEGAL_FRAMEWORKS, LIFE_DOMAIN_CODES


@bp.app_template_filter("family_role")
def family_role(code: str) -> str:
    return str(cases.FAMILY_ROLE_LABELS.get(code, code))


@bp.app_template_filter("signal_source")
def signal_source(code: str | None) -> str:
    return str(cases.SIGNAL_SOURCE_LABELS.get(code, code)) if code else ""


def _plan_page(case, *, error: cases.CaseError | None = None, target: str = "", status: int = 200,
               printing: bool = False):
    _audit("read-plan", "case", case.id)
    db.session.commit()
    template = "staff/cases/plan_print.html" if printing else "staff/cases/plan.html"
    return render_template(template, case=case, plan=plans.plan_of(case), may=_may(case),
                           error=error, target=target, today=date.today(),
                           form=request.form if error else {}, legal_frameworks=LEGAL_FRAMEWORKS,
                           member_name=cases.member_name), status


@bp.get("/casussen/<uuid:case_id>/plan")
@roles_required(STAFF)
def case_plan(case_id):
    return _plan_page(_case_or_404(case_id))


@bp.get("/casussen/<uuid:case_id>/plan/afdruk")
@roles_required(STAFF)
def case_plan_print(case_id):
    """The plan for the family: their goals in their words, who does what, when we look
    again — plain Dutch, on paper."""
    return _plan_page(_case_or_404(case_id), printing=True)


def _plan_action(case_id, action: str, target: str, work):
    case = _case_or_404(case_id)
    try:
        work(case, signed_in_staff())
    except cases.CaseError as exc:
        db.session.rollback()
        if exc.status != 422:
            _audit("refused", "case", case.id, detail=f"{request.endpoint} {exc.status}")
            db.session.commit()
        return _plan_page(case, error=exc, target=target, status=exc.status)
    _audit(action, "case", case.id)
    db.session.commit()
    return redirect(url_for("staff.case_plan", case_id=case.id) + f"#{target}")


@bp.post("/casussen/<uuid:case_id>/plan/doel")
@roles_required(STAFF)
def plan_goal(case_id):
    form = request.form
    return _plan_action(case_id, "plan-goal", "doelen", lambda case, user: plans.add_goal(
        db.session, case, user, life_domain=form.get("life_domain", ""), goal=form.get("goal", ""),
        own_part=form.get("own_part", ""), member_id=form.get("member", "")))


@bp.post("/casussen/<uuid:case_id>/plan/doel/<uuid:goal_id>/bereikt")
@roles_required(STAFF)
def plan_goal_reached(case_id, goal_id):
    return _plan_action(case_id, "plan-goal-reached", "doelen", lambda case, user:
                        plans.mark_goal_reached(db.session, case, user, goal_id))


@bp.post("/casussen/<uuid:case_id>/plan/elders")
@roles_required(STAFF)
def plan_outside_care(case_id):
    form = request.form
    data = plans.OutsideCareInput(
        provider=form.get("provider", ""), what=form.get("what", ""),
        legal_framework=form.get("legal_framework", ""), pgb=form.get("pgb") == "1",
        started_on=_date("started_on"), member_id=form.get("member", ""))
    return _plan_action(case_id, "outside-care", "wie-doet-wat", lambda case, user:
                        plans.add_outside_care(db.session, case, user, data))


@bp.post("/casussen/<uuid:case_id>/plan/evaluatie")
@roles_required(STAFF)
def plan_review(case_id):
    form = request.form
    scores = {code[len("zrm-"):]: _int(value) for code, value in form.items()
              if code.startswith("zrm-") and code[len("zrm-"):] in LIFE_DOMAIN_CODES and value}
    if form.get("only_date") == "1":
        return _plan_action(case_id, "plan-review-date", "evaluatie", lambda case, user:
                            plans.set_plan_review_date(db.session, case, user,
                                                       _date("next_review")))
    return _plan_action(case_id, "plan-review", "evaluatie", lambda case, user: plans.review_plan(
        db.session, case, user, scores=scores, note=form.get("note", ""),
        next_review=_date("next_review")))
