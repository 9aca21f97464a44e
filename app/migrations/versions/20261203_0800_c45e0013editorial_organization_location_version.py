"""organisations and locations get a version counter (optimistic locking)

``organization.version`` and ``location.version`` are SQLAlchemy version counters, as
``service.version`` is: every UPDATE says ``WHERE version = <the version read>``, so two
editors (or an editor and an import) saving the same organisation or location from the same
state cannot both be accepted, and the editor's form token is this version rather than a
content fingerprint.  Existing rows start at 1.

Revision ID: c45e0013editorial
Revises: c45e0012journal
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c45e0013editorial'
down_revision = 'c45e0012journal'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('organization', 'location'):
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False,
                                       server_default='1'))


def downgrade():
    for table in ('location', 'organization'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
