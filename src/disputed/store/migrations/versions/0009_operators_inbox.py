"""the operators' inbox: case state (kept by triggers), close reasons, handled on the platform,
full-text search (SQLite FTS5, PostgreSQL tsvector with a GIN index)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 18:23:03.426980
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from disputed.store import inbox


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='needs_decision'))
        batch_op.add_column(sa.Column('closed_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index('ix_case_state_due', ['state', 'due_at'], unique=False)
        batch_op.create_index('ix_case_due', ['due_at', 'id'], unique=False)

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handled_on_platform_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    inbox.install(op.get_bind())  # triggers and the search index; every case's state and document filled in


def downgrade() -> None:
    inbox.uninstall(op.get_bind())
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('handled_on_platform_at')

    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_index('ix_case_state_due')
        batch_op.drop_index('ix_case_due')
        batch_op.drop_column('closed_reason')
        batch_op.drop_column('state')

