"""SIGKILL the real daemon at random points of ingest and sending, again and again,
against real Dovecot and aiosmtpd; then check that nothing was lost or done twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import func, select

from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, Draft, DraftStatus, MessageStatus, StoredMessage
from tests.support import approve_as_an_operator, config_file

KILLS = int(os.environ.get("DISPUTED_CRASH_KILLS", "50"))


def buyer_message(n: int) -> bytes:
    order = f"114-{n:07d}-{(n * 7919) % 10_000_000:07d}"
    return (
        "Authentication-Results: mx.demo.test; dkim=pass header.d=marketplace.amazon.com; dmarc=pass header.from=marketplace.amazon.com\r\n"
        f'From: "Buyer {n} - Amazon Marketplace" <buyer{n:05d}xyz@marketplace.amazon.com>\r\n'
        f"Reply-To: buyer{n:05d}xyz@marketplace.amazon.com\r\n"
        "To: support@innoshop.test\r\n"
        f"Subject: Inquiry from Amazon customer Buyer {n} (Order: {order})\r\n"
        f"Message-ID: <crash-{n}@marketplace.amazon.com>\r\n"
        "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        "------------- Message from customer: -------------\r\n\r\n"
        f"Order ID: {order}\r\n\r\n"
        "Hello, I ordered six weeks ago and my parcel has still not arrived. Where is my package?\r\n\r\n"
        "------------- End message -------------\r\n"
    ).encode()


def write_config(path: Path, db_url: str, imap, smtp, instance: str = "crash") -> Path:
    return config_file(
        path.parent, name=path.name, imap=imap, smtp_port=smtp.port, database_url=db_url,
        mailbox={"batch_size": 7, "poll_seconds": 0.2},
        sections={
            "smtp": {"file_in_sent": True, "max_retries": 8, "retry_cap_seconds": 0.5, "max_per_recipient_per_day": 1000},
            "daemon": {"instance_id": instance, "send_interval_seconds": 0.1, "lease_seconds": 2, "process_batch": 5},
        },
    )


def start_daemon(config: Path, log: Path) -> subprocess.Popen:
    with log.open("ab") as sink:
        return subprocess.Popen([sys.executable, "-m", "disputed", "--config", str(config), "run", "--no-web"], stdout=sink, stderr=sink)


def approve_pending(engine) -> int:
    with session_scope(engine) as session:
        ids = session.exec(select(Draft.id).where(Draft.status == DraftStatus.PENDING, Draft.to_addr != "")).all()
        for draft_id in ids:
            approve_as_an_operator(session, draft_id, by="crash-test")
    return len(ids)


def settled(engine, expected_messages: int) -> bool:
    with session_scope(engine) as session:
        stored = session.exec(select(func.count()).select_from(StoredMessage)).one()
        new = session.exec(select(func.count()).select_from(StoredMessage).where(StoredMessage.status == MessageStatus.NEW)).one()
        busy = session.exec(select(func.count()).select_from(Draft).where(Draft.status.in_([DraftStatus.APPROVED, DraftStatus.SENDING]))).one()
    return stored == expected_messages and new == 0 and busy == 0


def finish_unharmed(config: Path, log: Path, engine, expected_messages: int, timeout: float = 120) -> None:
    """Run one daemon undisturbed, approving what it drafts, until every message and reply is settled."""
    starts_before = log.read_text(errors="replace").count(" running: ") if log.exists() else 0
    proc = start_daemon(config, log)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            approve_pending(engine)
            started = log.read_text(errors="replace").count(" running: ") > starts_before
            if started and settled(engine, expected_messages):  # SIGTERM before start-up would just kill it
                break
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, log.read_text()[-3000:]


def assert_nothing_lost_nothing_twice(engine, imap_account, smtp_server, appended: int):
    """The invariants after a crash loop; returns (sent drafts, unknown drafts, received by Message-ID)."""
    with session_scope(engine) as session:
        rows = session.exec(select(StoredMessage.sha256, StoredMessage.status)).all()
        cases = session.exec(select(Case.key)).all()
        drafts = session.exec(select(Draft)).all()
    # Every message stored exactly once, all processed.
    assert len(rows) == appended == len(imap_account.uids())
    assert len({sha for sha, _ in rows}) == appended
    assert {status for _, status in rows} == {MessageStatus.PROCESSED}
    # One case per order.
    assert len(cases) == len(set(cases)) == appended
    # Every approved reply received exactly once; an unknown one at most once.
    received = smtp_server.by_message_id()
    duplicates = {mid: len(msgs) for mid, msgs in received.items() if len(msgs) > 1}
    assert duplicates == {}
    sent = [d for d in drafts if d.status == DraftStatus.SENT]
    unknown = [d for d in drafts if d.status == DraftStatus.UNKNOWN]
    assert all(len(received.get(d.message_id, [])) == 1 for d in sent)
    assert all(len(received.get(d.message_id, [])) <= 1 for d in unknown)
    assert not [d for d in drafts if d.status in (DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.FAILED)]
    return sent, unknown, received


@pytest.mark.slow
def test_sigkill_loop_loses_nothing_and_sends_nothing_twice(tmp_path, imap_account, smtp_server):
    rng = random.Random(int(os.environ.get("DISPUTED_CRASH_SEED", "20261122")))
    db_url = f"sqlite:///{tmp_path / 'crash.db'}"
    config = write_config(tmp_path / "crash.toml", db_url, imap_account, smtp_server)
    engine = make_engine(db_url)
    log = tmp_path / "daemon.log"
    appended = 0
    for kill in range(KILLS):
        for _ in range(rng.randint(2, 8)):  # new mail keeps arriving between crashes
            imap_account.append(buyer_message(appended))
            appended += 1
        approve_pending(engine)
        proc = start_daemon(config, log)
        time.sleep(rng.uniform(0.4, 2.2))  # startup takes ~0.5 s; kills land in ingest, processing and sending
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    # Let a last, unharmed run finish the work; approve what the last runs drafted.
    finish_unharmed(config, log, engine, appended)

    sent, unknown, _received = assert_nothing_lost_nothing_twice(engine, imap_account, smtp_server, appended)
    print(f"\ncrash loop: {KILLS} kills survived, {appended} messages checked, {len(sent)} replies sent once, "
          f"{len(unknown)} outcome-unknown shown to operators, 0 duplicates")
