"""the editors' thesaurus concepts replace their synonym groups

``thesaurus_entry`` holds a concept of the search thesaurus as an editor wrote it (the block
format of ``search/thesaurus.py``), ``thesaurus_revision`` every saved text. Each synonym group
editors added (``synonym_group``: "a, b, c" or "a => b, c") becomes a concept of its own,
``redactie-<n>``, whose Dutch words find each other ("a => b" becomes two-way: a concept has
no direction); the table goes. The downgrade turns concepts back into groups of their Dutch
words.

Revision ID: c45e0009thesaurus
Revises: c45e0008fkindexes
Create Date: 2026-12-02 17:00:00

"""
from datetime import datetime, timezone
import uuid

from alembic import op
import sqlalchemy as sa


revision = 'c45e0009thesaurus'
down_revision = 'c45e0008fkindexes'
branch_labels = None
depends_on = None


def _words(line: str) -> list[str]:
    words = []
    for part in line.replace("=>", ",").split(","):
        word = " ".join(part.split("#", 1)[0].lower().split())
        if word and word not in words and not any(ch in word for ch in "=:;()[]{}<>"):
            words.append(word)
    return words


def upgrade():
    entry = op.create_table('thesaurus_entry',
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=255), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thesaurus_entry')),
    sa.UniqueConstraint('code', name=op.f('uq_thesaurus_entry_code'))
    )
    revision_table = op.create_table('thesaurus_revision',
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('saved_by', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thesaurus_revision'))
    )
    op.create_index(op.f('ix_thesaurus_revision_code'), 'thesaurus_revision', ['code'], unique=False)

    conn = op.get_bind()
    groups = conn.execute(sa.text(
        "SELECT line, created_at, updated_at, updated_by FROM synonym_group ORDER BY created_at")).all()
    now = datetime.now(timezone.utc)
    rows, revisions = [], []
    for n, (line, created, updated, by) in enumerate(groups, start=1):
        words = _words(line or "")
        if len(words) < 2:
            continue
        code = f"redactie-{n}"
        text = f"= {code}\nnl: " + ", ".join(words)
        rows.append({"id": uuid.uuid4(), "code": code, "text": text, "created_at": created or now,
                     "updated_at": updated or now, "updated_by": by or "", "version": 1})
        revisions.append({"id": uuid.uuid4(), "code": code, "text": text,
                          "saved_at": updated or now, "saved_by": by or ""})
    if rows:
        op.bulk_insert(entry, rows)
        op.bulk_insert(revision_table, revisions)
    op.drop_table('synonym_group')


def downgrade():
    group = op.create_table('synonym_group',
    sa.Column('line', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synonym_group'))
    )
    conn = op.get_bind()
    rows = []
    for text, created, updated, by in conn.execute(sa.text(
            "SELECT text, created_at, updated_at, updated_by FROM thesaurus_entry")).all():
        words = []
        for line in (text or "").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("nl", "vak", "en"):
                words += [w.split("(")[0].strip() for w in value.split(",") if w.strip()]
        if len(words) > 1:
            rows.append({"id": uuid.uuid4(), "line": ", ".join(dict.fromkeys(words)),
                         "created_at": created, "updated_at": updated, "updated_by": by})
    if rows:
        op.bulk_insert(group, rows)
    op.drop_index(op.f('ix_thesaurus_revision_code'), table_name='thesaurus_revision')
    op.drop_table('thesaurus_revision')
    op.drop_table('thesaurus_entry')
