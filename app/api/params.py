"""Query parameters of the API, as marshmallow schemas: one definition parses a request
and documents it in the OpenAPI description.

Every parameter takes one value, except the Berkelland extensions ``tier``,
``leefgebied`` and ``doelgroep``, which take several (repeated, or separated by commas;
a service matches when it has any of them).  Different parameters combine as AND.
Anything that does not parse is a 400 that names the parameter and says why
(``ParamError``).  A parameter an endpoint does not know (a cache-buster ``_``, another
profile's filter) is ignored, and named in the ``X-Ignored-Parameters`` response header so a
typo that widens a result can still be seen.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

MAX_PER_PAGE = 1000
MAX_PER_PAGE_MINIMAL = 10000
DEFAULT_PER_PAGE = 50
MAX_PROXIMITY_M = 100_000

#: Parameters that may be given several times (their values are joined with commas).
MULTI = ("tier", "leefgebied", "doelgroep")


class ParamError(Exception):
    """Bad query parameters: ``errors`` is a list of {"parameter", "message"}."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(f"{e['parameter']}: {e['message']}" for e in errors))
        self.errors = errors


def param_error(parameter: str, message: str) -> ParamError:
    return ParamError([{"parameter": parameter, "message": message}])


# --- fields ---------------------------------------------------------------------------


class Flag(fields.Boolean):
    """true/false (also 1/0, yes/no)."""

    default_error_messages = {"invalid": "must be true or false"}


class WholeNumber(fields.Integer):
    default_error_messages = {"invalid": "must be a whole number"}


class Decimal(fields.Float):
    default_error_messages = {"invalid": "must be a number (use a dot for decimals)",
                              "special": "must be a finite number"}


class Identifier(fields.UUID):
    default_error_messages = {"invalid_uuid": "must be a UUID (e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301)"}


class Moment(fields.Field):
    """An ISO 8601 date-time (or a date, meaning its start); without an offset it is UTC."""

    default_error_messages = {
        "invalid": "must be an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:30:00Z"}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not value.strip():
            raise self.make_error("invalid")
        text = value.strip().replace(" ", "+") if "T" in value else value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as exc:
            raise self.make_error("invalid") from exc
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


#: iCalendar (RFC 5545) day codes, as HSDS's ``schedule.byday`` and the UK profile use them.
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")


class Day(fields.String):
    default_error_messages = {"invalid_day": "must be a day code: " + ", ".join(DAYS)}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if text not in DAYS:
            raise self.make_error("invalid_day")
        return text


class Clock(fields.String):
    """A time of day, ``HH:MM`` or ``HH:MM:SS`` (local time in Berkelland)."""

    default_error_messages = {"invalid_clock": "must be a time of day, HH:MM or HH:MM:SS "
                                               "(e.g. 09:30)"}

    def _deserialize(self, value, attr, data, **kwargs):
        match = _CLOCK.fullmatch(super()._deserialize(value, attr, data, **kwargs).strip())
        if match is None:
            raise self.make_error("invalid_clock")
        return time(int(match[1]), int(match[2]), int(match[3] or 0))


class Words(fields.String):
    """A list given as repeated parameters or comma-separated; documented as a string."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))


FORMAT = fields.String(
    load_default="json",
    validate=validate.OneOf(("json", "ndjson"), error="must be json or ndjson"),
    metadata={"description": "`json` (default, a page envelope) or `ndjson`: every result, "
                             "one JSON object per line, without paging."})
SEARCH = fields.String(
    validate=validate.Length(max=200, error="must be at most 200 characters"),
    metadata={"description": "Full text search (for services: the same search, with the same "
                             "Dutch analysis, synonyms and order, as the public site)."})


# --- per endpoint -------------------------------------------------------------------


class PagedArgs(Schema):
    page = WholeNumber(load_default=1, validate=validate.Range(min=1, error="must be 1 or more"),
                       metadata={"description": "Page number, from 1."})
    per_page = WholeNumber(
        validate=validate.Range(min=1, max=MAX_PER_PAGE_MINIMAL,
                                error="must be between {min} and {max}"),
        metadata={"description": f"Items per page (default {DEFAULT_PER_PAGE}, at most "
                                 f"{MAX_PER_PAGE}; with `minimal=true` at most "
                                 f"{MAX_PER_PAGE_MINIMAL})."})
    format = FORMAT

    @validates_schema
    def _per_page_limit(self, data, **kwargs):
        limit = MAX_PER_PAGE_MINIMAL if data.get("minimal") else MAX_PER_PAGE
        if data.get("per_page", 0) > limit:
            why = "with minimal=true " if data.get("minimal") else ""
            raise ValidationError(f"must be at most {limit} {why}".strip(), "per_page")


class ServiceFilterArgs(PagedArgs):
    """The filters shared by /services and /service_at_locations."""

    search = SEARCH
    taxonomy_term_id = Identifier(metadata={
        "description": "Only services linked to this taxonomy term (also the profile's terms: "
                       "tier, access, life domain, target group, legal framework)."})
    taxonomy_id = Identifier(metadata={
        "description": "Only services linked to any term of this taxonomy."})
    organization_id = Identifier(metadata={
        "description": "Only services of this organization."})
    modified_after = Moment(metadata={
        "description": "Only services changed on or after this moment (ISO 8601; UTC when "
                       "no offset is given).", "format": "date-time"})
    full = Flag(load_default=False, metadata={"description": "true: fully nested items."})
    postcode = fields.String(metadata={
        "description": "A Dutch postcode (`7271`, `7271 AB`). Without `proximity`: only "
                       "services whose service area covers it (its kern, or all of "
                       "Berkelland). With `proximity`: services within that many "
                       "metres of its centroid, and the services that serve its kern "
                       "(or all of Berkelland) wherever their address is: they come to the "
                       "home or serve everyone."})
    proximity = Decimal(validate=validate.Range(min=0, max=MAX_PROXIMITY_M, min_inclusive=False,
                                                error="must be more than 0 and at most {max} "
                                                      "(metres)"),
                        metadata={"description": "Distance in metres from `postcode`, or from "
                                                 "`lat`+`lon`."})
    lat = Decimal(validate=validate.Range(min=-90, max=90, error="must be between -90 and 90"),
                  metadata={"description": "Berkelland extension: latitude (WGS84) of a point; "
                                           "with `lon`. Results are ordered by distance to it "
                                           "within each tier."})
    lon = Decimal(validate=validate.Range(min=-180, max=180,
                                          error="must be between -180 and 180"),
                  metadata={"description": "Berkelland extension: longitude (WGS84); with `lat`."})
    kern = fields.String(metadata={
        "description": "Berkelland extension: a kern by name or slug (`Rekken`, `rekken`). "
                       "Services that serve it: locally, or municipality-wide."})
    tier = Words(metadata={
        "description": "Berkelland extension: voorzieningsniveau by code or name "
                       "(`algemeen`, `voorliggend`, `maatwerk`); several allowed (any of)."})
    leefgebied = Words(metadata={
        "description": "Berkelland extension: ZRM life domain by code or name "
                       "(e.g. `financien`); several allowed (any of)."})
    doelgroep = Words(metadata={
        "description": "Berkelland extension: target group by code or name (e.g. `ouderen`); "
                       "several allowed (any of)."})
    day = Day(metadata={
        "description": "UK profile: only services open on this day of the week (`MO`, `TU`, "
                       "`WE`, `TH`, `FR`, `SA`, `SU`, as in a schedule's `byday`). With "
                       "`start_time`/`end_time`: open on that day within that window.",
        "enum": list(DAYS)})
    start_time = Clock(metadata={
        "description": "UK profile: only services whose opening hours (on `day`, when "
                       "given) reach past this time (`HH:MM`, local time): open at some "
                       "moment between `start_time` and `end_time`.",
        "pattern": f"^{_CLOCK.pattern}$"})
    end_time = Clock(metadata={
        "description": "UK profile: only services that open (on `day`, when given) before "
                       "this time (`HH:MM`, local time).", "pattern": f"^{_CLOCK.pattern}$"})
    minimum_age = WholeNumber(
        validate=validate.Range(min=0, max=150, error="must be between {min} and {max}"),
        metadata={"description": "Only services open to people of this age or older (a "
                                 "service's age range overlaps [minimum_age, maximum_age])."})
    maximum_age = WholeNumber(
        validate=validate.Range(min=0, max=150, error="must be between {min} and {max}"),
        metadata={"description": "Only services open to people of this age or younger. "
                                 "Give both with the same value for one age."})

    @validates_schema
    def _combinations(self, data, **kwargs):
        if ("lat" in data) != ("lon" in data):
            missing = "lon" if "lat" in data else "lat"
            raise ValidationError("lat and lon go together; give both", missing)
        if "lat" in data and "postcode" in data:
            raise ValidationError("give either postcode or lat+lon, not both", "postcode")
        if "proximity" in data and "lat" not in data and "postcode" not in data:
            raise ValidationError("needs a point: postcode, or lat and lon", "proximity")
        if ("start_time" in data and "end_time" in data
                and data["start_time"] >= data["end_time"]):
            raise ValidationError("must be earlier than end_time", "start_time")
        if ("minimum_age" in data and "maximum_age" in data
                and data["minimum_age"] > data["maximum_age"]):
            raise ValidationError("must not be more than maximum_age", "minimum_age")


class ServicesArgs(ServiceFilterArgs):
    minimal = Flag(load_default=False, metadata={
        "description": "true: only id, name, status and last_modified of each service (aim "
                       "for one page: per_page may go up to "
                       f"{MAX_PER_PAGE_MINIMAL})."})

    @validates_schema
    def _one_shape(self, data, **kwargs):
        if data.get("minimal") and data.get("full"):
            raise ValidationError("minimal and full exclude each other", "minimal")


class ServiceAtLocationsArgs(ServiceFilterArgs):
    pass


class OrganizationsArgs(PagedArgs):
    search = fields.String(validate=validate.Length(max=200, error="must be at most 200 characters"),
                           metadata={"description": "Words in the organization's name or "
                                                    "description."})
    full = Flag(load_default=False, metadata={
        "description": "true: organizations with their contacts, phones, locations and "
                       "(published, active) services."})
    full_service = Flag(load_default=False, metadata={
        "description": "true: with `full`, the services fully nested."})


class OrganizationArgs(Schema):
    full_service = Flag(load_default=False, metadata={
        "description": "true: services fully nested (default: one-to-one fields)."})


class TaxonomiesArgs(PagedArgs):
    search = fields.String(validate=validate.Length(max=200, error="must be at most 200 characters"),
                           metadata={"description": "Words in the name or description."})


class TaxonomyTermsArgs(PagedArgs):
    search = fields.String(validate=validate.Length(max=200, error="must be at most 200 characters"),
                           metadata={"description": "Words in the code, name or description."})
    taxonomy_id = Identifier(metadata={"description": "Only terms of this taxonomy."})
    top_only = Flag(load_default=False, metadata={
        "description": "true: only terms without a parent."})
    parent_id = Identifier(metadata={"description": "Only the children of this term."})


class NoArgs(Schema):
    pass


# --- parsing ------------------------------------------------------------------------


def parse(schema: Schema, args, ignored: list[str] | None = None) -> dict:
    """Read ``request.args`` with ``schema``; raise ``ParamError`` listing every problem.
    Parameters the endpoint does not know are not an error: their names are appended to
    ``ignored`` (the views answer them in the ``X-Ignored-Parameters`` header)."""
    ignored = ignored if ignored is not None else []
    errors: list[dict[str, str]] = []
    data: dict[str, str] = {}
    for name in args:
        values = args.getlist(name)
        if name not in schema.fields:
            ignored.append(name)  # cache-busters, other profiles' filters: said in a header
        elif name in MULTI:
            data[name] = ",".join(values)
        elif len(values) > 1:
            errors.append({"parameter": name, "message": "given more than once"})
        else:
            data[name] = values[0]
    try:
        loaded = schema.load(data)
    except ValidationError as exc:
        errors.extend(_flatten(exc.messages))
        loaded = {}
    if errors:
        raise ParamError(sorted(errors, key=lambda e: e["parameter"]))
    return loaded


def _flatten(messages) -> list[dict[str, str]]:
    out = []
    if isinstance(messages, dict):
        for name, value in messages.items():
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                text = str(text)
                if text == "Unknown field.":
                    text = "unknown parameter"
                out.append({"parameter": "(request)" if name == "_schema" else name,
                            "message": text.rstrip(".")})
    else:
        out.append({"parameter": "(request)", "message": str(messages)})
    return out
