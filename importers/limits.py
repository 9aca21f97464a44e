"""Limits on what an import file may hold, so a hostile or broken file is refused up front.

A file over a limit is refused with a problem that names the limit and what the file has
(in Dutch, like every import problem); nothing is read further and nothing is written.
The limits are far above what a municipality's map needs (a few thousand provisions) and
low enough that an import stays within about 500 MB of memory.  Tests lower
them with ``monkeypatch``; the readers look them up when they run.
"""

from __future__ import annotations

#: nesting of objects and lists in HSDS JSON (a nested service needs about 8)
MAX_JSON_DEPTH = 32
#: size of an HSDS JSON file (streamed: memory grows with the services, not the file)
MAX_JSON_BYTES = 300_000_000
#: services in one HSDS import (JSON or data package).  An import streams and writes in
#: chunks (``importers/runner.py``), so memory is one chunk plus what each service leaves
#: behind to tie the file together (its key and place, the new row's id: about 2 KB):
#: a 200 MB file of 27,482 services peaks at 343 MB for the whole process (156 MB of it the
#: application itself; ``bench.hostile_imports``).  100,000 keeps the worst case (small
#: services, the file under MAX_JSON_BYTES) near 500 MB and an import under about ten
#: minutes (150-250 services a second) — thirty times Berkelland's map.
MAX_SERVICES = 100_000

#: spreadsheet (CSV or the sheet of an XLSX): rows including the header, columns, one cell
MAX_SHEET_ROWS = 20_000
MAX_SHEET_COLUMNS = 100
MAX_CELL_CHARS = 10_000
#: a CSV file (spreadsheet template or a table of an HSDS data package)
MAX_CSV_BYTES = 100_000_000
#: an XLSX is a zip: what its parts declare they unpack to, together, and how many parts
MAX_XLSX_UNPACKED_BYTES = 100_000_000
MAX_XLSX_PARTS = 500


def megabytes(size: int) -> str:
    """A size as a Dutch reader writes it (``12,7 MB``)."""
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def csv_too_large(size: int, what: str) -> str | None:
    """The problem text when a CSV of ``size`` bytes is over ``MAX_CSV_BYTES`` (``what``: the
    thing not read, "dit bestand" or "dit pakket"), else None."""
    if size <= MAX_CSV_BYTES:
        return None
    return (f"Het bestand is {megabytes(size)}; de grens is {megabytes(MAX_CSV_BYTES)}. "
            f"{what[0].upper()}{what[1:]} lees ik niet in.")
