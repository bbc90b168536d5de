"""the deadline sweep's memory leaves case.facts and draft.context: the case history holds it (the
"escalated" and "deadline_missed" lines the sweep always wrote), and case.facts is a typed schema
(store.models.CaseFacts) that has no place for it

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 21:40:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_FLAG = "_deadline_flag"


def upgrade() -> None:
    conn = op.get_bind()
    for table, column in (("case", "facts"), ("draft", "context")):
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.JSON))
        flagged = conn.execute(sa.select(rows.c.id, rows.c[column]).where(sa.cast(rows.c[column], sa.Text).like(f"%{_FLAG}%"))).all()
        for row_id, value in flagged:
            data = json.loads(value) if isinstance(value, str) else value
            if not isinstance(data, dict) or _FLAG not in data:
                continue
            del data[_FLAG]
            conn.execute(sa.update(rows).where(rows.c.id == row_id).values({column: data if data else sa.null()}))


def downgrade() -> None:
    pass  # the history still says what was told; an older sweep tells a near deadline at most once more
