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
from typing import Any

from app.hsds.tables import TABLES, field_type
from app.hygiene import restore_cell
from importers import limits
from importers.hsds_coverage import ROWS_UNDER, UNREAD_TABLES, LeftOut
from importers.hsds_json import ReadError
from importers.hsds_mapping import WHERE, Problem

#: One CSV row (its cells by column, and where it is), or the dict a service nests it in.
Row = dict[str, Any]


def _number(value: str) -> str | int | float:
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


def _rows(resource: str, path: Path, problems: list[Problem]) -> list[Row]:
    if not path.exists():
        return []
    rows: list[Row] = []
    too_large = limits.csv_too_large(path.stat().st_size, "dit pakket")
    if too_large:
        problems.append(Problem(path.name, "", "(bestand)", None, too_large))
        return []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                clean: Row = {}
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
    problems: list[Problem] = []
    if folder.is_file() and folder.name == "datapackage.json":
        folder = folder.parent
    paths = _resource_paths(folder, problems)
    tables = {name: _rows(name, path, problems) for name, path in paths.items()}
    if problems:
        raise ReadError(problems)
    if left_out is not None:
        _count_left_out(tables, left_out)
    package = _Package(tables, problems)
    grouped = package.service_children()
    links = package.links()
    attributes, unattached = package.attributes()
    if problems:
        raise ReadError(problems)
    if unattached and notices is not None:
        notices.append("Niet overgenomen: attributen die niet aan een voorziening in dit pakket "
                       "hangen (" + ", ".join(unattached[:10])
                       + (" …" if len(unattached) > 10 else "") + ").")
    services = package.services
    if len(services) > limits.MAX_SERVICES:
        raise ReadError([Problem(TABLES["service"][0], "", "(bestand)", None,
                                 f"Het pakket heeft {len(services)} voorzieningen; de grens voor "
                                 f"één import is {limits.MAX_SERVICES}. Lees het in delen in.")])
    for service_id, service in services.items():
        nested = dict(service)
        org = package.organizations.get(service.get("organization_id"))
        if org is not None:
            nested["organization"] = org
        for name, rows in grouped.items():
            nested[name] = rows.get(service_id, [])
        nested["service_at_locations"] = [link for link in links.get(service_id, [])
                                          if "location" in link]
        nested["attributes"] = attributes.get(service_id, [])
        file, place = service[WHERE]
        yield file, place, nested


def _count_left_out(tables: dict[str, list[Row]], left_out: LeftOut) -> None:
    for table in UNREAD_TABLES:
        for row in tables[table]:
            left_out.item(table, row.get("id"))
    for (table, column), name in ROWS_UNDER.items():
        for row in tables[table]:
            if column in row:
                left_out.item(name, row.get("id"))


class _Package:
    """The rows of a package, by id, being assembled into nested services."""

    def __init__(self, tables: dict[str, list[Row]], problems: list[Problem]) -> None:
        self.tables, self.problems = tables, problems
        self.organizations = self.by_id("organization")
        self.locations = self.by_id("location")
        self.services = self.by_id("service")
        self.taxonomies = self.by_id("taxonomy")
        self.terms = self.by_id("taxonomy_term")
        self.nest_locations()

    def by_id(self, name: str) -> dict[Any, Row]:
        return {row["id"]: row for row in self.tables[name] if "id" in row}

    def attach(self, name: str, key: str, parents: dict[Any, Row]) -> dict[Any, list[Row]]:
        return attach_rows(self.tables[name], key, parents, self.problems)

    def nest_locations(self) -> None:
        locations = self.locations
        for location_id, rows in self.attach("address", "location_id", locations).items():
            locations[location_id]["addresses"] = rows
        for location_id, rows in self.attach("accessibility", "location_id", locations).items():
            locations[location_id]["accessibility"] = rows

    def service_children(self) -> dict[str, dict[Any, list[Row]]]:
        """The rows under each service, by name and service id; the organisations get their
        phones and contacts on the way (in this order, so problems come in file order)."""
        services = self.services
        phones = self.attach("phone", "service_id", services)
        self.nest_in_organizations("phones", [
            # a phone belongs to every parent it names (HSDS lists one phone under
            # organisation and service at once); one under a contact only is the contact's
            # a row that is also a service's needs no organisation in this package (HSDS
            # examples name one that is not there); a row of the organisation alone does
            p for p in self.tables["phone"] if ("contact_id" not in p or "service_id" in p)
            and ("service_id" not in p or p.get("organization_id") in self.organizations)])
        contacts = self.attach("contact", "service_id", services)
        self.nest_in_organizations("contacts", [
            c for c in self.tables["contact"]  # like phones: under every parent it names
            if "service_id" not in c or c.get("organization_id") in self.organizations])
        return {
            "phones": phones,
            "contacts": contacts,
            "schedules": self.attach("schedule", "service_id", services),
            "service_areas": self.attach("service_area", "service_id", services),
            "languages": self.attach("language", "service_id", services),
            "cost_options": self.attach("cost_option", "service_id", services),
            "required_documents": self.attach("required_document", "service_id", services),
        }

    def nest_in_organizations(self, name: str, rows: list[Row]) -> None:
        for org_id, attached in attach_rows(rows, "organization_id", self.organizations,
                                            self.problems).items():
            self.organizations[org_id][name] = attached

    def links(self) -> dict[Any, list[Row]]:
        links = self.attach("service_at_location", "service_id", self.services)
        for rows in links.values():
            for link in rows:
                location = self.locations.get(link.get("location_id"))
                if location is None:
                    file, place = link[WHERE]
                    self.problems.append(Problem(file, place, "location_id",
                                                 link.get("location_id"),
                                                 "Dit id staat niet in locations.csv."))
                else:
                    link["location"] = location
        return links

    def attributes(self) -> tuple[dict[Any, list[Row]], list[str]]:
        """The attributes per service, and where those attached to nothing here are."""
        attributes: dict[Any, list[Row]] = defaultdict(list)
        unattached: list[str] = []
        for row in self.tables["attribute"]:
            file, place = row[WHERE]
            term = self.terms.get(row.get("taxonomy_term_id"))
            if term is None:
                self.problems.append(Problem(file, place, "taxonomy_term_id",
                                             row.get("taxonomy_term_id"),
                                             "Deze term staat niet in taxonomy_terms.csv."))
                continue
            term = dict(term)
            detail = self.taxonomies.get(term.get("taxonomy_id"))
            if detail is not None:
                term["taxonomy_detail"] = detail
            if row.get("link_id") in self.services:
                attributes[row["link_id"]].append({**row, "taxonomy_term": term})
            else:
                unattached.append(f"{file} {place}")
        return attributes, unattached


_PARENT = {"location_id": "location", "service_id": "service", "organization_id": "organization"}


def attach_rows(rows: list[Row], key: str, parents: dict[Any, Row],
                problems: list[Problem]) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = defaultdict(list)
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
