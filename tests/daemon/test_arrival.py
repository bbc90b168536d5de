"""A message is dated by its own Date header when that is plausible, else by when the mailbox received it (IMAP
INTERNALDATE, a Maildir file's time), never by when disputed stored it: old mail found in a backfill is old."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from sqlmodel import select

from disputed.config.settings import MailboxSettings, load_settings
from disputed.daemon.ingest import ingest_new
from disputed.daemon.runner import Daemon
from disputed.parsers import message_date
from disputed.sources.imap import ImapSource
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, CaseStatus, Draft, StoredMessage, as_utc, utcnow
from tests.servers.net import free_port
from tests.support import config_file
from tests.daemon.test_faults import buyer_notice, order_id

TWO_YEARS_AGO = datetime(2024, 11, 20, 9, 30, tzinfo=timezone.utc)


def test_the_date_header_wins_when_plausible():
    arrived = datetime(2026, 11, 22, 10, 5, tzinfo=timezone.utc)
    written = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
    assert message_date(written, arrived) == written


def test_a_missing_ancient_or_future_date_gives_way_to_the_arrival():
    arrived = datetime(2026, 11, 22, 10, 5, tzinfo=timezone.utc)
    assert message_date(None, arrived) == arrived
    assert message_date(datetime(1970, 1, 1, tzinfo=timezone.utc), arrived) == arrived
    assert message_date(arrived + timedelta(days=30), arrived) == arrived  # a sender's clock far ahead
    assert message_date(arrived + timedelta(hours=3), arrived) == arrived + timedelta(hours=3)  # time zones, slow relays
    assert message_date(datetime(2026, 11, 22, 10, 0), arrived) == datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


def _dateless(raw: bytes) -> bytes:
    head, _, body = raw.partition(b"\r\n\r\n")
    return b"\r\n".join(line for line in head.split(b"\r\n") if not line.startswith(b"Date:")) + b"\r\n\r\n" + body


def _config(tmp_path, imap_account):
    return config_file(tmp_path, imap=imap_account, smtp_port=free_port())


def _run_once(config):
    settings = load_settings(config)
    engine = make_engine(settings.database.url)
    report = Daemon(settings, engine).run_once()
    return engine, report


def test_a_backfilled_message_without_date_is_dated_by_its_internaldate(tmp_path, imap_account):
    imap_account.append(_dateless(buyer_notice(1)), received=TWO_YEARS_AGO)
    engine, _ = _run_once(_config(tmp_path, imap_account))
    with session_scope(engine) as session:
        message = session.execute(select(StoredMessage)).scalar_one()
        case = session.execute(select(Case)).scalar_one()
    assert abs(as_utc(message.arrived_at) - TWO_YEARS_AGO) < timedelta(seconds=1)
    assert as_utc(message.stored_at) > utcnow() - timedelta(minutes=5)
    assert as_utc(case.due_at) < utcnow() - timedelta(days=600)  # its deadline passed long ago, not "due 24h"


def _dated(raw: bytes, moment: datetime) -> bytes:
    return raw.replace(b"Date: Sun, 22 Nov 2026 10:00:00 +0000", b"Date: " + format_datetime(moment).encode())


def test_first_connection_files_the_old_disputes_as_history_and_drafts_only_the_live_one(tmp_path, imap_account):
    imap_account.append(_dated(buyer_notice(1), TWO_YEARS_AGO), received=TWO_YEARS_AGO)
    imap_account.append(_dated(buyer_notice(2), TWO_YEARS_AGO + timedelta(days=3)), received=TWO_YEARS_AGO + timedelta(days=3))
    now = utcnow()
    imap_account.append(_dated(buyer_notice(3), now), received=now)
    engine, report = _run_once(_config(tmp_path, imap_account))
    assert report.processed.processed == 3 and report.processed.drafts == 1
    with session_scope(engine) as session:
        cases = {case.order_id: case for case in session.execute(select(Case)).scalars()}
        history = {event.case_id: event.detail for event in session.execute(select(CaseEvent).where(CaseEvent.type == "history")).scalars()}
        drafts = session.execute(select(Draft)).scalars().all()
    live = cases[order_id(3)]
    assert [draft.case_id for draft in drafts] == [live.id] and live.status == CaseStatus.OPEN
    for old in (cases[order_id(1)], cases[order_id(2)]):
        assert old.status == CaseStatus.RESOLVED and "before it was connected" in history[old.id]
    # Mail that arrives after the connection is live, however old its deadline looks.
    imap_account.append(_dated(buyer_notice(4), now - timedelta(days=20)), received=utcnow())
    engine, report = _run_once(_config(tmp_path, imap_account))
    assert report.processed.drafts == 1


def test_first_connection_stores_the_recent_mail_first_and_old_mail_never_closes_a_live_case(tmp_path, imap_account):
    """Years of mail: the recent messages get the first rows (so they are processed, and the queue usable, first);
    an old notice of the same order, processed after the live one, joins its case as history and leaves it open."""
    now = utcnow()
    imap_account.append(_dated(buyer_notice(1), TWO_YEARS_AGO), received=TWO_YEARS_AGO)
    imap_account.append(_dated(buyer_notice(2, message_id="<old-of-3@marketplace.amazon.com>", subject=f"Inquiry (Order: {order_id(3)})",
                                        sender='"Buyer 3 - Amazon Marketplace" <buyer00003xyz@marketplace.amazon.com>'), TWO_YEARS_AGO), received=TWO_YEARS_AGO)
    imap_account.append(_dated(buyer_notice(3), now), received=now)
    engine, report = _run_once(_config(tmp_path, imap_account))
    assert report.processed.processed == 3
    with session_scope(engine) as session:
        rows = session.execute(select(StoredMessage).order_by(StoredMessage.id)).scalars().all()
        live = session.execute(select(Case).where(Case.order_id == order_id(3))).scalar_one()
        drafts = session.execute(select(Draft).where(Draft.case_id == live.id)).scalars().all()
        joined = session.execute(select(CaseEvent).where(CaseEvent.case_id == live.id, CaseEvent.type == "history")).scalars().all()
    assert [row.uid for row in rows] == [3, 1, 2]  # today's message first, then the mailbox in order
    assert live.status == CaseStatus.OPEN and len(drafts) == 1
    assert len(joined) == 1  # the old notice is in the case's history
    assert as_utc(live.due_at) > now  # and did not make the live case look two years overdue


def test_run_since_files_everything_received_before_the_date(tmp_path, imap_account):
    imap_account.append(_dated(buyer_notice(1), utcnow() - timedelta(days=2)), received=utcnow() - timedelta(days=2))
    config = _config(tmp_path, imap_account)
    since = (utcnow() - timedelta(days=1)).date().isoformat()
    result = subprocess.run([sys.executable, "-m", "disputed", "--config", str(config), "run", "--once", "--since", since],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "drafts queued 0" in result.stdout
    engine = make_engine(load_settings(config).database.url)
    with session_scope(engine) as session:
        event = session.execute(select(CaseEvent).where(CaseEvent.type == "history")).scalar_one()
    assert f"before {since}" in event.detail
    bad = subprocess.run([sys.executable, "-m", "disputed", "--config", str(config), "run", "--once", "--since", "last week"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--since takes a date" in bad.stderr


def test_first_connection_fetches_each_message_once_and_the_checkpoint_passes_them_all(tmp_path, imap_account):
    """The recent mail is fetched in the first pass only: the pass over the whole mailbox skips it, and its
    checkpoint still moves past it, so the next poll fetches nothing."""
    now = utcnow()
    imap_account.append(_dated(buyer_notice(1), TWO_YEARS_AGO), received=TWO_YEARS_AGO)
    imap_account.append(_dated(buyer_notice(2), now), received=now)
    imap_account.append(_dated(buyer_notice(3), TWO_YEARS_AGO), received=TWO_YEARS_AGO)
    imap_account.append(_dated(buyer_notice(4), now), received=now)
    engine = make_engine(f"sqlite:///{tmp_path / 'ingest.db'}")
    source = ImapSource(MailboxSettings(name="shop", host=imap_account.host, port=imap_account.port, security="none",
                                        username=imap_account.username, password=imap_account.password))
    fetched: list[int] = []
    fetch = source.fetch

    def counting_fetch(positions):
        fetched.extend(positions)
        return fetch(positions)

    source.fetch = counting_fetch
    try:
        report = ingest_new(engine, "shop", source, source.open())
        assert report.stored == 4 and sorted(fetched) == [1, 2, 3, 4] and fetched[:2] == [2, 4]
        fetched.clear()
        ingest_new(engine, "shop", source, source.open())
        assert fetched == []
    finally:
        source.close()
