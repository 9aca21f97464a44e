"""Declarative base shared by every model."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, scoped_session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# What the domain, the importers and the queries take as "the session": a plain Session, or
# Flask-SQLAlchemy's request-scoped proxy of one (``db.session``), which behaves the same.
# ``scoped_session[Any]``: its type parameter is invariant, and ``db.session`` is a
# ``scoped_session`` of Flask-SQLAlchemy's own Session subclass.
DbSession = Session | scoped_session[Any]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def parse_uuid(value: object) -> uuid.UUID | None:
    """An id from a form or query string, or None when it is not a UUID."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class UUIDPrimaryKey:
    """HSDS entities are identified by UUIDs."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # HSDS last_modified: any change, by a person or an import.
    last_modified: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class SourceKey:
    """Where an imported record came from, so a re-import updates instead of duplicating."""

    from sqlalchemy import String as _String

    source: Mapped[str | None] = mapped_column(_String(80))
    external_id: Mapped[str | None] = mapped_column(_String(200))
