"""The migrated schema equals the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app.extensions import db
from app.models import Base
from search.postgres_backend import SEARCH_TABLES
from tests.conftest import make_app


def _not_search_table(name, type_, parent_names) -> bool:
    """The PostgreSQL search backend's tables live beside the models, not in them."""
    return not (type_ == "table" and name in SEARCH_TABLES)


def _diff(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _not_search_table})
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
        if db.engine.dialect.name == "postgresql":  # the search backend's tables and indexes
            assert set(SEARCH_TABLES) <= tables
            indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("search_document")}
            assert "search_document_tsv" in indexes
        else:
            assert not set(SEARCH_TABLES) & tables
        db.engine.dispose()


def test_every_foreign_key_is_indexed_in_the_upgraded_database(tmp_path, database_url):
    """Reading a provision's costs or places by its id must never scan the whole table."""
    app = make_app(tmp_path, database_url)
    with app.app_context():
        upgrade()
        inspector = inspect(db.engine)
        unindexed = []
        for table in Base.metadata.sorted_tables:
            led = {ix["column_names"][0] for ix in inspector.get_indexes(table.name)}
            led |= {uc["column_names"][0] for uc in inspector.get_unique_constraints(table.name)}
            led |= set(inspector.get_pk_constraint(table.name)["constrained_columns"][:1])
            unindexed += [f"{table.name}.{fk['constrained_columns'][0]}"
                          for fk in inspector.get_foreign_keys(table.name)
                          if fk["constrained_columns"][0] not in led]
        assert unindexed == []
        db.engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as conn:  # the search sequences went with the tables
                assert not conn.execute(text(
                    "SELECT relname FROM pg_class WHERE relkind = 'S' AND relname = ANY(:names)"),
                    {"names": ["search_write_seq", "search_word_seq"]}).all()
        upgrade()
        assert _diff(db.engine) == []
        db.engine.dispose()
