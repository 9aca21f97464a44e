"""The canonical Berkelland record, validated with marshmallow.

One schema for every way data comes in (demo file, spreadsheet, HSDS import, the web
editor), so the same rules and the same Dutch messages apply everywhere.

The record is the Berkelland profile view (``key``, ``tier``, ``kernen``, one ``phone``,
one ``cost`` ...).  Importers of richer formats (HSDS) may add the optional detail fields
below (``id``, ``phones``, ``cost_options``, ``service_areas``, ``language_details`` ...):
they carry HSDS ids and fields the profile view has no room for, and when present they
replace their simple counterpart on writing.  They are never filled in by default, so a
record without them loads exactly as before.

Drafts: ``DRAFTABLE_SERVICE_FIELDS`` and ``DRAFTABLE_LOCATION_FIELDS`` are what an import
may leave for an editor to complete (valid HSDS that lacks the profile's tier or kern, a
foreign postcode); ``importers/runner.py`` turns errors on those fields into a
``draft_reason`` instead of refusing the file.  ``dutch()`` translates marshmallow's own
English messages.

Bidi control characters (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) leave every text
value before anything else (``_In``, a ``pre_load`` of every schema here): they would reverse
how a provision's name or description is shown (``app.hygiene.strip_bidi``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC
from typing import Any

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)
from sqlalchemy import select

from app.hygiene import strip_bidi_deep
from app.models import Kern
from app.models.base import DbSession
from app.vocabulary import (
    ACCESS_CODES,
    LEGAL_FRAMEWORK_CODES,
    LIFE_DOMAIN_CODES,
    MUNICIPALITY,
    SERVICE_STATUSES,
    TARGET_GROUP_CODES,
    TIER_CODES,
)

#: Berkelland's kernen: what validation accepts until the database's kern table is known
#: (``kernen_known``); the table (``flask load-reference``) is the source of truth.
KERN_NAMES = ("Borculo", "Eibergen", "Neede", "Ruurlo", "Beltrum", "Rekken", "Rietmolen",
              "Haarlo", "Geesteren", "Gelselaar", "Noordijk")
_KNOWN_KERNEN: ContextVar[tuple[str, ...] | None] = ContextVar("known_kernen", default=None)


def kern_names() -> tuple[str, ...]:
    """The kern names records may use: the kern table's, inside ``kernen_known``."""
    return _KNOWN_KERNEN.get() or KERN_NAMES


@contextmanager
def kernen_known(names: Iterable[str]) -> Iterator[None]:
    """Validate (and map) kern names against these, e.g. every kern in the database."""
    token = _KNOWN_KERNEN.set(tuple(names) or None)
    try:
        yield
    finally:
        _KNOWN_KERNEN.reset(token)


def kern_names_in(session: DbSession) -> list[str]:
    """Every kern name in the database: what records may name (see ``kernen_known``)."""
    return list(session.scalars(select(Kern.name).order_by(Kern.sort_order, Kern.name)))


POSTCODE = re.compile(r"^\d{4}(\s?[A-Z]{2})?$")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
KEY = validate.Regexp(r"^[a-z0-9][a-z0-9-]*$",
                      error="Gebruik alleen kleine letters, cijfers en streepjes.")


#: What an import may leave for an editor to complete (the service becomes a draft).
DRAFTABLE_SERVICE_FIELDS = ("tier", "access", "life_domains", "target_groups", "kernen",
                            "description", "schedules", "legal_frameworks", "service_areas")
#: Location problems that make the services there drafts instead of refusing the file.
DRAFTABLE_LOCATION_FIELDS = ("address", "postcode", "city", "kern", "lat", "lon")

_DUTCH = {
    "Missing data for required field.": "Dit veld is verplicht en ontbreekt.",
    "Field may not be null.": "Dit veld mag niet leeg zijn.",
    "Not a valid string.": "Dit moet tekst zijn.",
    "Not a valid integer.": "Dit moet een heel getal zijn.",
    "Not a valid number.": "Dit moet een getal zijn.",
    "Not a valid email address.": "Dit is geen geldig e-mailadres.",
    "Not a valid URL.": "Dit is geen geldig webadres (begin met https://).",
    "Not a valid list.": "Dit moet een lijst zijn.",
    "Not a valid UUID.": "Dit is geen geldige UUID.",
    "Not a valid date.": "Dit is geen geldige datum (schrijf 2026-01-31).",
    "Not a valid datetime.": "Dit is geen geldig tijdstip (ISO 8601).",
    "Invalid input type.": "Dit heeft de verkeerde vorm.",
    "Invalid value.": "Deze waarde klopt niet.",
    "Unknown field.": "Onbekend veld.",
    "Special numeric values (nan or infinity) are not permitted.": "Dit moet een gewoon getal zijn.",
}


def dutch(message: str) -> str:
    """marshmallow's built-in English messages in plain Dutch (our own are Dutch already)."""
    if message in _DUTCH:
        return _DUTCH[message]
    match = re.fullmatch(r"Length must be between (\d+) and (\d+)\.", message)
    if match:
        return f"Dit moet {match[1]} tot {match[2]} tekens lang zijn."
    match = re.fullmatch(r"Shorter than minimum length (\d+)\.", message)
    if match:
        return f"Dit moet minstens {match[1]} tekens lang zijn."
    match = re.fullmatch(r"Longer than maximum length (\d+)\.", message)
    if match:
        return f"Dit mag hoogstens {match[1]} tekens lang zijn."
    match = re.fullmatch(r"Length must be (\d+)\.", message)
    if match:
        return f"Dit moet precies {match[1]} tekens lang zijn."
    if message.startswith("Must be greater than or equal to") or message.startswith("Must be less"):
        return "Deze waarde valt buiten het toegestane bereik (" + message + ")."
    return message


def _max(length: int) -> validate.Length:
    """The column's length: longer text cannot be stored, so it is refused with a reason."""
    return validate.Length(max=length, error=f"Dit mag hoogstens {length} tekens lang zijn.")


def _one_of(choices: Iterable[str], what: str) -> validate.OneOf:
    return validate.OneOf(choices, error=f"Onbekende {what} {{input!r}}. Kies uit: {{choices}}.")


class _Kern(validate.Validator):
    """A kern name known at validation time (``kern_names``), plus ``extra`` names."""

    def __init__(self, *extra: str) -> None:
        self.extra = extra

    def __call__(self, value: str) -> str:
        choices = (*kern_names(), *self.extra)
        if value not in choices:
            raise ValidationError(f"Onbekende kern {value!r}. Kies uit: {', '.join(choices)}.")
        return value


class _In(Schema):
    """Every record schema: bidi control characters leave all text first."""

    @pre_load
    def _strip_bidi(self, data: object, **kwargs: object) -> object:
        return strip_bidi_deep(data) if isinstance(data, dict) else data


#: An RFC 5545 BYDAY item: a day, maybe with its place in the month ("1TU", "-1FR").
BYDAY_ITEM = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
#: BYMONTHDAY / BYWEEKNO / BYYEARDAY: comma-separated whole numbers, maybe negative.
NUMBER_LIST = validate.Regexp(r"^\s*[+-]?\d{1,3}(\s*,\s*[+-]?\d{1,3})*\s*$",
                              error="Schrijf hele getallen, gescheiden door komma's (1,15).")


class ScheduleIn(_In):
    class Meta:
        unknown = EXCLUDE

    # required unless the schedule says which days of the month, week or year it is on
    byday = fields.String(load_default=None, allow_none=True)
    opens_at = fields.String(required=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error="Schrijf een tijd als 09:30."))
    closes_at = fields.String(required=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error="Schrijf een tijd als 17:00."))
    description = fields.String(load_default=None, allow_none=True)
    # HSDS detail (optional, never defaulted)
    id = fields.UUID()
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)
    freq = fields.String(allow_none=True, validate=_one_of(("WEEKLY", "MONTHLY"), "freq"))
    interval = fields.Integer(allow_none=True, validate=validate.Range(1, 52))
    attending_type = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    dtstart = fields.Date(allow_none=True)
    until = fields.Date(allow_none=True)
    count = fields.Integer(allow_none=True, validate=validate.Range(1, 10000))
    wkst = fields.String(allow_none=True, validate=_one_of(DAYS, "weekstart"))
    byweekno = fields.String(allow_none=True, validate=NUMBER_LIST)
    bymonthday = fields.String(allow_none=True, validate=NUMBER_LIST)
    byyearday = fields.String(allow_none=True, validate=NUMBER_LIST)
    timezone = fields.Float(allow_none=True, validate=validate.Range(
        -12, 14, error="Een tijdzone is een verschil met UTC in uren, van -12 tot 14."))
    schedule_link = fields.String(allow_none=True, validate=_max(500))

    @validates_schema
    def _check(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data.get("byday"):
            if not any(data.get(k) for k in ("bymonthday", "byweekno", "byyearday")):
                raise ValidationError("Dit veld is verplicht en ontbreekt.", "byday")
        else:
            days = [d.strip() for d in data["byday"].split(",")]
            wrong = [d for d in days if not BYDAY_ITEM.match(d)]
            if wrong:
                raise ValidationError(f"Onbekende dag {', '.join(wrong)}; gebruik MO TU WE TH "
                                      "FR SA SU, voor een maand eventueel met een rangnummer "
                                      "(1TU is de eerste dinsdag, -1FR de laatste vrijdag).",
                                      "byday")
        if data["opens_at"] >= data["closes_at"]:
            raise ValidationError("De sluitingstijd moet na de openingstijd liggen.", "closes_at")


class CostIn(_In):
    class Meta:
        unknown = EXCLUDE

    amount = fields.Decimal(load_default=None, allow_none=True, places=2,
                            validate=validate.Range(min=0, error="Een bedrag kan niet negatief zijn."))
    description = fields.String(load_default=None, allow_none=True)


class PhoneIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    number = fields.String(required=True, validate=validate.Length(
        min=3, max=40, error="Een telefoonnummer heeft 3 tot 40 tekens."))
    extension = fields.String(allow_none=True, validate=validate.Length(max=20))
    type = fields.String(allow_none=True, validate=_max(20))
    description = fields.String(allow_none=True)


class ContactIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    name = fields.String(allow_none=True, validate=_max(255))
    title = fields.String(allow_none=True, validate=_max(255))
    department = fields.String(allow_none=True, validate=_max(255))
    email = fields.Email(allow_none=True, validate=_max(255))


class CostOptionIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    option = fields.String(allow_none=True, validate=_max(255))
    currency = fields.String(allow_none=True, validate=validate.Length(
        equal=3, error="Een munteenheid is drie letters, zoals EUR."))
    amount = fields.Decimal(allow_none=True, places=2,
                            validate=validate.Range(min=0, error="Een bedrag kan niet negatief zijn."))
    amount_description = fields.String(allow_none=True)
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)


class ServiceAreaIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(allow_none=True)
    extent = fields.String(allow_none=True)
    extent_type = fields.String(allow_none=True, validate=_max(20))
    uri = fields.String(allow_none=True, validate=_max(500))


class LanguageIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    code = fields.String(allow_none=True, validate=validate.Length(
        min=2, max=10, error="Een taalcode is twee of drie letters, zoals nl."))
    name = fields.String(allow_none=True, validate=_max(80))
    note = fields.String(allow_none=True)


class RequiredDocumentIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    document = fields.String(required=True, validate=validate.Length(min=1))
    uri = fields.String(allow_none=True, validate=_max(500))


class AddressIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    attention = fields.String(allow_none=True, validate=_max(255))
    address_1 = fields.String(required=True, validate=validate.Length(min=2, max=255))
    address_2 = fields.String(allow_none=True, validate=_max(255))
    city = fields.String(required=True, validate=validate.Length(min=2, max=120))
    region = fields.String(allow_none=True, validate=_max(120))
    state_province = fields.String(allow_none=True, validate=_max(120))
    postal_code = fields.String(required=True, validate=validate.Length(min=1, max=10))
    country = fields.String(allow_none=True, validate=validate.Length(equal=2))
    address_type = fields.String(allow_none=True, validate=_max(20))


class AccessibilityIn(_In):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    description = fields.String(allow_none=True)
    details = fields.String(allow_none=True)
    url = fields.String(allow_none=True, validate=_max(500))


class ServiceAtLocationIn(_In):
    class Meta:
        unknown = EXCLUDE

    location = fields.String(required=True)  # the location's key
    id = fields.UUID()
    description = fields.String(allow_none=True)


class AttributeIn(_In):
    """A taxonomy term outside the profile, linked to the service (HSDS attribute)."""

    class Meta:
        unknown = EXCLUDE

    id = fields.UUID()
    taxonomy = fields.String(required=True)
    code = fields.String(required=True, validate=_max(120))
    link_type = fields.String(allow_none=True, validate=_max(120))  # else: the taxonomy's name
    value = fields.String(allow_none=True)
    label = fields.String(allow_none=True, validate=_max(255))


class LocationIn(_In):
    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=KEY)
    name = fields.String(load_default=None, allow_none=True, validate=_max(255))
    # Required for a place people visit; a virtual location (HSDS) has none.
    address = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=2))
    postcode = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(
        POSTCODE, error="Een postcode is vier cijfers en twee hoofdletters, zoals 7271 AB."))
    city = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=2))
    kern = fields.String(load_default=None, allow_none=True,
                         validate=_Kern())
    lat = fields.Float(load_default=None, allow_none=True,
                       validate=validate.Range(50.5, 53.7, error="Breedtegraad ligt niet in Nederland."))
    lon = fields.Float(load_default=None, allow_none=True,
                       validate=validate.Range(3.2, 7.3, error="Lengtegraad ligt niet in Nederland."))
    accessibility = fields.String(load_default=None, allow_none=True)
    transportation = fields.String(load_default=None, allow_none=True)
    # HSDS detail (optional, never defaulted)
    id = fields.UUID()
    location_type = fields.String(validate=_one_of(("physical", "postal", "virtual"), "soort locatie"))
    url = fields.Url(allow_none=True, validate=_max(500))
    alternate_name = fields.String(allow_none=True, validate=_max(255))
    description = fields.String(allow_none=True)
    addresses = fields.List(fields.Nested(AddressIn))
    accessibility_details = fields.List(fields.Nested(AccessibilityIn))

    @validates_schema
    def _check(self, data: dict[str, Any], **kwargs: Any) -> None:
        partial = kwargs.get("partial") or ()
        if data.get("location_type") == "virtual" or partial is True:
            return
        missing = {name: ["Vul dit in: een locatie waar mensen heen gaan heeft een adres."]
                   for name in ("address", "postcode", "city")
                   if not data.get(name) and name not in partial}
        if missing:
            raise ValidationError(missing)


class ServiceIn(_In):
    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=KEY)
    name = fields.String(required=True, validate=validate.Length(min=3, max=255))
    description = fields.String(required=True, validate=validate.Length(
        min=20, error="Schrijf in een paar zinnen wat de voorziening is."))
    tier = fields.String(required=True, validate=_one_of(TIER_CODES, "voorzieningsniveau"))
    access = fields.String(required=True, validate=_one_of(ACCESS_CODES, "toegang"))
    life_domains = fields.List(fields.String(validate=_one_of(LIFE_DOMAIN_CODES, "leefgebied")),
                               required=True, validate=validate.Length(
                                   min=1, error="Kies minstens één leefgebied."))
    target_groups = fields.List(fields.String(validate=_one_of(TARGET_GROUP_CODES, "doelgroep")),
                                required=True, validate=validate.Length(
                                    min=1, error="Kies minstens één doelgroep."))
    legal_frameworks = fields.List(fields.String(
        validate=_one_of(LEGAL_FRAMEWORK_CODES, "wettelijk kader")), load_default=list)
    kernen = fields.List(fields.String(validate=_Kern(MUNICIPALITY)),
                         required=True, validate=validate.Length(
                             min=1, error="Kies de kernen waar dit voor is, of heel Berkelland."))
    locations = fields.List(fields.String(), load_default=list)
    schedules = fields.List(fields.Nested(ScheduleIn), load_default=list)
    schedule_note = fields.String(load_default=None, allow_none=True)
    cost = fields.Nested(CostIn, load_default=None, allow_none=True)
    eligibility = fields.String(load_default=None, allow_none=True)
    application_process = fields.String(load_default=None, allow_none=True)
    minimum_age = fields.Integer(load_default=None, allow_none=True,
                                 validate=validate.Range(0, 120))
    maximum_age = fields.Integer(load_default=None, allow_none=True,
                                 validate=validate.Range(0, 120))
    phone = fields.String(load_default=None, allow_none=True, validate=_max(40))
    email = fields.Email(load_default=None, allow_none=True, validate=_max(255))
    url = fields.Url(load_default=None, allow_none=True, validate=_max(500))
    languages = fields.List(fields.String(validate=validate.Length(equal=2)), load_default=list)
    status = fields.String(load_default="active", validate=_one_of(SERVICE_STATUSES, "status"))
    provenance = fields.String(load_default=None, allow_none=True, validate=_max(20))
    source = fields.String(load_default=None, allow_none=True)
    # HSDS detail (optional, never defaulted); when present it replaces the simple field.
    id = fields.UUID()
    alternate_name = fields.String(allow_none=True, validate=validate.Length(max=255))
    interpretation_services = fields.String(allow_none=True)
    alert = fields.String(allow_none=True)
    fees_description = fields.String(allow_none=True)       # else: cost.description
    wait_time = fields.String(allow_none=True)
    accreditations = fields.String(allow_none=True)
    licenses = fields.String(allow_none=True)
    phones = fields.List(fields.Nested(PhoneIn))             # else: phone
    contacts = fields.List(fields.Nested(ContactIn))
    cost_options = fields.List(fields.Nested(CostOptionIn))  # else: cost
    service_areas = fields.List(fields.Nested(ServiceAreaIn))  # else: kernen
    language_details = fields.List(fields.Nested(LanguageIn))  # else: languages
    service_at_locations = fields.List(fields.Nested(ServiceAtLocationIn))  # else: locations
    attributes = fields.List(fields.Nested(AttributeIn))
    required_documents = fields.List(fields.Nested(RequiredDocumentIn))
    last_modified = fields.AwareDateTime(allow_none=True, default_timezone=UTC)  # on creation

    @validates_schema
    def _check(self, data: dict[str, Any], **kwargs: Any) -> None:
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            raise ValidationError("De minimumleeftijd is hoger dan de maximumleeftijd.",
                                  "maximum_age")
        if MUNICIPALITY in data.get("kernen", ()) and len(data["kernen"]) > 1:
            raise ValidationError("Kies 'Berkelland' alleen, of losse kernen.", "kernen")


class OrganizationIn(_In):
    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=KEY)
    name = fields.String(required=True, validate=validate.Length(min=2, max=255))
    description = fields.String(load_default="")
    website = fields.Url(load_default=None, allow_none=True, validate=_max(500))
    email = fields.Email(load_default=None, allow_none=True, validate=_max(255))
    phone = fields.String(load_default=None, allow_none=True, validate=_max(40))
    provenance = fields.String(load_default=None, allow_none=True, validate=_max(20))
    source = fields.String(load_default=None, allow_none=True)
    locations = fields.List(fields.Nested(LocationIn), load_default=list)
    services = fields.List(fields.Nested(ServiceIn), load_default=list)
    # HSDS detail (optional, never defaulted)
    id = fields.UUID()
    alternate_name = fields.String(allow_none=True, validate=validate.Length(max=255))
    legal_status = fields.String(allow_none=True, validate=validate.Length(max=120))
    year_incorporated = fields.Integer(allow_none=True, validate=validate.Range(1000, 2100))
    phones = fields.List(fields.Nested(PhoneIn))              # else: phone
    contacts = fields.List(fields.Nested(ContactIn))

    @validates_schema
    def _check(self, data: dict[str, Any], **kwargs: Any) -> None:
        keys = {loc["key"] for loc in data["locations"]}
        for index, service in enumerate(data["services"]):
            unknown = [k for k in service.get("locations", []) if k not in keys]
            if unknown:
                raise ValidationError(
                    {"services": {index: {"locations": [
                        f"Locatie {', '.join(unknown)} hoort niet bij deze organisatie."]}}})
