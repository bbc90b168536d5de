"""Several daemon instances on one PostgreSQL, for real: three `disputed run` processes share twelve
Dovecot mailboxes and one aiosmtpd server fairly (four each); mail keeps arriving, the test approves drafts
as an operator would, one instance is SIGKILLed half-way and a fourth joins later. Every message must be
stored and processed once, every case exist once, every approved reply arrive once, the dead instance's
mailboxes be taken over and shared out again, and no mailbox ever be watched by two instances at once.

A second test has one instance watch fifty mailboxes at once (IDLE on each) and checks that mail
arriving in every one of them is picked up without a poll."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import func, select

from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, DaemonInstance, Draft, DraftStatus, MailboxState, MessageStatus, StoredMessage
from tests.support import approve_as_an_operator, config_file

pytestmark = pytest.mark.slow  # three daemon processes on PostgreSQL through a kill and a join (about 20 s)

MAILBOXES = 12
INSTANCES = ("alpha", "beta", "gamma")
JOINER = "delta"
LEASE_SECONDS = 3


def notification(box: int, n: int) -> bytes:
    """An authenticated Amazon buyer message about an order of its own."""
    order = f"{113 + box:03d}-{n:07d}-{(box * 100_003 + n * 7919) % 10_000_000:07d}"
    buyer = f"buyer{box:02d}x{n:05d}@marketplace.amazon.com"
    return (
        "Authentication-Results: mx.demo.test; dkim=pass header.d=marketplace.amazon.com; dmarc=pass header.from=marketplace.amazon.com\r\n"
        f'From: "Buyer {box}-{n} - Amazon Marketplace" <{buyer}>\r\n'
        f"Reply-To: {buyer}\r\n"
        "To: support@innoshop.test\r\n"
        f"Subject: Inquiry from Amazon customer Buyer {box}-{n} (Order: {order})\r\n"
        f"Message-ID: <multi-{box}-{n}@marketplace.amazon.com>\r\n"
        "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        "------------- Message from customer: -------------\r\n\r\n"
        f"Order ID: {order}\r\n\r\n"
        "Hello, I ordered six weeks ago and my parcel has still not arrived. Where is my package?\r\n\r\n"
        "------------- End message -------------\r\n"
    ).encode()


def write_config(path: Path, db_url: str, accounts, smtp, *, poll_seconds: float = 30.0) -> Path:
    boxes = [
        {"name": f"shop{i:02d}", "host": a.host, "port": a.port, "security": "none", "username": a.username, "password": a.password,
         "poll_seconds": poll_seconds, "batch_size": 25}
        for i, a in enumerate(accounts)
    ]
    return config_file(
        path.parent, name=path.name, smtp_port=smtp.port, database_url=db_url,
        sections={
            "mailbox": boxes,
            "smtp": {"file_in_sent": True, "max_retries": 8, "timeout_seconds": 2, "retry_cap_seconds": 0.5, "max_per_recipient_per_day": 1000},
            "daemon": {"lease_seconds": LEASE_SECONDS, "send_interval_seconds": 0.2, "process_batch": 20},
        },
    )


def start_instance(config: Path, name: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DISPUTED_DAEMON__INSTANCE_ID": name}
    with log.open("ab") as sink:
        return subprocess.Popen([sys.executable, "-m", "disputed", "--config", str(config), "run", "--no-web"], stdout=sink, stderr=sink, env=env)


def approve_pending(engine) -> int:
    with session_scope(engine) as session:
        ids = session.exec(select(Draft.id).where(Draft.status == DraftStatus.PENDING, Draft.to_addr != "")).all()
        for draft_id in ids:
            approve_as_an_operator(session, draft_id, by="operator")
    return len(ids)


def lease_holders(engine) -> dict[str, str | None]:
    with session_scope(engine) as session:
        return {row.name: row.lease_holder for row in session.exec(select(MailboxState))}


def settled(engine, expected: int) -> bool:
    with session_scope(engine) as session:
        stored = session.exec(select(func.count()).select_from(StoredMessage)).one()
        new = session.exec(select(func.count()).select_from(StoredMessage).where(StoredMessage.status == MessageStatus.NEW)).one()
        open_drafts = session.exec(
            select(func.count()).select_from(Draft).where(Draft.status.in_([DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SENDING]), Draft.to_addr != "")
        ).one()
    return stored == expected and new == 0 and open_drafts == 0


def stop_all(procs: dict[str, subprocess.Popen]) -> dict[str, int]:
    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    return {name: proc.wait(timeout=30) for name, proc in procs.items()}


class Observer(threading.Thread):
    """Samples the store every 50 ms while the instances run. Each instance lists the mailboxes it has a
    watcher for in its heartbeat row (written before a watcher starts and after it has ended), so in one
    snapshot no mailbox may appear in two running instances' lists, nor in a list of an instance that does
    not hold its lease. A killed instance's list is stale and skipped (it is marked dead before the kill)."""

    def __init__(self, engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.running: set[str] = set()
        self.stop_event = threading.Event()
        self.samples = 0
        self.violations: list[str] = []

    def run(self) -> None:
        while not self.stop_event.wait(0.05):
            self.sample()

    def sample(self) -> None:
        checked = set(self.running)  # before the snapshot: an instance killed after this was alive in it
        with self.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            watching = dict(conn.execute(select(DaemonInstance.name, DaemonInstance.watching)).all())
            holders = dict(conn.execute(select(MailboxState.name, MailboxState.lease_holder)).all())
        seen: dict[str, str] = {}
        for name in sorted(checked & watching.keys()):
            for box in watching[name]:
                if box in seen:
                    self.violations.append(f"{box} watched by {seen[box]} and {name}")
                if holders.get(box) != name:
                    self.violations.append(f"{box} watched by {name}, leased to {holders.get(box)}")
                seen[box] = name
        self.samples += 1


def watching_lists(engine) -> dict[str, list[str]]:
    with session_scope(engine) as session:
        return {row.name: row.watching for row in session.exec(select(DaemonInstance))}


def shared_out(engine, expected: dict[str, int]) -> bool:
    """Every mailbox leased, ``expected`` mailboxes per instance, and each watching exactly what it leases."""
    holders, watching = lease_holders(engine), watching_lists(engine)
    if len(holders) != MAILBOXES or dict(Counter(holders.values())) != expected:
        return False
    return all(watching.get(name) == sorted(box for box, holder in holders.items() if holder == name) for name in expected)


def wait_until(predicate, timeout: float, between=None) -> float | None:
    """Seconds until ``predicate`` held, or None; ``between`` runs between looks (the operator approving)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        if between is not None:
            between()
        time.sleep(0.1)
    return None


def test_instances_share_twelve_mailboxes_fairly_through_a_kill_and_a_join(tmp_path, dovecot, pg_url, smtp_server):
    """Three instances start at once and end up with four mailboxes each; one is SIGKILLed and the two
    survivors take its mailboxes over, six each; a fourth instance joins and the others hand it its share,
    four each again. Mail keeps arriving and the operator keeps approving throughout; no mailbox is ever
    watched by two instances, every message is processed once and every approved reply sent once."""
    accounts = [dovecot.new_account(prefix=f"shop{i:02d}-") for i in range(MAILBOXES)]
    config = write_config(tmp_path / "multi.toml", pg_url, accounts, smtp_server)
    engine = make_engine(pg_url)
    observer = Observer(engine)
    procs: dict[str, subprocess.Popen] = {}
    appended = 0

    def deliver(wave: int, per_box: int) -> None:
        nonlocal appended
        for box, account in enumerate(accounts):
            account.append_many([notification(box, wave * 100 + k) for k in range(per_box)])
            appended += per_box

    def start(name: str) -> None:
        observer.running.add(name)
        procs[name] = start_instance(config, name, tmp_path / f"{name}.log")

    def operator() -> None:
        approve_pending(engine)

    deliver(0, 3)  # a backlog before anyone runs
    observer.start()
    try:
        for name in INSTANCES:
            start(name)
        # Measured from the moment all are up (a loaded machine takes seconds to start Python).
        assert wait_until(lambda: set(INSTANCES) <= watching_lists(engine).keys(), 60) is not None, "instances did not start"
        spread = wait_until(lambda: shared_out(engine, dict.fromkeys(INSTANCES, 4)), 30)
        assert spread is not None, f"not four each: {lease_holders(engine)}"
        for wave in range(1, 3):  # mail keeps arriving; the operator keeps approving
            deliver(wave, 2)
            time.sleep(1.0)
            approve_pending(engine)

        victim, survivors = INSTANCES[1], (INSTANCES[0], INSTANCES[2])
        orphaned = sorted(box for box, holder in lease_holders(engine).items() if holder == victim)
        assert len(orphaned) == 4
        deliver(3, 2)
        approve_pending(engine)
        observer.running.discard(victim)  # its list goes stale the moment it dies
        procs[victim].send_signal(signal.SIGKILL)
        procs[victim].wait()
        deliver(4, 2)  # mail for the dead instance's mailboxes must still be picked up
        taken_over = wait_until(lambda: all(lease_holders(engine)[box] in survivors for box in orphaned), 30, operator)
        assert taken_over is not None, f"mailboxes {orphaned} of {victim} not taken over: {lease_holders(engine)}"
        six_each = wait_until(lambda: shared_out(engine, dict.fromkeys(survivors, 6)), 15, operator)
        assert six_each is not None, f"survivors not six each: {lease_holders(engine)}"
        six_each += taken_over

        start(JOINER)
        deliver(5, 2)
        assert wait_until(lambda: JOINER in watching_lists(engine), 60, operator) is not None, f"{JOINER} did not start"
        rejoined = wait_until(lambda: shared_out(engine, dict.fromkeys((*survivors, JOINER), 4)), 30, operator)
        assert rejoined is not None, f"{JOINER} did not get its share: {lease_holders(engine)}"
        deliver(6, 2)
        assert wait_until(lambda: settled(engine, appended), 60, operator) is not None, "not every message processed and reply sent"
        running = {name: proc for name, proc in procs.items() if name != victim}
        codes = stop_all(running)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        observer.stop_event.set()
        observer.join(timeout=10)

    logs = {name: (tmp_path / f"{name}.log").read_text()[-2000:] for name in running}
    assert codes == dict.fromkeys(running, 0), logs
    assert observer.violations == [], observer.violations[:20]
    assert observer.samples > 100
    assert taken_over < LEASE_SECONDS + 5  # within the lease time, plus a lease-tending tick (and a loaded machine)
    with session_scope(engine) as session:
        assert session.exec(select(DaemonInstance.name)).all() == [victim]  # the others left on SIGTERM

    with session_scope(engine) as session:
        rows = session.exec(select(StoredMessage.mailbox, StoredMessage.uid, StoredMessage.sha256, StoredMessage.status)).all()
        keys = session.exec(select(Case.key)).all()
        drafts = session.exec(select(Draft)).all()
    # Every message stored exactly once, in the right mailbox, and processed.
    for box, account in enumerate(accounts):
        assert sorted(uid for name, uid, _, _ in rows if name == f"shop{box:02d}") == account.uids(), f"shop{box:02d}"
    assert len(rows) == appended
    assert len({sha for _, _, sha, _ in rows}) == appended
    assert {status for *_, status in rows} == {MessageStatus.PROCESSED}
    # One case per order, no duplicates.
    assert len(keys) == len(set(keys)) == appended
    # Every approved reply received exactly once (an outcome-unknown one at most once), counted by Message-ID.
    received = smtp_server.by_message_id()
    assert {mid: len(m) for mid, m in received.items() if len(m) > 1} == {}
    sent = [d for d in drafts if d.status == DraftStatus.SENT]
    unknown = [d for d in drafts if d.status == DraftStatus.UNKNOWN]
    assert len(sent) + len(unknown) == appended
    assert all(len(received.get(d.message_id, [])) == 1 for d in sent)
    assert all(len(received.get(d.message_id, [])) <= 1 for d in unknown)
    assert set(received) <= {d.message_id for d in drafts}
    print(f"\nmulti-instance: {appended} messages over {MAILBOXES} mailboxes, {len(sent)} replies sent once, {len(unknown)} outcome-unknown; "
          f"4/4/4 {spread:.1f}s after all three were up; {victim} killed holding {len(orphaned)}, taken over in {taken_over:.1f}s (6/6 at {six_each:.1f}s); "
          f"{JOINER} came up, 4/4/4 again {rejoined:.1f}s later; {observer.samples} samples, no mailbox watched twice")


def test_one_instance_watches_fifty_mailboxes(tmp_path, dovecot):
    """Fifty IMAP mailboxes, one instance, IDLE on each: a message APPENDed to every mailbox
    becomes a stored, processed message although polling is set to once an hour."""
    from disputed.config import load_settings
    from disputed.daemon.runner import Daemon
    import threading

    accounts = [dovecot.new_account(prefix=f"many{i:02d}-") for i in range(50)]

    class _NoSmtp:
        port = 9  # never used: nothing is approved

    config = write_config(tmp_path / "fifty.toml", f"sqlite:///{tmp_path / 'fifty.db'}", accounts, _NoSmtp, poll_seconds=3600)
    settings = load_settings(config)
    engine = make_engine(settings.database.url)
    daemon = Daemon(settings, engine)
    runner = threading.Thread(target=daemon.run_forever, kwargs={"web": False}, daemon=True)
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _all_watching(daemon, 50):
            time.sleep(0.1)
        assert _all_watching(daemon, 50), "not every mailbox has a live watcher"
        time.sleep(0.5)  # let every watcher finish its first (empty) pass and enter IDLE
        for box, account in enumerate(accounts):
            account.append(notification(box, 1))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with session_scope(engine) as session:
                done = session.exec(select(func.count()).select_from(StoredMessage).where(StoredMessage.status == MessageStatus.PROCESSED)).one()
            if done == 50:
                break
            time.sleep(0.2)
    finally:
        daemon.stop_event.set()
        runner.join(timeout=30)
    with session_scope(engine) as session:
        rows = session.exec(select(StoredMessage.mailbox, StoredMessage.status, StoredMessage.error)).all()
    assert sorted(box for box, _, _ in rows) == [f"shop{i:02d}" for i in range(50)]
    assert [(box, error) for box, status, error in rows if status != MessageStatus.PROCESSED] == []  # none timed out or failed


def _all_watching(daemon, count: int) -> bool:
    return len(daemon.watchers) == count and all(thread.is_alive() for _watcher, thread in daemon.watchers.values())
