"""IMAP IDLE delivers new mail without polling: functional checks, no timing asserts.

The mailboxes here are polled once an hour, so anything that shows up within the test's patience
was pushed by IDLE. How fast it shows up is measured by `disputed bench`, not asserted here."""

from __future__ import annotations

import threading
import time

from disputed.config.settings import MailboxSettings
from disputed.daemon.runner import Daemon
from disputed.sources.imap import ImapSource
from disputed.store.db import make_engine, session_scope
from disputed.store.models import DraftStatus
from disputed.store.queue import QueueFilter, list_queue
from tests.support import sample, settings_for, simple_mail, wait_until as _wait_for

HOURLY = 3600.0


def _mailbox(account, **extra) -> dict:
    return {"name": "shop", "host": account.host, "port": account.port, "security": "none", "username": account.username,
            "password": account.password, "poll_seconds": HOURLY, **extra}


def _pending(engine) -> list:
    with session_scope(engine) as session:
        return list_queue(session, flt=QueueFilter(statuses=(DraftStatus.PENDING,)))




def test_a_pushed_notification_becomes_a_pending_draft_without_a_poll(tmp_path, imap_account):
    settings = settings_for(tmp_path, extra={"mailbox": [_mailbox(imap_account)], "daemon": {"lease_seconds": 5}})
    engine = make_engine(settings.database.url)
    daemon = Daemon(settings, engine)
    runner = threading.Thread(target=daemon.run_forever, kwargs={"web": False}, daemon=True)
    runner.start()
    try:
        # The first (empty) pass is over and the watcher waits in IDLE, not in an hour-long sleep.
        # (Only a flag is read: the watcher's connection belongs to its thread.)
        assert _wait_for(lambda: "shop" in daemon.watchers and getattr(daemon.watchers["shop"][0].source, "_idling", False))
        imap_account.append(sample("02-buyer-not-received.eml"))
        assert _wait_for(lambda: len(_pending(engine)) == 1), "the pushed notification never reached the queue"
        [(draft, case)] = _pending(engine)
        assert case.order_id == "114-9902311-3345121" and draft.to_addr
        # A second message, while the first session is still the one waiting, arrives the same way.
        imap_account.append(sample("01-return-wrong-item.eml"))
        assert _wait_for(lambda: len(_pending(engine)) == 2)
    finally:
        daemon.stop_event.set()
        runner.join(timeout=30)
    assert not runner.is_alive()


def test_mail_announced_while_the_pass_runs_is_not_lost(imap_account):
    """The server says "* n EXISTS" once per session; when that line rides on the answer to an
    earlier command (here a FETCH), the following IDLE must still report the change."""
    source = ImapSource(MailboxSettings(**_mailbox(imap_account)))
    source.open()
    try:
        imap_account.append(simple_mail(1))  # arrives while we are "in the pass" ...
        time.sleep(0.2)
        list(source.fetch(source.new_positions(0)))  # ... and is announced inside this answer
        assert source.wait_for_change(30.0) is True
        status = source.refresh()
        assert status.exists == 1
        assert source.new_positions(0) == [1]
    finally:
        source.close()


def test_without_news_idle_waits_quietly(imap_account):
    source = ImapSource(MailboxSettings(**_mailbox(imap_account)))
    source.open()
    try:
        assert source.wait_for_change(1.5) is False  # nothing arrived: IDLE ran out its time
        imap_account.append(simple_mail(2))
        assert source.wait_for_change(30.0) is True
    finally:
        source.close()
