"""points of each search document in its own row (PostgreSQL only)

Revision ID: c45e0007pgsearchperf
Revises: c45e0006pgsearch
Create Date: 2026-12-01 09:00:00

The PostgreSQL search backend measures the distance of every text match from its places.
Looking each match up in ``search_point`` costs an index probe per document; with the
coordinates repeated in the document's own row (``lats``/``lons``, same order) the distance is
computed from the row the text search already reads.  ``search_point`` stays for the geographic
search without text (bounding box on its (lat, lon) index).  Existing rows are filled from
``search_point``.  On SQLite this does nothing.  The statements are a frozen copy of the
last two of ``search.postgres_backend.schema_statements()``.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c45e0007pgsearchperf'
down_revision = 'c45e0006pgsearch'
branch_labels = None
depends_on = None

UPGRADE = [
    """ALTER TABLE search_document
            ADD COLUMN IF NOT EXISTS lats double precision[] NOT NULL DEFAULT '{}',
            ADD COLUMN IF NOT EXISTS lons double precision[] NOT NULL DEFAULT '{}'""",
    """UPDATE search_document d SET lats = g.lats, lons = g.lons
            FROM (SELECT doc_id, array_agg(lat ORDER BY lat, lon) AS lats,
                         array_agg(lon ORDER BY lat, lon) AS lons
                  FROM search_point GROUP BY doc_id) g
            WHERE g.doc_id = d.id AND cardinality(d.lats) = 0""",
]

DOWNGRADE = [
    "ALTER TABLE search_document DROP COLUMN IF EXISTS lons, DROP COLUMN IF EXISTS lats",
]


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
