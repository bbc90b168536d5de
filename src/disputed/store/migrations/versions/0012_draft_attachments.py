"""files operators attach to a draft (a return label, a photo), sent with it as MIME parts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 21:15:41.951635
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('draft_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('added_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('added_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('draft_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_attachment_draft_id'), ['draft_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('draft_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_attachment_draft_id'))

    op.drop_table('draft_attachment')
