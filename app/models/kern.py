"""Berkelland's 11 kernen and the PC4 postcode areas used by the offline geocoder."""

from __future__ import annotations

import uuid

from sqlalchemy import Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UUIDPrimaryKey


class Kern(UUIDPrimaryKey, Base):
    __tablename__ = "kern"

    name: Mapped[str] = mapped_column(String(60), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    population: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    postcodes: Mapped[list[Postcode]] = relationship(back_populates="kern")

    def __repr__(self) -> str:
        return f"<Kern {self.name}>"


class Postcode(Base):
    """A 4-digit postcode area with its centroid (offline geocoding)."""

    __tablename__ = "postcode"

    pc4: Mapped[str] = mapped_column(String(4), primary_key=True)
    place: Mapped[str] = mapped_column(String(80))
    municipality: Mapped[str] = mapped_column(String(80))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(40))  # Adres | Postbus | Adres + Postbus
    kern_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("kern.id"))

    kern: Mapped[Kern | None] = relationship(back_populates="postcodes")
