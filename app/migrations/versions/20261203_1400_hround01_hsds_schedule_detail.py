"""schedules keep their RFC 5545 detail; services keep wait time, accreditations, licences
and their required documents

HSDS 3.0 schedules may say ``dtstart``, ``until``, ``count``, ``wkst``, ``byweekno``,
``bymonthday``, ``byyearday`` and ``schedule_link``; without columns for them a monthly or
ended schedule came back as a weekly one.  ``service.wait_time``, ``accreditations`` and
``licenses`` are HSDS service fields a resident or partner asks about, and
``required_document`` (HSDS 3.0's table of that name) what a resident brings to apply.  All new columns are
nullable; existing rows are untouched.

Revision ID: hround01_hsds_detail
Revises: hsec01sessions
Create Date: 2026-12-03 14:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'hround01_hsds_detail'
down_revision = 'hsec01sessions'
branch_labels = None
depends_on = None

SCHEDULE_COLUMNS = (
    ('dtstart', sa.Date()), ('until', sa.Date()), ('count', sa.Integer()),
    ('wkst', sa.String(length=2)), ('byweekno', sa.String(length=200)),
    ('bymonthday', sa.String(length=200)), ('byyearday', sa.String(length=200)),
    ('schedule_link', sa.String(length=500)),
)
SERVICE_COLUMNS = ('wait_time', 'accreditations', 'licenses')


def upgrade():
    for name, type_ in SCHEDULE_COLUMNS:
        op.add_column('schedule', sa.Column(name, type_, nullable=True))
    for name in SERVICE_COLUMNS:
        op.add_column('service', sa.Column(name, sa.Text(), nullable=True))
    op.create_table(
        'required_document',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('service_id', sa.Uuid(), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('uri', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE',
                                name=op.f('fk_required_document_service_id_service')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_required_document')),
    )
    op.create_index(op.f('ix_required_document_service_id'), 'required_document',
                    ['service_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_required_document_service_id'), table_name='required_document')
    op.drop_table('required_document')
    with op.batch_alter_table('service') as batch:
        for name in reversed(SERVICE_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table('schedule') as batch:
        for name, _type in reversed(SCHEDULE_COLUMNS):
            batch.drop_column(name)
