"""The audit log: every read and every change of a case, and every management view.

Entries name ids, never names or free text, so the log itself holds no more personal
data than needed.  The table is append-only in the database (see ``app/models/case.py``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.models import AuditEntry, User
from app.models.base import DbSession


def record(session: DbSession, user: User | None, action: str, object_type: str,
           object_id: object = None, *, remote_addr: str | None = None,
           detail: str | None = None) -> AuditEntry:
    entry = AuditEntry(user_id=user.id if user is not None else None, action=action,
                       object_type=object_type,
                       object_id=str(object_id) if object_id is not None else None,
                       remote_addr=remote_addr, detail=(detail or None) and detail[:200])
    session.add(entry)
    return entry


def search(session: DbSession, *, user_id: object = None, object_type: str | None = None,
           object_id: str | None = None, action: str | None = None,
           since: datetime | None = None, until: datetime | None = None,
           limit: int = 200) -> list[AuditEntry]:
    """The admin's search: newest first; every criterion given must match."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if user_id is not None:
        query = query.where(AuditEntry.user_id == user_id)
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return list(session.scalars(query))
