"""Mailbox leases: at most one instance watches a mailbox at a time.

A lease is a row in mailbox_state with a holder and an expiry. Taking it is a single
conditional UPDATE, so two instances racing for it cannot both win; a holder that
dies simply stops renewing, and the lease is free after ``lease_seconds``. Ingest
writes are fenced by the holder, so a paused instance that wakes after losing its
lease cannot write.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from disputed.store.db import session_scope
from disputed.store.models import MailboxState, utcnow


def ensure_rows(engine: Engine, names: list[str]) -> None:
    table = MailboxState.__table__
    with session_scope(engine) as session:
        conn = session.connection()
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        for name in names:
            conn.execute(dialect.insert(table).values(name=name, last_uid=0, updated_at=utcnow(), rematch=False).on_conflict_do_nothing(index_elements=["name"]))


def acquire(engine: Engine, name: str, holder: str, seconds: float) -> bool:
    """Take or renew the lease on ``name``; True when we hold it now."""
    now = utcnow()
    table = MailboxState.__table__
    stmt = (
        update(table)
        .where(table.c.name == name)
        .where(or_(table.c.lease_holder.is_(None), table.c.lease_holder == holder, table.c.lease_expires_at < now))
        .values(lease_holder=holder, lease_expires_at=now + timedelta(seconds=seconds))
    )
    with session_scope(engine) as session:
        return session.execute(stmt).rowcount == 1


def release(engine: Engine, name: str, holder: str) -> None:
    table = MailboxState.__table__
    with session_scope(engine) as session:
        session.execute(update(table).where(table.c.name == name, table.c.lease_holder == holder).values(lease_holder=None, lease_expires_at=None))
