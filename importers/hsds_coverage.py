"""What of HSDS 3.0 the Berkelland profile takes over, and what it leaves out — one list.

Both HSDS readers (JSON: ``importers/hsds_json.py``, tabular: ``importers/hsds_datapackage.py``)
count what they meet and do not keep under the same names, and the report words them from
``LEFT_OUT`` below, so the same data gives the same "Niet overgenomen" lines however it
arrives.  ``docs/profile.md`` lists the same table for people.

Names:

* ``funding``, ``program`` …: a whole HSDS table (a nested object or list in JSON, a CSV file
  in a data package), counted once per id;
* ``phone@location``: a table the profile keeps, but attached to a parent it does not keep it
  under (a phone listed under a location), counted once per id;
* ``service.fees``: a single field, counted once per record.

Everything else HSDS 3.0 has is taken over (see ``importers/hsds_mapping.py``).
"""

from __future__ import annotations

from collections import Counter

#: name -> why the profile leaves it out (Dutch, for the import report)
LEFT_OUT: dict[str, str] = {
    "program": "programma's (een groep voorzieningen van één organisatie): de kaart ordent "
               "voorzieningen per organisatie, leefgebied en kern",
    "service.program_id": "verwijzing naar een programma (programma's worden niet overgenomen)",
    "funding": "financiering (wie de voorziening betaalt): een inwoner zoekt daar niet op, en "
               "subsidies houdt de gemeente in haar eigen administratie bij",
    "organization_identifier": "identificatienummers van organisaties (zoals KvK- of "
                               "RSIN-nummer): de kaart koppelt organisaties niet aan registers",
    "metadata": "de wijzigingsgeschiedenis van de bron: de Berkellandwijzer houdt zijn eigen "
                "geschiedenis bij",
    "meta_table_description": "beschrijvingen van de tabellen zelf: geen gegevens over "
                              "voorzieningen",
    "service.fees": "vervallen in HSDS 3.0; fees_description en cost_options worden wel "
                    "overgenomen",
    "service.assured_date": "alleen een medewerker van de Berkellandwijzer bevestigt dat "
                            "gegevens kloppen",
    "service.assurer_email": "alleen een medewerker van de Berkellandwijzer bevestigt dat "
                             "gegevens kloppen",
    "organization.tax_status": "fiscale status: niet van belang voor een inwoner",
    "organization.tax_id": "fiscaal nummer: niet van belang voor een inwoner",
    "organization.logo": "logo's toont de kaart niet (rustig en toegankelijk)",
    "organization.uri": "een verwijzing naar een register van organisaties: niet gekoppeld",
    "organization.parent_organization_id": "moederorganisaties legt de kaart niet vast",
    "location.external_identifier": "een extern locatienummer (zoals BAG): de kaart gebruikt "
                                    "adres en coördinaten",
    "location.external_identifier_type": "hoort bij external_identifier (niet overgenomen)",
    "phone@location": "telefoonnummers van een locatie: de kaart toont het nummer van de "
                      "voorziening of van de organisatie",
    "contact@location": "contactpersonen van een locatie: de kaart toont die van de voorziening "
                        "of van de organisatie",
    "schedule@location": "openingstijden van een locatie: de kaart toont die van de voorziening",
    "language@location": "talen van een locatie: de kaart toont de talen van de voorziening",
    "attribute@location": "kenmerken van een locatie: de kaart kent kenmerken van voorzieningen",
    "phone@service_at_location": "telefoonnummers per voorziening-op-locatie: de kaart toont "
                                 "die van de voorziening",
    "contact@service_at_location": "contactpersonen per voorziening-op-locatie: de kaart toont "
                                   "die van de voorziening",
    "schedule@service_at_location": "openingstijden per voorziening-op-locatie: de kaart toont "
                                    "die van de voorziening",
    "phone@contact": "telefoonnummers van een contactpersoon: de kaart toont het nummer van de "
                     "voorziening of van de organisatie",
    "language@phone": "talen per telefoonnummer: de kaart toont de talen van de voorziening",
}
OTHERWISE = "de Berkellandwijzer heeft er geen plek voor"

#: a list (or object) in nested HSDS JSON -> the HSDS table its items belong to
TABLE_OF = {
    "programs": "program", "program": "program", "funding": "funding",
    "organization_identifiers": "organization_identifier",
    "metadata": "metadata",
    "phones": "phone", "contacts": "contact", "schedules": "schedule",
    "languages": "language", "attributes": "attribute",
}
#: tables the profile keeps under some parents (so elsewhere they are named table@parent)
KEPT_TABLES = {"phone", "contact", "schedule", "language", "attribute"}
#: tables a data package may hold that the profile does not read: resource -> default file
UNREAD_TABLES = {
    "program": "programs.csv", "funding": "funding.csv",
    "organization_identifier": "organization_identifiers.csv",
    "metadata": "metadata.csv",
    "meta_table_description": "meta_table_descriptions.csv",
}
#: a kept table's rows in a data package, attached by a column the profile does not follow
ROWS_UNDER = {
    ("phone", "location_id"): "phone@location",
    ("phone", "service_at_location_id"): "phone@service_at_location",
    ("phone", "contact_id"): "phone@contact",
    ("contact", "location_id"): "contact@location",
    ("contact", "service_at_location_id"): "contact@service_at_location",
    ("schedule", "location_id"): "schedule@location",
    ("schedule", "service_at_location_id"): "schedule@service_at_location",
    ("language", "location_id"): "language@location",
    ("language", "phone_id"): "language@phone",
}


class LeftOut:
    """What one import met and did not keep: name -> how many (distinct ids for tables)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._seen: set[tuple[str, str]] = set()

    def __bool__(self) -> bool:
        return bool(self.counts)

    def clear(self) -> None:
        self.counts.clear()
        self._seen.clear()

    def item(self, name: str, ident: object = None) -> None:
        """One thing left out; the same id under the same name counts once."""
        if ident is not None:
            if (name, str(ident).lower()) in self._seen:
                return
            self._seen.add((name, str(ident).lower()))
        self.counts[name] += 1

    def field(self, kind: str, key: str, value: object) -> None:
        """A field of a ``kind`` record that the mapping does not keep."""
        table = TABLE_OF.get(key)
        if table is None or not isinstance(value, list | dict):
            self.item(f"{kind}.{key}")
            return
        name = f"{table}@{kind}" if table in KEPT_TABLES else table
        for entry in value if isinstance(value, list) else [value]:
            self.item(name, entry.get("id") if isinstance(entry, dict) else None)

    def notices(self) -> list[str]:
        """The report's lines: a heading, then per name how many and why."""
        if not self.counts:
            return []
        lines = ["Niet overgenomen (dit staat wel in het bestand, maar de Berkellandwijzer "
                 "neemt het niet over):"]
        for name, count in sorted(self.counts.items()):
            lines.append(f"  - {name} ({count}×): {LEFT_OUT.get(name, OTHERWISE)}")
        return lines
