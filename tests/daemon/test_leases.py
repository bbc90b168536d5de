"""Leases and the fair share: the share arithmetic (and a simulated cluster that must settle), the store
operations on a real PostgreSQL, and two in-process daemons handing IMAP mailboxes over between them.
The three-process test with a kill and a join is in tests/daemon/test_multi_instance.py."""

from __future__ import annotations

import random
import time
from datetime import timedelta

from sqlmodel import func, select

from disputed.daemon import leases
from disputed.daemon.leases import fair_share, room, surplus
from disputed.daemon.runner import Daemon
from disputed.store.db import make_engine, session_scope
from disputed.store.models import DaemonInstance, MailboxState, StoredMessage, utcnow
from tests.support import settings_for, simple_mail


def givers(counts: dict[str, int], mailboxes: int) -> dict[str, int]:
    return {name: give for name in sorted(counts) if (give := surplus(name, counts, mailboxes))}


def test_the_fair_share_is_the_ceiling_of_mailboxes_over_live_instances():
    assert [fair_share(12, n) for n in (1, 2, 3, 4, 5, 12, 13)] == [12, 6, 4, 3, 3, 1, 1]
    assert fair_share(12, 0) == 12  # no one counted live yet: the caller is alone
    assert fair_share(0, 3) == 0


def test_an_instance_above_its_share_gives_back_the_excess():
    assert givers({"a": 12, "b": 0, "c": 0}, 12) == {"a": 8}  # two instances join the first
    assert givers({"a": 6, "b": 6, "c": 0}, 12) == {"a": 2, "b": 2}  # a third joins two
    assert givers({"a": 4, "b": 4, "c": 4}, 12) == {}
    assert givers({"a": 4, "b": 4}, 12) == {}  # after a death the survivors take, nobody gives


def test_below_the_floor_those_at_the_share_give_one_each_unless_free_mailboxes_suffice():
    assert givers({"a": 3, "b": 3, "c": 3, "d": 3, "e": 0}, 12) == {"a": 1, "b": 1}  # 12 over 5: floor 2
    assert givers({"a": 3, "b": 3, "c": 3, "d": 1}, 10) == {"a": 1}  # 10 over 4: 3,3,3,1 -> 3,3,2,2
    assert givers({"a": 3, "b": 3, "c": 3, "d": 1, "e": 0}, 12) == {"a": 1}  # two free cover two of three short
    assert givers({"a": 3, "b": 3, "c": 3, "d": 0, "e": 0}, 12) == {"a": 1}  # three free, four short
    assert givers({"a": 3, "b": 3, "c": 2, "d": 0, "e": 0}, 12) == {}  # four free cover the shortfall


def test_room_lets_those_below_the_floor_take_first():
    assert room("a", {"a": 0, "b": 0, "c": 0}, 12) == 4  # all start together
    assert room("a", {"a": 4, "b": 4}, 12) == 2  # after a death, each survivor takes half the orphans
    assert room("a", {"a": 4, "b": 4, "c": 4}, 12) == 0
    assert room("a", {"a": 0, "b": 0, "c": 0, "d": 0, "e": 0}, 12) == 3  # two spare beyond everyone's floor
    assert room("a", {"a": 2, "b": 3, "c": 3, "d": 3, "e": 0}, 12) == 0  # the one free mailbox is e's
    assert room("e", {"a": 2, "b": 3, "c": 3, "d": 3, "e": 0}, 12) == 2


def test_a_simulated_cluster_always_settles_with_every_mailbox_held_within_the_share():
    """Instances tick in random order, each giving what surplus() says or taking what room() allows,
    from random starting holdings: all mailboxes end up held, each instance between the
    floor and the ceiling, and then nothing moves."""
    rng = random.Random(6)
    for _ in range(400):
        mailboxes, size = rng.randint(1, 30), rng.randint(1, 7)
        names = [f"i{n}" for n in range(size)]
        held = dict.fromkeys(names, 0)
        for _box in range(rng.randint(0, mailboxes)):  # leftovers of an earlier, different cluster
            held[rng.choice(names)] += 1
        for _round in range(12):
            moved = False
            for name in rng.sample(names, size):
                free = mailboxes - sum(held.values())
                give = surplus(name, held, mailboxes)
                take = 0 if give else min(free, room(name, held, mailboxes))
                held[name] += take - give
                moved |= bool(give or take)
            if not moved:
                break
        assert not moved, (mailboxes, size, held)
        assert sum(held.values()) == mailboxes, (mailboxes, size, held)
        assert all(mailboxes // size <= n <= fair_share(mailboxes, size) for n in held.values()), (mailboxes, size, held)


# -- the store, on PostgreSQL --------------------------------------------------------------------------------


def test_heartbeats_leases_and_the_survey_on_postgres(pg_url):
    engine = make_engine(pg_url)
    names = ["m1", "m2", "m3"]
    leases.ensure_rows(engine, names)
    leases.beat(engine, "a", 30, [])
    leases.beat(engine, "b", 30, [])
    assert leases.acquire(engine, "m1", "a", 30)
    assert not leases.acquire(engine, "m1", "b", 30)  # held: the conditional UPDATE refuses
    found = leases.survey(engine, names)
    assert found.live == {"a", "b"}
    assert found.holders == {"m1": "a", "m2": None, "m3": None}
    assert found.counts() == {"a": 1, "b": 0}
    assert leases.renew(engine, "a", names, 30) == {"m1"}
    assert leases.renew(engine, "b", names, 30) == set()

    # b takes m2 for a moment and stops renewing: the lease runs out though b's heartbeat has not,
    # and b no longer counts as live (it died between heartbeat and renewal).
    assert leases.acquire(engine, "m2", "b", 1.2)
    assert leases.survey(engine, names).counts() == {"a": 1, "b": 1}
    time.sleep(1.3)
    found = leases.survey(engine, names)
    assert found.holders["m2"] is None and found.live == {"a"}
    assert leases.acquire(engine, "m2", "a", 30)

    leases.set_watching(engine, "a", ["m2", "m1"])
    leases.release(engine, "m1", "b")  # not b's: nothing happens
    leases.release(engine, "m1", "a")
    with session_scope(engine) as session:
        assert session.get(DaemonInstance, "a").watching == ["m1", "m2"]
        assert session.get(MailboxState, "m1").lease_holder is None

    leases.retire(engine, "a")  # shutting down: no longer counted, row kept until it leaves
    assert leases.survey(engine, names).live == {"b"}  # live again: no lapsed lease of b's is left
    leases.leave(engine, "a")
    with session_scope(engine) as session:
        session.add(DaemonInstance(name="long-gone", expires_at=utcnow() - timedelta(hours=2)))
    leases.beat(engine, "c", 30, [])  # any heartbeat forgets instances dead for over an hour
    with session_scope(engine) as session:
        assert sorted(session.exec(select(DaemonInstance.name)).all()) == ["b", "c"]


# -- two daemons in one process ---------------------------------------------------------------------------------


def _mailboxes(dovecot, count: int, messages: int) -> list[dict]:
    boxes = []
    for box in range(count):
        account = dovecot.new_account(prefix=f"lease{box}-")
        account.append_many([simple_mail(box * 10_000 + n) for n in range(messages)])
        boxes.append({"name": f"box{box}", "host": account.host, "port": account.port, "security": "none", "username": account.username,
                      "password": account.password, "batch_size": 5})
    return boxes


def _daemon(tmp_path, pg_url, instance: str, boxes: list[dict]) -> Daemon:
    settings = settings_for(tmp_path, database_url=pg_url, instance=instance, extra={"mailbox": boxes, "daemon": {"instance_id": instance, "lease_seconds": 6}})
    return Daemon(settings, make_engine(pg_url))


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _holders(engine) -> dict[str, str | None]:
    with session_scope(engine) as session:
        return {row.name: row.lease_holder for row in session.exec(select(MailboxState))}


def _watching(daemon: Daemon) -> set[str]:
    return {name for name, (_watcher, thread) in list(daemon.watchers.items()) if thread.is_alive()}


def test_a_joining_daemon_gets_its_share_handed_over_and_a_leaving_one_gives_everything_back(tmp_path, pg_url, dovecot):
    boxes = _mailboxes(dovecot, 6, 60)
    first = _daemon(tmp_path, pg_url, "first", boxes)
    engine = first.engine
    first.tend_leases()  # alone: takes all six and starts ingesting (60 messages each, batches of 5)
    assert _watching(first) == {f"box{n}" for n in range(6)}
    assert set(_holders(engine).values()) == {"first"}

    second = _daemon(tmp_path, pg_url, "second", boxes)
    leases.beat(engine, "second", 6, ())  # what run_forever does before its first tick
    first.tend_leases()  # now over its share of three: three watchers stop after their batch
    assert len(first.handing_off) == 3
    handed = set(first.handing_off)
    _wait(lambda: not first.handing_off, 10, "the hand-over")  # each lease released as its watcher ended
    assert _watching(first) == {f"box{n}" for n in range(6)} - handed
    assert {box for box, holder in _holders(engine).items() if holder is None} == handed
    first.tend_leases()  # at its share now: what it handed over is left for the newcomer
    assert {box for box, holder in _holders(engine).items() if holder is None} == handed

    second.tend_leases()
    assert _watching(second) == handed
    assert {box: holder for box, holder in _holders(engine).items() if holder == "second"} == dict.fromkeys(handed, "second")
    try:
        _wait(lambda: _count(engine) == 360, 60, "every message stored")
    finally:
        second.shutdown()  # leaving: retires its heartbeat, releases each lease as its watcher ends
    assert set(_holders(engine).values()) == {"first", None}
    first.tend_leases()  # alone again: takes the released mailboxes back at once
    try:
        assert _watching(first) == {f"box{n}" for n in range(6)}
    finally:
        first.shutdown()
    with session_scope(engine) as session:
        keys = session.exec(select(StoredMessage.mailbox, StoredMessage.source_key)).all()
        assert session.exec(select(DaemonInstance)).all() == []  # both left
    assert len(keys) == len(set(keys)) == 360


def _count(engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(StoredMessage)).one()


def test_mailboxes_only_some_instances_list_are_still_watched_and_settle(tmp_path, pg_url, dovecot, caplog):
    """Instances that list different mailboxes (a misconfiguration) miscount each other's shares: a mailbox
    only "wide" lists stays free while "wide" is at its share. It is taken anyway once it has stayed free
    for the grace period, handed back once, taken again and then kept: every mailbox ends up watched and
    the holdings stop moving."""
    caplog.set_level("INFO", logger="disputed.daemon.runner")
    boxes = _mailboxes(dovecot, 4, 0)
    lease = {"daemon": {"lease_seconds": 3}}
    wide = Daemon(settings_for(tmp_path, database_url=pg_url, instance="wide", extra={"mailbox": boxes, **lease}), make_engine(pg_url))
    narrow = Daemon(settings_for(tmp_path, database_url=pg_url, instance="narrow", extra={"mailbox": boxes[:2], **lease}), make_engine(pg_url))
    engine = wide.engine
    for daemon in (wide, narrow):
        leases.beat(engine, daemon.instance, 3, ())
    history: list[dict[str, str | None]] = []
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            for daemon in (wide, narrow):
                daemon.tend_leases()
            history.append(_holders(engine))
            if len(history) >= 8 and all(h == history[-1] for h in history[-8:]) and None not in history[-1].values():
                break  # four seconds without a change, everything held
            time.sleep(0.5)
        final = history[-1]
        assert None not in final.values(), history[-6:]
        assert all(h == final for h in history[-8:]), history[-8:]
        assert {box for box, holder in final.items() if holder == "narrow"} <= {"box0", "box1"}
        assert _watching(wide) | _watching(narrow) == set(final)
        assert not _watching(wide) & _watching(narrow)
        assert wide.kept  # wide (two a share) and narrow (one) hold three of four only by share
        assert any(r.getMessage().endswith("beyond this instance's share and kept") for r in caplog.records)
    finally:
        narrow.shutdown()
        wide.shutdown()
