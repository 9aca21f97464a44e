"""What the editor's (redactie) pages read: the provision list with the proposals waiting for
review, the lookups of the edit forms, the organisation list.

Every query loads what its page shows in a fixed number of statements (no per-row lookups):
the editor list costs the same with three provisions or three hundred.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from app.domain.editing import ARCHIVE_STATUSES
from app.models import EditChange, Kern, Location, Organization, Service, ThesaurusEntry
from app.models.base import DbSession

LIST_LIMIT = 300  # provisions on the editor list at most
# The entries an editor edits and a change can be about (``editing.MODELS``), typed.
Entry = Service | Organization | Location
ENTRY_MODELS: dict[str, type[Service] | type[Organization] | type[Location]] = {
    "service": Service, "organization": Organization, "location": Location}


@dataclass(frozen=True)
class EditorList:
    """The editor's home: provisions found, and the proposals waiting for review."""

    services: list[Service]
    pending: list[EditChange]
    pending_ids: set[uuid.UUID]  # resources with a proposal waiting
    names: dict[uuid.UUID, Any]  # change id -> the name of what it changes


def _shown(stmt: Select[Service], show: str) -> Select[Service]:
    """``toon``: alle | concept | gearchiveerd | actief."""
    if show == "concept":
        return stmt.where(Service.publication == "draft")
    if show == "gearchiveerd":
        return stmt.where(Service.status.in_(ARCHIVE_STATUSES))
    if show == "actief":
        return stmt.where(Service.is_public)
    return stmt


def find_services(session: DbSession, q: str, show: str, *, limit: int = LIST_LIMIT
                  ) -> list[Service]:
    """Provisions whose name or organisation's name holds ``q``, with their organisation."""
    stmt = select(Service).options(selectinload(Service.organization)).join(Organization)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Service.name.ilike(like), Organization.name.ilike(like)))
    stmt = _shown(stmt, show)
    return list(session.scalars(stmt.order_by(Service.name).limit(limit)))


def pending_changes(session: DbSession) -> list[EditChange]:
    """Proposals waiting for review, oldest first, with their authors."""
    return list(session.scalars(select(EditChange).options(selectinload(EditChange.author))
                                .where(EditChange.status == "pending")
                                .order_by(EditChange.updated_at)))


def change_names(session: DbSession, changes: list[EditChange]) -> dict[uuid.UUID, Any]:
    """The name of what each change is about: the live entry's, or (a new entry) the
    proposal's.  One query per kind of entry, not one per change."""
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for change in changes:
        wanted[change.resource_type].add(change.resource_id)
    live: dict[tuple[str, uuid.UUID], Any] = {}
    for kind, ids in wanted.items():
        model = ENTRY_MODELS[kind]
        for ident, name in session.execute(select(model.id, model.name).where(model.id.in_(ids))):
            live[(kind, ident)] = name
    names: dict[uuid.UUID, Any] = {}
    for change in changes:
        key = (change.resource_type, change.resource_id)
        names[change.id] = live[key] if key in live else (change.payload or {}).get("name", "")
    return names


def editor_list(session: DbSession, q: str, show: str) -> EditorList:
    services = find_services(session, q, show)
    pending = pending_changes(session)
    return EditorList(services=services, pending=pending,
                      pending_ids={c.resource_id for c in pending},
                      names=change_names(session, pending))


def entry(session: DbSession, kind: str, ident: uuid.UUID) -> Entry | None:
    """The provision, organisation or location ``ident`` (``kind``), if it exists."""
    if kind == "service":
        return session.get(Service, ident)
    if kind == "organization":
        return session.get(Organization, ident)
    if kind == "location":
        return session.get(Location, ident)
    raise KeyError(kind)


def kern_names(session: DbSession) -> list[str]:
    return [k.name for k in session.scalars(select(Kern).order_by(Kern.name))]


def organizations(session: DbSession) -> list[Organization]:
    return list(session.scalars(select(Organization).order_by(Organization.name)))


def organizations_with_services(session: DbSession, q: str) -> list[Organization]:
    """The organisation list (name holds ``q``), with their provisions loaded."""
    stmt = select(Organization).options(selectinload(Organization.services))
    if q:
        stmt = stmt.where(Organization.name.ilike(f"%{q}%"))
    return list(session.scalars(stmt.order_by(Organization.name)))


def services_by_name(session: DbSession, ids: list[uuid.UUID]) -> list[Service]:
    """These provisions, by name (none for no ids)."""
    if not ids:
        return []
    return list(session.scalars(select(Service).where(Service.id.in_(ids)).order_by(Service.name)))


def own_concept_codes(session: DbSession) -> set[str]:
    """The thesaurus concepts the editors have their own version of."""
    return set(session.scalars(select(ThesaurusEntry.code)))


def changes_of(session: DbSession, kind: str, resource_id: uuid.UUID) -> list[EditChange]:
    """Every proposal about one entry, newest first (the history page)."""
    return list(session.scalars(select(EditChange).where(
        EditChange.resource_type == kind, EditChange.resource_id == resource_id)
        .order_by(EditChange.created_at.desc())))
