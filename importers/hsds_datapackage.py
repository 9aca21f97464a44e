"""Reads an HSDS 3.0 tabular data package: a folder of CSV files with ``datapackage.json``.

The rows are assembled into fully nested services (what ``/services/{id}`` returns) so the
JSON and tabular importers share one mapping.  Every assembled dict remembers its file and
row, so a problem is reported where it is (``locations.csv, rij 4``).  Rows are attached to
their service by ``service_id`` (to their organisation by ``organization_id``, to their
location by ``location_id``); a row whose attaching id points to nothing is an error, other
reference columns are not used.  Row numbers count the header as row 1, as a spreadsheet does.
Text cells that the exporter neutralised for spreadsheets (a leading apostrophe before ``=``,
``+``, ``-``, ``@``, tab or CR: ``app.hygiene``) lose exactly that apostrophe again.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from app.hsds.tables import TABLES, field_type
from app.hygiene import restore_cell
from importers import limits
from importers.hsds_coverage import ROWS_UNDER, UNREAD_TABLES, LeftOut
from importers.hsds_json import ReadError
from importers.hsds_mapping import WHERE, Problem


def _number(value: str):
    try:
        number = float(value.replace(",", ".")) if "," in value and "." not in value \
            else float(value)
    except ValueError:
        return value  # the record's validation names it
    return int(number) if number.is_integer() and "." not in value else number


def _resource_paths(folder: Path, problems: list[Problem]) -> dict[str, Path]:
    descriptor = folder / "datapackage.json"
    paths = {name: folder / path for name, (path, _fields) in TABLES.items()}
    paths.update({name: folder / path for name, path in UNREAD_TABLES.items()})
    if not descriptor.exists():
        problems.append(Problem(folder.name, "", "datapackage.json", None,
                                "Deze map heeft geen datapackage.json; een HSDS-datapakket "
                                "beschrijft daarin zijn CSV-bestanden."))
        return paths
    if descriptor.stat().st_size > 10_000_000:
        problems.append(Problem("datapackage.json", "", "(bestand)", None,
                                "Dit bestand is groter dan 10 MB; een beschrijving van een "
                                "datapakket is enkele KB."))
        return paths
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        problems.append(Problem("datapackage.json", f"regel {error.lineno}", "(json)", None,
                                f"Dit is geen geldige JSON: {error.msg}."))
        return paths
    except RecursionError:
        problems.append(Problem("datapackage.json", "", "(json)", None,
                                f"De JSON is dieper genest dan {limits.MAX_JSON_DEPTH} niveaus. "
                                "Dit bestand lees ik niet in."))
        return paths
    if not isinstance(package, dict):
        package = {}
    for resource in package.get("resources") or []:
        if isinstance(resource, dict) and resource.get("name") in paths \
                and isinstance(resource.get("path"), str):
            paths[resource["name"]] = folder / resource["path"]
    return paths


def _rows(resource: str, path: Path, problems: list[Problem]) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    too_large = limits.csv_too_large(path.stat().st_size, "dit pakket")
    if too_large:
        problems.append(Problem(path.name, "", "(bestand)", None, too_large))
        return []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                clean = {}
                for key, value in row.items():
                    if key is None:
                        problems.append(Problem(path.name, f"rij {number}", "(kolommen)", value,
                                                "Deze rij heeft meer waarden dan er kolommen zijn."))
                        continue
                    if value is None or value == "":
                        continue
                    kind = field_type(resource, key)
                    value = restore_cell(value)
                    clean[key] = _number(value) if kind == "number" else value
                clean[WHERE] = (path.name, f"rij {number}")
                rows.append(clean)
    except UnicodeDecodeError as error:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Het bestand is geen UTF-8-tekst ({error.reason})."))
    except csv.Error as error:  # e.g. a field over csv's own limit (128 KB)
        problems.append(Problem(path.name, f"rij {len(rows) + 2}", "(bestand)", None,
                                f"Deze rij kan ik niet lezen ({error})."))
    return rows


def read(folder: Path, notices: list[str] | None = None,
         left_out: LeftOut | None = None) -> Iterator[tuple[str, str, object]]:
    """Yield (file, place, nested HSDS service) per row of services.csv; ReadError if broken.

    ``notices`` receives what is valid but not imported (attributes of other entities);
    ``left_out`` counts the tables the profile does not read (``funding.csv`` …) and rows
    attached where it does not keep them (a phone by ``location_id`` …), under the names the
    JSON reader uses (``importers/hsds_coverage.py``).
    """
    unattached: list[str] = []
    problems: list[Problem] = []
    if folder.is_file() and folder.name == "datapackage.json":
        folder = folder.parent
    paths = _resource_paths(folder, problems)
    tables = {name: _rows(name, path, problems) for name, path in paths.items()}
    if problems:
        raise ReadError(problems)

    def by_id(name):
        return {row["id"]: row for row in tables[name] if "id" in row}

    if left_out is not None:
        for table in UNREAD_TABLES:
            for row in tables[table]:
                left_out.item(table, row.get("id"))
        for (table, column), name in ROWS_UNDER.items():
            for row in tables[table]:
                if column in row:
                    left_out.item(name, row.get("id"))

    organizations = by_id("organization")
    locations = by_id("location")
    services = by_id("service")
    taxonomies = by_id("taxonomy")
    terms = by_id("taxonomy_term")

    def attach(name: str, key: str, parents: dict, required: bool = True) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for row in tables[name]:
            parent = row.get(key)
            if parent is None:
                continue
            if parent not in parents:
                if required:
                    file, place = row[WHERE]
                    problems.append(Problem(file, place, key, parent,
                                            f"Dit id staat niet in {TABLES[_PARENT[key]][0]}."))
                continue
            grouped[parent].append(row)
        return grouped

    for location_id, rows in attach("address", "location_id", locations).items():
        locations[location_id]["addresses"] = rows
    for location_id, rows in attach("accessibility", "location_id", locations).items():
        locations[location_id]["accessibility"] = rows

    phones_of_service = attach("phone", "service_id", services)
    # a phone belongs to every parent it names (HSDS lists one phone under organisation and
    # service at once); one under a contact only is the contact's
    # a row that is also a service's needs no organisation in this package (HSDS examples
    # name one that is not there); a row of the organisation alone does
    org_phones = [p for p in tables["phone"] if ("contact_id" not in p or "service_id" in p)
                  and ("service_id" not in p or p.get("organization_id") in organizations)]
    for org_id, rows in attach_rows(org_phones, "organization_id", organizations, problems).items():
        organizations[org_id]["phones"] = rows
    contacts_of_service = attach("contact", "service_id", services)
    org_contacts = [c for c in tables["contact"]  # like phones: under every parent it names
                    if "service_id" not in c or c.get("organization_id") in organizations]
    for org_id, rows in attach_rows(org_contacts, "organization_id", organizations,
                                    problems).items():
        organizations[org_id]["contacts"] = rows

    grouped = {
        "phones": phones_of_service,
        "contacts": contacts_of_service,
        "schedules": attach("schedule", "service_id", services),
        "service_areas": attach("service_area", "service_id", services),
        "languages": attach("language", "service_id", services),
        "cost_options": attach("cost_option", "service_id", services),
        "required_documents": attach("required_document", "service_id", services),
    }
    links = attach("service_at_location", "service_id", services)
    for rows in links.values():
        for link in rows:
            location = locations.get(link.get("location_id"))
            if location is None:
                file, place = link[WHERE]
                problems.append(Problem(file, place, "location_id", link.get("location_id"),
                                        "Dit id staat niet in locations.csv."))
            else:
                link["location"] = location

    attributes: dict[str, list] = defaultdict(list)
    for row in tables["attribute"]:
        file, place = row[WHERE]
        term = terms.get(row.get("taxonomy_term_id"))
        if term is None:
            problems.append(Problem(file, place, "taxonomy_term_id", row.get("taxonomy_term_id"),
                                    "Deze term staat niet in taxonomy_terms.csv."))
            continue
        term = dict(term)
        detail = taxonomies.get(term.get("taxonomy_id"))
        if detail is not None:
            term["taxonomy_detail"] = detail
        if row.get("link_id") in services:
            attributes[row["link_id"]].append({**row, "taxonomy_term": term})
        else:
            unattached.append(f"{file} {place}")
    if problems:
        raise ReadError(problems)
    if unattached and notices is not None:
        notices.append("Niet overgenomen: attributen die niet aan een voorziening in dit pakket "
                       "hangen (" + ", ".join(unattached[:10])
                       + (" …" if len(unattached) > 10 else "") + ").")

    if len(services) > limits.MAX_SERVICES:
        raise ReadError([Problem(TABLES["service"][0], "", "(bestand)", None,
                                 f"Het pakket heeft {len(services)} voorzieningen; de grens voor "
                                 f"één import is {limits.MAX_SERVICES}. Lees het in delen in.")])
    for service_id, service in services.items():
        nested = dict(service)
        org = organizations.get(service.get("organization_id"))
        if org is not None:
            nested["organization"] = org
        for name, rows in grouped.items():
            nested[name] = rows.get(service_id, [])
        nested["service_at_locations"] = [link for link in links.get(service_id, [])
                                          if "location" in link]
        nested["attributes"] = attributes.get(service_id, [])
        file, place = service[WHERE]
        yield file, place, nested


_PARENT = {"location_id": "location", "service_id": "service", "organization_id": "organization"}


def attach_rows(rows: list[dict], key: str, parents: dict,
                problems: list[Problem]) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        parent = row.get(key)
        if parent is None:
            continue
        if parent not in parents:
            file, place = row[WHERE]
            problems.append(Problem(file, place, key, parent,
                                    f"Dit id staat niet in {TABLES[_PARENT[key]][0]}."))
            continue
        grouped[parent].append(row)
    return grouped
