"""login throttle and spent challenges

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 18:33:44.856812
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_challenge_used',
    sa.Column('challenge_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('challenge_id')
    )
    with op.batch_alter_table('login_challenge_used', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_challenge_used_at'), ['at'], unique=False)

    op.create_table('login_throttle',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.Column('checked', sa.Integer(), nullable=False),
    sa.Column('turned_away', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('login_throttle')
    with op.batch_alter_table('login_challenge_used', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_challenge_used_at'))

    op.drop_table('login_challenge_used')
