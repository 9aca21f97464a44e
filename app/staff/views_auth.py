"""Staff sign-in and account views: login (password, then the code), logout, the second
factor, the admin's user list, and a small landing page.

The landing page (``home``, at /staff/) is a placeholder for the worklist: replace that one
view, keep the endpoint name ``staff.home`` (sign-in redirects there).
"""

from __future__ import annotations

import logging
import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models.user import User
from app.staff import auth, bp
from app.staff.auth import (
    ALL_ROLES,
    STEP_ENROL,
    STEP_SECOND_FACTOR,
    allowed_during,
    public,
    roles_required,
)

log = logging.getLogger("berkellandwijzer.security")

ROLE_LABELS = {
    "staff": _l("Medewerker Voormekaar"),
    "editor": _l("Welzijnswerker (redacteur)"),
    "manager": _l("Manager"),
    "admin": _l("Beheerder"),
}
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


@bp.app_template_filter("role_label")
def _role_label_filter(role: str) -> str:
    return role_label(role)


# --- sign in ---------------------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    next_url = auth.safe_next(request.values.get("next"))
    row = auth.load_session()
    if row is not None and request.method == "GET":
        step = auth.session_step(row)
        if step == STEP_SECOND_FACTOR:
            return redirect(url_for("staff.login_code", next=next_url))
        if step == STEP_ENROL:
            return redirect(url_for("staff.account_2fa"))
        return redirect(next_url or url_for("staff.home"))
    notice = None
    if request.args.get("verlopen"):
        notice = _("U was een tijd niet actief. Log opnieuw in.")
    elif request.args.get("uitgelogd"):
        notice = _("U bent uitgelogd.")
    if request.method == "GET":
        return render_template("staff/login.html", next_url=next_url, notice=notice, error=None,
                               email="")

    email = auth.normalise_email(request.form.get("email", ""))
    password = request.form.get("password", "")
    keys = (auth.account_key(email), auth.client_key(auth.client_address()))
    if auth.is_throttled(*keys):
        log.warning("login refused: too many failures (account=%s client=%s)",
                    keys[0][:12], keys[1][:12])
        response = render_template(
            "staff/login.html", next_url=next_url, notice=None, email=email,
            error=_("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw."))
        return response, 429, {"Retry-After": str(auth.retry_after_seconds())}
    user = auth.check_credentials(email, password) if email and password else None
    if user is None:
        auth.record_failure(*keys)
        db.session.commit()
        log.warning("login failed (account=%s client=%s)", keys[0][:12], keys[1][:12])
        return render_template(
            "staff/login.html", next_url=next_url, notice=None, email=email,
            error=_("Het e-mailadres of het wachtwoord klopt niet.")), 200

    auth.clear_failures(keys[0])
    if row is not None:
        auth.end_session(row)
    row = auth.start_session(user)
    user.last_login_at = auth.now()
    db.session.commit()
    log.info("login: password accepted user=%s role=%s", user.id, user.role)
    step = auth.session_step(row)
    if step == STEP_SECOND_FACTOR:
        return redirect(url_for("staff.login_code", next=next_url))
    if step == STEP_ENROL:
        return redirect(url_for("staff.account_2fa"))
    return redirect(next_url or url_for("staff.home"))


@bp.route("/login/code", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
@allowed_during(STEP_SECOND_FACTOR)
def login_code():
    row = auth.current_session()
    next_url = auth.safe_next(request.values.get("next"))
    if auth.session_step(row) != STEP_SECOND_FACTOR:
        return redirect(next_url or url_for("staff.home"))
    if request.method == "GET":
        return render_template("staff/login_code.html", next_url=next_url, error=None)
    user = row.user
    keys = (auth.account_key(user.email), auth.client_key(auth.client_address()))
    if auth.is_throttled(*keys):
        log.warning("second factor refused: too many failures user=%s", user.id)
        return render_template(
            "staff/login_code.html", next_url=next_url,
            error=_("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw."),
        ), 429, {"Retry-After": str(auth.retry_after_seconds())}
    step = auth.verify_totp(user.totp_secret, request.form.get("code", ""), user.totp_last_step)
    if step is None:
        auth.record_failure(*keys)
        db.session.commit()
        log.warning("second factor failed user=%s", user.id)
        return render_template("staff/login_code.html", next_url=next_url,
                               error=_("Deze code klopt niet. Gebruik de code die nu in uw app staat."))
    user.totp_last_step = step
    row.second_factor_at = auth.now()
    auth.clear_failures(keys[0])
    auth.rotate_token(row)
    db.session.commit()
    log.info("login: second factor accepted user=%s", user.id)
    return redirect(next_url or url_for("staff.home"))


@bp.post("/logout")
@roles_required(*ALL_ROLES)
@allowed_during(STEP_SECOND_FACTOR, STEP_ENROL)
def logout():
    row = auth.current_session()
    user_id = row.user_id
    auth.end_session(row)
    db.session.commit()
    log.info("logout user=%s", user_id)
    return redirect(url_for("staff.login", uitgelogd="1"))


# --- landing page (placeholder for the worklist) -------------------------------------------

@bp.get("/")
@roles_required(*ALL_ROLES)
def home():
    return render_template("staff/home.html", user=auth.current_staff())


# --- second factor ---------------------------------------------------------------------------

@bp.route("/account/2fa", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
@allowed_during(STEP_ENROL)
def account_2fa():
    row = auth.current_session()
    user = row.user
    error = None
    message = {"aan": _("Tweestapsverificatie staat aan."),
               "uit": _("Tweestapsverificatie staat uit.")}.get(request.args.get("melding", ""))
    if request.method == "POST":
        action = request.form.get("action")
        keys = (auth.account_key(user.email), auth.client_key(auth.client_address()))
        if auth.is_throttled(*keys):
            error = _("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.")
        elif action == "enrol" and not user.totp_secret and row.pending_totp_secret:
            step = auth.verify_totp(row.pending_totp_secret, request.form.get("code", ""))
            if step is not None:
                user.totp_secret = row.pending_totp_secret
                user.totp_last_step = step
                row.pending_totp_secret = None
                row.second_factor_at = auth.now()
                auth.rotate_token(row)
                db.session.commit()
                log.info("second factor enrolled user=%s", user.id)
                return redirect(url_for("staff.account_2fa", melding="aan"))
            error = _("Deze code klopt niet. Gebruik de code die nu in uw app staat.")
        elif action == "disable" and user.totp_secret and user.role != "admin":
            step = auth.verify_totp(user.totp_secret, request.form.get("code", ""),
                                    user.totp_last_step)
            if step is not None:
                user.totp_secret = None
                user.totp_last_step = None
                db.session.commit()
                log.info("second factor switched off user=%s", user.id)
                return redirect(url_for("staff.account_2fa", melding="uit"))
            error = _("Deze code klopt niet. Gebruik de code die nu in uw app staat.")
        else:
            abort(400)
        if error:
            auth.record_failure(*keys)
            db.session.commit()
            log.warning("second factor check failed on the account page user=%s", user.id)
    secret = None
    if not user.totp_secret:
        if not row.pending_totp_secret:
            row.pending_totp_secret = auth.new_totp_secret()
            db.session.commit()
        secret = row.pending_totp_secret
    return render_template(
        "staff/account_2fa.html", user=user, error=error, message=message,
        must_enrol=auth.session_step(row) == STEP_ENROL,
        secret=secret, secret_groups=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
        if secret else None,
        uri=auth.provisioning_uri(secret, user) if secret else None,
    ), (200 if error is None else 422)


# --- user administration (admin) -------------------------------------------------------------

@bp.get("/admin/users")
@roles_required("admin")
def admin_users():
    message = {"aangemaakt": _("Het account is aangemaakt."),
               "uitgezet": _("Het account is uitgezet. Alle sessies zijn beëindigd."),
               "aangezet": _("Het account is weer actief.")}.get(request.args.get("melding", ""))
    return _render_users(message=message)


def _render_users(errors: dict | None = None, form: dict | None = None, message=None):
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("staff/admin_users.html", users=users, errors=errors or {},
                           form=form or {}, message=message, roles=ALL_ROLES,
                           me=auth.current_staff(), min_length=MIN_PASSWORD_LENGTH)


@bp.post("/admin/users")
@roles_required("admin")
def admin_create_user():
    form = {
        "email": auth.normalise_email(request.form.get("email", "")),
        "display_name": request.form.get("display_name", "").strip(),
        "role": request.form.get("role", ""),
    }
    password = request.form.get("password", "")
    errors = {}
    if "@" not in form["email"] or len(form["email"]) > 255 or " " in form["email"]:
        errors["email"] = _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voormekaar.nl.")
    elif db.session.scalar(select(User.id).where(User.email == form["email"])):
        errors["email"] = _("Er is al een account met dit e-mailadres.")
    if len(form["display_name"]) > 120:
        errors["display_name"] = _("De naam mag hoogstens 120 tekens hebben.")
    if form["role"] not in ALL_ROLES:
        errors["role"] = _("Kies een rol.")
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        errors["password"] = _("Het wachtwoord moet minstens %(min)d tekens hebben.",
                               min=MIN_PASSWORD_LENGTH)
    if errors:
        return _render_users(errors=errors, form=form), 422
    user = User(email=form["email"], display_name=form["display_name"] or None, role=form["role"],
                is_active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    log.info("account created user=%s role=%s by=%s", user.id, user.role, auth.current_staff().id)
    return redirect(url_for("staff.admin_users", melding="aangemaakt"))


@bp.post("/admin/users/<uuid:user_id>/deactivate")
@roles_required("admin")
def admin_deactivate_user(user_id: uuid.UUID):
    user = db.session.get(User, user_id) or abort(404)
    me = auth.current_staff()
    if user.id == me.id:
        return _render_users(message=_("U kunt uw eigen account niet uitzetten.")), 409
    user.is_active = False
    ended = auth.revoke_all(user)
    db.session.commit()
    log.info("account deactivated user=%s by=%s sessions_ended=%d", user.id, me.id, ended)
    return redirect(url_for("staff.admin_users", melding="uitgezet"))


@bp.post("/admin/users/<uuid:user_id>/activate")
@roles_required("admin")
def admin_activate_user(user_id: uuid.UUID):
    user = db.session.get(User, user_id) or abort(404)
    user.is_active = True
    db.session.commit()
    log.info("account activated user=%s by=%s", user.id, auth.current_staff().id)
    return redirect(url_for("staff.admin_users", melding="aangezet"))
