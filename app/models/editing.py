"""The editor's bookkeeping: pending changes awaiting review, revisions, extra synonyms.

* ``EditChange`` — a proposed change to a directory entry (a provision, an organisation)
  that a second editor must approve before it goes live (``EDITOR_REVIEW_REQUIRED``).
  The live row stays as it was until then, so the public never sees it.  ``open_key``
  equals ``resource_id`` while the change is pending and is NULL afterwards: the unique
  constraint allows one open change per entry.  ``version`` is a SQLAlchemy version
  counter (two editors amending the same pending change cannot overwrite each other).
* ``EditRevision`` — one saved state of an entry: who, when, what changed (field, old,
  new) and a full snapshot, so any earlier state can be restored.  Each changed field is
  also written as an HSDS ``metadata`` row (``app.models.directory.Metadata``).
* ``ThesaurusEntry`` — a concept of the search thesaurus as an editor wrote it (the block
  format of ``search/thesaurus.py``): a new concept, or the editors' version of one in
  ``data/thesaurus``, which it replaces; the search engine loads them on top of the files.
  ``version`` guards against two editors saving over each other.
* ``ThesaurusRevision`` — every saved text of a concept (and its removal), with who and when,
  so any earlier wording can be read back and restored.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey, utcnow
from app.models.user import User

CHANGE_STATUSES = ("pending", "approved", "rejected", "withdrawn")


class EditChange(UUIDPrimaryKey, Base):
    __tablename__ = "edit_change"
    __table_args__ = (
        UniqueConstraint("open_key", name="uq_edit_change_open_key"),
        Index("ix_edit_change_resource", "resource_type", "resource_id"),
        Index("ix_edit_change_status", "status"),
    )

    resource_type: Mapped[str] = mapped_column(String(20))
    resource_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    open_key: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # update | restore | publish (a new entry or a draft to be published)
    action: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict | None] = mapped_column(JSON)
    # The state the proposal was made against (``basis`` record and the entry's token).
    basis: Mapped[dict | None] = mapped_column(JSON)
    base_token: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    # Everyone who saved this proposal: none of them may approve it.
    editor_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])


class EditRevision(UUIDPrimaryKey, Base):
    __tablename__ = "edit_revision"
    __table_args__ = (
        UniqueConstraint("resource_type", "resource_id", "number", name="uq_edit_revision_number"),
    )

    resource_type: Mapped[str] = mapped_column(String(20))
    resource_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    user_label: Mapped[str] = mapped_column(String(255), default="")
    # baseline | create | update | archive | restore | publish
    action: Mapped[str] = mapped_column(String(20))
    snapshot: Mapped[dict] = mapped_column(JSON)
    changes: Mapped[list] = mapped_column(JSON, default=list)  # [{field, old, new}]
    change_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("edit_change.id"))
    approved_by: Mapped[str | None] = mapped_column(String(255))

    user: Mapped[User | None] = relationship()


class ThesaurusEntry(UUIDPrimaryKey, Base):
    __tablename__ = "thesaurus_entry"

    code: Mapped[str] = mapped_column(String(80), unique=True)  # the concept id
    text: Mapped[str] = mapped_column(Text)  # the block, "= code" first
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(255), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ThesaurusRevision(UUIDPrimaryKey, Base):
    __tablename__ = "thesaurus_revision"

    code: Mapped[str] = mapped_column(String(80), index=True)
    text: Mapped[str] = mapped_column(Text)  # empty: the editors' version was removed
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    saved_by: Mapped[str] = mapped_column(String(255), default="")


__all__ = ["CHANGE_STATUSES", "EditChange", "EditRevision", "ThesaurusEntry", "ThesaurusRevision"]
