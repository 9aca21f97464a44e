"""schema.org JSON-LD for a provision page (search engines and assistive tools read it)."""

from __future__ import annotations

from datetime import date

from flask import url_for

from app.domain.opening import has_ended, is_every_week
from app.models import Service

_DAY = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
        "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def _area_served(service: Service) -> list[dict]:
    if service.serves_whole_municipality:
        return [{"@type": "AdministrativeArea", "name": "Berkelland"}]
    return [{"@type": "Place", "name": k.name} for k in service.kernen_served]


def _provider(service: Service) -> dict:
    provider = {"@type": "Organization", "name": service.organization.name}
    if service.organization.website:
        provider["url"] = service.organization.website
    return provider


def _place(service: Service, location) -> dict:
    place: dict = {"@type": "Place", "name": location.name or service.organization.name}
    address = location.physical_address
    if address:
        place["address"] = {"@type": "PostalAddress", "streetAddress": address.address_1,
                            "postalCode": address.postal_code,
                            "addressLocality": address.city, "addressCountry": "NL"}
    if location.latitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": location.latitude,
                        "longitude": location.longitude}
    return place


def _weekly_hours(service: Service) -> list[dict]:
    """schema.org weekly hours: a monthly rule (or one that has ended) is not one."""
    return [
        {"@type": "OpeningHoursSpecification",
         "dayOfWeek": [_DAY[d.strip()] for d in (s.byday or "").split(",") if d.strip() in _DAY],
         "opens": s.opens_at.strftime("%H:%M"), "closes": s.closes_at.strftime("%H:%M")}
        for s in service.schedules if s.opens_at and s.closes_at and is_every_week(s)
        and not has_ended(s, date.today())
    ]


def provision_json_ld(service: Service) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if service.tier == "maatwerk" else "Service",
        "name": service.name,
        "description": service.description,
        "url": url_for("public.provision", service_id=service.id, _external=True),
        "provider": _provider(service),
        "areaServed": _area_served(service),
    }
    if service.is_free:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}
    places = [_place(service, location) for location in service.locations]
    if places:
        data["availableChannel"] = [{"@type": "ServiceChannel", "serviceLocation": p}
                                    for p in places]
    hours = _weekly_hours(service)
    if hours:
        data["hoursAvailable"] = hours
    return data
