"""Kernteams (admin): create or rename a kernteam and choose its kernen; set a kerncoach's
kernteam, specialism (aandachtsfunctionaris for a concern) and coach training.

Admin only (and, as every staff page, behind the second factor); every form posts with
the CSRF token; the rules are checked in ``app.domain.teams``; every change is audited
(ids and codes, no names).
"""

from __future__ import annotations

import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.domain import audit, queries, teams
from app.extensions import db
from app.models import Team, User
from app.models.user import SPECIALISMS
from app.staff import bp
from app.staff.auth import roles_required, signed_in_staff

MESSAGES = {
    "aangemaakt": lambda: _("Het kernteam is aangemaakt."),
    "opgeslagen": lambda: _("Het kernteam is opgeslagen."),
    "medewerker": lambda: _("De gegevens van de medewerker zijn opgeslagen."),
    "ongewijzigd": lambda: _("Er is niets veranderd."),
}


def _audit(action: str, object_type: str, object_id, detail: str | None = None) -> None:
    audit.record(db.session, signed_in_staff(), action, object_type, object_id,
                 remote_addr=request.remote_addr, detail=detail)


def _page(error: teams.TeamError | None = None, target: str = "", form=None):
    staff = list(db.session.scalars(select(User).where(User.role == teams.TEAM_ROLE)
                                    .order_by(User.display_name, User.email)))
    message = MESSAGES.get(request.args.get("melding", ""))
    return render_template("staff/kernteams.html", teams=teams.teams(db.session),
                           kernen=queries.kernen(db.session), staff=staff,
                           specialisms=SPECIALISMS, error=error, target=target,
                           form=form or {}, message=message() if message else None), (
        422 if error else 200)


@bp.get("/admin/teams")
@roles_required("admin")
def kernteams():
    return _page()


@bp.post("/admin/teams")
@roles_required("admin")
def kernteam_create():
    return _save(None, "nieuw")


@bp.post("/admin/teams/<uuid:team_id>")
@roles_required("admin")
def kernteam_update(team_id: uuid.UUID):
    team = db.session.get(Team, team_id) or abort(404)
    return _save(team, f"team-{team.id}")


def _save(team: Team | None, target: str):
    try:
        saved, changes = teams.save_team(db.session, team, request.form.get("name", ""),
                                         request.form.getlist("kern"))
    except teams.TeamError as exc:
        db.session.rollback()
        return _page(exc, target, request.form)
    if not changes:
        db.session.rollback()
        return redirect(url_for("staff.kernteams", melding="ongewijzigd"))
    _audit("team_created" if team is None else "team_changed", "team", saved.id,
           detail=",".join(changes) + " kernen=" + ",".join(str(k.id)[:8] for k in saved.kernen))
    db.session.commit()
    return redirect(url_for("staff.kernteams",
                            melding="aangemaakt" if team is None else "opgeslagen")
                    + f"#team-{saved.id}")


@bp.post("/admin/teams/medewerker/<uuid:user_id>")
@roles_required("admin")
def kernteam_staff(user_id: uuid.UUID):
    user = db.session.get(User, user_id) or abort(404)
    try:
        changes = teams.set_profile(db.session, user, team_id=request.form.get("team") or None,
                                    specialism=request.form.get("specialism") or None,
                                    coach_qualified=request.form.get("coach") == "1")
    except teams.TeamError as exc:
        db.session.rollback()
        return _page(exc, f"medewerker-{user.id}", request.form)
    if not changes:
        db.session.rollback()
        return redirect(url_for("staff.kernteams", melding="ongewijzigd"))
    _audit("staff_profile_changed", "user", user.id, detail=";".join(changes))
    db.session.commit()
    return redirect(url_for("staff.kernteams", melding="medewerker") + f"#medewerker-{user.id}")
