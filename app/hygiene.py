"""Text hygiene at the edges: what comes in (control and bidi characters) and what goes out
into spreadsheets (formula injection).  Pure functions, no Flask; ``app/web/errors.py``
hooks ``forbidden_control`` into every request, the exporters use ``csv_writer``.

**Spreadsheet cells.**  A CSV or XLSX cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is run as a formula by Excel and LibreOffice (``=HYPERLINK(…)`` leaks
data, ``=cmd|…`` starts programs).  Every CSV the site writes goes through ``csv_writer``,
which writes such a cell with one leading apostrophe (OWASP's advice: spreadsheet programs
show the text, not a formula).  Plain numbers (``-3``, ``+31``, ``-0.5``) are left alone:
they are not formulas.  A cell that already begins with apostrophes before such a character
gets one more, so ``restore_cell`` (used by the HSDS data-package importer) gives back
exactly what was exported: export → import → export stays byte-identical.

**Control characters.**  NUL is refused everywhere (PostgreSQL cannot store it in text);
the other C0 controls are refused too, except tab, CR and LF in form fields and JSON strings
(multi-line text).  **Bidi controls** (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) are
stripped from entry data and free text: they reverse how text is shown.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _formula_like(value: str) -> bool:
    return value[:1] in FORMULA_START and not _NUMBER.fullmatch(value)


def neutralise_cell(value):
    """A cell as a spreadsheet program may safely open it (non-strings unchanged)."""
    if isinstance(value, str) and _formula_like(value.lstrip("'")):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """The exact inverse of ``neutralise_cell`` for text read back from a CSV."""
    if value.startswith("'") and _formula_like(value[1:].lstrip("'")):
        return value[1:]
    return value


class _SafeWriter:
    """``csv.writer`` whose every cell goes through ``neutralise_cell``."""

    def __init__(self, stream, **kwargs) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[object]) -> object:
        return self._writer.writerow([neutralise_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs) -> _SafeWriter:
    """The only way the site writes CSV: ``csv.writer`` with formula cells neutralised."""
    return _SafeWriter(stream, **kwargs)


# --- what comes in -----------------------------------------------------------------------

_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f]")  # query strings, names, paths: none at all
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # text: tab, LF, CR allowed
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def forbidden_control(value: str, *, multiline: bool = False) -> bool:
    """True when ``value`` holds a control character the site refuses."""
    return bool((_CONTROL_TEXT if multiline else _CONTROL_LINE).search(value))


def strip_bidi(value):
    """``value`` without bidi control characters (non-strings unchanged)."""
    if isinstance(value, str):
        return BIDI_CONTROLS.sub("", value)
    return value


def strip_bidi_deep(data: object) -> object:
    """``strip_bidi`` through dicts and lists (a record as it comes in)."""
    if isinstance(data, str):
        return strip_bidi(data)
    if isinstance(data, dict):
        return {key: strip_bidi_deep(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(strip_bidi_deep(value) for value in data)
    return data
