"""The HSDS 3.0 tabular layout (a Frictionless tabular data package) this project reads and writes.

Field lists and types follow ``datapackage.json`` of HSDS 3.0 for the tables the directory
fills; the product carries them itself (it never reads the reference at run time), and a
test checks them against the reference.
"""

from __future__ import annotations

#: resource name -> (CSV file, field names in order)
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": ("organizations.csv", (
        "id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
        "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id",
    )),
    "service": ("services.csv", (
        "id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
        "email", "status", "interpretation_services", "application_process", "fees_description",
        "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age",
        "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified",
    )),
    "location": ("locations.csv", (
        "id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
        "transportation", "latitude", "longitude", "external_identifier",
        "external_identifier_type",
    )),
    "address": ("addresses.csv", (
        "id", "location_id", "attention", "address_1", "address_2", "city", "region",
        "state_province", "postal_code", "country", "address_type",
    )),
    "service_at_location": ("service_at_location.csv", (
        "id", "service_id", "location_id", "description",
    )),
    "phone": ("phones.csv", (
        "id", "location_id", "service_id", "organization_id", "contact_id",
        "service_at_location_id", "number", "extension", "type", "description",
    )),
    "contact": ("contacts.csv", (
        "id", "organization_id", "service_id", "service_at_location_id", "location_id", "name",
        "title", "department", "email",
    )),
    "schedule": ("schedules.csv", (
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno",
        "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
        "attending_type", "notes",
    )),
    "service_area": ("service_areas.csv", (
        "id", "service_id", "name", "description", "extent", "extent_type", "uri",
    )),
    "language": ("languages.csv", (
        "id", "service_id", "location_id", "phone_id", "name", "code", "note",
    )),
    "accessibility": ("accessibility.csv", (
        "id", "location_id", "description", "details", "url",
    )),
    "required_document": ("required_documents.csv", (
        "id", "service_id", "document", "uri",
    )),
    "cost_option": ("cost_options.csv", (
        "id", "service_id", "valid_from", "valid_to", "option", "currency", "amount",
        "amount_description",
    )),
    "attribute": ("attributes.csv", (
        "id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value",
    )),
    "taxonomy": ("taxonomies.csv", (
        "id", "name", "description", "uri", "version",
    )),
    "taxonomy_term": ("taxonomy_terms.csv", (
        "id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id",
        "term_uri",
    )),
    "metadata": ("metadata.csv", (
        "id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name",
        "previous_value", "replacement_value", "updated_by",
    )),
}

#: (resource, field) -> Frictionless type, for the fields that are not strings
TYPES: dict[tuple[str, str], str] = {
    ("organization", "year_incorporated"): "number",
    ("service", "minimum_age"): "number",
    ("service", "maximum_age"): "number",
    ("service", "assured_date"): "date",
    ("service", "last_modified"): "datetime",
    ("location", "latitude"): "number",
    ("location", "longitude"): "number",
    ("phone", "extension"): "number",
    ("schedule", "valid_from"): "date",
    ("schedule", "valid_to"): "date",
    ("schedule", "dtstart"): "date",
    ("schedule", "timezone"): "number",
    ("schedule", "until"): "date",
    ("schedule", "count"): "number",
    ("schedule", "interval"): "number",
    ("schedule", "opens_at"): "time",
    ("schedule", "closes_at"): "time",
    ("cost_option", "valid_from"): "date",
    ("cost_option", "valid_to"): "date",
    ("cost_option", "amount"): "number",
    ("metadata", "last_action_date"): "date",
}


def field_type(resource: str, name: str) -> str:
    return TYPES.get((resource, name), "string")
