"""staff sessions get a device summary (browser and system), for the list of sign-ins

``staff_session.device`` holds what a user needs to recognise a sign-in in the list of
their sessions ("Firefox, Windows"), derived from the User-Agent at sign-in; neither the
User-Agent itself nor the client address is stored.  Existing rows stay empty (shown as
"unknown device").

Revision ID: hsec01sessions
Revises: hdemo01_access_ciz
Create Date: 2026-12-03 14:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'hsec01sessions'
down_revision = 'hdemo01_access_ciz'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('staff_session', sa.Column('device', sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table('staff_session') as batch:
        batch.drop_column('device')
