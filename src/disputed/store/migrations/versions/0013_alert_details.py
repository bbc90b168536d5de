"""an alert's details: the column called facts is called details, as the case's facts are the only facts

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 22:20:00.000000
"""

from __future__ import annotations

from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.alter_column('facts', new_column_name='details')


def downgrade() -> None:
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.alter_column('details', new_column_name='facts')
