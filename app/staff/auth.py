"""Staff sign-in: server-side sessions, the second factor, throttling and access control.

Everything that must be shared between workers lives in the database (``StaffSession``,
``LoginFailure``); the browser's Flask session cookie carries only a random token.

Access control is deny-by-default.  Every request to a path under ``/staff`` goes through
``guard`` (registered first among the ``before_request`` functions), which looks up what
the endpoint's view declared:

* ``@roles_required("staff", "editor")`` — signed-in users with one of these roles;
* ``@public`` — anyone (only the login page);
* nothing — refused for everybody (and logged as a programming error).

A signed-in user in the middle of signing in (second factor still to give, or a user of any
role who must first set up the second factor) reaches only views marked
``@allowed_during(step)``.  Every role signs in with a password and a second factor: a TOTP
code, or once per code one of the recovery codes shown at enrolment.

Throttling counts per account and per client address separately, each with its own limit
(the address limit is higher, so one office behind one address can still sign in).  An
attempt is counted (written and committed) before the password or code is checked, and
refused when the count is then over a limit; so parallel attempts cannot all slip under it.

Public helpers for other modules: ``current_staff()``, ``roles_required(*roles)``,
``public``, ``allowed_during(*steps)``, ``declared_roles(view)``, ``ALL_ROLES``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import secrets
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, cast, overload
from urllib.parse import unquote, urlsplit

import pyotp
from flask import (
    Flask,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import CursorResult, Result, delete, func, select, update

from app.extensions import db
from app.models.auth import LoginFailure, RecoveryCode, StaffSession
from app.models.user import ROLES, User

log = logging.getLogger("berkellandwijzer.security")

ALL_ROLES: tuple[str, ...] = ROLES
PUBLIC = frozenset({"<public>"})  # marker: no sign-in needed
ROLES_ATTR = "_staff_roles"
STEPS_ATTR = "_staff_steps"
SESSION_KEY = "staff_token"
STAFF_PREFIX = "/staff"
API_PREFIX = "/staff/api"
# Steps of signing in in which a session is not yet complete.
STEP_SECOND_FACTOR = "second_factor"  # the user has TOTP; the code is still to come
STEP_ENROL = "enrol"  # a user without TOTP (any role): must set it up before anything else
TOTP_ISSUER = "Berkellandwijzer"
TOUCH_EVERY = timedelta(seconds=30)  # write last_seen_at at most this often
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_BYTES = 15  # 120 random bits: 24 base32 characters, shown in groups of four


# --- clock --------------------------------------------------------------------------------

def now() -> datetime:
    """The current UTC time; tests set ``app.config["STAFF_CLOCK"]`` to a callable."""
    clock = current_app.config.get("STAFF_CLOCK")
    return clock() if clock else datetime.now(UTC)


@overload
def _aware(value: datetime) -> datetime: ...
@overload
def _aware(value: None) -> None: ...
def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# --- declarations (the endpoint → roles registry lives on the view functions) ------------

def roles_required(*roles: str) -> Callable:
    """Allow signed-in users with one of ``roles``; everyone else is refused."""
    unknown = set(roles) - set(ALL_ROLES)
    if not roles or unknown:
        raise ValueError(f"roles_required needs roles from {ALL_ROLES}, got {roles!r}")
    allowed = frozenset(roles)

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            # The guard has already checked a /staff path; this keeps the promise when a
            # decorated view is mounted elsewhere.
            if not _is_staff_path(request.path):
                refusal = _check_access(allowed, getattr(wrapper, STEPS_ATTR, frozenset()))
                if refusal is not None:
                    return refusal
            return view(*args, **kwargs)

        setattr(wrapper, ROLES_ATTR, allowed)
        setattr(wrapper, STEPS_ATTR, getattr(view, STEPS_ATTR, frozenset()))
        return wrapper

    return decorate


def public(view: Callable) -> Callable:
    """Reachable without signing in (the login page, nothing else)."""
    setattr(view, ROLES_ATTR, PUBLIC)
    return view


def allowed_during(*steps: str) -> Callable:
    """Also reachable by a session that is still in one of these sign-in steps."""
    def decorate(view: Callable) -> Callable:
        setattr(view, STEPS_ATTR, frozenset(steps) | getattr(view, STEPS_ATTR, frozenset()))
        return view

    return decorate


def declared_roles(view: Callable | None) -> frozenset[str] | None:
    """What a view declared: a set of roles, ``PUBLIC``, or None (nothing: denied)."""
    return getattr(view, ROLES_ATTR, None) if view is not None else None


def endpoint_roles(app: Flask, endpoint: str) -> frozenset[str] | None:
    return declared_roles(app.view_functions.get(endpoint))


# --- tokens and keyed hashes -------------------------------------------------------------

def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _keyed(kind: str, value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def account_key(email: str) -> str:
    return _keyed("account", normalise_email(email))


def client_key(address: str | None) -> str:
    return _keyed("client", address or "-")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def client_address() -> str:
    return request.remote_addr or "-"


# --- sessions ----------------------------------------------------------------------------

def _state() -> dict:
    """Per-request memo.  Not ``g``: an app context (and its ``g``) can outlive one request."""
    return request.environ.setdefault("berkellandwijzer.staff", {})


def _forget_csrf_token() -> None:
    # Flask-WTF caches the signed token in g; it belongs to the session just cleared.
    g.pop("csrf_token", None)


def start_session(user: User) -> StaffSession:
    """A new session for ``user``: whatever the browser had before is dropped (rotation)."""
    session.clear()
    _forget_csrf_token()
    token = secrets.token_urlsafe(32)
    moment = now()
    row = StaffSession(token_hash=hash_token(token), user=user, created_at=moment,
                       last_seen_at=moment,
                       device=device_summary(request.headers.get("User-Agent")))
    db.session.add(row)
    session[SESSION_KEY] = token
    _state()["session"] = row
    return row


def rotate_token(row: StaffSession) -> None:
    """A new token for the same session (after the second factor: more rights, new id)."""
    token = secrets.token_urlsafe(32)
    row.token_hash = hash_token(token)
    session.clear()
    _forget_csrf_token()
    session[SESSION_KEY] = token


def end_session(row: StaffSession | None) -> None:
    if row is not None and row.revoked_at is None:
        row.revoked_at = now()
    session.clear()
    _forget_csrf_token()
    _state()["session"] = None


def revoke_all(user: User, *, keep: StaffSession | None = None) -> int:
    """End every session of ``user`` (deactivation, second factor reset, "sign out
    everywhere"), except ``keep`` (the session that changed the password)."""
    query = (update(StaffSession)
             .where(StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None))
             .values(revoked_at=now()))
    if keep is not None:
        query = query.where(StaffSession.id != keep.id)
    return _rowcount(db.session.execute(query))


def revoke_everyone(*, keep: StaffSession | None = None) -> int:
    """End every session of every user (an admin's emergency stop), except ``keep``."""
    query = update(StaffSession).where(StaffSession.revoked_at.is_(None)).values(revoked_at=now())
    if keep is not None:
        query = query.where(StaffSession.id != keep.id)
    return _rowcount(db.session.execute(query))


def _rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE changed (its result is a ``CursorResult``)."""
    return cast("CursorResult[Any]", result).rowcount or 0


def _idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])


def _lifetime() -> timedelta:
    return timedelta(hours=current_app.config["STAFF_SESSION_MAX_HOURS"])


def is_live(row: StaffSession, moment: datetime | None = None) -> bool:
    """Not ended, not idle too long, not older than the longest lifetime."""
    moment = moment or now()
    return (row.revoked_at is None and moment - _aware(row.last_seen_at) <= _idle_limit()
            and moment - _aware(row.created_at) <= _lifetime())


def live_sessions(user: User) -> list[StaffSession]:
    """The user's sessions that would still be let in, most recently used first."""
    rows = db.session.scalars(select(StaffSession).where(
        StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None))).all()
    moment = now()
    return sorted((row for row in rows if is_live(row, moment)),
                  key=lambda row: _aware(row.last_seen_at), reverse=True)


def end_own_session(user: User, session_id) -> StaffSession | None:
    """End one of ``user``'s own live sessions; None when ``session_id`` is not one (another
    user's session is never found, so its id reveals nothing)."""
    row = db.session.get(StaffSession, session_id)
    if row is None or row.user_id != user.id or not is_live(row):
        return None
    row.revoked_at = now()
    return row


# Browser and system names, checked in this order (Edge and Opera also say "Chrome", Chrome
# also says "Safari", Android also says "Linux").
_BROWSERS = (("Edg", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"),
             ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"),
             ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome/", "Chrome"),
             ("Chromium", "Chromium"), ("Safari/", "Safari"))
_SYSTEMS = (("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"),
            ("Windows", "Windows"), ("Macintosh", "macOS"), ("Mac OS X", "macOS"),
            ("Linux", "Linux"))


def device_summary(user_agent: str | None) -> str | None:
    """'Firefox, Windows' from a User-Agent header: enough to recognise a sign-in in the
    list, nothing more (no versions, no device model).  None when neither is recognised."""
    text = (user_agent or "")[:512]
    browser = next((name for marker, name in _BROWSERS if marker in text), None)
    system = next((name for marker, name in _SYSTEMS if marker in text), None)
    return ", ".join(part for part in (browser, system) if part) or None


def load_session() -> StaffSession | None:
    """The live session of this request, or None.  Ends sessions that idled too long."""
    state = _state()
    if "session" in state:
        return state["session"]
    state["session"] = None
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    row = db.session.scalar(select(StaffSession).where(StaffSession.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        return None
    moment = now()
    idle, longest = _idle_limit(), _lifetime()
    reason = None
    if not row.user.is_active:
        reason = "account inactive"
    elif moment - _aware(row.last_seen_at) > idle:
        reason = "idle"
    elif moment - _aware(row.created_at) > longest:
        reason = "too long"
    if reason:
        row.revoked_at = moment
        db.session.commit()
        log.info("staff session ended: user=%s reason=%s", row.user_id, reason)
        state["expired"] = True
        return None
    state["session"] = row
    return row


def touch(row: StaffSession) -> None:
    moment = now()
    if moment - _aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = moment
        db.session.commit()


def session_step(row: StaffSession) -> str | None:
    """Which sign-in step this session is still in (None: complete)."""
    if row.user.totp_secret:
        return None if row.second_factor_at else STEP_SECOND_FACTOR
    return STEP_ENROL  # every role: no second factor yet, so set one up first


def current_staff() -> User | None:
    """The signed-in staff user of this request, only once signing in is complete."""
    row = load_session()
    if row is None or session_step(row) is not None:
        return None
    return row.user


def current_session() -> StaffSession | None:
    return load_session()


def signed_in_staff() -> User:
    """``current_staff()`` in a view behind ``roles_required``, where there always is one."""
    user = current_staff()
    if user is None:  # not reached: the access check (``guard``) sent the request away
        abort(401)
    return user


def signed_in_session() -> StaffSession:
    """``current_session()`` in a view that needs a session (any sign-in step)."""
    row = current_session()
    if row is None:  # not reached: the access check (``guard``) sent the request away
        abort(401)
    return row


# --- throttling ----------------------------------------------------------------------------

def _window() -> timedelta:
    return timedelta(minutes=current_app.config["STAFF_LOGIN_WINDOW_MINUTES"])


def _limits() -> tuple[int, int]:
    """(per account, per client address)."""
    config = current_app.config
    return (config["STAFF_LOGIN_MAX_FAILURES"], config["STAFF_LOGIN_MAX_FAILURES_PER_ADDRESS"])


def _count(key: str, since: datetime) -> int:
    return db.session.scalar(
        select(func.count()).select_from(LoginFailure)
        .where(LoginFailure.key_hash == key, LoginFailure.failed_at > since)) or 0


def is_throttled(*keys: str) -> bool:
    """True when any key has had its maximum number of failures within the window (the
    first key is an account, any further key a client address)."""
    account_limit, address_limit = _limits()
    since = now() - _window()
    return any(_count(key, since) >= (account_limit if number == 0 else address_limit)
               for number, key in enumerate(keys))


class Attempt:
    """One counted sign-in attempt (see ``begin_attempt``)."""

    def __init__(self, account: str, rows: list[LoginFailure]):
        self.account = account
        self.row_ids = [row.id for row in rows]

    def succeeded(self) -> None:
        """The password or code was right: the account starts again from nothing, and this
        attempt no longer counts against the address.  The caller commits."""
        clear_failures(self.account)
        db.session.execute(delete(LoginFailure).where(LoginFailure.id.in_(self.row_ids)))

    def failed(self) -> None:
        """The attempt stays counted (it is already stored)."""


def begin_attempt(account: str, client: str) -> Attempt | None:
    """Count an attempt on ``account`` from ``client`` *before* checking anything, then look
    at the counts: None (refused, nothing to check) when either is over its limit.

    The attempt rows are committed before counting.  Every attempt therefore sees at least
    the attempts committed before its own, so of N parallel attempts at most ``limit`` see a
    count within the limit, whatever the interleaving (READ COMMITTED on PostgreSQL,
    serialised writes on SQLite): the check and the count cannot be raced apart."""
    moment = now()
    # Old rows say nothing any more: keep the table small.
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= moment - _window()))
    rows = [LoginFailure(key_hash=account, failed_at=moment),
            LoginFailure(key_hash=client, failed_at=moment)]
    db.session.add_all(rows)
    db.session.commit()
    since = moment - _window()
    account_limit, address_limit = _limits()
    if _count(account, since) > account_limit or _count(client, since) > address_limit:
        # A refused attempt is not checked and does not extend the lock.
        db.session.execute(delete(LoginFailure).where(
            LoginFailure.id.in_([row.id for row in rows])))
        db.session.commit()
        return None
    return Attempt(account, rows)


def record_failure(*keys: str) -> None:
    moment = now()
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= moment - _window()))
    for key in keys:
        db.session.add(LoginFailure(key_hash=key, failed_at=moment))


def clear_failures(key: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.key_hash == key))


def retry_after_seconds() -> int:
    return int(_window().total_seconds())


# --- passwords and codes --------------------------------------------------------------------

_dummy_hashes: dict[tuple, str] = {}


def _dummy_hash() -> str:
    """A hash with the same parameters as real ones, to spend the same time on a miss."""
    from app.models import user as user_module

    hasher = user_module._hasher
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hashes[key]


def check_credentials(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None — same work either way."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        # Spend the same time as a real check, so timing does not reveal accounts.
        User(password_hash=_dummy_hash()).check_password(password or "")
        return None
    if not user.check_password(password or ""):
        return None
    return user if user.is_active else None


def verify_totp(secret: str | None, code: str, last_step: int | None = None) -> int | None:
    """The time step of ``code`` if it is valid now (±1 step) and newer than ``last_step``
    (None without a secret)."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6 or not secret:
        return None
    totp = pyotp.TOTP(secret)
    moment = now()
    for offset in (0, -1, 1):
        when = moment + timedelta(seconds=offset * totp.interval)
        if hmac.compare_digest(totp.at(when), code):
            step = totp.timecode(when)
            if last_step is not None and step <= last_step:
                return None  # a code is good once
            return step
    return None


def _normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch in "abcdefghijklmnopqrstuvwxyz234567")


def looks_like_recovery_code(code: str) -> bool:
    """A recovery code has letters; a TOTP code only digits (and maybe spaces)."""
    return any(ch.isalpha() for ch in code or "")


def new_recovery_codes(user: User) -> list[str]:
    """New one-time recovery codes for ``user`` (the old ones stop working).  Only their
    SHA-256 is stored; the plain codes are returned to be shown once."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _number in range(RECOVERY_CODE_COUNT):
        plain = base64.b32encode(secrets.token_bytes(RECOVERY_CODE_BYTES)).decode().lower()
        codes.append("-".join(plain[i:i + 4] for i in range(0, len(plain), 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=hash_token(plain),
                                    created_at=now()))
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """True (and the code is used up) when ``code`` is one of the user's unused codes.  One
    UPDATE marks it used, so two parallel uses of the same code cannot both succeed."""
    plain = _normalise_recovery_code(code)
    if len(plain) != RECOVERY_CODE_BYTES * 8 // 5:
        return False
    result = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == hash_token(plain),
               RecoveryCode.used_at.is_(None))
        .values(used_at=now()))
    return _rowcount(result) == 1


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def reset_second_factor(user: User) -> int:
    """Remove ``user``'s second factor and recovery codes and end their sessions; the next
    sign-in enrols a new one.  Returns the number of sessions ended; the caller audits."""
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    return revoke_all(user)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, user: User) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


# --- redirects --------------------------------------------------------------------------

_NEXT_ALLOWED = frozenset(string.ascii_letters + string.digits + "/-._~?&=%+,;:@!$'()*")


def safe_next(target: str | None) -> str | None:
    """Only a path inside the staff area, never another site: printable ASCII without
    spaces, backslashes or control characters (a newline would break the Location header),
    no scheme, no host, no ``//``, no ``..`` (also not percent-encoded)."""
    if not target or len(target) > 2000:
        return None
    if any(ch not in _NEXT_ALLOWED for ch in target):
        return None  # control characters, whitespace, backslashes, non-ASCII
    if not target.startswith(STAFF_PREFIX + "/") or "//" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if "\\" in path or "//" in path or any(segment in ("..", ".") for segment in path.split("/")):
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in unquote(target)):
        return None
    return target


# --- the guard -------------------------------------------------------------------------------

def _is_staff_path(path: str) -> bool:
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


def _is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def _unauthenticated():
    if _is_api_path(request.path):
        response = jsonify(error="unauthenticated", message=_("Log eerst in."))
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Session realm="staff"'
        return response
    args: dict[str, Any] = {}
    if request.method == "GET" and request.url_rule is not None:
        args["next"] = request.full_path.rstrip("?")
    if _state().get("expired"):
        args["verlopen"] = "1"
    return redirect(url_for("staff.login", **args))


def _forbidden():
    if _is_api_path(request.path):
        response = jsonify(error="forbidden", message=_("U heeft geen toegang tot deze gegevens."))
        response.status_code = 403
        return response
    return render_template("staff/forbidden.html"), 403


def _step_redirect(step: str):
    if _is_api_path(request.path):
        return _unauthenticated()
    if step == STEP_SECOND_FACTOR:
        return redirect(url_for("staff.login_code"))
    return redirect(url_for("staff.account_2fa"))


def _check_access(roles: frozenset[str] | None, steps: frozenset[str]):
    """None when the request may go on, else the response that refuses it."""
    if roles == PUBLIC:
        return None
    row = load_session()
    if row is None:
        return _unauthenticated()
    if request.url_rule is None:
        return None  # signed in: let routing answer 404 / 405
    step = session_step(row)
    if step is not None and step not in steps:
        return _step_redirect(step)
    if roles is None:
        log.error("staff endpoint without a role declaration refused: endpoint=%s", request.endpoint)
        return _forbidden()
    if row.user.role not in roles:
        log.warning("access denied: user=%s role=%s endpoint=%s", row.user_id, row.user.role,
                    request.endpoint)
        return _forbidden()
    touch(row)
    return None


def guard():
    """before_request for the whole app: every /staff path is denied unless declared."""
    if not _is_staff_path(request.path):
        return None
    view = current_app.view_functions.get(request.endpoint or "") if request.url_rule else None
    return _check_access(declared_roles(view), getattr(view, STEPS_ATTR, frozenset()))


def init_app(app: Flask) -> None:
    # First of all before_request functions: refuse before anything else looks at the request.
    app.before_request_funcs.setdefault(None, []).insert(0, guard)
    app.jinja_env.globals.update(current_staff=current_staff, staff_roles=ALL_ROLES)
    if app.config.get("SESSION_COOKIE_SECURE") and app.config.get("SESSION_COOKIE_NAME") == "session":
        # Behind HTTPS: a __Host- cookie is Secure, Path=/ and bound to this exact host.
        app.config.update(SESSION_COOKIE_NAME="__Host-session", SESSION_COOKIE_PATH="/",
                          SESSION_COOKIE_DOMAIN=None)

    @app.teardown_request
    def _forget_cached_csrf_token(_error=None):
        # In production every request has its own g; where an app context spans several
        # requests (tests, scripts) a cached token must not leak into the next session.
        _forget_csrf_token()
