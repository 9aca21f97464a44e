"""Access code indicatie-ciz: long-term care (Wlz) is reached with a CIZ indication.

Revision ID: hdemo01_access_ciz
Revises: c45e0013editorial
"""

from alembic import op

revision = "hdemo01_access_ciz"
down_revision = "c45e0013editorial"
branch_labels = None
depends_on = None

OLD = "access IN ('vrij-toegankelijk', 'aanmelden', 'verwijzing-huisarts', 'beschikking-gemeente')"
NEW = ("access IN ('vrij-toegankelijk', 'aanmelden', 'verwijzing-huisarts', 'indicatie-ciz', "
       "'beschikking-gemeente')")


def upgrade():
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_access"), type_="check")
        batch_op.create_check_constraint(op.f("ck_service_access"), NEW)


def downgrade():
    # A Wlz provision goes back to "sign up with the provider", the nearest older code.
    op.execute("UPDATE service SET access = 'aanmelden' WHERE access = 'indicatie-ciz'")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_access"), type_="check")
        batch_op.create_check_constraint(op.f("ck_service_access"), OLD)
