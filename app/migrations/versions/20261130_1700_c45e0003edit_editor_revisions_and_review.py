"""editor revisions and review

Revision ID: c45e0003edit
Revises: c45e0002auth
Create Date: 2026-11-30 17:00:00

The editor (#6): pending changes awaiting a second editor (edit_change), the revision
history with full snapshots (edit_revision; field changes also go to HSDS ``metadata``),
and synonym groups editors add on top of data/synonyms.txt (synonym_group).
"""
from alembic import op
import sqlalchemy as sa


revision = 'c45e0003edit'
down_revision = 'c45e0002auth'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('synonym_group',
    sa.Column('line', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synonym_group'))
    )
    op.create_table('edit_change',
    sa.Column('resource_type', sa.String(length=20), nullable=False),
    sa.Column('resource_id', sa.Uuid(), nullable=False),
    sa.Column('open_key', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.Column('basis', sa.JSON(), nullable=True),
    sa.Column('base_token', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=False),
    sa.Column('editor_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewer_id', sa.Uuid(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_edit_change_author_id_user_account')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_edit_change_reviewer_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edit_change')),
    sa.UniqueConstraint('open_key', name='uq_edit_change_open_key')
    )
    with op.batch_alter_table('edit_change', schema=None) as batch_op:
        batch_op.create_index('ix_edit_change_resource', ['resource_type', 'resource_id'], unique=False)
        batch_op.create_index('ix_edit_change_status', ['status'], unique=False)

    op.create_table('edit_revision',
    sa.Column('resource_type', sa.String(length=20), nullable=False),
    sa.Column('resource_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('user_label', sa.String(length=255), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('change_id', sa.Uuid(), nullable=True),
    sa.Column('approved_by', sa.String(length=255), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['edit_change.id'], name=op.f('fk_edit_revision_change_id_edit_change')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_edit_revision_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edit_revision')),
    sa.UniqueConstraint('resource_type', 'resource_id', 'number', name='uq_edit_revision_number')
    )


def downgrade():
    op.drop_table('edit_revision')
    with op.batch_alter_table('edit_change', schema=None) as batch_op:
        batch_op.drop_index('ix_edit_change_status')
        batch_op.drop_index('ix_edit_change_resource')

    op.drop_table('edit_change')
    op.drop_table('synonym_group')
