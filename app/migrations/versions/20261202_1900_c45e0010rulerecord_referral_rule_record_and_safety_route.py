"""every referral records what the lightest-suitable rule saw; the safety route as a step

``referral`` gets ``decision`` (lichtste / onderbouwd / buiten-suggesties), ``need`` and
``shown`` (JSON: the need as it was and the options shown) and the one reason given for all
lighter options (``group_reason``, ``group_reason_note``); check constraints refuse a
justified referral without its weighing and an outside one without its reason, whatever
writes the row. ``referral_skip`` gets ``fit`` and ``shared``. A referral may end as
``not_started`` (niet doorgegaan). ``safety_route`` holds the recorded safety route (Veilig
Thuis consulted, the safety plan) or an aandachtsfunctionaris's reasoned exception.

Existing referrals get their decision from what they hold: an outside reason →
buiten-suggesties; skipped lighter options → onderbouwd; otherwise lichtste. Anonymised
referrals (weighing erased) keep "-" in the erased fields.

Revision ID: c45e0010rulerecord
Revises: c45e0009thesaurus
Create Date: 2026-12-02 19:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c45e0010rulerecord'
down_revision = 'c45e0009thesaurus'
branch_labels = None
depends_on = None

OUTCOMES_OLD = "outcome IS NULL OR outcome IN ('reached', 'partly', 'not_reached', 'stopped_early')"
OUTCOMES_NEW = ("outcome IS NULL OR outcome IN ('reached', 'partly', 'not_reached', 'stopped_early', "
                "'not_started')")


def upgrade():
    op.create_table('safety_route',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('consulted_on', sa.Date(), nullable=True),
    sa.Column('consulted_with', sa.String(length=200), nullable=True),
    sa.Column('advice', sa.Text(), nullable=True),
    sa.Column('plan', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("kind IN ('route', 'uitzondering')", name=op.f('ck_safety_route_kind')),
    sa.CheckConstraint("kind <> 'route' OR (consulted_on IS NOT NULL AND consulted_with IS NOT NULL AND "
                       "advice IS NOT NULL AND plan IS NOT NULL)", name=op.f('ck_safety_route_route_complete')),
    sa.CheckConstraint("kind <> 'uitzondering' OR reason IS NOT NULL",
                       name=op.f('ck_safety_route_exception_reasoned')),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_safety_route_by_id_user_account')),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_safety_route_case_id_case_file'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_route'))
    )
    with op.batch_alter_table('safety_route', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_route_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_route_by_id'), ['by_id'], unique=False)

    with op.batch_alter_table('referral_skip', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fit', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('shared', sa.Boolean(), nullable=True))
    op.execute("UPDATE referral_skip SET shared = false")
    with op.batch_alter_table('referral_skip', schema=None) as batch_op:
        batch_op.alter_column('shared', existing_type=sa.Boolean(), nullable=False)

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('need', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('shown', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('group_reason', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('group_reason_note', sa.Text(), nullable=True))
    op.execute("UPDATE referral SET decision = CASE "
               "WHEN outside_reason IS NOT NULL THEN 'buiten-suggesties' "
               "WHEN EXISTS (SELECT 1 FROM referral_skip s WHERE s.referral_id = referral.id) "
               "THEN 'onderbouwd' ELSE 'lichtste' END")
    op.execute("UPDATE referral SET weighing_core_values = coalesce(weighing_core_values, '-'), "
               "weighing_lawfulness = coalesce(weighing_lawfulness, '-'), "
               "weighing_cost = coalesce(weighing_cost, '-') WHERE decision = 'onderbouwd'")
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.alter_column('decision', existing_type=sa.String(length=20), nullable=False)
        batch_op.drop_constraint(op.f('ck_referral_outcome'), type_='check')
        batch_op.create_check_constraint(op.f('ck_referral_outcome'), OUTCOMES_NEW)
        batch_op.create_check_constraint(
            op.f('ck_referral_decision'), "decision IN ('lichtste', 'onderbouwd', 'buiten-suggesties')")
        batch_op.create_check_constraint(
            op.f('ck_referral_justified_is_weighed'), "decision <> 'onderbouwd' OR (weighing_core_values IS NOT NULL AND "
            "weighing_lawfulness IS NOT NULL AND weighing_cost IS NOT NULL)")
        batch_op.create_check_constraint(
            op.f('ck_referral_outside_has_reason'), "decision <> 'buiten-suggesties' OR outside_reason IS NOT NULL")


def downgrade():
    op.execute("UPDATE referral SET outcome = 'stopped_early' WHERE outcome = 'not_started'")
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_referral_outside_has_reason'), type_='check')
        batch_op.drop_constraint(op.f('ck_referral_justified_is_weighed'), type_='check')
        batch_op.drop_constraint(op.f('ck_referral_decision'), type_='check')
        batch_op.drop_constraint(op.f('ck_referral_outcome'), type_='check')
        batch_op.create_check_constraint(op.f('ck_referral_outcome'), OUTCOMES_OLD)
        batch_op.drop_column('group_reason_note')
        batch_op.drop_column('group_reason')
        batch_op.drop_column('shown')
        batch_op.drop_column('need')
        batch_op.drop_column('decision')
    with op.batch_alter_table('referral_skip', schema=None) as batch_op:
        batch_op.drop_column('shared')
        batch_op.drop_column('fit')
    with op.batch_alter_table('safety_route', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_route_by_id'))
        batch_op.drop_index(batch_op.f('ix_safety_route_case_id'))
    op.drop_table('safety_route')
