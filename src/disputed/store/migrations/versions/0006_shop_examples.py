"""shop examples: buyer words an operator labelled with their issue

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 18:31:51.440880
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shop_example',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('issue', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('labelled_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('labelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('removed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('removed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('shop_example', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shop_example_removed_at'), ['removed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('shop_example', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shop_example_removed_at'))

    op.drop_table('shop_example')
