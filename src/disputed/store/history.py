"""A case's history: lines appended, never changed.

Every line is made by ``entry`` and written by ``write``, whoever writes it (an operator's
action, the processor's batch, the sender, a sweep), so the lines say the same things the
same way. ``record`` writes one line at once; the processor and the sender collect the lines
of a batch with ``entry`` and write them with one multi-row INSERT in the batch's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from disputed.store.models import CaseEvent, utcnow

# Who did it, when no person did.
DISPUTED = "disputed"

_INSERT = insert(CaseEvent.__table__)  # built once: composing it costs more than running it


def entry(*, case_id: int | None, type: str, detail: str = "", actor: str = DISPUTED, draft_id: int | None = None,
          message_row: int | None = None, at: datetime | None = None) -> dict[str, Any]:
    """One line of history, not yet written. ``case_id`` is None for a line about a mailbox."""
    return {"case_id": case_id, "at": at or utcnow(), "type": type, "detail": detail, "actor": actor, "message_row": message_row, "draft_id": draft_id}


def write(bind: Session | Connection, entries: Sequence[dict[str, Any]]) -> None:
    """Append ``entries`` in the transaction of ``bind`` (one statement for all of them)."""
    if not entries:
        return
    conn = bind.connection() if isinstance(bind, Session) else bind
    conn.execute(_INSERT, list(entries))


def record(bind: Session | Connection, **line: Any) -> None:
    """Append one line now (the arguments of ``entry``)."""
    write(bind, [entry(**line)])
