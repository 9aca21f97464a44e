"""Staff accounts.  Passwords are hashed with argon2; no plain text is kept anywhere.  The
second factor's TOTP secret is encrypted at rest (``app/secrets_at_rest.py``)."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamps, UUIDPrimaryKey
from app.secrets_at_rest import EncryptedString

ROLES = ("staff", "editor", "manager", "admin")
_hasher = PasswordHasher()


class User(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('staff', 'editor', 'manager', 'admin')", name="role"),
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

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
