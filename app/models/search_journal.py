"""Provisions whose search-index update is owed: the journal that keeps Whoosh in step.

Every commit that changes a provision also writes, in the same transaction, one row per
changed provision.  Once the index write after the commit succeeds, the rows of that commit
are deleted.  A process that dies in between (``kill -9``, a full disk, a crashed index
write) leaves its rows: the next start of the application, or any worker at most a minute
later, re-indexes those provisions from the database and deletes the rows
(``app.indexing.catch_up``).  The PostgreSQL search backend writes its rows in the
transaction itself and keeps no journal.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class SearchJournal(Base):
    __tablename__ = "search_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: one commit's rows share this, so that commit deletes exactly its own rows
    batch: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    #: no foreign key: a deleted provision is owed a removal from the index
    service_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
