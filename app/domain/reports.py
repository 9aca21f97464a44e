""""Meld een wijziging": residents and providers report that an entry is wrong or closed.

No account and no third-party service.  Spam is kept out by

* a honeypot field that people do not see and robots fill in;
* a signed timestamp token, issued with the form: a post faster than
  ``REPORT_MIN_SECONDS`` or with a token older than a day (or forged) is refused;
* a rate limit per client address (``REPORT_RATE_LIMIT`` per
  ``REPORT_RATE_WINDOW_MINUTES``), counted in the database so every worker sees the same
  count.  The address itself is never stored: only an HMAC of it under the secret key.

A report that the provision has closed puts the entry at the top of the editors' worklist
at once (``app.domain.freshness.REPORTED_CLOSED``).  Resolving a report erases the
optional reply address.  Nothing personal is logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, func, select

from app.models.signals import REPORT_KINDS, ChangeReport, ReportThrottle
from app.vocabulary import Term

if TYPE_CHECKING:
    from app.models import Service, User
    from app.models.base import DbSession

log = logging.getLogger(__name__)

KINDS = (
    Term("closed", _l("Het bestaat niet meer of is gestopt")),
    Term("contact", _l("Het telefoonnummer, e-mailadres of adres is anders")),
    Term("hours", _l("De dagen of tijden kloppen niet")),
    Term("other", _l("Iets anders")),
)
KIND_SHORT = {
    "closed": _l("gestopt"), "contact": _l("contactgegevens"), "hours": _l("openingstijden"),
    "other": _l("anders"),
}
HONEYPOT = "website"
MAX_MESSAGE = 2000
MAX_TOKEN_AGE = timedelta(days=1)
_SALT = "change-report-form"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Why a post was refused (the view chooses the words and the status).
TOO_FAST = "too-fast"
EXPIRED = "expired"
SPAM = "spam"
RATE_LIMITED = "rate-limited"


@dataclass(frozen=True)
class ReportSettings:
    """The spam defences: ``SECRET_KEY``, ``REPORT_MIN_SECONDS``, ``REPORT_RATE_LIMIT`` and
    ``REPORT_RATE_WINDOW_MINUTES`` (the caller reads them from the configuration)."""

    secret_key: str
    min_seconds: int = 3
    rate_limit: int = 5
    rate_window_minutes: int = 60


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=_SALT)


def issue_token(service_id: object, *, secret_key: str, now: datetime) -> str:
    """The signed timestamp that goes into the form as a hidden field."""
    return _serializer(secret_key).dumps({"s": str(service_id), "t": now.timestamp()})


def check_token(token: str, service_id: object, *, settings: ReportSettings,
                now: datetime) -> str | None:
    """None when the token is genuine, for this entry, and neither too fresh nor too old."""
    try:
        data = _serializer(settings.secret_key).loads(token or "")
        issued = float(data["t"])
        if data["s"] != str(service_id):
            return EXPIRED
    except (BadSignature, KeyError, TypeError, ValueError):
        return EXPIRED
    age = now.timestamp() - issued
    if age < settings.min_seconds:
        return TOO_FAST
    if age > MAX_TOKEN_AGE.total_seconds():
        return EXPIRED
    return None


def client_key(remote_addr: str | None, *, secret_key: str) -> str:
    """A keyed hash of the client address: countable, not reversible without the key."""
    secret = secret_key.encode()
    return hmac.new(secret, f"report:{remote_addr or '-'}".encode(), hashlib.sha256).hexdigest()


def is_rate_limited(session: DbSession, key: str, *, settings: ReportSettings,
                    now: datetime) -> bool:
    window = timedelta(minutes=settings.rate_window_minutes)
    count = session.scalar(select(func.count()).select_from(ReportThrottle).where(
        ReportThrottle.key_hash == key, ReportThrottle.at > now - window)) or 0
    return count >= settings.rate_limit


def prune_throttle(session: DbSession, older_than: timedelta = timedelta(days=1), *,
                   now: datetime) -> int:
    result = session.execute(delete(ReportThrottle).where(ReportThrottle.at < now - older_than))
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass
class Submission:
    """What the form said, cleaned; ``errors`` maps a field name to a Dutch message."""

    kind: str = ""
    message: str = ""
    reply_email: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> Submission:
        sub = cls(kind=(form.get("kind") or "").strip(),
                  message=(form.get("message") or "").strip(),
                  reply_email=(form.get("email") or "").strip())
        if sub.kind not in REPORT_KINDS:
            sub.errors["kind"] = str(_l("Kies wat er niet klopt."))
        if sub.kind in ("contact", "hours", "other") and not sub.message:
            sub.errors["message"] = str(_l("Schrijf kort wat er niet klopt."))
        elif len(sub.message) > MAX_MESSAGE:
            sub.errors["message"] = str(_l("Gebruik hoogstens %(n)s tekens.", n=MAX_MESSAGE))
        if sub.reply_email and (len(sub.reply_email) > 255 or not _EMAIL.match(sub.reply_email)):
            sub.errors["email"] = str(_l("Dit is geen e-mailadres. Voorbeeld: naam@voorbeeld.nl"))
        return sub


@dataclass
class Outcome:
    report: ChangeReport | None = None
    refusal: str | None = None  # TOO_FAST, EXPIRED, SPAM, RATE_LIMITED
    submission: Submission | None = None  # with errors when the form needs correcting


def submit(session: DbSession, service: Service, form: Mapping[str, str],
           remote_addr: str | None, *, settings: ReportSettings, now: datetime) -> Outcome:
    """Check a posted report and store it (flush only; the caller commits either way, so
    a refused robot still counts towards the rate limit)."""
    key = client_key(remote_addr, secret_key=settings.secret_key)
    if is_rate_limited(session, key, settings=settings, now=now):
        log.info("change report refused: rate limit")
        return Outcome(refusal=RATE_LIMITED)
    if form.get(HONEYPOT):
        session.add(ReportThrottle(key_hash=key, at=now))
        log.info("change report refused: honeypot")
        return Outcome(refusal=SPAM)
    problem = check_token(form.get("token", ""), service.id, settings=settings, now=now)
    if problem is not None:
        session.add(ReportThrottle(key_hash=key, at=now))
        log.info("change report refused: %s", problem)
        return Outcome(refusal=problem)
    submission = Submission.from_form(form)
    if submission.errors:
        return Outcome(submission=submission)
    report = ChangeReport(service_id=service.id, kind=submission.kind, message=submission.message,
                          reply_email=submission.reply_email or None, created_at=now)
    session.add(report)
    session.add(ReportThrottle(key_hash=key, at=now))
    session.flush()
    log.info("change report %s stored for provision %s (%s)", report.id, service.id, report.kind)
    return Outcome(report=report, submission=submission)


def resolve(session: DbSession, report: ChangeReport, by: User, *, now: datetime) -> None:
    """Done: the report stays (it is a signal), the reply address goes."""
    if report.resolved_at is None:
        report.resolved_at = now
        report.resolved_by_id = by.id
    report.reply_email = None
    session.flush()


def open_reports(session: DbSession, service_id: object) -> list[ChangeReport]:
    return list(session.scalars(select(ChangeReport).where(
        ChangeReport.service_id == service_id, ChangeReport.resolved_at.is_(None))
        .order_by(ChangeReport.created_at)))
