"""The one work queue (store/workqueue.py), on the stored messages the processor takes from it: claims, retries
after a back-off, giving up, and instances sharing a PostgreSQL store taking different items without waiting."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import text, update
from sqlmodel import Session, select

from disputed.daemon.process import INBOUND
from disputed.store.db import make_engine, session_scope
from disputed.store.models import MessageStatus, StoredMessage, utcnow
from disputed.store.workqueue import Backoff

ONCE_A_MINUTE = Backoff(max_attempts=3, base_seconds=60, cap_seconds=600)


def _engine(tmp_path, url: str | None = None):
    engine = make_engine(url or f"sqlite:///{tmp_path / 'queue.db'}")
    with session_scope(engine) as session:
        for n in range(5):
            raw = f"Message-ID: <{n}@test>\r\n\r\nbody {n}\r\n".encode()
            session.add(StoredMessage(mailbox="shop", source_key=f"1/{n}", sha256=hashlib.sha256(raw).hexdigest(), raw=raw))
    return engine


def _claim(engine, holder: str, limit: int = 2) -> list[int]:
    with session_scope(engine) as session:
        return INBOUND.claim(session, holder, limit=limit, lease_seconds=60, retry_alone=True)


def _fail(engine, item_id: int, holder: str, attempts: int, backoff: Backoff = ONCE_A_MINUTE):
    with session_scope(engine) as session:
        return INBOUND.fail(session, item_id, attempts=attempts, reason="boom", backoff=backoff, holder=holder)


def _row(engine, item_id: int) -> StoredMessage:
    with session_scope(engine) as session:
        return session.get(StoredMessage, item_id)


def _due_now(engine, item_id: int) -> None:
    """As if its back-off had passed."""
    with session_scope(engine) as session:
        session.execute(update(StoredMessage).where(StoredMessage.id == item_id).values(claimed_until=utcnow() - timedelta(seconds=1)))


def test_claims_count_attempts_and_a_claimed_item_is_not_claimed_again(tmp_path):
    engine = _engine(tmp_path)
    first, second = _claim(engine, "a"), _claim(engine, "b")
    assert first == [1, 2] and second == [3, 4]
    assert [(_row(engine, n).claimed_by, _row(engine, n).attempts) for n in first] == [("a", 1), ("a", 1)]
    with session_scope(engine) as session:
        assert INBOUND.still_ours(session, [1, 2, 3], "a") == {1, 2}


def test_a_failed_item_waits_out_its_back_off_then_comes_back_alone(tmp_path):
    engine = _engine(tmp_path)
    [one, _two] = _claim(engine, "a")
    failed = _fail(engine, one, "a", attempts=1)
    assert not failed.gave_up and failed.delay == 60
    assert _row(engine, one).error == "boom" and _row(engine, one).claimed_by is None
    assert one not in _claim(engine, "b", limit=10)  # held back by its back-off; the others are taken
    _due_now(engine, one)
    assert _claim(engine, "b", limit=10) == [one]  # a retry is tried on its own
    assert _row(engine, one).attempts == 2


def test_the_attempts_spent_it_is_given_up_with_the_reason(tmp_path):
    engine = _engine(tmp_path)
    item = _claim(engine, "a", limit=1)[0]
    for attempt in (1, 2):
        assert not _fail(engine, item, "a", attempts=attempt).gave_up
        _due_now(engine, item)
        assert _claim(engine, "a") == [item]
    failed = _fail(engine, item, "a", attempts=3)
    assert failed.gave_up
    row = _row(engine, item)
    assert row.status == MessageStatus.QUARANTINED and row.error == "gave up after 3 attempts; last: boom" and row.claimed_by is None
    assert item not in _claim(engine, "a", limit=10)


def test_a_holder_that_lost_its_claim_changes_nothing(tmp_path):
    engine = _engine(tmp_path)
    item = _claim(engine, "a", limit=1)[0]
    with session_scope(engine) as session:  # the claim ran out and another instance took the item
        session.execute(update(StoredMessage).where(StoredMessage.id == item).values(claimed_by="b"))
    assert _fail(engine, item, "a", attempts=1) is None
    assert _row(engine, item).claimed_by == "b" and _row(engine, item).error is None


def test_instances_sharing_postgresql_claim_different_items_without_waiting(tmp_path, pg_url):
    engine = _engine(tmp_path, pg_url)
    with Session(engine) as first:  # its claim's transaction is still open: the rows it picked stay locked
        mine = INBOUND.claim(first, "a", limit=2, lease_seconds=60)
        with Session(engine) as second:
            second.execute(text("SET LOCAL lock_timeout = '5s'"))  # were the locked rows waited for: an error, not a hang
            theirs = INBOUND.claim(second, "b", limit=5, lease_seconds=60)
            second.commit()
        first.commit()
    assert mine == [1, 2] and theirs == [3, 4, 5]
    with session_scope(engine) as session:
        holders = dict(session.exec(select(StoredMessage.id, StoredMessage.claimed_by)).all())
    assert holders == {1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}
