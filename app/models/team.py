"""Kernteams: the Voormekaar team that works in a group of kernen (kerngericht werken).

Which kernen a team covers is data the admin keeps (``/staff/admin/teams``), not code: the
sources describe kernteams per kern or group of kernen ("de schaal van de voormalige
gemeenten een prima startpunt") but give no fixed grouping.  A kern belongs to at most one
kernteam, so "the kernteam of a case" (the team of the case's kern) is unambiguous.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, String, Table, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey, utcnow
from app.models.kern import Kern

team_kern = Table(
    "team_kern", Base.metadata,
    Column("team_id", Uuid, ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
    Column("kern_id", Uuid, ForeignKey("kern.id"), primary_key=True),
    UniqueConstraint("kern_id", name="uq_team_kern_kern_id"),  # one kernteam per kern
)


class Team(UUIDPrimaryKey, Base):
    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    kernen: Mapped[list[Kern]] = relationship(secondary=team_kern, order_by=Kern.sort_order)
    members = relationship("User", back_populates="team", order_by="User.display_name")

    def __repr__(self) -> str:
        return f"<Team {self.name}>"
