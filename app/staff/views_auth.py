"""Staff sign-in and account views: login (password, then the code or a recovery code),
logout (here or everywhere), the list of one's own sessions (ending one or all others), the
second factor and its recovery codes, the password change, the admin's user list (with the
reset of a user's second factor and ending a user's or everyone's sessions), and a small
landing page.

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

from app import passwords
from app.domain import accounts, audit
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
MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
MAX_PASSWORD_LENGTH = passwords.MAX_LENGTH
TOO_MANY = _l("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.")
WRONG_CODE = _l("Deze code klopt niet. Gebruik de code die nu in uw app staat.")


def password_error(password: str, user_inputs: tuple[str, ...] = ()) -> str | None:
    """The Dutch message for a password that is refused (the same rules as the CLI)."""
    return password_message(passwords.problem(password, user_inputs))


def password_message(problem: str | None) -> str | None:
    """The Dutch wording of an ``app.passwords`` problem (None: allowed)."""
    if problem == passwords.TOO_SHORT:
        return _("Het wachtwoord moet minstens %(min)d tekens hebben.", min=MIN_PASSWORD_LENGTH)
    if problem == passwords.TOO_LONG:
        return _("Het wachtwoord mag hoogstens %(max)d tekens hebben.", max=MAX_PASSWORD_LENGTH)
    if problem == passwords.TOO_GUESSABLE:
        return _("Dit wachtwoord is te makkelijk te raden. Kies een langere zin van een paar "
                 "gewone woorden die niet bij elkaar horen.")
    return None


def _attempt(user_email: str):
    return auth.begin_attempt(auth.account_key(user_email), auth.client_key(auth.client_address()))


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
    attempt = auth.begin_attempt(*keys)
    if attempt is None:
        log.warning("login refused: too many failures (account=%s client=%s)",
                    keys[0][:12], keys[1][:12])
        response = render_template(
            "staff/login.html", next_url=next_url, notice=None, email=email, error=TOO_MANY)
        return response, 429, {"Retry-After": str(auth.retry_after_seconds())}
    user = auth.check_credentials(email, password) if email and password else None
    if user is None:
        attempt.failed()
        db.session.commit()
        log.warning("login failed (account=%s client=%s)", keys[0][:12], keys[1][:12])
        return render_template(
            "staff/login.html", next_url=next_url, notice=None, email=email,
            error=_("Het e-mailadres of het wachtwoord klopt niet.")), 200

    attempt.succeeded()
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
    row = auth.signed_in_session()
    next_url = auth.safe_next(request.values.get("next"))
    if auth.session_step(row) != STEP_SECOND_FACTOR:
        return redirect(next_url or url_for("staff.home"))
    if request.method == "GET":
        return render_template("staff/login_code.html", next_url=next_url, error=None)
    user = row.user
    attempt = _attempt(user.email)
    if attempt is None:
        log.warning("second factor refused: too many failures user=%s", user.id)
        return render_template("staff/login_code.html", next_url=next_url, error=TOO_MANY), \
            429, {"Retry-After": str(auth.retry_after_seconds())}
    code = request.form.get("code", "")
    recovery = auth.looks_like_recovery_code(code)
    if recovery:
        accepted = auth.use_recovery_code(user, code)
    else:
        step = auth.verify_totp(user.totp_secret, code, user.totp_last_step)
        accepted = step is not None
    if not accepted:
        attempt.failed()
        db.session.commit()
        log.warning("second factor failed user=%s", user.id)
        error = (_("Deze herstelcode klopt niet of is al gebruikt.") if recovery
                 else str(WRONG_CODE))
        return render_template("staff/login_code.html", next_url=next_url, error=error)
    if recovery:
        audit.record(db.session, user, "recovery_code_used", "user", user.id)
        log.warning("login: recovery code used user=%s left=%d", user.id,
                    auth.recovery_codes_left(user))
    else:
        user.totp_last_step = step
    row.second_factor_at = auth.now()
    attempt.succeeded()
    auth.rotate_token(row)
    db.session.commit()
    log.info("login: second factor accepted user=%s", user.id)
    return redirect(next_url or url_for("staff.home"))


@bp.post("/logout")
@roles_required(*ALL_ROLES)
@allowed_during(STEP_SECOND_FACTOR, STEP_ENROL)
def logout():
    row = auth.signed_in_session()
    user_id = row.user_id
    auth.end_session(row)
    db.session.commit()
    log.info("logout user=%s", user_id)
    return redirect(url_for("staff.login", uitgelogd="1"))


@bp.post("/logout/everywhere")
@roles_required(*ALL_ROLES)
def logout_everywhere():
    """End every session of the signed-in user, on every device (this one too)."""
    row = auth.signed_in_session()
    user = row.user
    ended = auth.revoke_all(user)
    auth.end_session(row)
    audit.record(db.session, user, "logout_everywhere", "user", user.id)
    db.session.commit()
    log.info("logout everywhere user=%s sessions_ended=%d", user.id, ended)
    return redirect(url_for("staff.login", uitgelogd="1"))


# --- the user's own sessions (ASVS 7.5.2) ----------------------------------------------------

@bp.route("/account/sessions", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
def account_sessions():
    """Where the user is signed in (browser and system, when signed in, last used; this
    device marked), and ending one of those sessions or all others — after entering the
    password again, so a borrowed or stolen session cannot lock its owner out."""
    row = auth.signed_in_session()
    user = row.user
    error, status = None, 200
    message = {"beeindigd": _("De sessie is beëindigd. Dat apparaat moet opnieuw inloggen."),
               "andere": _("Al uw andere sessies zijn beëindigd.")}.get(
        request.args.get("melding", ""))
    if request.method == "POST":
        choice = request.form.get("sessie", "")
        target = None
        if choice != "andere":
            try:
                target = uuid.UUID(choice)
            except ValueError:
                abort(400)
        attempt = _attempt(user.email)
        if attempt is None:
            error, status = str(TOO_MANY), 429
        elif not user.check_password(request.form.get("password", "")):
            attempt.failed()
            db.session.commit()
            log.warning("ending a session: password wrong user=%s", user.id)
            error, status = _("Dit is niet uw huidige wachtwoord."), 422
        else:
            attempt.succeeded()
            if target is None:
                ended = auth.revoke_all(user, keep=row)
                audit.record(db.session, user, "other_sessions_ended", "user", user.id)
                db.session.commit()
                log.info("other sessions ended user=%s sessions_ended=%d", user.id, ended)
                return redirect(url_for("staff.account_sessions", melding="andere"))
            ended_row = auth.end_own_session(user, target)
            if ended_row is None:
                db.session.commit()
                abort(404)
            audit.record(db.session, user, "session_ended", "user", user.id)
            if ended_row.id == row.id:  # this very session: the same as signing out
                auth.end_session(row)
                db.session.commit()
                log.info("session ended (this one) user=%s", user.id)
                return redirect(url_for("staff.login", uitgelogd="1"))
            db.session.commit()
            log.info("session ended user=%s", user.id)
            return redirect(url_for("staff.account_sessions", melding="beeindigd"))
    headers = {"Retry-After": str(auth.retry_after_seconds())} if status == 429 else {}
    return render_template("staff/account_sessions.html", sessions=auth.live_sessions(user),
                           current=row, error=error, message=message), status, headers


# --- password change -------------------------------------------------------------------------

@bp.route("/account/password", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
def account_password():
    row = auth.signed_in_session()
    user = row.user
    errors: dict[str, str] = {}
    message = _("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.") \
        if request.args.get("melding") == "gewijzigd" else None
    if request.method == "POST":
        current = request.form.get("current_password", "")
        new = request.form.get("new_password", "")
        repeat = request.form.get("new_password_repeat", "")
        attempt = _attempt(user.email)
        if attempt is None:
            return render_template("staff/account_password.html", errors={"current_password": TOO_MANY},
                                   message=None, min_length=MIN_PASSWORD_LENGTH), \
                429, {"Retry-After": str(auth.retry_after_seconds())}
        if not user.check_password(current):
            attempt.failed()
            db.session.commit()
            log.warning("password change: current password wrong user=%s", user.id)
            errors["current_password"] = _("Dit is niet uw huidige wachtwoord.")
        else:
            attempt.succeeded()
            db.session.commit()
            problem = password_error(new, (user.email, user.display_name or ""))
            if problem:
                errors["new_password"] = problem
            elif new != repeat:
                errors["new_password_repeat"] = _("De twee nieuwe wachtwoorden zijn niet gelijk.")
            elif new == current:
                errors["new_password"] = _("Kies een ander wachtwoord dan het huidige.")
        if not errors:
            user.set_password(new)
            ended = auth.revoke_all(user, keep=row)
            auth.rotate_token(row)
            audit.record(db.session, user, "password_changed", "user", user.id)
            db.session.commit()
            log.info("password changed user=%s other_sessions_ended=%d", user.id, ended)
            return redirect(url_for("staff.account_password", melding="gewijzigd"))
    return render_template("staff/account_password.html", errors=errors, message=message,
                           min_length=MIN_PASSWORD_LENGTH), (422 if errors else 200)


# --- landing page (placeholder for the worklist) -------------------------------------------

@bp.get("/")
@roles_required(*ALL_ROLES)
def home():
    return render_template("staff/home.html", user=auth.signed_in_staff())


# --- second factor ---------------------------------------------------------------------------

@bp.route("/account/2fa", methods=["GET", "POST"])
@roles_required(*ALL_ROLES)
@allowed_during(STEP_ENROL)
def account_2fa():
    """Set up the second factor (required for every role before anything else), and make new
    recovery codes.  It cannot be switched off; an admin can reset it."""
    row = auth.signed_in_session()
    user = row.user
    error = None
    message = {"aan": _("Tweestapsverificatie staat aan.")}.get(request.args.get("melding", ""))
    if request.method == "POST":
        action = request.form.get("action")
        if action not in ("enrol", "recovery") or (action == "enrol") == bool(user.totp_secret):
            abort(400)
        if action == "enrol" and not row.pending_totp_secret:
            abort(400)
        attempt = _attempt(user.email)
        if attempt is None:
            error = str(TOO_MANY)
        elif action == "enrol":
            step = auth.verify_totp(row.pending_totp_secret, request.form.get("code", ""))
            if step is not None:
                user.totp_secret = row.pending_totp_secret
                user.totp_last_step = step
                row.pending_totp_secret = None
                row.second_factor_at = auth.now()
                attempt.succeeded()
                auth.rotate_token(row)
                codes = auth.new_recovery_codes(user)
                audit.record(db.session, user, "second_factor_enrolled", "user", user.id)
                db.session.commit()
                log.info("second factor enrolled user=%s", user.id)
                return _render_recovery_codes(codes, first=True)
            error = str(WRONG_CODE)
        else:  # new recovery codes, with a fresh code from the app
            step = auth.verify_totp(user.totp_secret, request.form.get("code", ""),
                                    user.totp_last_step)
            if step is not None:
                user.totp_last_step = step
                attempt.succeeded()
                codes = auth.new_recovery_codes(user)
                audit.record(db.session, user, "recovery_codes_renewed", "user", user.id)
                db.session.commit()
                log.info("recovery codes renewed user=%s", user.id)
                return _render_recovery_codes(codes, first=False)
            error = str(WRONG_CODE)
        if attempt is not None:
            attempt.failed()
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
        codes_left=auth.recovery_codes_left(user) if user.totp_secret else None,
        secret=secret, secret_groups=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
        if secret else None,
        uri=auth.provisioning_uri(secret, user) if secret else None,
    ), (200 if error is None else (429 if error == str(TOO_MANY) else 422))


def _render_recovery_codes(codes: list[str], *, first: bool):
    """The recovery codes, shown this once (staff pages are never cached)."""
    return render_template("staff/recovery_codes.html", codes=codes, first=first)


# --- user administration (admin) -------------------------------------------------------------

@bp.get("/admin/users")
@roles_required("admin")
def admin_users():
    message = {"aangemaakt": _("Het account is aangemaakt. Bij de eerste keer inloggen zet de "
                               "gebruiker tweestapsverificatie aan."),
               "hersteld": _("De tweestapsverificatie is gewist en alle sessies zijn beëindigd. "
                             "Bij de volgende keer inloggen zet de gebruiker haar opnieuw aan."),
               "uitgezet": _("Het account is uitgezet. Alle sessies zijn beëindigd."),
               "sessies": _("Alle sessies van deze gebruiker zijn beëindigd."),
               "alle-sessies": _("Alle sessies van alle gebruikers zijn beëindigd, behalve uw "
                                 "eigen sessie."),
               "aangezet": _("Het account is weer actief.")}.get(request.args.get("melding", ""))
    return _render_users(message=message)


def _render_users(errors: dict | None = None, form: dict | None = None, message=None):
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    live = {user.id: len(auth.live_sessions(user)) for user in users}
    return render_template("staff/admin_users.html", users=users, live=live, errors=errors or {},
                           form=form or {}, message=message, roles=ALL_ROLES,
                           me=auth.signed_in_staff(), min_length=MIN_PASSWORD_LENGTH)


@bp.post("/admin/users")
@roles_required("admin")
def admin_create_user():
    account = accounts.new_account(request.form.get("email"), request.form.get("role"),
                                   request.form.get("display_name"))
    password = request.form.get("password", "")
    try:
        user = accounts.create_user(db.session, account, password)
    except accounts.AccountRefused as refused:
        db.session.rollback()
        form = {"email": account.email, "display_name": account.display_name or "",
                "role": account.role}
        return _render_users(errors=_account_errors(refused.problems), form=form), 422
    db.session.commit()
    log.info("account created user=%s role=%s by=%s", user.id, user.role,
             auth.signed_in_staff().id)
    return redirect(url_for("staff.admin_users", melding="aangemaakt"))


ACCOUNT_PROBLEMS = {
    accounts.EMAIL_INVALID: _l("Vul een geldig e-mailadres in, bijvoorbeeld naam@voormekaar.nl."),
    accounts.EMAIL_TAKEN: _l("Er is al een account met dit e-mailadres."),
    accounts.NAME_TOO_LONG: _l("De naam mag hoogstens 120 tekens hebben."),
    accounts.ROLE_UNKNOWN: _l("Kies een rol."),
}


def _account_errors(problems: dict[str, str]) -> dict[str, str]:
    """The Dutch message per field of the new-account form."""
    errors = {field: str(ACCOUNT_PROBLEMS[code]) for field, code in problems.items()
              if code in ACCOUNT_PROBLEMS}
    if "password" in problems:
        errors["password"] = password_message(problems["password"]) or ""
    return errors


@bp.post("/admin/users/<uuid:user_id>/deactivate")
@roles_required("admin")
def admin_deactivate_user(user_id: uuid.UUID):
    user = db.session.get(User, user_id) or abort(404)
    me = auth.signed_in_staff()
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
    log.info("account activated user=%s by=%s", user.id, auth.signed_in_staff().id)
    return redirect(url_for("staff.admin_users", melding="aangezet"))


@bp.post("/admin/users/<uuid:user_id>/reset-2fa")
@roles_required("admin")
def admin_reset_second_factor(user_id: uuid.UUID):
    """For a user who lost the phone and the recovery codes: after checking who asks (in
    person or by calling back), remove their second factor; the next sign-in sets up a new
    one.  Audited, and every session of the user ends."""
    user = db.session.get(User, user_id) or abort(404)
    me = auth.signed_in_staff()
    if user.id == me.id:
        return _render_users(message=_("Een andere beheerder moet uw tweestapsverificatie "
                                       "wissen.")), 409
    ended = auth.reset_second_factor(user)
    audit.record(db.session, me, "reset_2fa", "user", user.id,
                 remote_addr=request.remote_addr)
    db.session.commit()
    log.warning("second factor reset user=%s by=%s sessions_ended=%d", user.id, me.id, ended)
    return redirect(url_for("staff.admin_users", melding="hersteld"))


@bp.post("/admin/users/<uuid:user_id>/end-sessions")
@roles_required("admin")
def admin_end_sessions(user_id: uuid.UUID):
    """End every session of one user (a lost laptop, a suspicion), without changing the
    account; the admin's own current session stays."""
    user = db.session.get(User, user_id) or abort(404)
    me = auth.signed_in_staff()
    ended = auth.revoke_all(user, keep=auth.current_session())
    audit.record(db.session, me, "sessions_ended", "user", user.id,
                 remote_addr=request.remote_addr)
    db.session.commit()
    log.warning("sessions ended by an admin user=%s by=%s sessions_ended=%d", user.id, me.id,
                ended)
    return redirect(url_for("staff.admin_users", melding="sessies"))


@bp.post("/admin/sessions/end-all")
@roles_required("admin")
def admin_end_all_sessions():
    """End every session of every user (e.g. after a suspected leak of the session table or
    the secret key); everyone signs in again.  The admin's own current session stays."""
    me = auth.signed_in_staff()
    ended = auth.revoke_everyone(keep=auth.current_session())
    audit.record(db.session, me, "all_sessions_ended", "user", None,
                 remote_addr=request.remote_addr)
    db.session.commit()
    log.warning("all sessions ended by an admin by=%s sessions_ended=%d", me.id, ended)
    return redirect(url_for("staff.admin_users", melding="alle-sessies"))
