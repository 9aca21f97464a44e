"""The migrated schema equals the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app.extensions import db
from app.models import Base
from tests.conftest import make_app


def _diff(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_upgrade_head_matches_models(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        upgrade()
        assert _diff(db.engine) == []
        tables = set(inspect(db.engine).get_table_names())
        for hsds_table in ("organization", "service", "location", "address", "service_at_location",
                           "phone", "contact", "schedule", "cost_option", "service_area",
                           "language", "accessibility", "taxonomy", "taxonomy_term", "attribute",
                           "metadata", "kern", "postcode", "user_account"):
            assert hsds_table in tables
        db.engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert _diff(db.engine) == []
        db.engine.dispose()
