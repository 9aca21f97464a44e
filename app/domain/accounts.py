"""Creating a staff account: the one set of rules for ``flask create-user`` and the admin's
new-account form.

* e-mail: surrounding spaces dropped, lower-cased, the shape ``name@domain.tld`` (no spaces,
  one ``@``, a dot in the domain), at most 255 characters, not in use yet;
* role: one of ``ROLES``;
* display name: surrounding spaces dropped, at most 120 characters (empty: none);
* password: ``app.passwords`` (length, and not easily guessed given the e-mail and name).

Problems are codes per field (``EMAIL_INVALID`` ... and the ``app.passwords`` codes); the
caller words them (Dutch on the web, English on the command line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from app import passwords
from app.models.base import DbSession
from app.models.user import ROLES, User

MAX_EMAIL_LENGTH = 255
MAX_NAME_LENGTH = 120
EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")

EMAIL_INVALID = "email_invalid"
EMAIL_TAKEN = "email_taken"
NAME_TOO_LONG = "name_too_long"
ROLE_UNKNOWN = "role_unknown"


@dataclass(frozen=True)
class NewAccount:
    """What the form or the command line asked for, normalised."""

    email: str
    role: str
    display_name: str | None


class AccountRefused(Exception):
    """The account is not created; ``problems``: field (email, role, display_name,
    password) -> problem code."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(", ".join(f"{field}: {code}" for field, code in problems.items()))
        self.problems = problems


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def new_account(email: str | None, role: str | None, display_name: str | None) -> NewAccount:
    return NewAccount(email=normalise_email(email), role=(role or "").strip(),
                      display_name=(display_name or "").strip() or None)


def email_problem(session: DbSession, email: str) -> str | None:
    """For an e-mail address already normalised (``normalise_email``)."""
    if len(email) > MAX_EMAIL_LENGTH or not EMAIL_SHAPE.fullmatch(email):
        return EMAIL_INVALID
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        return EMAIL_TAKEN
    return None


def problems(session: DbSession, account: NewAccount, password: str | None = None
             ) -> dict[str, str]:
    """Everything wrong with ``account`` (and ``password``, unless None: not asked yet)."""
    found: dict[str, str] = {}
    email = email_problem(session, account.email)
    if email:
        found["email"] = email
    if account.display_name and len(account.display_name) > MAX_NAME_LENGTH:
        found["display_name"] = NAME_TOO_LONG
    if account.role not in ROLES:
        found["role"] = ROLE_UNKNOWN
    if password is not None:
        weak = passwords.problem(password, (account.email, account.display_name or ""))
        if weak:
            found["password"] = weak
    return found


def create_user(session: DbSession, account: NewAccount, password: str) -> User:
    """A new active account with this password; raises ``AccountRefused``.  Flushes; the
    caller commits."""
    refused = problems(session, account, password)
    if refused:
        raise AccountRefused(refused)
    user = User(email=account.email, display_name=account.display_name, role=account.role,
                is_active=True)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user
