"""The directory: Open Referral HSDS 3.0 tables, plus the Berkelland profile.

Table and column names follow HSDS 3.0 (``../shared/hsds-3.0`` was the reference),
so the API and exporters map one to one.  Berkelland specifics are first-class:

* ``Service.tier`` and ``Service.access`` (one value each, the ladder needs them),
* life domains, target groups and legal frameworks as relations to taxonomy terms,
* ``ServiceArea.kern`` — which kernen a provision serves (or all of Berkelland),
* ``Location.kern`` — the kern a place lies in,
* ``Service.assured_date`` (last checked by a person) apart from ``last_modified``,
* ``Service.publication`` (draft / published) and ``version`` (optimistic locking);
  ``Organization.version`` and ``Location.version`` likewise (their website, phone and
  address show on provision pages): every UPDATE says ``WHERE version = <read version>``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from app.models.base import Base, SourceKey, Timestamps, UUIDPrimaryKey
from app.models.kern import Kern
from app.vocabulary import ACCESS_CODES, MUNICIPALITY, SERVICE_STATUSES, TIER_CODES


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Organization(UUIDPrimaryKey, Timestamps, SourceKey, Base):
    __tablename__ = "organization"
    __table_args__ = (UniqueConstraint("source", "external_id", name="uq_organization_source_key"),)

    name: Mapped[str] = mapped_column(String(255))
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(500))
    legal_status: Mapped[str | None] = mapped_column(String(120))
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    parent_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organization.id")
    )
    # Berkelland: whether the facts are confirmed by a public source (echt/deels/illustratief).
    provenance: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    services: Mapped[list[Service]] = relationship(
        back_populates="organization", order_by="Service.name"
    )
    locations: Mapped[list[Location]] = relationship(back_populates="organization")
    phones: Mapped[list[Phone]] = relationship(back_populates="organization")
    contacts: Mapped[list[Contact]] = relationship(back_populates="organization")


# Profile taxonomies as first-class relations (exported as HSDS attributes).
service_life_domain = Table(
    "service_life_domain",
    Base.metadata,
    Column("service_id", Uuid, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("taxonomy_term_id", Uuid, ForeignKey("taxonomy_term.id"), primary_key=True),
)
service_target_group = Table(
    "service_target_group",
    Base.metadata,
    Column("service_id", Uuid, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("taxonomy_term_id", Uuid, ForeignKey("taxonomy_term.id"), primary_key=True),
)
service_legal_framework = Table(
    "service_legal_framework",
    Base.metadata,
    Column("service_id", Uuid, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("taxonomy_term_id", Uuid, ForeignKey("taxonomy_term.id"), primary_key=True),
)


class Service(UUIDPrimaryKey, Timestamps, SourceKey, Base):
    """A provision (voorziening)."""

    __tablename__ = "service"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_service_source_key"),
        CheckConstraint(_in("tier", TIER_CODES), name="tier"),
        CheckConstraint(_in("access", ACCESS_CODES), name="access"),
        CheckConstraint(_in("status", SERVICE_STATUSES), name="status"),
        CheckConstraint("publication IN ('draft', 'published')", name="publication"),
        CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name="age_range",
        ),
        Index("ix_service_status_publication", "status", "publication"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(255))
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), default="active")
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    alert: Mapped[str | None] = mapped_column(Text)
    # HSDS 3.0 free text a resident or partner asks about (shown on the provision page)
    wait_time: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    licenses: Mapped[str | None] = mapped_column(Text)
    schedule_note: Mapped[str | None] = mapped_column(Text)
    # Last checked by a person (HSDS assured_date / assurer_email); not touched by imports.
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(String(255))
    review_interval_days: Mapped[int] = mapped_column(Integer, default=182)

    # Berkelland profile, first-class.
    tier: Mapped[str] = mapped_column(String(20), index=True)
    access: Mapped[str] = mapped_column(String(30))
    publication: Mapped[str] = mapped_column(String(20), default="published")
    draft_reason: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(String(20))
    provenance_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    organization: Mapped[Organization] = relationship(back_populates="services")
    life_domains: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=service_life_domain, order_by="TaxonomyTerm.code"
    )
    target_groups: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=service_target_group, order_by="TaxonomyTerm.code"
    )
    legal_frameworks: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=service_legal_framework, order_by="TaxonomyTerm.code"
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Schedule.byday"
    )
    cost_options: Mapped[list[CostOption]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    languages: Mapped[list[Language]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    required_documents: Mapped[list[RequiredDocument]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )

    # --- derived, read-only views used by pages and the search mapping ---
    @property
    def serves_whole_municipality(self) -> bool:
        return any(a.kern_id is None and a.name == MUNICIPALITY for a in self.service_areas)

    @property
    def kernen_served(self) -> list[Kern]:
        return sorted((a.kern for a in self.service_areas if a.kern is not None),
                      key=lambda k: k.name)

    @property
    def locations(self) -> list[Location]:
        return [sal.location for sal in self.service_at_locations]

    @property
    def is_free(self) -> bool:
        amounts = [c.amount for c in self.cost_options]
        return bool(amounts) and all(a is not None and a == 0 for a in amounts)

    @hybrid_property
    def is_public(self) -> bool:
        """Shown to residents: active and published (the one rule; also usable in SQL)."""
        return self.status == "active" and self.publication == "published"

    @is_public.inplace.expression
    @classmethod
    def _is_public_expression(cls):
        return and_(cls.status == "active", cls.publication == "published")


class Location(UUIDPrimaryKey, Timestamps, SourceKey, Base):
    __tablename__ = "location"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_location_source_key"),
        Index("ix_location_lat_lon", "latitude", "longitude"),
    )

    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    url: Mapped[str | None] = mapped_column(String(500))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organization.id"))
    name: Mapped[str | None] = mapped_column(String(255))
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    kern_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("kern.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    kern: Mapped[Kern | None] = relationship()
    addresses: Mapped[list[Address]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )
    accessibility: Mapped[list[Accessibility]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="location"
    )

    @property
    def physical_address(self) -> Address | None:
        for address in self.addresses:
            if address.address_type == "physical":
                return address
        return self.addresses[0] if self.addresses else None


class Address(UUIDPrimaryKey, Base):
    __tablename__ = "address"

    location_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("location.id", ondelete="CASCADE")
    )
    attention: Mapped[str | None] = mapped_column(String(255))
    address_1: Mapped[str] = mapped_column(String(255))
    address_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(120))
    state_province: Mapped[str] = mapped_column(String(120), default="Gelderland")
    postal_code: Mapped[str] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2), default="NL")
    address_type: Mapped[str] = mapped_column(String(20), default="physical")

    location: Mapped[Location] = relationship(back_populates="addresses")


class ServiceAtLocation(UUIDPrimaryKey, Base):
    __tablename__ = "service_at_location"
    __table_args__ = (UniqueConstraint("service_id", "location_id", name="uq_service_at_location"),)

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    location_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("location.id"))
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(back_populates="service_at_locations")


class Phone(UUIDPrimaryKey, Base):
    __tablename__ = "phone"

    location_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("location.id"))
    service_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organization.id"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("contact.id"))
    number: Mapped[str] = mapped_column(String(40))
    extension: Mapped[str | None] = mapped_column(String(20))
    type: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="phones")
    organization: Mapped[Organization | None] = relationship(back_populates="phones")


class Contact(UUIDPrimaryKey, Base):
    __tablename__ = "contact"

    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organization.id"))
    service_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    location_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("location.id"))
    name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service | None] = relationship(back_populates="contacts")
    organization: Mapped[Organization | None] = relationship(back_populates="contacts")


class Schedule(UUIDPrimaryKey, Base):
    """Weekly opening hours (HSDS schedule, RFC 5545 style)."""

    __tablename__ = "schedule"

    service_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    location_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("location.id"))
    service_at_location_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("service_at_location.id")
    )
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    # "Europe/Amsterdam" (this site's own rows), or the UTC offset HSDS gives, as text ("1")
    timezone: Mapped[str | None] = mapped_column(String(40), default="Europe/Amsterdam")
    freq: Mapped[str | None] = mapped_column(String(10), default="WEEKLY")
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(40))  # e.g. "MO,WE"; "1TU" = first Tuesday
    # RFC 5545 detail HSDS 3.0 carries: kept so a monthly or ended schedule stays what it is
    dtstart: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    byweekno: Mapped[str | None] = mapped_column(String(200))
    bymonthday: Mapped[str | None] = mapped_column(String(200))
    byyearday: Mapped[str | None] = mapped_column(String(200))
    schedule_link: Mapped[str | None] = mapped_column(String(500))
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    description: Mapped[str | None] = mapped_column(Text)
    # HSDS free text ("in person, by appointment only, ..."), any length.
    attending_type: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="schedules")


class CostOption(UUIDPrimaryKey, Base):
    __tablename__ = "cost_option"

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    option: Mapped[str | None] = mapped_column(String(255))
    currency: Mapped[str | None] = mapped_column(String(3))  # absent stays absent
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    amount_description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="cost_options")


class RequiredDocument(UUIDPrimaryKey, Base):
    """A document a resident brings or sends to apply (HSDS 3.0 ``required_document``)."""

    __tablename__ = "required_document"

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    document: Mapped[str] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(500))

    service: Mapped[Service] = relationship(back_populates="required_documents")


class ServiceArea(UUIDPrimaryKey, Base):
    """Where a provision is available: one row per kern served, or one named Berkelland."""

    __tablename__ = "service_area"

    service_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(20))  # absent stays absent
    uri: Mapped[str | None] = mapped_column(String(500))
    kern_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("kern.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_areas")
    kern: Mapped[Kern | None] = relationship()


class Language(UUIDPrimaryKey, Base):
    __tablename__ = "language"

    service_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("service.id", ondelete="CASCADE")
    )
    location_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("location.id"))
    phone_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("phone.id"))
    name: Mapped[str | None] = mapped_column(String(80))
    code: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="languages")


class Accessibility(UUIDPrimaryKey, Base):
    __tablename__ = "accessibility"

    location_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("location.id", ondelete="CASCADE")
    )
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))

    location: Mapped[Location] = relationship(back_populates="accessibility")


class Taxonomy(UUIDPrimaryKey, Base):
    __tablename__ = "taxonomy"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(40))

    terms: Mapped[list[TaxonomyTerm]] = relationship(back_populates="taxonomy_detail")


class TaxonomyTerm(UUIDPrimaryKey, Base):
    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("taxonomy_id", "code", name="uq_taxonomy_term_code"),)

    code: Mapped[str | None] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("taxonomy_term.id"))
    taxonomy: Mapped[str | None] = mapped_column(String(120))  # HSDS: the taxonomy's name
    taxonomy_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("taxonomy.id"))
    language: Mapped[str | None] = mapped_column(String(10), default="nl")
    term_uri: Mapped[str | None] = mapped_column(String(500))

    taxonomy_detail: Mapped[Taxonomy | None] = relationship(back_populates="terms")


class Attribute(UUIDPrimaryKey, Base):
    """HSDS attribute: links a taxonomy term to any entity (for terms outside the profile)."""

    __tablename__ = "attribute"
    __table_args__ = (Index("ix_attribute_link", "link_entity", "link_id"),)

    link_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    link_type: Mapped[str | None] = mapped_column(String(120))
    link_entity: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(255))
    taxonomy_term_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("taxonomy_term.id"))

    taxonomy_term: Mapped[TaxonomyTerm] = relationship()


class Metadata(UUIDPrimaryKey, Base):
    """HSDS metadata: one changed field of one record (the revision history)."""

    __tablename__ = "metadata"
    __table_args__ = (Index("ix_metadata_resource", "resource_type", "resource_id"),)

    resource_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    resource_type: Mapped[str] = mapped_column(String(40))
    last_action_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_action_type: Mapped[str] = mapped_column(String(40))
    field_name: Mapped[str] = mapped_column(String(120))
    previous_value: Mapped[str] = mapped_column(Text, default="")
    replacement_value: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(255))


def service_options() -> tuple[_AbstractLoad, ...]:
    """Loader options that fetch everything the search document (``app.indexing``) and a
    provision's card read, in a few queries."""
    return (
        selectinload(Service.organization),
        selectinload(Service.life_domains),
        selectinload(Service.target_groups),
        selectinload(Service.service_areas).selectinload(ServiceArea.kern),
        selectinload(Service.service_at_locations)
        .selectinload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
        selectinload(Service.schedules),
        selectinload(Service.cost_options),
    )


__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "Contact",
    "CostOption",
    "Language",
    "Location",
    "Metadata",
    "Organization",
    "Phone",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
    "service_options",
]
