"""Staff sign-in state kept in the database, so every worker sees the same thing.

``StaffSession``: one row per sign-in.  The browser holds only a random token (inside
Flask's signed session cookie); the database holds its SHA-256, so a copy of the table
does not let anyone sign in.  Logging out, deactivating an account or idling too long
ends the row (``revoked_at``), which makes a copied cookie worthless.  A user sees their
live sessions (``device``, sign-in and last use) and ends any of them
(``/staff/account/sessies``); an admin ends all sessions of a user or of everyone.

``LoginFailure``: sign-in attempts that count against a limit, keyed by a keyed hash (HMAC)
of the e-mail address or of the client address — never the address itself — for throttling.
An attempt is written (and committed) *before* the password is checked and removed again when
it succeeds, so parallel attempts cannot all pass the count (``app/staff/auth.py``).

``RecoveryCode``: one-time codes to sign in without the authenticator app.  Only a SHA-256
of each code is stored: the codes are 120 random bits, so a plain hash is enough (ASVS
6.5.2); a used code keeps its row with ``used_at`` so it cannot be used again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey, utcnow
from app.models.user import User
from app.secrets_at_rest import EncryptedString


class StaffSession(UUIDPrimaryKey, Base):
    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the second factor was checked in this session (None: not (yet) checked).
    second_factor_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A TOTP secret being enrolled: moves to the user once a code from it is confirmed.
    # Encrypted at rest like ``User.totp_secret``.
    pending_totp_secret: Mapped[str | None] = mapped_column(EncryptedString(255))
    # What the user sees in the list of their sign-ins: browser and system only ("Firefox,
    # Windows"), derived from the User-Agent at sign-in.  Neither the User-Agent itself nor
    # the client address is stored (least data; ASVS 7.5.2 needs only a recognisable name).
    device: Mapped[str | None] = mapped_column(String(60))

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(Base):
    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class RecoveryCode(Base):
    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
