"""Reads the spreadsheet template (CSV or XLSX) that welzijnswerkers and partners fill in.

One row per provision, Dutch column headers (``COLUMNS``; the templates are
``data/templates/sociale-kaart-sjabloon.csv`` and ``.xlsx``).  Only parsing and mapping:
each row becomes an organisation, a location (when an address is given) and a service in
the canonical record (``app/schemas/records.py``); ``importers/runner.py`` validates and writes.

* Headers are matched without regard to case, spaces or a trailing ``*``; an unknown or
  missing required column is a problem that names it.
* A row whose key starts with ``voorbeeld`` is the template's example and is skipped, and
  so are empty rows.
* Lists (life domains, target groups, kernen, languages) are separated by ``;`` or ``,``.
* Opening hours: ``ma 09:00-12:00; wo en do 13:30-17:00``.
* No drafts: a row is complete and valid, exactly as the web editor asks, or the file is
  refused with every problem (file, row, column, value, why).
* CSV may be separated by ``,`` or ``;`` (Dutch Excel writes ``;``), UTF-8 with or without BOM.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.models.base import DbSession
from importers import limits
from importers.hsds_mapping import Batch, Item, Problem, Record

SOURCE = "spreadsheet"
EXAMPLE_PREFIX = "voorbeeld"

#: canonical field -> column header, in template order (``*`` = required)
COLUMNS: dict[str, str] = {
    "key": "Sleutel",
    "name": "Naam voorziening*",
    "organization": "Organisatie*",
    "description": "Beschrijving*",
    "tier": "Voorzieningsniveau*",
    "access": "Toegang*",
    "life_domains": "Leefgebieden*",
    "target_groups": "Doelgroepen*",
    "legal_frameworks": "Wettelijk kader",
    "kernen": "Kernen*",
    "location_name": "Locatienaam",
    "address": "Adres",
    "postcode": "Postcode",
    "city": "Plaats",
    "phone": "Telefoon",
    "email": "E-mail",
    "url": "Website",
    "schedules": "Openingstijden",
    "schedule_note": "Openingstijden toelichting",
    "cost_amount": "Kosten in euro",
    "cost_description": "Kosten toelichting",
    "minimum_age": "Minimumleeftijd",
    "maximum_age": "Maximumleeftijd",
    "eligibility": "Voor wie",
    "application_process": "Aanmelden",
    "languages": "Talen",
}
REQUIRED = [field for field, header in COLUMNS.items() if header.endswith("*")]

#: The example row of the template (also what the tests and docs show).
EXAMPLE = {
    "key": "voorbeeld-taalcafe-borculo",
    "name": "Taalcafé Borculo",
    "organization": "Bibliotheek Achterhoek (voorbeeld)",
    "description": "Elke week oefent u Nederlands praten met vrijwilligers, met koffie en thee. "
                   "U hoeft zich niet aan te melden.",
    "tier": "algemeen",
    "access": "vrij-toegankelijk",
    "life_domains": "maatschappelijke-participatie; sociaal-netwerk",
    "target_groups": "nieuwkomers; volwassenen",
    "legal_frameworks": "",
    "kernen": "Borculo",
    "location_name": "Bibliotheek Borculo",
    "address": "Voorbeeldstraat 1",
    "postcode": "7271 AB",
    "city": "Borculo",
    "phone": "0545 123456",
    "email": "",
    "url": "https://www.example.org/taalcafe",
    "schedules": "di 10:00-12:00; do 19:00-21:00",
    "schedule_note": "Niet in de schoolvakanties",
    "cost_amount": "0",
    "cost_description": "Gratis",
    "minimum_age": "16",
    "maximum_age": "",
    "eligibility": "Voor iedereen die Nederlands leert",
    "application_process": "Loop gewoon binnen",
    "languages": "nl",
}

DAYS = {"ma": "MO", "di": "TU", "wo": "WE", "do": "TH", "vr": "FR", "za": "SA", "zo": "SU",
        "maandag": "MO", "dinsdag": "TU", "woensdag": "WE", "donderdag": "TH", "vrijdag": "FR",
        "zaterdag": "SA", "zondag": "SU"}
_SCHEDULE = re.compile(r"^(?P<days>[a-z ,/&]+?)\s+(?P<opens>\d{1,2}[:.]\d{2})\s*[-–]\s*"
                       r"(?P<closes>\d{1,2}[:.]\d{2})$")


def _normal(header: str) -> str:
    text = unicodedata.normalize("NFKC", str(header)).strip().rstrip("*").strip().casefold()
    return re.sub(r"\s+", " ", text)


_BY_HEADER = {_normal(header): name for name, header in COLUMNS.items()}


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:80] or "x"


def _cell(value: object) -> str:
    """A cell as text: numbers without '.0', times as HH:MM, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# --- reading the file into (row number, header -> text) ---------------------------


class TooLarge(ValueError):
    """The file is over one of ``importers.limits``; the message says which and by how much."""


def _checked(path: Path, rows: Iterable[Iterable[object]], problems: list[Problem]
             ) -> list[list[str]]:
    """Collect ``rows`` (iterables of cells) while keeping to the limits on rows, columns and
    cell size; over a limit: one problem naming it, and nothing is kept."""
    out: list[list[str]] = []
    try:
        for number, row in enumerate(rows, start=1):
            if number > limits.MAX_SHEET_ROWS:
                raise TooLarge(f"Het bestand heeft meer dan {limits.MAX_SHEET_ROWS} rijen "
                               f"(de grens, met de kopregel); rij {number} is er één te veel. "
                               "Lees het in delen in.")
            cells = list(row) if not isinstance(row, list) else row
            while cells and cells[-1] in (None, ""):
                cells.pop()  # empty cells at the end of a row say nothing
            if len(cells) > limits.MAX_SHEET_COLUMNS:
                raise TooLarge(f"Rij {number} heeft {len(cells)} kolommen; de grens is "
                               f"{limits.MAX_SHEET_COLUMNS}.")
            texts = [_cell(c) for c in cells]
            for column, text in enumerate(texts, start=1):
                if len(text) > limits.MAX_CELL_CHARS:
                    raise TooLarge(f"De cel in rij {number}, kolom {column} heeft {len(text)} "
                                   f"tekens; de grens is {limits.MAX_CELL_CHARS}.")
            out.append(texts)
    except TooLarge as error:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"{error} Dit bestand lees ik niet in."))
        return []
    return out


def _csv_rows(path: Path, problems: list[Problem]) -> list[list[str]]:
    too_large = limits.csv_too_large(path.stat().st_size, "dit bestand")
    if too_large:
        problems.append(Problem(path.name, "", "(bestand)", None, too_large))
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_text(encoding="cp1252")  # Excel's "CSV" on Windows
        except UnicodeDecodeError as error:
            problems.append(Problem(path.name, "", "(bestand)", None,
                                    f"Dit bestand kan ik niet lezen als tekst ({error.reason})."))
            return []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        return _checked(path, reader, problems)
    except csv.Error as error:  # e.g. a field over csv's own limit (128 KB)
        problems.append(Problem(path.name, f"rij {reader.line_num}", "(bestand)", None,
                                f"Deze rij kan ik niet lezen ({error})."))
        return []


def _xlsx_parts_fit(path: Path, problems: list[Problem]) -> bool:
    """Refuse a zip bomb before anything is unpacked: the parts' declared sizes (``zipfile``
    never unpacks more than a part declares) must fit ``limits.MAX_XLSX_UNPACKED_BYTES``."""
    from zipfile import BadZipFile, ZipFile

    try:
        with ZipFile(path) as archive:
            parts = archive.infolist()
    except (BadZipFile, OSError) as error:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Dit is geen leesbaar Excel-bestand (.xlsx): {error}."))
        return False
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > limits.MAX_XLSX_PARTS:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Dit Excel-bestand bestaat uit {len(parts)} delen; de grens is "
                                f"{limits.MAX_XLSX_PARTS}. Dit bestand lees ik niet in."))
        return False
    if unpacked > limits.MAX_XLSX_UNPACKED_BYTES:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Dit Excel-bestand van {limits.megabytes(path.stat().st_size)} "
                                f"wordt uitgepakt {limits.megabytes(unpacked)}; de grens is "
                                f"{limits.megabytes(limits.MAX_XLSX_UNPACKED_BYTES)}. Dit "
                                "bestand lees ik niet in."))
        return False
    return True


def _xlsx_rows(path: Path, problems: list[Problem]) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    if not _xlsx_parts_fit(path, problems):
        return []
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Dit is geen leesbaar Excel-bestand (.xlsx): {error}."))
        return []
    try:
        sheet = book["Voorzieningen"] if "Voorzieningen" in book.sheetnames else book.worksheets[0]
        # What the sheet says it spans (<dimension>), checked before a row is read: the
        # read-only reader would otherwise pad every row to the last column it declares.
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows > limits.MAX_SHEET_ROWS or columns > limits.MAX_SHEET_COLUMNS:
            problems.append(Problem(
                path.name, "", "(bestand)", None,
                f"Het werkblad '{sheet.title}' is {rows} rijen bij {columns} kolommen groot; de "
                f"grens is {limits.MAX_SHEET_ROWS} rijen bij {limits.MAX_SHEET_COLUMNS} kolommen. "
                "Verwijder lege rijen en kolommen (of een verdwaalde cel ver weg) en probeer "
                "het opnieuw."))
            return []
        # The declaration may lie or be missing: rows are then counted as they come, and a
        # row is only as wide as its own cells.
        sheet.reset_dimensions()
        return _checked(path, sheet.iter_rows(values_only=True), problems)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        problems.append(Problem(path.name, "", "(bestand)", None,
                                f"Dit is geen leesbaar Excel-bestand (.xlsx): {error}."))
        return []
    finally:
        book.close()


def read_rows(path: Path, problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, canonical field -> text) per filled-in row."""
    rows = _file_rows(path, problems)
    if rows is None:
        return []
    if not rows:
        if not problems:
            problems.append(Problem(path.name, "", "(bestand)", None, "Het bestand is leeg."))
        return []
    fields = _header_fields(path.name, rows[0], problems)
    if problems:
        return []
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: (row[i] if i < len(row) else "") for i, name in enumerate(fields)
                  if name is not None}
        extra = [v for i, v in enumerate(row) if v and (i >= len(fields) or fields[i] is None)]
        if extra:
            problems.append(Problem(path.name, f"rij {number}", "(kolommen)", extra[0],
                                    "Deze rij heeft een waarde in een kolom zonder kop."))
        if not any(values.values()):
            continue
        if values.get("key", "").casefold().startswith(EXAMPLE_PREFIX):
            continue
        out.append((number, values))
    return out


def _file_rows(path: Path, problems: list[Problem]) -> list[list[str]] | None:
    """The rows of an XLSX or CSV file; None (and a problem) for another kind of file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, problems)
    if path.suffix.lower() in (".csv", ".txt"):
        return _csv_rows(path, problems)
    problems.append(Problem(path.name, "", "(bestand)", path.suffix,
                            "Lees een .csv- of .xlsx-bestand in (het sjabloon in "
                            "data/templates/)."))
    return None


def _header_fields(file: str, header: list[str], problems: list[Problem]) -> list[str | None]:
    """The canonical field of each column (None for a column without a title)."""
    fields: list[str | None] = []
    for number, title in enumerate(header, start=1):
        if not title:
            fields.append(None)
            continue
        name = _BY_HEADER.get(_normal(title))
        if name is None:
            problems.append(Problem(file, "rij 1", title, None,
                                    f"Onbekende kolom (kolom {number}). Gebruik de kolomkoppen "
                                    "van het sjabloon."))
        elif name in fields:
            problems.append(Problem(file, "rij 1", title, None,
                                    "Deze kolom staat twee keer in het bestand."))
        fields.append(name)
    missing = [COLUMNS[name] for name in REQUIRED if name not in fields]
    for header_text in missing:
        problems.append(Problem(file, "rij 1", header_text.rstrip("*"), None,
                                "Deze verplichte kolom ontbreekt."))
    return fields


# --- mapping -------------------------------------------------------------------------


def _list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]


def _codes(text: str) -> list[str]:
    return [part.casefold().replace(" ", "-") for part in _list(text)]


def _kernen(text: str) -> list[str]:
    return [part[:1].upper() + part[1:].casefold() for part in _list(text)]


def _int(text: str) -> int | str | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text  # the schema names it ("Dit moet een heel getal zijn.")


def parse_schedules(text: str) -> list[dict[str, str]]:
    """``"ma 09:00-12:00; wo en do 13:30-17:00"`` -> canonical schedules; ValueError if not."""
    out = []
    for part in [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]:
        match = _SCHEDULE.match(part.casefold())
        if match is None:
            raise ValueError(part)
        days = [d for d in re.split(r"[\s,/&]+|\ben\b", match["days"]) if d.strip()]
        codes = [DAYS[d.strip()] for d in days if d.strip() in DAYS]
        if not codes or len(codes) < len(days):
            raise ValueError(part)
        opens, closes = (match[k].replace(".", ":").zfill(5) for k in ("opens", "closes"))
        out.append({"byday": ",".join(codes), "opens_at": opens, "closes_at": closes})
    return out


def _amount(text: str) -> Decimal | str | None:
    if not text:
        return None
    cleaned = text.replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return text


_LOCATION_LABELS = {"address": "Adres", "postcode": "Postcode", "city": "Plaats",
                    "name": "Locatienaam", "key": "Adres"}


def _labels() -> dict[str, str]:
    labels = {name: header.rstrip("*") for name, header in COLUMNS.items()}
    labels.update({"cost": COLUMNS["cost_amount"], "locations": "Adres"})
    return labels


def map_rows(file: str, rows: list[tuple[int, dict[str, str]]], batch: Batch) -> None:
    labels = _labels()
    organizations: set[str] = set()
    locations: set[str] = set()
    keys: dict[str, int] = {}
    for number, row in rows:
        place = f"rij {number}"
        org_name = row.get("organization", "")
        org_key = slug(org_name) if org_name else None
        if org_key and org_key not in organizations:
            organizations.add(org_key)
            batch.items.append(Item("organization", {"key": org_key, "name": org_name}, file,
                                    place, {"name": labels["organization"],
                                            "key": labels["organization"]}))
        location_keys = []
        if org_key and any(row.get(k) for k in ("address", "postcode", "city")):
            loc_key = slug(f"{org_key} {row.get('address', '')} {row.get('postcode', '')}")
            location_keys.append(loc_key)
            if loc_key not in locations:
                locations.add(loc_key)
                batch.items.append(Item("location", _location(row, loc_key), file, place,
                                        _LOCATION_LABELS, organization=org_key))

        key = row.get("key") or (slug(f"{org_key or ''} {row.get('name', '')}"))
        if key in keys:
            batch.problems.append(Problem(file, place, labels["key"], key,
                                          f"Deze sleutel staat ook in rij {keys[key]}; elke "
                                          "voorziening heeft een eigen sleutel."))
            continue
        keys[key] = number
        record = _service(row, key, location_keys)
        try:
            record["schedules"] = parse_schedules(row.get("schedules", ""))
        except ValueError as error:
            batch.problems.append(Problem(
                file, place, labels["schedules"], str(error),
                "Schrijf openingstijden als 'ma 09:00-12:00; wo en do 13:30-17:00' "
                "(dagen: ma di wo do vr za zo)."))
            record["schedules"] = []
        if not org_key:
            batch.problems.append(Problem(file, place, labels["organization"], None,
                                          "Vul de organisatie in die de voorziening biedt."))
            continue
        batch.items.append(Item("service", record, file, place, labels, organization=org_key))


def _location(row: dict[str, str], key: str) -> Record:
    return {
        "key": key, "name": row.get("location_name") or None,
        "address": row.get("address") or None,
        "postcode": (row.get("postcode") or "").upper() or None,
        "city": row.get("city") or None,
    }


def _service(row: dict[str, str], key: str, location_keys: list[str]) -> Record:
    """A row's service record (without its schedules)."""
    record: Record = {
        "key": key, "name": row.get("name", ""),
        "description": row.get("description", ""),
        "tier": row.get("tier", "").casefold() or None,
        "access": row.get("access", "").casefold() or None,
        "life_domains": _codes(row.get("life_domains", "")),
        "target_groups": _codes(row.get("target_groups", "")),
        "legal_frameworks": _codes(row.get("legal_frameworks", "")),
        "kernen": _kernen(row.get("kernen", "")),
        "locations": location_keys,
        "phone": row.get("phone") or None, "email": row.get("email") or None,
        "url": row.get("url") or None,
        "schedule_note": row.get("schedule_note") or None,
        "eligibility": row.get("eligibility") or None,
        "application_process": row.get("application_process") or None,
        "minimum_age": _int(row.get("minimum_age", "")),
        "maximum_age": _int(row.get("maximum_age", "")),
        "languages": [c.casefold() for c in _list(row.get("languages", ""))],
    }
    if record["tier"] is None:
        del record["tier"]  # "Dit veld is verplicht en ontbreekt."
    if record["access"] is None:
        del record["access"]
    amount = _amount(row.get("cost_amount", ""))
    if amount is not None or row.get("cost_description"):
        record["cost"] = {"amount": amount, "description": row.get("cost_description") or None}
    return record


def read_spreadsheet(session: DbSession, path: Path) -> tuple[Batch, str]:  # noqa: ARG001
    """Read and map the template; problems end up in ``batch.problems``."""
    batch = Batch(draftable=False)  # provenance is not in the template either: left alone
    rows = read_rows(path, batch.problems)
    if not batch.problems and not rows:
        batch.problems.append(Problem(path.name, "", "(bestand)", None,
                                      "Er staan geen voorzieningen in (alleen de kopregel of de "
                                      "voorbeeldrij)."))
    map_rows(path.name, rows, batch)
    return batch, SOURCE


# --- the template ----------------------------------------------------------------------

#: What each column asks for, shown on the template's "Uitleg" sheet.
EXPLANATION = {
    "key": "Vaste, unieke naam voor deze voorziening (kleine letters, cijfers, streepjes). Leeg: "
           "gemaakt uit organisatie en naam. Met dezelfde sleutel werkt een nieuwe import bij.",
    "tier": "algemeen, voorliggend of maatwerk",
    "access": "vrij-toegankelijk, aanmelden, verwijzing-huisarts, indicatie-ciz of beschikking-gemeente",
    "life_domains": "Een of meer codes, gescheiden door ; (zie hieronder)",
    "target_groups": "Een of meer codes, gescheiden door ; (zie hieronder)",
    "legal_frameworks": "Nul of meer codes, gescheiden door ;",
    "kernen": "Kernen gescheiden door ; of alleen Berkelland (heel de gemeente)",
    "postcode": "Zoals 7271 AB; de coördinaten worden opgezocht",
    "schedules": "Zoals: ma 09:00-12:00; wo en do 13:30-17:00",
    "cost_amount": "Bedrag, 0 voor gratis",
    "languages": "Taalcodes zoals nl; en; de",
}


def write_template_xlsx(path: Path) -> None:
    """Write the XLSX template: the columns, the example row and an explanation sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from app.vocabulary import TAXONOMIES

    book = Workbook()
    sheet = book.active
    sheet.title = "Voorzieningen"
    sheet.append(list(COLUMNS.values()))
    sheet.append([EXAMPLE[name] for name in COLUMNS])
    for index, name in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 40 if name == "description" \
            else 22
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("Uitleg")
    help_sheet.append(["Kolom", "Wat vult u in"])
    help_sheet.append(["", "Kolommen met * zijn verplicht. Rij 2 is een voorbeeld: laat die staan "
                           "of verwijder hem (een sleutel die met 'voorbeeld' begint, wordt "
                           "overgeslagen)."])
    for name, header in COLUMNS.items():
        help_sheet.append([header, EXPLANATION.get(name, "")])
    for taxonomy, terms in TAXONOMIES.items():
        help_sheet.append([f"Codes {taxonomy}", "; ".join(term.code for term in terms)])
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 110
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    book.save(path)
