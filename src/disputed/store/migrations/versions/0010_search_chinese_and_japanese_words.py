"""the full-text index finds Chinese and Japanese words: each ideograph and kana indexed on its own
(store/searchwords.py), the triggers and every case's document remade

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 22:00:00.000000

"""
from typing import Sequence, Union

from alembic import op

from disputed.store import inbox


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    inbox.uninstall(op.get_bind())
    inbox.install(op.get_bind())


def downgrade() -> None:
    # The spaced documents are found by the older queries as before (a Chinese word was never found whole).
    pass
