"""A message is dated by its own Date header when that is plausible, else by when the mailbox received it (IMAP
INTERNALDATE, a Maildir file's time), never by when disputed stored it: old mail found in a backfill is old."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from disputed.config.settings import load_settings
from disputed.daemon.runner import Daemon
from disputed.parsers import message_date
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, StoredMessage, as_utc, utcnow
from tests.servers.net import free_port
from tests.test_faults import buyer_notice

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


def test_a_backfilled_message_without_date_is_dated_by_its_internaldate(tmp_path, imap_account):
    imap_account.append(_dateless(buyer_notice(1)), received=TWO_YEARS_AGO)
    config = tmp_path / "disputed.toml"
    config.write_text(f"""
[database]
url = "sqlite:///{tmp_path / 'db.sqlite'}"
[[mailbox]]
name = "shop"
host = "{imap_account.host}"
port = {imap_account.port}
security = "none"
username = "{imap_account.username}"
password = "{imap_account.password}"
[smtp]
port = {free_port()}
security = "none"
file_in_sent = false
[security]
trusted_authserv_ids = ["mx.demo.test"]
[web]
enabled = false
""", encoding="utf-8")
    settings = load_settings(config)
    engine = make_engine(settings.database.url)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        message = session.execute(select(StoredMessage)).scalar_one()
        case = session.execute(select(Case)).scalar_one()
    assert abs(as_utc(message.arrived_at) - TWO_YEARS_AGO) < timedelta(seconds=1)
    assert as_utc(message.stored_at) > utcnow() - timedelta(minutes=5)
    assert as_utc(case.due_at) < utcnow() - timedelta(days=600)  # its deadline passed long ago, not "due 24h"
