"""Mailbox leases: at most one instance watches a mailbox at a time, and live instances share them fairly.

A lease is a row in mailbox_state with a holder and an expiry. Taking it is a single
conditional UPDATE, so two instances racing for it cannot both win; a holder that
dies simply stops renewing, and the lease is free after ``lease_seconds``. Ingest
writes are fenced by the holder, so a paused instance that wakes after losing its
lease cannot write.

Each instance on a shared store also keeps a heartbeat row in daemon_instance with the
same expiry. The live rows say how many instances share the mailboxes, so each can
hold its fair share, ``ceil(mailboxes / instances)``, and give back what it holds
beyond that when another instance joins. Times come from the database's clock, so
instances on machines whose clocks disagree still agree on when a lease runs out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from disputed.store.db import is_postgres, session_scope
from disputed.store.models import DaemonInstance, MailboxState, as_utc, utcnow

# A dead instance's heartbeat row is kept this long after it ran out (for an operator
# wondering where an instance went), then the next heartbeat of any instance removes it.
FORGET_AFTER = timedelta(hours=1)


def store_now(conn: Connection) -> datetime:
    """Now by the database's clock (PostgreSQL), or this machine's (SQLite, one machine anyway)."""
    if is_postgres(conn):
        return as_utc(conn.execute(text("SELECT clock_timestamp()")).scalar_one())
    return utcnow()


@contextmanager
def _at_store_time(engine: Engine) -> Iterator[tuple[Connection, datetime]]:
    """A transaction, and now by the store's clock."""
    with session_scope(engine) as session:
        conn = session.connection()
        yield conn, store_now(conn)


def _dialect(conn: Connection):
    return postgresql if is_postgres(conn) else sqlite


def ensure_rows(engine: Engine, names: list[str]) -> None:
    table = MailboxState.__table__
    with session_scope(engine) as session:
        conn = session.connection()
        for name in names:
            conn.execute(_dialect(conn).insert(table).values(name=name, last_uid=0, updated_at=utcnow(), connected_at=utcnow(), rematch=False).on_conflict_do_nothing(index_elements=["name"]))


# -- leases ---------------------------------------------------------------------------


def acquire(engine: Engine, name: str, holder: str, seconds: float) -> bool:
    """Take or renew the lease on ``name``; True when we hold it now."""
    table = MailboxState.__table__
    with _at_store_time(engine) as (conn, now):
        stmt = (
            update(table)
            .where(table.c.name == name)
            .where(or_(table.c.lease_holder.is_(None), table.c.lease_holder == holder, table.c.lease_expires_at < now))
            .values(lease_holder=holder, lease_expires_at=now + timedelta(seconds=seconds))
        )
        return conn.execute(stmt).rowcount == 1


def renew(engine: Engine, holder: str, names: Collection[str], seconds: float) -> set[str]:
    """Extend every lease ``holder`` still has among ``names``; the names it holds."""
    table = MailboxState.__table__
    with _at_store_time(engine) as (conn, now):
        stmt = (
            update(table)
            .where(table.c.lease_holder == holder, table.c.name.in_(list(names)))
            .values(lease_expires_at=now + timedelta(seconds=seconds))
            .returning(table.c.name)
        )
        return {row[0] for row in conn.execute(stmt)}


def release(engine: Engine, name: str, holder: str) -> None:
    table = MailboxState.__table__
    with session_scope(engine) as session:
        session.execute(update(table).where(table.c.name == name, table.c.lease_holder == holder).values(lease_holder=None, lease_expires_at=None))


# -- instances ------------------------------------------------------------------------


def beat(engine: Engine, instance: str, seconds: float, watching: Collection[str]) -> None:
    """Say that ``instance`` is alive for another ``seconds`` and what it watches; forget long-dead ones."""
    table = DaemonInstance.__table__
    with _at_store_time(engine) as (conn, now):
        values = dict(beat_at=now, expires_at=now + timedelta(seconds=seconds), watching=sorted(watching))
        stmt = _dialect(conn).insert(table).values(name=instance, started_at=now, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))
        conn.execute(delete(table).where(table.c.expires_at < now - FORGET_AFTER))


def set_watching(engine: Engine, instance: str, watching: Collection[str]) -> None:
    """Record the mailboxes ``instance`` has a watcher for, without extending its heartbeat."""
    table = DaemonInstance.__table__
    with session_scope(engine) as session:
        session.execute(update(table).where(table.c.name == instance).values(watching=sorted(watching)))


def retire(engine: Engine, instance: str) -> None:
    """Stop counting ``instance`` as live (it is shutting down): the others' shares grow at once."""
    table = DaemonInstance.__table__
    with _at_store_time(engine) as (conn, now):
        conn.execute(update(table).where(table.c.name == instance).values(expires_at=now))


def leave(engine: Engine, instance: str) -> None:
    with session_scope(engine) as session:
        session.execute(delete(DaemonInstance.__table__).where(DaemonInstance.__table__.c.name == instance))


@dataclass(frozen=True)
class Survey:
    """Who is live, and who holds each of our mailboxes (None: free, or its holder's lease ran out)."""

    live: frozenset[str]
    holders: dict[str, str | None]

    def counts(self) -> dict[str, int]:
        """Mailboxes held by each live instance (a dead holder's are about to come free)."""
        counts = dict.fromkeys(self.live, 0)
        for holder in self.holders.values():
            if holder in counts:
                counts[holder] += 1
        return counts

    def free(self) -> list[str]:
        return [name for name, holder in self.holders.items() if holder is None]


def survey(engine: Engine, names: Collection[str]) -> Survey:
    instances, boxes = DaemonInstance.__table__, MailboxState.__table__
    with _at_store_time(engine) as (conn, now):
        beating = set(conn.execute(select(instances.c.name).where(instances.c.expires_at > now)).scalars())
        rows = conn.execute(select(boxes.c.name, boxes.c.lease_holder, boxes.c.lease_expires_at).where(boxes.c.name.in_(list(names)))).all()
    holders = {name: holder if holder is not None and as_utc(expires) > now else None for name, holder, expires in rows}
    # A live instance renews all its leases with its heartbeat, so one whose lease ran out has died
    # between the two (its heartbeat outliving the lease by a tick): its mailboxes are shared out now.
    lapsed = {holder for _name, holder, expires in rows if holder is not None and as_utc(expires) <= now}
    return Survey(live=frozenset(beating - lapsed), holders={name: holders.get(name) for name in names})


# -- the fair share -------------------------------------------------------------------


def fair_share(mailboxes: int, instances: int) -> int:
    """The most mailboxes one of ``instances`` live instances should hold: ceil(mailboxes / instances)."""
    return -(-mailboxes // max(1, instances))


def room(me: str, counts: Mapping[str, int], mailboxes: int) -> int:
    """How many free mailboxes ``me`` may take now. ``counts`` has every live instance.

    Up to the floor (``mailboxes // instances``) in any case; beyond it, up to the share, only
    from what the instances below the floor do not need, or they would never get there.
    """
    ceiling = fair_share(mailboxes, len(counts))
    floor = mailboxes // max(1, len(counts))
    mine = counts.get(me, 0)
    free = mailboxes - sum(counts.values())
    spare = max(0, free - sum(max(0, floor - held) for held in counts.values()))
    return max(0, floor - mine) + min(max(0, ceiling - max(mine, floor)), spare)


def surplus(me: str, counts: Mapping[str, int], mailboxes: int) -> int:
    """How many of its leases ``me`` should give back now. ``counts`` has every live instance.

    Above the fair share, the excess. At the share exactly, one, when some instances are
    below the floor (``mailboxes // instances``) and the free mailboxes cannot make up the
    difference (12 over 5: 3,3,3,3,0 becomes 2,2,3,3,2): the instances at the share give one
    each, in name order, so every instance computes the same givers and no more give than needed.
    """
    ceiling = fair_share(mailboxes, len(counts))
    floor = mailboxes // max(1, len(counts))
    mine = counts.get(me, 0)
    if mine > ceiling:
        return mine - ceiling
    if mine < ceiling or ceiling == floor:
        return 0
    free = mailboxes - sum(counts.values())
    short = sum(max(0, floor - held) for held in counts.values()) - free
    givers = sorted(name for name, held in counts.items() if held >= ceiling)
    return 1 if me in givers[: max(0, short)] else 0
