"""Fixtures for the importer tests: HSDS files exported from the demo map, helpers to edit them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Location, Organization, Service
from tests.api.openapi_check import hsds_reference
from tests.conftest import make_app

SHARED_HSDS = hsds_reference()  # ../shared/hsds-3.0, or HSDS_SCHEMA_DIR's parent


@pytest.fixture(scope="session")
def demo_export(tmp_path_factory, demo_db_file) -> dict[str, Path]:
    """The demo map exported once as HSDS JSON and as a tabular data package (read-only)."""
    base = tmp_path_factory.mktemp("demo-export")
    shutil.copy(demo_db_file, base / "demo.db")
    app = make_app(base, f"sqlite:///{base / 'demo.db'}")
    with app.app_context():
        from app.hsds.export import export_datapackage, export_json

        export_json(db.session, base / "demo.json")
        export_datapackage(db.session, base / "demo-pakket")
        db.session.remove()
        db.engine.dispose()
    return {"json": base / "demo.json", "package": base / "demo-pakket"}


@pytest.fixture
def demo_services(demo_export) -> list[dict]:
    """A fresh, editable copy of the exported services."""
    return json.loads(demo_export["json"].read_text(encoding="utf-8"))


def write_json(path: Path, services) -> Path:
    path.write_text(json.dumps(services, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def counts() -> tuple[int, int, int]:
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Organization, Location, Service))


def attribute(service: dict, taxonomy: str) -> dict:
    return next(a for a in service["attributes"] if a["link_type"] == taxonomy)
