"""a second factor for every role: recovery codes, TOTP secrets encrypted at rest

``recovery_code`` holds the SHA-256 of each one-time recovery code (120 random bits) and
when it was used.  ``user_account.totp_secret`` and ``staff_session.pending_totp_secret``
grow to 255 characters and hold a Fernet token instead of the plain base32 secret: existing
plain secrets are encrypted here with the key of the running app (``TOTP_ENCRYPTION_KEY``,
or derived from ``SECRET_KEY``; see ``app/secrets_at_rest.py``), so run ``flask db upgrade``
with the production configuration.  Pending enrolments are dropped (the user is shown a new
key).  Downgrade decrypts them again.

Revision ID: c45e0011auth
Revises: c45e0010rulerecord
Create Date: 2026-12-03 08:00:00

"""
from alembic import op
import sqlalchemy as sa
from cryptography.fernet import Fernet, MultiFernet
from flask import current_app


revision = 'c45e0011auth'
down_revision = 'c45e0010rulerecord'
branch_labels = None
depends_on = None

FERNET_PREFIX = "gAAAAA"


def _fernet() -> MultiFernet:
    from app.secrets_at_rest import keys_from_config

    return MultiFernet([Fernet(key) for key in keys_from_config(current_app.config)])


def upgrade():
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_recovery_code_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_recovery_code_code_hash'))
    )
    op.create_index(op.f('ix_recovery_code_user_id'), 'recovery_code', ['user_id'], unique=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=64),
                              type_=sa.String(length=255), existing_nullable=True)
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.alter_column('pending_totp_secret', existing_type=sa.String(length=64),
                              type_=sa.String(length=255), existing_nullable=True)

    connection = op.get_bind()
    users = sa.table('user_account', sa.column('id', sa.Uuid()), sa.column('totp_secret', sa.String()))
    sessions = sa.table('staff_session', sa.column('pending_totp_secret', sa.String()))
    fernet = _fernet()
    for user_id, secret in connection.execute(
            sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))).all():
        if secret.startswith(FERNET_PREFIX):
            continue  # already encrypted
        connection.execute(users.update().where(users.c.id == user_id).values(
            totp_secret=fernet.encrypt(secret.encode()).decode()))
    connection.execute(sessions.update().values(pending_totp_secret=None))


def downgrade():
    connection = op.get_bind()
    users = sa.table('user_account', sa.column('id', sa.Uuid()), sa.column('totp_secret', sa.String()))
    sessions = sa.table('staff_session', sa.column('pending_totp_secret', sa.String()))
    fernet = _fernet()
    for user_id, token in connection.execute(
            sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))).all():
        if token.startswith(FERNET_PREFIX):
            connection.execute(users.update().where(users.c.id == user_id).values(
                totp_secret=fernet.decrypt(token.encode()).decode()))
    connection.execute(sessions.update().values(pending_totp_secret=None))
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.alter_column('pending_totp_secret', existing_type=sa.String(length=255),
                              type_=sa.String(length=64), existing_nullable=True)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=255),
                              type_=sa.String(length=64), existing_nullable=True)
    op.drop_index(op.f('ix_recovery_code_user_id'), table_name='recovery_code')
    op.drop_table('recovery_code')
