"""Write operations on the directory, shared by the demo loader, importers and editors.

Input is the canonical Berkelland record (``importers/schemas.py`` validates it).
Upserts match on (source, external_id) and only touch what differs, so loading the
same data twice changes nothing — not even ``last_modified``.  Functions flush but
never commit: the caller owns the transaction (an import is all or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import MUNICIPALITY
from app.models import (
    Accessibility,
    Address,
    CostOption,
    Kern,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from app.models.base import utcnow


@dataclass
class UpsertReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.by_kind.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        self.by_kind[kind][outcome] += 1


class Vocabulary:
    """Looks up kernen and taxonomy terms once per load."""

    def __init__(self, session: Session):
        self.kernen = {k.name: k for k in session.scalars(select(Kern))}
        self.terms: dict[tuple[str, str], TaxonomyTerm] = {}
        for term in session.scalars(select(TaxonomyTerm).join(Taxonomy)):
            self.terms[(term.taxonomy_detail.name, term.code)] = term

    def term(self, taxonomy: str, code: str) -> TaxonomyTerm:
        try:
            return self.terms[(taxonomy, code)]
        except KeyError:
            raise LookupError(f"unknown code {code!r} in taxonomy {taxonomy!r}") from None

    def kern(self, name: str) -> Kern:
        try:
            return self.kernen[name]
        except KeyError:
            raise LookupError(f"unknown kern {name!r}") from None


def _assign(obj, values: dict) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _find(session: Session, model, source: str, external_id: str):
    return session.scalar(
        select(model).where(model.source == source, model.external_id == external_id)
    )


def upsert_organization(session: Session, source: str, record: dict, report: UpsertReport,
                        vocab: Vocabulary) -> Organization:
    org = _find(session, Organization, source, record["key"])
    values = {
        "name": record["name"],
        "description": record.get("description") or "",
        "email": record.get("email"),
        "website": record.get("website"),
        "provenance": record.get("provenance"),
    }
    if org is None:
        org = Organization(source=source, external_id=record["key"], **values)
        session.add(org)
        outcome = "created"
    else:
        outcome = "updated" if _assign(org, values) else "unchanged"
    phones = [(record["phone"], None)] if record.get("phone") else []
    if _sync_phones(org, phones, owner="organization"):
        outcome = "updated" if outcome == "unchanged" else outcome
    report.count("organization", outcome)

    locations = {}
    for loc in record.get("locations", []):
        locations[loc["key"]] = upsert_location(session, source, org, loc, report, vocab)
    for service_record in record.get("services", []):
        upsert_service(session, source, org, service_record, locations, report, vocab)
    return org


def upsert_location(session: Session, source: str, org: Organization, record: dict,
                    report: UpsertReport, vocab: Vocabulary) -> Location:
    location = _find(session, Location, source, record["key"])
    kern = vocab.kern(record["kern"]) if record.get("kern") else None
    values = {
        "organization": org,
        "name": record.get("name"),
        "latitude": record.get("lat"),
        "longitude": record.get("lon"),
        "kern_id": kern.id if kern else None,
        "transportation": record.get("transportation"),
        "location_type": "physical",
    }
    if location is None:
        location = Location(source=source, external_id=record["key"], **values)
        session.add(location)
        outcome = "created"
    else:
        outcome = "updated" if _assign(location, values) else "unchanged"

    wanted_address = (record["address"], record["postcode"], record["city"])
    current = [(a.address_1, a.postal_code, a.city) for a in location.addresses]
    if current != [wanted_address]:
        location.addresses[:] = [Address(address_1=record["address"],
                                         postal_code=record["postcode"], city=record["city"],
                                         state_province="Gelderland", country="NL",
                                         address_type="physical")]
        outcome = "updated" if outcome == "unchanged" else outcome
    wanted_access = [record["accessibility"]] if record.get("accessibility") else []
    if [a.description for a in location.accessibility] != wanted_access:
        location.accessibility[:] = [Accessibility(description=d) for d in wanted_access]
        outcome = "updated" if outcome == "unchanged" else outcome
    report.count("location", outcome)
    return location


def _sync_phones(owner_obj, numbers: list[tuple[str, str | None]], owner: str) -> bool:
    current = [(p.number, p.description) for p in owner_obj.phones]
    if current == numbers:
        return False
    owner_obj.phones[:] = [Phone(number=n, description=d, type="voice") for n, d in numbers]
    return True


def _parse_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def upsert_service(session: Session, source: str, org: Organization, record: dict,
                   locations: dict[str, Location], report: UpsertReport,
                   vocab: Vocabulary) -> Service:
    service = _find(session, Service, source, record["key"])
    values = {
        "organization": org,
        "name": record["name"],
        "description": record.get("description") or "",
        "tier": record["tier"],
        "access": record["access"],
        "status": record.get("status", "active"),
        "url": record.get("url"),
        "email": record.get("email"),
        "eligibility_description": record.get("eligibility"),
        "application_process": record.get("application_process"),
        "fees_description": (record.get("cost") or {}).get("description"),
        "minimum_age": record.get("minimum_age"),
        "maximum_age": record.get("maximum_age"),
        "schedule_note": record.get("schedule_note"),
        "provenance": record.get("provenance"),
        "provenance_note": record.get("source"),
    }
    if service is None:
        service = Service(source=source, external_id=record["key"], publication="published",
                          **values)
        session.add(service)
        outcome = "created"
    else:
        outcome = "updated" if _assign(service, values) else "unchanged"

    changed = False
    for attr, taxonomy, key in (
        ("life_domains", "leefgebied", "life_domains"),
        ("target_groups", "doelgroep", "target_groups"),
        ("legal_frameworks", "wettelijk-kader", "legal_frameworks"),
    ):
        wanted = sorted(set(record.get(key) or []))
        if sorted(t.code for t in getattr(service, attr)) != wanted:
            setattr(service, attr, [vocab.term(taxonomy, code) for code in wanted])
            changed = True

    kernen = record.get("kernen") or []
    wanted_areas = sorted(kernen)
    if sorted(a.name for a in service.service_areas) != wanted_areas:
        service.service_areas[:] = [
            ServiceArea(name=MUNICIPALITY, extent_type="text", kern=None)
            if name == MUNICIPALITY
            else ServiceArea(name=name, extent_type="text", kern=vocab.kern(name))
            for name in wanted_areas
        ]
        changed = True

    wanted_locs = {id(locations[key]): locations[key] for key in record.get("locations") or []}
    current_locs = {id(sal.location): sal for sal in service.service_at_locations}
    for key, sal in current_locs.items():
        if key not in wanted_locs:
            service.service_at_locations.remove(sal)
            changed = True
    for key, location in wanted_locs.items():
        if key not in current_locs:
            service.service_at_locations.append(ServiceAtLocation(location=location))
            changed = True

    wanted_schedules = [
        (s["byday"], _parse_time(s["opens_at"]), _parse_time(s["closes_at"]), s.get("description"))
        for s in record.get("schedules") or []
    ]
    current_schedules = [(s.byday, s.opens_at, s.closes_at, s.description)
                         for s in service.schedules]
    if sorted(current_schedules, key=str) != sorted(wanted_schedules, key=str):
        service.schedules[:] = [
            Schedule(byday=d, opens_at=o, closes_at=c, description=desc, freq="WEEKLY",
                     timezone="Europe/Amsterdam")
            for d, o, c, desc in wanted_schedules
        ]
        changed = True

    cost = record.get("cost")
    wanted_costs = []
    if cost is not None:
        amount = cost.get("amount")
        wanted_costs = [(None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01")),
                         cost.get("description"))]
    if [(c.amount, c.amount_description) for c in service.cost_options] != wanted_costs:
        service.cost_options[:] = [CostOption(amount=a, amount_description=d, currency="EUR")
                                   for a, d in wanted_costs]
        changed = True

    wanted_langs = list(record.get("languages") or [])
    if [lang.code for lang in service.languages] != wanted_langs:
        service.languages[:] = [Language(code=code) for code in wanted_langs]
        changed = True

    if _sync_phones(service, [(record["phone"], None)] if record.get("phone") else [],
                    owner="service"):
        changed = True

    if changed and outcome == "unchanged":
        outcome = "updated"
        service.last_modified = utcnow()  # relations changed: the UPDATE also bumps version
    report.count("service", outcome)
    return service
