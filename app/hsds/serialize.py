"""The directory as Open Referral HSDS 3.0: marshmallow schemas from the models to HSDS dicts.

``service_full(service)`` is what ``GET /api/v1/services/{id}`` returns and what the JSON
exporter writes; ``service_list`` the one-to-one fields (plus the organisation) of a list
page.  The same schemas document the API (flask-smorest turns them into OpenAPI).

Rules that keep the output valid against ``schema/compiled/*.json`` (JSON Schema 2020-12):
no ``null`` (absent values are left out; HSDS types do not allow null), ids are strings,
dates ``YYYY-MM-DD``, times ``HH:MM:SS``, ``last_modified`` an ISO 8601 date-time in UTC,
numbers as numbers.  Children are sorted (schedules by day and time, the rest by id) so the
same data always gives the same bytes.

Berkelland specifics (see ``docs/profile.md``): tier (``voorzieningsniveau``) and access
(``toegang``), life domains, target groups and legal frameworks become ``attributes`` with
``link_type`` = taxonomy name; kernen served are ``service_areas``; a schedule note without
times is a schedule with only a ``description``.
"""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

from marshmallow import Schema, fields, post_dump
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from app.domain.opening import utc_offset
from app.hsds import stable_id
from app.models import (
    Attribute,
    Location,
    Metadata,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from app.models.base import DbSession

# --- value helpers ------------------------------------------------------------------


def iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive datetimes; they were written in UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_time(value: time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def number(value: Decimal | float | int | None):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sid(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


@functools.cache
def _many(schema: type[Schema]) -> Schema:
    """One reusable instance per schema class (building a schema deep-copies its fields;
    doing that for every nested list of every service was most of the export's time)."""
    return schema(many=True)


@functools.cache
def _one(schema: type[Schema]) -> Schema:
    return schema()


def _by_id(items):
    return sorted(items, key=lambda item: str(item.id))


class HSDSSchema(Schema):
    """Leaves out absent values: HSDS types do not allow null."""

    @post_dump
    def _drop_none(self, data, **kwargs):
        return {k: v for k, v in data.items() if v is not None}


# Computed fields, with the JSON Schema type they produce (for the OpenAPI description).
# N802: they read like field classes.


def Id(attribute: str | None = None, **kwargs):  # noqa: N802
    return fields.Function(lambda obj: _sid(getattr(obj, attribute or "id")),
                           metadata={"type": "string", "format": "uuid",
                                     **kwargs.pop("metadata", {})}, **kwargs)


def Text(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "string"})


def DateText(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "string", "format": "date"})


def TimeText(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "string", "format": "time"})


def DateTimeText(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "string", "format": "date-time"})


def WholeNumber(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "integer"})


def Number(fn):  # noqa: N802
    return fields.Function(fn, metadata={"type": "number"})


def Many(component: str, fn):  # noqa: N802
    """A sorted list of nested objects; ``component`` names their schema in the OpenAPI
    description (the class name without ``Schema``)."""
    return fields.Function(fn, metadata={
        "type": "array", "items": {"$ref": f"#/components/schemas/{component}"}})


# --- taxonomies ---------------------------------------------------------------------


class TaxonomySchema(HSDSSchema):
    id = Id()
    name = fields.String()
    description = fields.String()
    uri = fields.String()
    version = fields.String()


class TaxonomyTermSchema(HSDSSchema):
    id = Id()
    code = fields.String()
    name = fields.String()
    description = fields.String()
    parent_id = Id("parent_id")
    taxonomy = Text(lambda t: t.taxonomy or (t.taxonomy_detail.name
                                                         if t.taxonomy_detail else None))
    taxonomy_id = Id("taxonomy_id")
    language = fields.String()
    term_uri = fields.String()
    taxonomy_detail = fields.Nested(TaxonomySchema)


class AttributeSchema(HSDSSchema):
    id = fields.String(metadata={"format": "uuid"})
    link_id = fields.String(metadata={"format": "uuid"})
    taxonomy_term_id = fields.String(metadata={"format": "uuid"})
    link_type = fields.String()
    link_entity = fields.String()
    value = fields.String()
    label = fields.String()
    taxonomy_term = fields.Nested(TaxonomyTermSchema)


class MetadataSchema(HSDSSchema):
    id = Id()
    resource_id = Id("resource_id")
    resource_type = fields.String()
    last_action_date = DateTimeText(lambda m: iso_datetime(m.last_action_date))
    last_action_type = fields.String()
    field_name = fields.String()
    previous_value = fields.String()
    replacement_value = fields.String()
    updated_by = fields.String()


def _profile_terms(session: Session) -> dict[tuple[str, str], TaxonomyTerm]:
    """(taxonomy, code) -> term for the profile's own columns (tier, access), per session."""
    cache = session.info.get("hsds_profile_terms")
    if cache is None:
        cache = {}
        for term in session.scalars(select(TaxonomyTerm).options(
                selectinload(TaxonomyTerm.taxonomy_detail))
                .where(TaxonomyTerm.taxonomy.in_(("voorzieningsniveau", "toegang")))):
            cache[(term.taxonomy, term.code)] = term
        session.info["hsds_profile_terms"] = cache
    return cache


def _attribute(link_id: uuid.UUID, entity: str, taxonomy: str, term: TaxonomyTerm,
               attribute_id: uuid.UUID, value: str | None = None) -> dict:
    return {
        "id": str(attribute_id),
        "link_id": str(link_id),
        "link_type": taxonomy,
        "link_entity": entity,
        "taxonomy_term_id": str(term.id),
        "value": value,
        "taxonomy_term": term,
    }


def service_attributes(service: Service) -> list[dict]:
    """The profile as attributes (ids derived), then any other stored attributes."""
    out: list[dict] = []
    session = object_session(service)
    terms = _profile_terms(session) if session is not None else {}
    for taxonomy, code in (("voorzieningsniveau", service.tier), ("toegang", service.access)):
        term = terms.get((taxonomy, code))
        if term is not None:
            out.append(_attribute(service.id, "service", taxonomy, term,
                                  stable_id(service.id, taxonomy, code)))
    for taxonomy, related in (("leefgebied", service.life_domains),
                              ("doelgroep", service.target_groups),
                              ("wettelijk-kader", service.legal_frameworks)):
        for term in sorted(related, key=lambda t: t.code or ""):
            out.append(_attribute(service.id, "service", taxonomy, term,
                                  stable_id(service.id, taxonomy, term.code)))
    out.extend(_stored_attributes(session, "service", service.id))
    return out


def _stored_attributes(session: Session | None, entity: str, link_id: uuid.UUID) -> list[dict]:
    if session is None:
        return []
    if session.info.get("hsds_scoped"):
        prefetch(session, [(entity, link_id)])
    cache = session.info.get("hsds_attributes")
    if cache is None:
        cache = {}
        for attr in session.scalars(select(Attribute).options(
                selectinload(Attribute.taxonomy_term).selectinload(TaxonomyTerm.taxonomy_detail))):
            cache.setdefault((attr.link_entity, attr.link_id), []).append(attr)
        session.info["hsds_attributes"] = cache
    return [
        {"id": str(a.id), "link_id": str(a.link_id), "link_type": a.link_type,
         "link_entity": a.link_entity, "taxonomy_term_id": str(a.taxonomy_term_id),
         "value": a.value, "label": a.label, "taxonomy_term": a.taxonomy_term}
        for a in sorted(cache.get((entity, link_id), []), key=lambda a: str(a.id))
    ]


def _metadata(session: Session | None, resource_id: uuid.UUID) -> list[Metadata]:
    if session is None:
        return []
    if session.info.get("hsds_scoped"):
        prefetch(session, [(None, resource_id)])
    cache = session.info.get("hsds_metadata")
    if cache is None:
        cache = {}
        for row in session.scalars(select(Metadata)):
            cache.setdefault(row.resource_id, []).append(row)
        session.info["hsds_metadata"] = cache
    return sorted(cache.get(resource_id, []), key=lambda m: (m.last_action_date, str(m.id)))


def forget_caches(session: DbSession) -> None:
    """Drop the per-session lookups (after a write, before serialising again)."""
    for key in ("hsds_profile_terms", "hsds_attributes", "hsds_metadata", "hsds_scoped",
                "hsds_loaded"):
        session.info.pop(key, None)


def scope_lookups(session: DbSession) -> None:
    """Read stored attributes and metadata only for the records serialised, not for the whole
    map (the exporter, which writes every record, reads them all at once instead): what
    ``prefetch`` was given in one query per kind, anything else when first needed."""
    forget_caches(session)
    session.info.update(hsds_scoped=True, hsds_attributes={}, hsds_metadata={},
                        hsds_loaded=set())


def prefetch(session: DbSession, records) -> None:
    """Load the stored attributes ((entity, id) pairs) and metadata (by id) of these records
    at once, when the lookups are scoped (``scope_lookups``); otherwise nothing to do."""
    if not session.info.get("hsds_scoped"):
        return
    loaded: set = session.info["hsds_loaded"]
    pairs = {(entity, rid) for entity, rid in records if rid is not None} - loaded
    ids = {rid for _, rid in pairs} - {rid for entity, rid in loaded if entity is None}
    wanted = {pair for pair in pairs if pair[0] is not None}
    if wanted:
        attributes = session.info["hsds_attributes"]
        for attr in session.scalars(select(Attribute).where(
                Attribute.link_id.in_({rid for _, rid in wanted})).options(
                selectinload(Attribute.taxonomy_term).selectinload(TaxonomyTerm.taxonomy_detail))):
            if (attr.link_entity, attr.link_id) in wanted:
                attributes.setdefault((attr.link_entity, attr.link_id), []).append(attr)
    if ids:
        metadata = session.info["hsds_metadata"]
        for row in session.scalars(select(Metadata).where(Metadata.resource_id.in_(ids))):
            metadata.setdefault(row.resource_id, []).append(row)
    loaded.update(wanted)
    loaded.update((None, rid) for rid in ids)


# --- contact details ----------------------------------------------------------------


class LanguageSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    location_id = Id("location_id")
    phone_id = Id("phone_id")
    name = fields.String()
    code = fields.String()
    note = fields.String()


def _extension(phone) -> int | None:
    return int(phone.extension) if phone.extension and phone.extension.isdigit() else None


class PhoneSchema(HSDSSchema):
    id = Id()
    location_id = Id("location_id")
    service_id = Id("service_id")
    organization_id = Id("organization_id")
    contact_id = Id("contact_id")
    number = fields.String()
    extension = WholeNumber(_extension)
    type = fields.String()
    description = fields.String()
    languages = Many("Language", lambda p: [])


class ContactSchema(HSDSSchema):
    id = Id()
    organization_id = Id("organization_id")
    service_id = Id("service_id")
    location_id = Id("location_id")
    name = fields.String()
    title = fields.String()
    department = fields.String()
    email = fields.String()
    phones = Many("Phone", lambda c: [])


class ScheduleSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    location_id = Id("location_id")
    service_at_location_id = Id("service_at_location_id")
    valid_from = DateText(lambda s: iso_date(s.valid_from))
    valid_to = DateText(lambda s: iso_date(s.valid_to))
    dtstart = DateText(lambda s: iso_date(s.dtstart))
    timezone = Number(lambda s: utc_offset(s.timezone))
    until = DateText(lambda s: iso_date(s.until))
    count = fields.Integer()
    wkst = fields.String()
    freq = fields.String()
    interval = fields.Integer()
    byday = fields.String()
    byweekno = fields.String()
    bymonthday = fields.String()
    byyearday = fields.String()
    description = fields.String()
    opens_at = TimeText(lambda s: iso_time(s.opens_at))
    closes_at = TimeText(lambda s: iso_time(s.closes_at))
    schedule_link = fields.String()
    attending_type = fields.String()
    notes = fields.String()


def service_schedules(service: Service) -> list[dict]:
    schema = _one(ScheduleSchema)
    items = sorted(service.schedules, key=lambda s: (s.byday or "", iso_time(s.opens_at) or "",
                                                     str(s.id)))
    out = [schema.dump(s) for s in items]
    if service.schedule_note:
        out.append({"id": str(stable_id(service.id, "schedule_note")),
                    "service_id": str(service.id), "description": service.schedule_note})
    return out


class CostOptionSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    valid_from = DateText(lambda c: iso_date(c.valid_from))
    valid_to = DateText(lambda c: iso_date(c.valid_to))
    option = fields.String()
    currency = fields.String()
    amount = Number(lambda c: number(c.amount))
    amount_description = fields.String()


class RequiredDocumentSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    document = fields.String()
    uri = fields.String()


class ServiceAreaSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    name = fields.String()
    description = fields.String()
    extent = fields.String()
    extent_type = fields.String()
    uri = fields.String()


# --- places -------------------------------------------------------------------------


class AddressSchema(HSDSSchema):
    id = Id()
    location_id = Id("location_id")
    attention = fields.String()
    address_1 = fields.String()
    address_2 = fields.String()
    city = fields.String()
    region = fields.String()
    state_province = fields.String()
    postal_code = fields.String()
    country = fields.String()
    address_type = fields.String()


class AccessibilitySchema(HSDSSchema):
    id = Id()
    location_id = Id("location_id")
    description = fields.String()
    details = fields.String()
    url = fields.String()


class LocationSchema(HSDSSchema):
    id = Id()
    location_type = fields.String()
    url = fields.String()
    organization_id = Id("organization_id")
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    transportation = fields.String()
    latitude = fields.Float()
    longitude = fields.Float()
    addresses = Many("Address", lambda loc: _many(AddressSchema).dump(_by_id(loc.addresses)))
    accessibility = Many("Accessibility",
        lambda loc: _many(AccessibilitySchema).dump(_by_id(loc.accessibility)))
    attributes = Many("Attribute", lambda loc: _many(AttributeSchema).dump(
        _stored_attributes(object_session(loc), "location", loc.id)))


class ServiceAtLocationBaseSchema(HSDSSchema):
    id = Id()
    service_id = Id("service_id")
    location_id = Id("location_id")
    description = fields.String()
    location = fields.Nested(LocationSchema)


# --- organisations and services -----------------------------------------------------


class OrganizationListSchema(HSDSSchema):
    id = Id()
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    email = fields.String()
    website = fields.String()
    year_incorporated = fields.Integer()
    legal_status = fields.String()
    parent_organization_id = Id("parent_organization_id")


class OrganizationInServiceSchema(OrganizationListSchema):
    """The organisation nested in a full service: its own phones and contacts too."""

    phones = Many("Phone", lambda o: _many(PhoneSchema).dump(_by_id(o.phones)))
    # every contact of the organisation, also one HSDS lists under a service as well (one
    # row, both parents), so a re-import finds it under both again
    contacts = Many("Contact", lambda o: _many(ContactSchema).dump(_by_id(o.contacts)))


class ServiceListSchema(HSDSSchema):
    id = Id()
    organization_id = Id("organization_id")
    name = fields.String()
    alternate_name = fields.String()
    description = fields.String()
    url = fields.String()
    email = fields.String()
    status = fields.String()
    interpretation_services = fields.String()
    application_process = fields.String()
    fees_description = fields.String()
    wait_time = fields.String()
    accreditations = fields.String()
    eligibility_description = fields.String()
    minimum_age = fields.Integer()
    maximum_age = fields.Integer()
    assured_date = DateText(lambda s: iso_date(s.assured_date))
    assurer_email = fields.String()
    licenses = fields.String()
    alert = fields.String()
    last_modified = DateTimeText(lambda s: iso_datetime(s.last_modified))
    organization = fields.Nested(OrganizationListSchema)


class ServiceMinimalSchema(HSDSSchema):
    id = Id()
    name = fields.String()
    status = fields.String()
    last_modified = DateTimeText(lambda s: iso_datetime(s.last_modified))


def _service_at_locations(service: Service) -> list[dict]:
    schema = _one(ServiceAtLocationBaseSchema)
    return [schema.dump(sal) for sal in _by_id(service.service_at_locations)]


class ServiceFullSchema(ServiceListSchema):
    phones = Many("Phone", lambda s: _many(PhoneSchema).dump(_by_id(s.phones)))
    schedules = Many("Schedule", service_schedules)
    service_areas = Many("ServiceArea",
        lambda s: _many(ServiceAreaSchema).dump(_by_id(s.service_areas)))
    service_at_locations = Many("ServiceAtLocationBase", _service_at_locations)
    languages = Many("Language", lambda s: _many(LanguageSchema).dump(_by_id(s.languages)))
    organization = fields.Nested(OrganizationInServiceSchema)
    cost_options = Many("CostOption",
        lambda s: _many(CostOptionSchema).dump(_by_id(s.cost_options)))
    contacts = Many("Contact", lambda s: _many(ContactSchema).dump(_by_id(s.contacts)))
    attributes = Many("Attribute", lambda s: _many(AttributeSchema).dump(service_attributes(s)))
    metadata = Many("Metadata",
        lambda s: _many(MetadataSchema).dump(_metadata(object_session(s), s.id)))
    required_documents = Many("RequiredDocument", lambda s: _many(RequiredDocumentSchema).dump(
        _by_id(s.required_documents)))


class ServiceAtLocationListSchema(ServiceAtLocationBaseSchema):
    service = fields.Nested(ServiceListSchema)


class ServiceAtLocationFullSchema(ServiceAtLocationBaseSchema):
    contacts = Many("Contact", lambda sal: [])
    phones = Many("Phone", lambda sal: [])
    schedules = Many("Schedule", lambda sal: [])
    attributes = Many("Attribute", lambda sal: [])
    metadata = Many("Metadata", lambda sal: [])
    service = fields.Nested(ServiceFullSchema)


class OrganizationFullSchema(OrganizationInServiceSchema):
    locations = Many("Location", lambda o: _many(LocationSchema).dump(_by_id(o.locations)))
    attributes = Many("Attribute", lambda o: _many(AttributeSchema).dump(
        _stored_attributes(object_session(o), "organization", o.id)))
    metadata = Many("Metadata",
        lambda o: _many(MetadataSchema).dump(_metadata(object_session(o), o.id)))


# --- loader options: everything a full service needs, in a few queries ---------------


def service_load_options():
    return (
        selectinload(Service.organization).selectinload(Organization.phones),
        selectinload(Service.organization).selectinload(Organization.contacts),
        selectinload(Service.life_domains).selectinload(TaxonomyTerm.taxonomy_detail),
        selectinload(Service.target_groups).selectinload(TaxonomyTerm.taxonomy_detail),
        selectinload(Service.legal_frameworks).selectinload(TaxonomyTerm.taxonomy_detail),
        selectinload(Service.service_areas),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location)
        .selectinload(Location.accessibility),
        selectinload(Service.schedules),
        selectinload(Service.cost_options),
        selectinload(Service.phones),
        selectinload(Service.contacts),
        selectinload(Service.languages),
        selectinload(Service.required_documents),
    )


_FULL = ServiceFullSchema()
_LIST = ServiceListSchema()
_MINIMAL = ServiceMinimalSchema()


def service_full(service: Service) -> dict:
    return _FULL.dump(service)


def service_list(service: Service) -> dict:
    return _LIST.dump(service)


def service_minimal(service: Service) -> dict:
    return _MINIMAL.dump(service)


def taxonomy(tax: Taxonomy) -> dict:
    return TaxonomySchema().dump(tax)


def taxonomy_term(term: TaxonomyTerm) -> dict:
    return TaxonomyTermSchema().dump(term)


_SAL_LIST = ServiceAtLocationListSchema()
_SAL_FULL = ServiceAtLocationFullSchema()
_ORG_LIST = OrganizationListSchema()
_ORG_FULL = OrganizationFullSchema()


def service_at_location_list(sal: ServiceAtLocation) -> dict:
    return _SAL_LIST.dump(sal)


def service_at_location_full(sal: ServiceAtLocation) -> dict:
    return _SAL_FULL.dump(sal)


def organization_list(org: Organization) -> dict:
    return _ORG_LIST.dump(org)


def organization_full(org: Organization, services: list[Service], *,
                      full_service: bool = False) -> dict:
    """A fully nested organization; ``services`` are the ones to show (the caller decides
    which are public), one-to-one fields unless ``full_service``."""
    data = _ORG_FULL.dump(org)
    dump = service_full if full_service else service_list
    data["services"] = [dump(s) for s in services]
    return data
