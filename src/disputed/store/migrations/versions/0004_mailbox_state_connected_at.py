"""mailbox_state.connected_at

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 18:32:34.344893
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mailbox_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('connected_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('mailbox_state', schema=None) as batch_op:
        batch_op.drop_column('connected_at')

