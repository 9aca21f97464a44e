"""Keeping the map true: change reports from the public, and signals of what is missing.

``ChangeReport``: "Meld een wijziging" from a public provision page (no account).  The
optional reply address is personal data: editors see it, and resolving the report erases
it.  ``ReportThrottle``: one row per accepted (or spam-rejected) report post, keyed by a
keyed hash (HMAC) of the client address — never the address — so the rate limit holds
across workers.  ``SearchSignal``: a public search with no or few results: the words, the
kern and life-domain filters and the hour — nothing that identifies a person.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey, utcnow

REPORT_KINDS = ("closed", "contact", "hours", "other")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ChangeReport(UUIDPrimaryKey, Base):
    __tablename__ = "change_report"
    __table_args__ = (
        CheckConstraint(_in("kind", REPORT_KINDS), name="kind"),
        Index("ix_change_report_open", "resolved_at", "service_id"),
    )

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    reply_email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id", ondelete="SET NULL"))

    service = relationship("Service")
    resolved_by = relationship("User")

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ReportThrottle(Base):
    __tablename__ = "report_throttle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SearchSignal(Base):
    __tablename__ = "search_signal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Truncated to the hour: enough to see a trend, too coarse to follow a visitor.
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    query: Mapped[str] = mapped_column(String(200), default="")
    kern: Mapped[str | None] = mapped_column(String(60), index=True)  # kern slug filter
    life_domains: Mapped[str | None] = mapped_column(String(400))  # codes, space-separated
    result_count: Mapped[int] = mapped_column(Integer, default=0)
