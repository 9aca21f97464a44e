"""Hostile import files are refused up front, with a problem report, and without eating memory
(issue 14, findings 8 and 13).  The files here are small; ``bench/hostile_imports.py`` builds
the full-size ones and measures time and memory."""

from __future__ import annotations

import json
import signal
import time
import tracemalloc
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from importers.spreadsheet import COLUMNS, EXAMPLE
from tests.importers.conftest import counts, write_json


@contextmanager
def at_most(seconds: int):
    """Stop the test (instead of hanging the suite) when the code takes longer."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _template_row() -> list[str]:
    return [EXAMPLE[name] if name != "key" else "taalcafe" for name in COLUMNS]


def _xlsx(path: Path, extra=None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Voorzieningen"
    sheet.append(list(COLUMNS.values()))
    sheet.append(_template_row())
    if extra:
        extra(sheet)
    book.save(path)
    return path


# --- spreadsheets ------------------------------------------------------------------------


def test_a_dimension_bomb_is_refused_at_once_with_what_it_declares(runner, tmp_path):
    def far_away(sheet):
        sheet["XFD1048576"] = "x"

    path = _xlsx(tmp_path / "ver-weg.xlsx", far_away)
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    with at_most(20):
        result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert time.perf_counter() - started < 5  # the bench: well under 2 s when alone
    assert result.exit_code == 1
    assert "1048576 rijen bij 16384 kolommen" in result.output
    assert "20000 rijen bij 100 kolommen" in result.output
    assert counts() == (0, 0, 0)


def test_a_far_away_cell_without_a_declared_dimension_is_refused_too(runner, tmp_path,
                                                                      monkeypatch):
    """A sheet may lie about (or leave out) its dimension: the rows are counted as read."""
    path = _xlsx(tmp_path / "ver-weg.xlsx", lambda sheet: sheet.cell(row=3, column=5000,
                                                                        value="x"))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet_xml.index("<dimension")
    parts["xl/worksheets/sheet1.xml"] = (sheet_xml[:start]
                                         + sheet_xml[sheet_xml.index("/>", start) + 2:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    with at_most(20):
        result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 1
    assert "Rij 3 heeft 5000 kolommen; de grens is 100" in result.output


def test_a_zip_bomb_is_refused_before_it_is_unpacked(runner, tmp_path, monkeypatch):
    """What the parts declare they unpack to is checked first (limit lowered for the test)."""
    monkeypatch.setattr("importers.limits.MAX_XLSX_UNPACKED_BYTES", 2_000_000, raising=False)

    def filler(sheet):
        for _row in range(3, 400):
            sheet.append(["a" * 5000] * 3)

    path = _xlsx(tmp_path / "opgeblazen.xlsx", filler)
    assert path.stat().st_size < 200_000
    with at_most(20):
        result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 1
    assert "wordt uitgepakt" in result.output and "de grens is 2,0 MB" in result.output
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_too_many_rows_and_too_large_cells_are_named(runner, tmp_path, monkeypatch, suffix):
    monkeypatch.setattr("importers.limits.MAX_SHEET_ROWS", 5, raising=False)
    monkeypatch.setattr("importers.limits.MAX_CELL_CHARS", 3000, raising=False)
    rows = [list(COLUMNS.values())] + [
        [EXAMPLE[n] if n != "key" else f"rij-{i}" for n in COLUMNS] for i in range(6)]
    big = [list(COLUMNS.values()), _template_row()]
    big[1][list(COLUMNS).index("description")] = "lang." * 1000

    def write(name, data):
        path = tmp_path / f"{name}.{suffix}"
        if suffix == "csv":
            path.write_text("\n".join(";".join(r) for r in data), encoding="utf-8")
        else:
            from openpyxl import Workbook

            book = Workbook()
            for row in data:
                book.active.append(row)
            book.save(path)
        return path

    result = runner.invoke(args=["import", "spreadsheet", str(write("veel", rows))])
    assert result.exit_code == 1
    if suffix == "csv":  # counted as read
        assert "meer dan 5 rijen" in result.output and "rij 6 is er één te veel" in result.output
    else:  # declared by the sheet, refused before a row is read
        assert "is 7 rijen bij 26 kolommen groot; de grens is 5 rijen" in result.output
    result = runner.invoke(args=["import", "spreadsheet", str(write("groot", big))])
    assert result.exit_code == 1
    assert "rij 2, kolom 4 heeft 5000 tekens; de grens is 3000" in result.output
    assert counts() == (0, 0, 0)


def test_a_csv_field_over_the_csv_modules_own_limit_is_a_problem(runner, tmp_path):
    path = tmp_path / "veld.csv"
    path.write_text(";".join(COLUMNS.values()) + '\n"' + "x" * 200_000 + '"\n', encoding="utf-8")
    result = runner.invoke(args=["import", "spreadsheet", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "veld.csv" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- HSDS JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["list", "object", "ndjson", "inside-a-service"])
def test_deep_nesting_is_a_problem_not_a_recursion_error(runner, tmp_path, demo_services, form):
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "diep.json"
    if form == "list":
        path.write_text(deep, encoding="utf-8")
    elif form == "object":
        path.write_text('{"a": ' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    elif form == "ndjson":
        path.write_text(json.dumps(demo_services[0]) + "\n" + '{"x": ' + deep + "}\n",
                        encoding="utf-8")
    else:
        text = json.dumps(demo_services[:2])
        path.write_text(text.replace('"name": ', f'"extra": {deep}, "name": ', 1),
                        encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert not isinstance(result.exception, RecursionError)
    assert result.exit_code == 1
    assert "dieper genest dan 32 niveaus" in result.output
    assert counts() == (0, 0, 0)


def test_a_large_hsds_file_is_read_one_service_at_a_time(tmp_path, demo_services):
    """Reading holds one service, not the whole document (the old reader: 3.7x the file)."""
    from importers import hsds_json

    path = tmp_path / "groot.json"
    copies = max(2, 3_000_000 // len(json.dumps(demo_services)))
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for copy in range(copies):
            for number, service in enumerate(demo_services):
                service = {**service, "id": str(uuid.uuid4())}
                out.write(("," if copy or number else "") + json.dumps(service))
        out.write("]")
    size = path.stat().st_size
    assert size > 2_000_000
    tracemalloc.start()
    try:
        seen = sum(1 for _ in hsds_json.read(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == copies * len(demo_services)
    assert peak < size / 3, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


def test_an_oversize_hsds_file_is_refused_with_its_size(runner, tmp_path, demo_services,
                                                        monkeypatch):
    monkeypatch.setattr("importers.limits.MAX_JSON_BYTES", 10_000, raising=False)
    path = write_json(tmp_path / "groot.json", demo_services)
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 1
    assert "de grens voor een import is 0,0 MB" in result.output
    assert counts() == (0, 0, 0)


def test_a_streamed_file_still_imports_all_or_nothing(runner, tmp_path, demo_services):
    """A file that breaks off after valid services: nothing of it is written."""
    path = tmp_path / "afgebroken.json"
    text = json.dumps(demo_services, indent=1)
    path.write_text(text[: int(len(text) * 0.8)], encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 1
    assert "geen geldige JSON" in result.output and "afgebroken.json, regel" in result.output
    assert "veld '(json)'" in result.output and result.output.count("\n- ") == 1
    assert counts() == (0, 0, 0)


def test_a_data_package_with_a_deep_descriptor_or_a_huge_table_is_refused(runner, tmp_path,
                                                                           demo_export,
                                                                           monkeypatch):
    import shutil

    package = tmp_path / "pakket"
    shutil.copytree(demo_export["package"], package)
    descriptor = package / "datapackage.json"
    original = descriptor.read_text(encoding="utf-8")
    descriptor.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(package)])
    assert not isinstance(result.exception, RecursionError)
    assert result.exit_code == 1 and "dieper genest" in result.output

    descriptor.write_text(original, encoding="utf-8")
    monkeypatch.setattr("importers.limits.MAX_CSV_BYTES", 10_000, raising=False)
    result = runner.invoke(args=["import", "hsds", str(package)])
    assert result.exit_code == 1 and "de grens is 0,0 MB" in result.output
    assert counts() == (0, 0, 0)
