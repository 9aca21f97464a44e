"""search tables for SEARCH_BACKEND=postgres (PostgreSQL only)

Revision ID: c45e0006pgsearch
Revises: c45e0005attending
Create Date: 2026-11-30 18:00:00

The PostgreSQL search backend (``search/postgres_backend.py``) keeps its documents in these
tables of the application's own database: a weighted tsvector with a GIN index, the points
of every place (btree on lat/lon for the bounding box), the spelling vocabulary with a
pg_trgm index, and the index terms in byte order.  They are not part of the SQLAlchemy
models.  On SQLite this does nothing.  The statements are a frozen copy of
``search.postgres_backend.schema_statements()``.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c45e0006pgsearch'
down_revision = 'c45e0005attending'
branch_labels = None
depends_on = None

UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE SEQUENCE IF NOT EXISTS search_write_seq",
    "CREATE SEQUENCE IF NOT EXISTS search_word_seq",
    """CREATE TABLE IF NOT EXISTS search_document (
        id text PRIMARY KEY,
        name text NOT NULL,
        tier text NOT NULL,
        kernen text[] NOT NULL,
        life_domains text[] NOT NULL,
        target_groups text[] NOT NULL,
        free boolean NOT NULL,
        minimum_age integer,
        maximum_age integer,
        visible boolean NOT NULL,
        opening int4multirange NOT NULL,
        tsv tsvector NOT NULL,
        words text[] NOT NULL,
        fingerprint text NOT NULL,
        seq bigint NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS search_document_tsv ON search_document USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS search_document_words ON search_document USING gin (words)",
    "CREATE INDEX IF NOT EXISTS search_document_kernen ON search_document USING gin (kernen)",
    "CREATE INDEX IF NOT EXISTS search_document_seq ON search_document (seq)",
    """CREATE TABLE IF NOT EXISTS search_point (
        doc_id text NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS search_point_latlon ON search_point (lat, lon)",
    "CREATE INDEX IF NOT EXISTS search_point_doc ON search_point (doc_id)",
    """CREATE TABLE IF NOT EXISTS search_word (
        word text PRIMARY KEY, first text NOT NULL, len integer NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('search_word_seq'))""",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_word USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_word_bucket ON search_word (first, len)",
    "CREATE INDEX IF NOT EXISTS search_word_seq_ix ON search_word (seq)",
    "CREATE TABLE IF NOT EXISTS search_removed (id text NOT NULL, seq bigint NOT NULL)",
    'CREATE TABLE IF NOT EXISTS search_term (term text COLLATE "C" PRIMARY KEY)',
]

DOWNGRADE = [
    "DROP TABLE IF EXISTS search_term",
    "DROP TABLE IF EXISTS search_removed",
    "DROP TABLE IF EXISTS search_word",
    "DROP TABLE IF EXISTS search_point",
    "DROP TABLE IF EXISTS search_document",
    "DROP SEQUENCE IF EXISTS search_word_seq",
    "DROP SEQUENCE IF EXISTS search_write_seq",
]


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:  # pg_trgm stays: other objects may use it
        op.execute(statement)
