"""search_journal: provisions committed but not yet in the Whoosh index

One row per provision a commit changed, written in that commit; deleted once the index
write after the commit succeeds.  What a crash leaves is indexed on the next start or
within a minute (``app.indexing.catch_up``).

Revision ID: c45e0012journal
Revises: c45e0011auth
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c45e0012journal'
down_revision = 'c45e0011auth'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_journal',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('batch', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_journal'))
    )
    op.create_index(op.f('ix_search_journal_batch'), 'search_journal', ['batch'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_search_journal_batch'), table_name='search_journal')
    op.drop_table('search_journal')
