"""change reports and search signals

Revision ID: c45e0004signals
Revises: c45e0003edit
Create Date: 2026-11-30 17:00:00

Tables of issue #6 items 3, 4 and 6: change_report ("Meld een wijziging"),
report_throttle (rate limit per hashed client address, shared by workers) and
search_signal (public searches with no or few results).
"""
import sqlalchemy as sa
from alembic import op


revision = 'c45e0004signals'
down_revision = 'c45e0003edit'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_throttle',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_throttle'))
    )
    with op.batch_alter_table('report_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_throttle_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_throttle_key_hash'), ['key_hash'], unique=False)

    op.create_table('search_signal',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('query', sa.String(length=200), nullable=False),
    sa.Column('kern', sa.String(length=60), nullable=True),
    sa.Column('life_domains', sa.String(length=400), nullable=True),
    sa.Column('result_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_signal'))
    )
    with op.batch_alter_table('search_signal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_signal_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_signal_kern'), ['kern'], unique=False)

    op.create_table('change_report',
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('reply_email', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("kind IN ('closed', 'contact', 'hours', 'other')", name=op.f('ck_change_report_kind')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['user_account.id'], name=op.f('fk_change_report_resolved_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_change_report_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_report'))
    )
    with op.batch_alter_table('change_report', schema=None) as batch_op:
        batch_op.create_index('ix_change_report_open', ['resolved_at', 'service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_report_service_id'), ['service_id'], unique=False)



def downgrade():
    with op.batch_alter_table('change_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_report_service_id'))
        batch_op.drop_index('ix_change_report_open')

    op.drop_table('change_report')
    with op.batch_alter_table('search_signal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_signal_kern'))
        batch_op.drop_index(batch_op.f('ix_search_signal_at'))

    op.drop_table('search_signal')
    with op.batch_alter_table('report_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_throttle_key_hash'))
        batch_op.drop_index(batch_op.f('ix_report_throttle_at'))

    op.drop_table('report_throttle')
