"""Encryption of small secrets at rest (the staff TOTP secrets), with Fernet from the
``cryptography`` package (AES-128-CBC plus HMAC-SHA256, authenticated; no crypto of our own).

The key comes from configuration: ``TOTP_ENCRYPTION_KEY``, one or more Fernet keys separated
by commas (``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``).
The first key encrypts; every key listed decrypts, so a key can be rotated by putting the new
one in front (``flask rotate-totp-key`` re-encrypts every stored secret with it).  Without the
setting the key is derived from ``SECRET_KEY`` (HKDF-SHA256, its own label), so changing
``SECRET_KEY`` then makes every enrolled second factor unreadable: set
``TOTP_ENCRYPTION_KEY`` in production, kept apart from the database backups.

``EncryptedString`` is the column type: the model attribute holds the plain value, the
database the Fernet token.  Values are encrypted with the key of the running app, so the
type needs an app context (every request, CLI command and migration has one).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

_HKDF_INFO = b"berkellandwijzer totp-secret encryption v1"
FERNET_PREFIX = "gAAAAA"  # every Fernet token starts like this (version byte + timestamp)


class SecretUnreadable(RuntimeError):
    """A stored secret cannot be decrypted with the configured key(s)."""


def derive_key(secret_key: str) -> bytes:
    """A Fernet key derived from ``SECRET_KEY`` (used only when no key is configured)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        secret_key.encode())
    return base64.urlsafe_b64encode(raw)


def keys_from_config(config: Mapping[str, Any]) -> list[bytes]:
    configured = (config.get("TOTP_ENCRYPTION_KEY") or "").strip()
    if configured:
        return [part.strip().encode() for part in configured.split(",") if part.strip()]
    return [derive_key(config["SECRET_KEY"])]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys_from_config(current_app.config)])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "a stored TOTP secret cannot be decrypted: TOTP_ENCRYPTION_KEY (or SECRET_KEY, "
            "from which the key is derived when TOTP_ENCRYPTION_KEY is not set) has changed"
        ) from None


def rotate(token: str) -> str:
    """The same secret encrypted with the first (newest) key."""
    return _fernet().rotate(token.encode()).decode()


class EncryptedString(TypeDecorator):
    """A string column stored encrypted (Fernet); None stays NULL."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)
