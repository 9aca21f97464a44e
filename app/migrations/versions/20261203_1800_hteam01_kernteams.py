"""kernteams: teams with their kernen; a kerncoach's team, specialism and coach training;
the coach named in an escalation

``team`` is a kernteam (a name), ``team_kern`` the kernen it covers (a kern belongs to at
most one team).  ``user_account`` gains ``team_id``, ``specialism`` (the concern a
kerncoach is aandachtsfunctionaris for, one of the case expertises) and
``coach_qualified`` (trained to decide escalations; false for every existing account).
``case_event.coach_id`` names the coach who decides an escalation.  No team is created:
which kernen form a team is for the admin to enter.

Revision ID: hteam01_kernteams
Revises: hround01_hsds_detail
Create Date: 2026-12-03 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'hteam01_kernteams'
down_revision = 'hround01_hsds_detail'
branch_labels = None
depends_on = None

SPECIALISMS = ("dementie", "huiselijk-geweld-kindermishandeling", "vluchtelingen-statushouders")


def upgrade():
    op.create_table(
        'team',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_team')),
        sa.UniqueConstraint('name', name=op.f('uq_team_name')),
    )
    op.create_table(
        'team_kern',
        sa.Column('team_id', sa.Uuid(), nullable=False),
        sa.Column('kern_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], ondelete='CASCADE',
                                name=op.f('fk_team_kern_team_id_team')),
        sa.ForeignKeyConstraint(['kern_id'], ['kern.id'], name=op.f('fk_team_kern_kern_id_kern')),
        sa.PrimaryKeyConstraint('team_id', 'kern_id', name=op.f('pk_team_kern')),
        sa.UniqueConstraint('kern_id', name='uq_team_kern_kern_id'),
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('specialism', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('coach_qualified', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.create_foreign_key(batch_op.f('fk_user_account_team_id_team'), 'team',
                                    ['team_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_user_account_team_id'), ['team_id'], unique=False)
        batch_op.create_check_constraint(
            'specialism', "specialism IS NULL OR specialism IN ("
            + ", ".join(repr(s) for s in SPECIALISMS) + ")")
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('coach_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_case_event_coach_id_user_account'),
                                    'user_account', ['coach_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_case_event_coach_id'), ['coach_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_coach_id'))
        batch_op.drop_constraint(batch_op.f('fk_case_event_coach_id_user_account'),
                                 type_='foreignkey')
        batch_op.drop_column('coach_id')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint('specialism', type_='check')
        batch_op.drop_index(batch_op.f('ix_user_account_team_id'))
        batch_op.drop_constraint(batch_op.f('fk_user_account_team_id_team'), type_='foreignkey')
        batch_op.drop_column('coach_qualified')
        batch_op.drop_column('specialism')
        batch_op.drop_column('team_id')
    op.drop_table('team_kern')
    op.drop_table('team')
