"""The canonical Berkelland record, validated with marshmallow.

One schema for every way data comes in (demo file, spreadsheet, HSDS import, the web
editor), so the same rules and the same Dutch messages apply everywhere.
"""

from __future__ import annotations

import re

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    validate,
    validates_schema,
)

from app.domain.vocabulary import (
    ACCESS_CODES,
    LEGAL_FRAMEWORK_CODES,
    LIFE_DOMAIN_CODES,
    MUNICIPALITY,
    SERVICE_STATUSES,
    TARGET_GROUP_CODES,
    TIER_CODES,
)

KERN_NAMES = ("Borculo", "Eibergen", "Neede", "Ruurlo", "Beltrum", "Rekken", "Rietmolen",
              "Haarlo", "Geesteren", "Gelselaar", "Noordijk")
POSTCODE = re.compile(r"^\d{4}(\s?[A-Z]{2})?$")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
KEY = validate.Regexp(r"^[a-z0-9][a-z0-9-]*$",
                      error="Gebruik alleen kleine letters, cijfers en streepjes.")


def _one_of(choices, what):
    return validate.OneOf(choices, error=f"Onbekende {what} {{input!r}}. Kies uit: {{choices}}.")


class ScheduleIn(Schema):
    class Meta:
        unknown = EXCLUDE

    byday = fields.String(required=True)
    opens_at = fields.String(required=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error="Schrijf een tijd als 09:30."))
    closes_at = fields.String(required=True, validate=validate.Regexp(
        r"^([01]\d|2[0-3]):[0-5]\d$", error="Schrijf een tijd als 17:00."))
    description = fields.String(load_default=None, allow_none=True)

    @validates_schema
    def _check(self, data, **kwargs):
        days = [d.strip() for d in data["byday"].split(",")]
        wrong = [d for d in days if d not in DAYS]
        if wrong:
            raise ValidationError(f"Onbekende dag {', '.join(wrong)}; gebruik MO TU WE TH FR SA SU.",
                                  "byday")
        if data["opens_at"] >= data["closes_at"]:
            raise ValidationError("De sluitingstijd moet na de openingstijd liggen.", "closes_at")


class CostIn(Schema):
    class Meta:
        unknown = EXCLUDE

    amount = fields.Decimal(load_default=None, allow_none=True, places=2,
                            validate=validate.Range(min=0, error="Een bedrag kan niet negatief zijn."))
    description = fields.String(load_default=None, allow_none=True)


class LocationIn(Schema):
    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=KEY)
    name = fields.String(load_default=None, allow_none=True)
    address = fields.String(required=True, validate=validate.Length(min=2))
    postcode = fields.String(required=True, validate=validate.Regexp(
        POSTCODE, error="Een postcode is vier cijfers en twee hoofdletters, zoals 7271 AB."))
    city = fields.String(required=True, validate=validate.Length(min=2))
    kern = fields.String(load_default=None, allow_none=True,
                         validate=_one_of(KERN_NAMES, "kern"))
    lat = fields.Float(load_default=None, allow_none=True,
                       validate=validate.Range(50.5, 53.7, error="Breedtegraad ligt niet in Nederland."))
    lon = fields.Float(load_default=None, allow_none=True,
                       validate=validate.Range(3.2, 7.3, error="Lengtegraad ligt niet in Nederland."))
    accessibility = fields.String(load_default=None, allow_none=True)
    transportation = fields.String(load_default=None, allow_none=True)


class ServiceIn(Schema):
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
    kernen = fields.List(fields.String(validate=_one_of((*KERN_NAMES, MUNICIPALITY), "kern")),
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
    phone = fields.String(load_default=None, allow_none=True)
    email = fields.Email(load_default=None, allow_none=True)
    url = fields.Url(load_default=None, allow_none=True)
    languages = fields.List(fields.String(validate=validate.Length(equal=2)), load_default=list)
    status = fields.String(load_default="active", validate=_one_of(SERVICE_STATUSES, "status"))
    provenance = fields.String(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True)

    @validates_schema
    def _check(self, data, **kwargs):
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            raise ValidationError("De minimumleeftijd is hoger dan de maximumleeftijd.",
                                  "maximum_age")
        if MUNICIPALITY in data["kernen"] and len(data["kernen"]) > 1:
            raise ValidationError("Kies 'Berkelland' alleen, of losse kernen.", "kernen")


class OrganizationIn(Schema):
    class Meta:
        unknown = EXCLUDE

    key = fields.String(required=True, validate=KEY)
    name = fields.String(required=True, validate=validate.Length(min=2, max=255))
    description = fields.String(load_default="")
    website = fields.Url(load_default=None, allow_none=True)
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.String(load_default=None, allow_none=True)
    provenance = fields.String(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True)
    locations = fields.List(fields.Nested(LocationIn), load_default=list)
    services = fields.List(fields.Nested(ServiceIn), load_default=list)

    @validates_schema
    def _check(self, data, **kwargs):
        keys = {loc["key"] for loc in data["locations"]}
        for index, service in enumerate(data["services"]):
            unknown = [k for k in service["locations"] if k not in keys]
            if unknown:
                raise ValidationError(
                    {"services": {index: {"locations": [
                        f"Locatie {', '.join(unknown)} hoort niet bij deze organisatie."]}}})
