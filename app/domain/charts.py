"""Charts drawn on the server as accessible SVG: horizontal grouped bars.

Readable at a glance and without colour: every series has its own pattern (solid,
hatched, dotted, cross-hatched) shown in a legend, and every bar carries its number as a
text label — the same text as the table beside it, so a suppressed cell reads "<5" or "x"
here too and gets no bar.  The SVG is ``role="img"`` with a ``<title>`` and ``<desc>``;
the table beside it is what assistive technology reads in full.

No script, no inline style (the Content-Security-Policy forbids both): presentation
attributes only.
"""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.domain.management import TOTAL_ROW, Column, Table

INK = "#1a1a1a"
BAR = "#1d5c3f"  # 7.9:1 on white: the bars' outline and pattern ink
WIDTH = 640
LABEL_WIDTH = 170
VALUE_ROOM = 48
BAR_HEIGHT = 16
BAR_GAP = 3
GROUP_GAP = 12
LEGEND_LINE = 24
FONT = 15
MAX_LABEL = 24


def _patterns(prefix: str) -> list[tuple[str, str]]:
    """(fill, defs) per series: solid, hatched, dotted, cross-hatched."""
    hatch = (f'<pattern id="{prefix}-p1" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAR}" stroke-width="3"/></pattern>')
    dots = (f'<pattern id="{prefix}-p2" width="5" height="5" patternUnits="userSpaceOnUse">'
            f'<rect width="5" height="5" fill="#fff"/>'
            f'<circle cx="2.5" cy="2.5" r="1.5" fill="{BAR}"/></pattern>')
    cross = (f'<pattern id="{prefix}-p3" width="6" height="6" patternUnits="userSpaceOnUse">'
             f'<rect width="6" height="6" fill="#fff"/>'
             f'<path d="M0 0L6 6M6 0L0 6" stroke="{BAR}" stroke-width="1.2"/></pattern>')
    empty = (f'<pattern id="{prefix}-p4" width="4" height="4" patternUnits="userSpaceOnUse">'
             f'<rect width="4" height="4" fill="#fff"/></pattern>')
    return [(BAR, ""), (f"url(#{prefix}-p1)", hatch), (f"url(#{prefix}-p2)", dots),
            (f"url(#{prefix}-p3)", cross), (f"url(#{prefix}-p4)", empty)]


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def bar_chart(table: Table) -> Markup:
    """The table's ``chart`` columns per row as grouped horizontal bars."""
    prefix = f"grafiek-{table.key}"
    series = [c for c in table.columns if c.key in table.chart]
    rows = [(k, label) for k, label in table.rows if k != TOTAL_ROW]
    styles = _patterns(prefix)
    many = len(series) > 1
    legend_height = (len(series) * LEGEND_LINE + 6) if many else 0
    group = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    height = legend_height + max(1, len(rows)) * (group + GROUP_GAP) + 8
    scale = _scale(table, rows, series)

    parts = _opening(table, prefix, series, styles, height)
    y = 4
    if many:
        y = _legend(parts, series, styles, y)
    x0 = LABEL_WIDTH
    parts.append(f'<line x1="{x0}" y1="{y - 2}" x2="{x0}" y2="{height - 4}" stroke="{INK}"/>')
    for row, label in rows:
        y = _bar_group(parts, table, (row, label), series, styles, y, scale)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text above is escaped)


def _scale(table: Table, rows: list[tuple[str, object]], series: list[Column]) -> float:
    """Pixels per unit: the largest shown value fills the room for bars."""
    values = [table.cell(r, c.key).value for r, _l in rows for c in series
              if table.cell(r, c.key).shown]
    top = max([v for v in values if v] or [1])
    return (WIDTH - LABEL_WIDTH - VALUE_ROOM - 10) / top


def _opening(table: Table, prefix: str, series: list[Column], styles: list[tuple[str, str]],
             height: int) -> list[str]:
    """The ``<svg>`` element's start: its title, description and the series' patterns."""
    names = ", ".join(str(c.label) for c in series)
    desc = _("Staafdiagram: %(what)s, per %(rows)s (%(series)s). Elke staaf heeft haar getal "
             "als tekst; <5 betekent minder dan 5 inwoners, x is afgeschermd. De tabel ernaast "
             "geeft dezelfde cijfers.", what=str(table.title), rows=str(table.row_header).lower(),
             series=names)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="mgmt-chart__svg" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'aria-labelledby="{prefix}-titel {prefix}-uitleg" font-size="{FONT}">',
            f'<title id="{prefix}-titel">{escape(table.title)}</title>',
            f'<desc id="{prefix}-uitleg">{escape(desc)}</desc>',
            "<defs>" + "".join(defs for _fill, defs in styles[:len(series)]) + "</defs>"]


def _legend(parts: list[str], series: list[Column], styles: list[tuple[str, str]],
            y: int) -> int:
    """One line per series (its pattern and label); returns the y below the legend."""
    for i, column in enumerate(series):
        fill = styles[i][0]
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="28" height="16" fill="{fill}" '
                     f'stroke="{BAR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + 36}" y="{y + 13}" fill="{INK}">'
                     f'{escape(column.label)}</text>')
        y += LEGEND_LINE
    return y + 6


def _bar_group(parts: list[str], table: Table, row: tuple[str, object], series: list[Column],
               styles: list[tuple[str, str]], y: int, scale: float) -> int:
    """One row's label and its bars, each with its text; returns the y of the next row."""
    key, label = row
    x0 = LABEL_WIDTH
    group = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    parts.append(f'<text x="{x0 - 8}" y="{y + group / 2 + 4:.0f}" text-anchor="end" '
                 f'fill="{INK}">{escape(_short(str(label)))}</text>')
    for i, column in enumerate(series):
        cell = table.cell(key, column.key)
        width = (cell.value or 0) * scale if cell.shown else 0
        if width > 0:
            parts.append(f'<rect x="{x0}" y="{y}" width="{max(width, 1):.1f}" '
                         f'height="{BAR_HEIGHT}" fill="{styles[i][0]}" stroke="{BAR}"/>')
        parts.append(f'<text x="{x0 + width + 5:.1f}" y="{y + BAR_HEIGHT - 2}" '
                     f'fill="{INK}" class="mgmt-chart__value">{escape(cell.text)}</text>')
        y += BAR_HEIGHT + BAR_GAP
    return y + GROUP_GAP - BAR_GAP
