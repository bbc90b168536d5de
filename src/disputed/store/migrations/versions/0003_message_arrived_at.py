"""message.arrived_at

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 18:27:27.580218
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('arrived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_column('arrived_at')

