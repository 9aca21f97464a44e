"""HSDS JSON comes as a list of services, as an API page envelope, or as NDJSON."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.extensions import db
from app.models import Service
from tests.importers.conftest import write_json


def test_page_envelope_and_ndjson_import_the_same_records(runner, tmp_path, demo_services):
    first, rest = demo_services[:100], demo_services[100:]
    page = {"total_items": 182, "total_pages": 2, "page_number": 1, "size": 100,
            "first_page": True, "last_page": False, "empty": False, "contents": first}
    result = runner.invoke(args=["import", "hsds", str(write_json(tmp_path / "p1.json", page))])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 100 nieuw" in result.output

    ndjson = tmp_path / "rest.ndjson"
    ndjson.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in rest),
                      encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(ndjson)])
    assert result.exit_code == 0, result.output
    assert "voorzieningen: 82 nieuw" in result.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == 182

    # the whole list again: every record is recognised, whatever form it came in
    again = runner.invoke(args=["import", "hsds",
                                str(write_json(tmp_path / "alles.json", demo_services))])
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 182 ongewijzigd" in again.output


def test_a_broken_ndjson_line_is_named_by_line_number(runner, tmp_path, demo_services):
    lines = [json.dumps(s) for s in demo_services[:3]]
    lines[1] = lines[1][:40]
    path = tmp_path / "kapot.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 1
    assert "kapot.ndjson, regel 2: veld '(json)'" in result.output
    assert "geen geldige JSON" in result.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0


def test_any_valid_page_envelope_a_bare_list_and_a_single_object_import(runner, tmp_path,
                                                                         demo_services):
    """HSDS 3.0 requires none of a page's paging fields: a page saved without
    ``total_items`` (or with ``contents`` only) is still a page of services."""
    forms = {
        "zonder-totaal.json": {"page_number": 1, "size": 2, "first_page": True,
                               "last_page": True, "empty": False,
                               "contents": demo_services[:2]},
        "alleen-inhoud.json": {"contents": demo_services[2:4]},
        "lijst.json": demo_services[4:6],
        "een.json": demo_services[6],
    }
    expected = {"zonder-totaal.json": 2, "alleen-inhoud.json": 2, "lijst.json": 2, "een.json": 1}
    for name, data in forms.items():
        result = runner.invoke(args=["import", "hsds", str(write_json(tmp_path / name, data))])
        assert result.exit_code == 0, result.output
        assert f"voorzieningen: {expected[name]} nieuw" in result.output, result.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == 7

    empty = runner.invoke(args=["import", "hsds", str(write_json(
        tmp_path / "leeg.json", {"total_items": 0, "empty": True, "contents": []}))])
    assert empty.exit_code == 0, empty.output
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 0 ongewijzigd" in empty.output
