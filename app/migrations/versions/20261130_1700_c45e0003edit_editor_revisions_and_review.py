"""editor revisions and review

Revision ID: c45e0003edit
Revises: c45e0002auth
Create Date: 2026-11-30 17:00:00

Placeholder reserved in the revision chain; filled by the feature that owns it.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c45e0003edit'
down_revision = 'c45e0002auth'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
