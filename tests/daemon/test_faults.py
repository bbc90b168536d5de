"""Faults for real, under a running daemon: Dovecot stopped, killed and restarted mid-poll and mid-IDLE, the
mailbox recreated (UIDVALIDITY), the `n:*` pitfall, SMTP refusing connections, answering 4xx and 5xx and hanging
up after DATA; and the SQLite durability pragmas. Servers are real (Dovecot, aiosmtpd); nothing is mocked.

The helpers at the top (`buyer_notice`, `RunningDaemon`, `wait_until`, ...) are shared by the other fault and
hostile-mail test files.
"""

from __future__ import annotations

import asyncio
import email
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, update
from sqlmodel import select

from disputed.config.settings import Settings
from disputed.daemon import watcher as watcher_module
from disputed.daemon.runner import Daemon
from disputed.daemon.sender import Sender
from disputed.sources.imap import ImapSource
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus, MessageStatus, StoredMessage, utcnow
from tests.support import TRUSTED, approve_as_an_operator, settings_for, simple_mail

# -- shared helpers -------------------------------------------------------------------------------------------

NOT_RECEIVED = "Hello, I still have not received my order. The tracking has not changed for ten days. Where is my parcel?"


def order_id(n: int) -> str:
    return f"114-{n:07d}-{(n * 7919) % 10_000_000:07d}"


def buyer_notice(n: int, *, text: str = NOT_RECEIVED, headers: tuple[str, ...] = (), sender: str | None = None,
                 auth: str | None = None, subject: str | None = None, message_id: str | None = None) -> bytes:
    """An Amazon relayed buyer message that passes authentication and becomes a reply draft."""
    sender = sender or f'"Buyer {n} - Amazon Marketplace" <buyer{n:05d}xyz@marketplace.amazon.com>'
    auth = auth if auth is not None else (
        f"{TRUSTED}; dkim=pass header.d=marketplace.amazon.com; dmarc=pass header.from=marketplace.amazon.com")
    lines = [
        *(f"Authentication-Results: {auth}" for _ in [auth] if auth),
        *headers,
        f"From: {sender}",
        "To: support@innoshop.test",
        f"Subject: {subject or f'Inquiry from Amazon customer Buyer {n} (Order: {order_id(n)})'}",
        f"Message-ID: {message_id or f'<notice-{n}@marketplace.amazon.com>'}",
        "Date: Sun, 22 Nov 2026 10:00:00 +0000",
        "Content-Type: text/plain; charset=UTF-8",
    ]
    body = (f"Order ID: {order_id(n)}\r\nItem: Garlic press\r\n\r\n------------- Begin message -------------\r\n\r\n"
            f"{text}\r\n\r\n------------- End message -------------\r\n")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode("utf-8")


def wait_until(predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def count(engine, model, *conditions) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def fast_settings(tmp_path, account, smtp=None, *, idle: bool = False, batch_size: int = 50, extra: dict | None = None,
                  database_url: str | None = None) -> Settings:
    """Settings with short timers, so faults and recoveries play out in seconds."""
    mailbox = {"name": "shop", "host": account.host, "port": account.port, "security": "none", "username": account.username,
               "password": account.password, "batch_size": batch_size, "poll_seconds": 0.3, "idle": idle}
    daemon = {"send_interval_seconds": 0.2, "reconnect_base_seconds": 0.1, "reconnect_cap_seconds": 0.8, "idle_renew_seconds": 30}
    merged = {"mailbox": [mailbox], "daemon": daemon}
    for key, value in (extra or {}).items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return settings_for(tmp_path, smtp=smtp, extra=merged, database_url=database_url)


class RunningDaemon:
    """`Daemon.run_forever` in a thread, stopped (and checked to have stopped) on exit."""

    def __init__(self, settings: Settings, engine) -> None:
        self.daemon = Daemon(settings, engine)
        self.thread = threading.Thread(target=self.daemon.run_forever, kwargs={"web": False}, name="daemon", daemon=True)

    def __enter__(self) -> RunningDaemon:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.daemon.stop_event.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the daemon did not stop within 30 s"

    def watcher_alive(self, name: str = "shop") -> bool:
        running = self.daemon.watchers.get(name)
        return running is not None and running[1].is_alive()


def approve_all_pending(engine) -> int:
    with session_scope(engine) as session:
        ids = session.exec(select(Draft.id).where(Draft.status == DraftStatus.PENDING, Draft.to_addr != "")).all()
        for draft_id in ids:
            approve_as_an_operator(session, draft_id, by="fault-test")
    return len(ids)


def stored_positions(engine) -> list[tuple[str, str]]:
    with session_scope(engine) as session:
        return list(session.exec(select(StoredMessage.source_key, StoredMessage.sha256)).all())


def assert_each_stored_once(engine, account) -> None:
    """Every message in the mailbox is stored exactly once (by position and by content) and processed."""
    mailbox = account.fetch_all()
    rows = stored_positions(engine)
    assert len(rows) == len(mailbox), f"{len(rows)} stored for {len(mailbox)} in the mailbox"
    assert len({key for key, _ in rows}) == len(rows)
    assert len({sha for _, sha in rows}) == len(rows)
    assert count(engine, StoredMessage, StoredMessage.status != MessageStatus.PROCESSED) == 0


# -- SQLite durability ----------------------------------------------------------------------------------------

def test_sqlite_runs_in_wal_mode_with_synchronous_full(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'durable.db'}")
    for _ in range(2):  # every pooled connection, not only the first
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "durable.db-wal").exists()


# -- the `UID n:*` pitfall --------------------------------------------------------------------------------------

def test_uid_n_star_returns_the_last_uid_and_the_source_filters_it(tmp_path, imap_account):
    uids = [imap_account.append(buyer_notice(n)) for n in range(3)]
    with imap_account.client() as client:  # the pitfall is real: Dovecot answers 4:* with UID 3
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UID", f"{uids[-1] + 1}:*"]) == [uids[-1]]
        assert client.search(["UID", f"{uids[-1] + 50}:*"]) == [uids[-1]]
    settings = fast_settings(tmp_path, imap_account)
    source = ImapSource(settings.mailbox[0])
    try:
        source.open()
        assert source.new_positions(uids[-1]) == []
        assert source.new_positions(uids[-1] + 50) == []  # a checkpoint beyond the top (last message expunged)
        assert source.new_positions(uids[0]) == uids[1:]
    finally:
        source.close()
    engine = make_engine(settings.database.url)
    for _ in range(3):  # repeated passes over an unchanged mailbox store nothing twice
        Daemon(settings, engine).run_once()
    assert_each_stored_once(engine, imap_account)


# -- the same message twice -------------------------------------------------------------------------------------

def test_the_same_message_delivered_twice_is_stored_twice_and_makes_one_case(tmp_path, imap_account):
    relayed = buyer_notice(1, subject="Question from Amazon customer Jo")  # no order number anywhere but the body
    relayed = relayed.replace(f"Order ID: {order_id(1)}\r\n".encode(), b"")
    imap_account.append(relayed)
    imap_account.append(relayed)  # redelivered, or filed twice by a mail rule: a second position, same bytes
    settings = fast_settings(tmp_path, imap_account)
    engine = make_engine(settings.database.url)
    for _ in range(settings.security.max_attempts + 1):
        Daemon(settings, engine).run_once()
    assert count(engine, StoredMessage) == 2  # each position is kept: the mailbox is mirrored, not deduplicated
    assert count(engine, StoredMessage, StoredMessage.status == MessageStatus.QUARANTINED) == 0
    assert count(engine, Case) == 1


# -- Dovecot going away under the watcher ----------------------------------------------------------------------

def test_dovecot_killed_and_restarted_mid_poll_loses_and_repeats_nothing(tmp_path, dovecot_factory):
    server = dovecot_factory()
    account = server.new_account()
    total = 1500
    account.append_many(simple_mail(n) for n in range(total))
    settings = fast_settings(tmp_path, account, batch_size=5)
    engine = make_engine(settings.database.url)
    faults = mid_ingest = 0
    with RunningDaemon(settings, engine) as running:
        while faults < 4:
            before = count(engine, StoredMessage)
            if before == total:
                break
            wait_until(lambda: count(engine, StoredMessage) > before, 30, "ingest to make progress")
            (server.kill if faults % 2 == 0 else server.stop)()  # a crash, then a clean shutdown
            mid_ingest += count(engine, StoredMessage) < total
            faults += 1
            time.sleep(0.3)  # the watcher fails and backs off while the server is gone
            assert running.thread.is_alive()
            server.start()
        wait_until(lambda: count(engine, StoredMessage) == total, 60, "every message to be stored")
        wait_until(lambda: count(engine, StoredMessage, StoredMessage.status == MessageStatus.NEW) == 0, 60, "processing")
    assert mid_ingest >= 2, "the faults should land while the mailbox is being ingested"
    assert_each_stored_once(engine, account)
    print(f"\nDovecot killed or stopped {faults} times mid-poll ({mid_ingest} mid-ingest): {total} messages stored once each")


def test_dovecot_stopped_mid_idle_reconnects_and_new_mail_still_arrives(tmp_path, dovecot_factory, caplog):
    caplog.set_level(logging.INFO, logger="disputed")
    server = dovecot_factory()
    account = server.new_account()
    account.append(buyer_notice(1))
    settings = fast_settings(tmp_path, account, idle=True)
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine) as running:
        wait_until(lambda: count(engine, StoredMessage) == 1, 15, "the first message")
        wait_until(lambda: _source_idling(running), 10, "the watcher to enter IDLE")
        for n, stop in ((2, server.stop), (3, server.kill)):
            stop()  # the IDLE connection breaks under the watcher
            wait_until(lambda: _failures(running) >= 2, 15, "the watcher to notice and retry")
            server.start()
            wait_until(lambda: _source_idling(running), 15, "the watcher to reconnect and IDLE again")
            appended = time.monotonic()
            account.append(buyer_notice(n))
            wait_until(lambda: count(engine, StoredMessage) == n, 15, f"message {n} after the restart")
            latency = time.monotonic() - appended
            assert latency < 5, f"new mail took {latency:.1f}s after the reconnect"
        assert running.watcher_alive()
        wait_until(lambda: count(engine, Draft) == 3, 15, "three drafts")
    assert_each_stored_once(engine, account)
    assert count(engine, Case) == 3
    assert any("IDLE failed" in r.getMessage() or "retrying in" in r.getMessage() for r in caplog.records)


def _watcher(running: RunningDaemon):
    entry = running.daemon.watchers.get("shop")
    return entry[0] if entry else None


def _source_idling(running: RunningDaemon) -> bool:
    watcher = _watcher(running)
    source = getattr(watcher, "source", None) if watcher else None
    return bool(source is not None and getattr(source, "_idling", False))


def _connected(running: RunningDaemon) -> bool:
    watcher = _watcher(running)
    source = getattr(watcher, "source", None) if watcher else None
    return bool(source is not None and getattr(source, "client", None) is not None)


def _failures(running: RunningDaemon) -> int:
    watcher = _watcher(running)
    return watcher.failures if watcher else 0


def test_reconnect_back_off_grows_exponentially_up_to_its_cap(tmp_path, dovecot_factory, caplog):
    caplog.set_level(logging.WARNING, logger="disputed.daemon.watcher")
    server = dovecot_factory()
    account = server.new_account()
    settings = fast_settings(tmp_path, account)
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine) as running:
        wait_until(lambda: _connected(running), 10, "the watcher to connect")
        server.stop()
        wait_until(lambda: _failures(running) >= 7, 20, "seven failed reconnects")
        server.start()
        account.append(buyer_notice(1))
        wait_until(lambda: count(engine, StoredMessage) == 1, 15, "mail after the server came back")
        wait_until(lambda: _failures(running) == 0, 10, "a good pass to reset the back-off")
    delays = [r.args[2] for r in caplog.records if r.getMessage().find("retrying in") >= 0][:7]
    base, cap = settings.daemon.reconnect_base_seconds, settings.daemon.reconnect_cap_seconds
    assert len(delays) == 7
    for attempt, delay in enumerate(delays, 1):
        ceiling = min(cap, base * 2 ** (attempt - 1))
        assert 0.7 * ceiling - 1e-9 <= delay <= ceiling + 1e-9, (attempt, delay, delays)
    assert max(delays) <= cap and delays[-1] >= 0.7 * cap


def test_a_session_that_fails_after_login_every_time_still_backs_off_to_the_cap(tmp_path, dovecot_factory, caplog):
    """A message file the server cannot read makes Dovecot end every session at FETCH, right after a good login:
    the back-off must keep growing to its cap instead of hammering the server at the base delay."""
    caplog.set_level(logging.WARNING, logger="disputed.daemon.watcher")
    server = dovecot_factory()
    account = server.new_account()
    for n in range(3):
        account.append(buyer_notice(n, text=f"note {n}"))
    unreadable = sorted((server.maildir(account.username) / "new").iterdir())[1]
    unreadable.chmod(0)
    settings = fast_settings(tmp_path, account)
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine) as running:
        wait_until(lambda: _failures(running) >= 6, 20, "six failed sessions")
        unreadable.chmod(0o600)  # repaired: the next session gets everything
        wait_until(lambda: count(engine, StoredMessage) == 3, 15, "the mailbox after the repair")
    delays = [r.args[2] for r in caplog.records if "retrying in" in r.getMessage()][:6]
    base, cap = settings.daemon.reconnect_base_seconds, settings.daemon.reconnect_cap_seconds
    assert len(delays) == 6
    for attempt, delay in enumerate(delays, 1):
        assert delay >= 0.7 * min(cap, base * 2 ** (attempt - 1)) - 1e-9, delays
    assert_each_stored_once(engine, account)


def test_sent_copies_are_filed_once_each_across_a_dovecot_restart(tmp_path, dovecot_factory, smtp_server):
    """The Sent folder has a connection of its own: after a restart the first copy may fail to file; it is filed
    later, once, and nothing is sent twice."""
    server = dovecot_factory()
    account = server.new_account()
    account.append(buyer_notice(1))
    settings = fast_settings(tmp_path, account, smtp_server, extra={"daemon": {"sweep_interval_seconds": 0.5}})
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine):
        wait_until(lambda: count(engine, Draft) == 1, 15, "the first draft")
        approve_all_pending(engine)
        wait_until(lambda: count(engine, Draft, Draft.filed_at.is_not(None)) == 1, 15, "the first copy in Sent")
        server.kill()
        server.start()
        account.append(buyer_notice(2))
        wait_until(lambda: count(engine, Draft) == 2, 20, "the second draft after the restart")
        approve_all_pending(engine)
        wait_until(lambda: count(engine, Draft, Draft.filed_at.is_not(None)) == 2, 20, "the second copy in Sent")
    with session_scope(engine) as session:
        ids = [d.message_id for d in session.exec(select(Draft)).all()]
    filed = [email.message_from_bytes(raw)["Message-ID"] for raw in account.fetch_all("Sent")]
    assert sorted(filed) == sorted(ids)  # each copy filed exactly once
    assert all(len(smtp_server.by_message_id()[mid]) == 1 for mid in ids)


# -- UIDVALIDITY changing under a running daemon ---------------------------------------------------------------

def test_uidvalidity_change_while_running_rematches_without_duplicates(tmp_path, imap_account, monkeypatch):
    for n in range(5):
        imap_account.append(buyer_notice(n))
    # IDLE says nothing about a recreated folder; the watcher finds out when it next leaves IDLE to check,
    # which it does every IDLE_CHECK_SECONDS however long the IDLE renewal is (here 25 minutes).
    monkeypatch.setattr(watcher_module, "IDLE_CHECK_SECONDS", 2.0)
    settings = fast_settings(tmp_path, imap_account, idle=True, extra={"daemon": {"idle_renew_seconds": 1500}})
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine) as running:
        wait_until(lambda: count(engine, Draft) == 5, 20, "five drafts")
        wait_until(lambda: _source_idling(running), 10, "IDLE")
        before = imap_account.uidvalidity()
        after = imap_account.recreate_folder(keep_messages=True)  # Dovecot drops the session that has it open
        assert after != before
        imap_account.append(buyer_notice(5))
        wait_until(lambda: count(engine, StoredMessage) == 6, 20, "the new message after the change")
        wait_until(lambda: count(engine, Draft) == 6, 20, "a draft for the new message only")
        wait_until(lambda: count(engine, StoredMessage, StoredMessage.uidvalidity == after) == 6, 10, "re-matching")
        assert running.watcher_alive()
    assert_each_stored_once(engine, imap_account)
    assert count(engine, Case) == 6 and count(engine, Draft) == 6
    with session_scope(engine) as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.type == "uidvalidity_changed")).all()
        keys = set(session.exec(select(StoredMessage.source_key)).all())
    assert len(events) == 1 and str(after) in events[0].detail
    assert keys == {f"{after}/{uid}" for uid in imap_account.uids()}


def test_uidvalidity_change_with_rewritten_copies_rematches_by_message_id(tmp_path, imap_account):
    originals = [buyer_notice(n) for n in range(3)]
    for raw in originals:
        imap_account.append(raw)
    settings = fast_settings(tmp_path, imap_account)
    engine = make_engine(settings.database.url)
    Daemon(settings, engine).run_once()
    assert count(engine, Draft) == 3
    imap_account.recreate_folder(keep_messages=False)  # the mailbox rebuilt from a migration
    for raw in originals:
        imap_account.append(b"X-Migrated-From: old-server.example.test\r\n" + raw)
    report = Daemon(settings, engine).run_once().ingested["shop"]
    assert report.uidvalidity_changed and report.stored == 0 and report.rematched == 3
    assert count(engine, StoredMessage) == 3 and count(engine, Draft) == 3


# -- SMTP refusing, failing and hanging up ---------------------------------------------------------------------

def _drafts_by_status(engine) -> dict[DraftStatus, list[Draft]]:
    out: dict[DraftStatus, list[Draft]] = {}
    with session_scope(engine) as session:
        for draft in session.exec(select(Draft)).all():
            out.setdefault(draft.status, []).append(draft)
    return out


def test_smtp_down_then_back_every_reply_sent_exactly_once(tmp_path, imap_account, smtp_server):
    for n in range(6):
        imap_account.append(buyer_notice(n))
    settings = fast_settings(tmp_path, imap_account, smtp_server)
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine):
        wait_until(lambda: count(engine, Draft) == 6, 20, "six drafts")
        smtp_server.refuse_connections()
        assert approve_all_pending(engine) == 6
        wait_until(lambda: count(engine, CaseEvent, CaseEvent.type == "send_deferred") >= 12, 20, "deferrals while SMTP is down")
        assert smtp_server.messages == []
        smtp_server.accept_connections()
        wait_until(lambda: count(engine, Draft, Draft.status == DraftStatus.SENT) == 6, 20, "every reply sent")
    received = smtp_server.by_message_id()
    with session_scope(engine) as session:
        sent = session.exec(select(Draft)).all()
    assert {d.message_id for d in sent} == set(received)
    assert all(len(received[d.message_id]) == 1 for d in sent)
    assert all(d.send_attempts >= 2 for d in sent)


def test_smtp_4xx_5xx_and_hangup_each_get_the_right_answer_and_the_rest_carries_on(tmp_path, imap_account, smtp_server):
    for n in range(6):
        imap_account.append(buyer_notice(n))
    settings = fast_settings(tmp_path, imap_account, smtp_server)
    engine = make_engine(settings.database.url)
    with RunningDaemon(settings, engine):
        wait_until(lambda: count(engine, Draft) == 6, 20, "six drafts")
        # The next four DATA commands: two "try later", one permanent refusal, one hang-up after the message.
        smtp_server.fail_next(2, code=451, text="4.3.0 greylisted, try later")
        smtp_server.fail_next(1, code=554, text="5.7.1 rejected as spam")
        smtp_server.drop_after_data(1)
        approve_all_pending(engine)
        wait_until(lambda: smtp_server.pending_faults == 0 and count(engine, Draft, Draft.status.in_([DraftStatus.APPROVED, DraftStatus.SENDING])) == 0,
                   30, "every draft to reach an outcome")
        time.sleep(1.0)  # a few more sender ticks: nothing may be sent again
    by_status = _drafts_by_status(engine)
    received = smtp_server.by_message_id()
    sent, failed, unknown = (by_status.get(s, []) for s in (DraftStatus.SENT, DraftStatus.FAILED, DraftStatus.UNKNOWN))
    assert (len(sent), len(failed), len(unknown)) == (4, 1, 1), {s: len(v) for s, v in by_status.items()}
    assert all(len(received[d.message_id]) == 1 for d in sent)
    assert failed[0].message_id not in received and "554" in failed[0].smtp_response and "spam" in failed[0].smtp_response
    assert len(received[unknown[0].message_id]) == 1  # it did arrive once; it is never repeated on a guess
    assert sum(d.send_attempts for d in sent) == 6  # two replies needed a second try after the 451s
    with session_scope(engine) as session:
        types = {e.type for e in session.exec(select(CaseEvent)).all()}
    assert {"send_deferred", "send_failed", "outcome_unknown", "sent"} <= types


def test_smtp_back_off_is_exponential_capped_and_bounded(tmp_path, smtp_server, imap_account):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"retry_base_seconds": 2, "retry_cap_seconds": 10, "max_retries": 6, "file_in_sent": False}})
    engine = make_engine(settings.database.url)
    imap_account.append(buyer_notice(1))
    Daemon(fast_settings(tmp_path, imap_account, smtp_server), engine).run_once()
    approve_all_pending(engine)
    smtp_server.fail_next(20, code=421, text="4.7.0 too busy", at="rcpt")
    delays = []
    for attempt in range(1, 8):
        report = asyncio.run(_send_once(settings, engine))
        with session_scope(engine) as session:
            draft = session.exec(select(Draft)).one()
            if draft.status == DraftStatus.FAILED:
                break
            assert report.deferred == 1
            delays.append((draft.next_attempt_at - utcnow()).total_seconds())
            session.execute(update(Draft).values(next_attempt_at=utcnow() - timedelta(seconds=1)))  # time passes
    assert draft.status == DraftStatus.FAILED and "gave up after 7 attempts" in draft.smtp_response
    expected = [min(10, 2 * 2 ** (n - 1)) for n in range(1, 7)]  # 2, 4, 8, 10, 10, 10
    assert len(delays) == 6
    for got, want in zip(delays, expected):
        assert 0.8 * want - 0.5 <= got <= 1.2 * want, (delays, expected)
    assert smtp_server.messages == []


async def _send_once(settings, engine):
    sender = Sender(settings, engine)
    try:
        return await sender.send_due()
    finally:
        sender.close()
