"""Staff accounts.  Passwords are hashed with argon2; no plain text is kept anywhere.  The
second factor's TOTP secret is encrypted at rest (``app/secrets_at_rest.py``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamps, UUIDPrimaryKey
from app.secrets_at_rest import EncryptedString

ROLES = ("staff", "editor", "manager", "admin")
# The concerns an aandachtsfunctionaris is specialised in (``app.domain.cases.EXPERTISE``;
# Dutch labels in ``app.domain.teams``).
SPECIALISMS = ("dementie", "huiselijk-geweld-kindermishandeling", "vluchtelingen-statushouders")
_hasher = PasswordHasher()


class User(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('staff', 'editor', 'manager', 'admin')", name="role"),
        CheckConstraint("specialism IS NULL OR specialism IN ("
                        + ", ".join(repr(s) for s in SPECIALISMS) + ")", name="specialism"),
    )

    email: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The TOTP secret, encrypted at rest (Fernet, key from TOTP_ENCRYPTION_KEY): the
    # attribute holds the plain base32 secret, the column only the token.
    totp_secret: Mapped[str | None] = mapped_column(EncryptedString(255))
    # The last TOTP time step accepted, so one code cannot be used twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Kerngericht werken: the kernteam a kerncoach belongs to, the concern they are the
    # aandachtsfunctionaris for, and whether they are trained to decide escalations.
    team_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("team.id"), index=True)
    specialism: Mapped[str | None] = mapped_column(String(60))
    coach_qualified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    team = relationship("Team", back_populates="members")

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
