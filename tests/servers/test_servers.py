"""The test servers themselves: each fixture must really be the server it claims to be, and misbehave on cue."""

from __future__ import annotations

import email.message
import smtplib
import socket
import subprocess
import threading
import time

import aiosmtplib
import psycopg
import pytest
import sqlalchemy
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.servers import DovecotError, DovecotServer, TestDatabases, chromium_args
from tests.servers.net import port_open


def notification(number: int, subject: str = "Return request") -> bytes:
    return (
        f"From: Marketplace <seller-notification@marketplace.example>\r\n"
        f"To: support@innoshop.test\r\n"
        f"Subject: {subject} {number}\r\n"
        f"Message-ID: <note-{number}@marketplace.example>\r\n"
        f"Date: Sat, 22 Nov 2025 10:00:00 +0000\r\n"
        f"\r\n"
        f"Order ID: 111-{number:07d}-0000000\r\n"
    ).encode()


def reply(number: int) -> email.message.EmailMessage:
    message = email.message.EmailMessage()
    message["From"] = "support@innoshop.test"
    message["To"] = "buyer@example.net"
    message["Subject"] = f"Re: your order {number}"
    message["Message-ID"] = f"<reply-{number}@innoshop.test>"
    message.set_content(f"Reply number {number}.\n")
    return message


# -- Dovecot ------------------------------------------------------------------------------------------------------

def test_append_then_fetch_with_imapclient_returns_the_same_bytes(imap_account):
    raw = notification(1)
    uid = imap_account.append(raw)

    with IMAPClient(imap_account.host, imap_account.port, ssl=False) as imap:
        imap.login(imap_account.username, imap_account.password)
        imap.select_folder("INBOX")
        fetched = imap.fetch([uid], ["BODY.PEEK[]", "FLAGS"])

    assert fetched[uid][b"BODY[]"] == raw
    assert b"\\Seen" not in fetched[uid][b"FLAGS"]
    assert imap_account.fetch_all() == [raw]


def test_append_keeps_flags_and_folder(imap_account):
    uid = imap_account.append(notification(2), folder="Sent", flags=[r"\Seen"])

    with imap_account.client() as imap:
        imap.select_folder("Sent", readonly=True)
        assert b"\\Seen" in imap.get_flags([uid])[uid]
    assert imap_account.uids("INBOX") == []


def test_append_many_returns_the_uids_in_order(imap_account):
    raws = [notification(number) for number in range(100, 1300)]

    uids = imap_account.append_many(raws)

    assert uids == list(range(1, 1201))
    assert imap_account.fetch_all() == raws


def test_sent_folder_is_created_with_its_special_use(imap_account):
    with imap_account.client() as imap:
        folders = {name: flags for flags, _, name in imap.list_folders()}
        assert imap.find_special_folder(b"\\Sent") == "Sent"
    assert set(folders) >= {"INBOX", "Sent"}


def test_accounts_are_separate_and_check_passwords(dovecot, imap_account):
    other = dovecot.new_account()
    imap_account.append(notification(3))

    assert other.uids() == []
    with pytest.raises(LoginError):
        with dovecot.client(imap_account.username, "wrong-password"):
            pass


def test_idle_is_offered_and_pushes_new_mail(imap_account):
    with imap_account.client() as watcher:
        assert b"IDLE" in watcher.capabilities()
        watcher.select_folder("INBOX")
        watcher.idle()
        started = time.monotonic()
        imap_account.append(notification(4))
        responses = watcher.idle_check(timeout=5)
        watcher.idle_done()

    assert (1, b"EXISTS") in responses
    assert time.monotonic() - started < 5


def test_restart_keeps_mail_and_port(dovecot_factory):
    server = dovecot_factory()
    account = server.new_account()
    account.append(notification(5))
    port = server.port

    server.restart()

    assert server.port == port
    assert account.fetch_all() == [notification(5)]


def test_stop_and_kill_leave_nothing_listening(dovecot_factory):
    server = dovecot_factory()
    account = server.new_account()
    account.append(notification(6))

    server.stop()
    assert not server.running
    assert not port_open(server.host, server.port)

    server.start()
    with account.client() as imap:  # an open session: its imap process must die with the master
        imap.select_folder("INBOX")
        server.kill()
        with pytest.raises((OSError, IMAPClient.AbortError)):
            imap.noop()
    assert not port_open(server.host, server.port)

    server.start()
    assert account.uids() == [1]


def test_recreating_inbox_changes_uidvalidity_and_keeps_messages(imap_account):
    for number in (7, 8):
        imap_account.append(notification(number))
    imap_account.append(notification(9), flags=[r"\Seen"])
    with imap_account.client() as imap:
        imap.select_folder("INBOX")
        imap.delete_messages([1])
        imap.expunge()
    before = imap_account.uidvalidity()
    assert imap_account.uids() == [2, 3]

    after = imap_account.recreate_folder("INBOX")

    assert after != before
    assert imap_account.uidvalidity() == after
    assert imap_account.uids() == [1, 2]  # renumbered from 1: the same UIDs now name other messages
    assert sorted(imap_account.fetch_all()) == sorted([notification(8), notification(9)])


def test_recreating_a_folder_empty_changes_uidvalidity(imap_account):
    imap_account.append(notification(10), folder="Sent")
    before = imap_account.uidvalidity("Sent")

    after = imap_account.recreate_folder("Sent", keep_messages=False)

    assert after != before
    assert imap_account.uids("Sent") == []


def test_start_failure_raises_with_the_log(dovecot_factory):
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        server = DovecotServer(port=squatter.getsockname()[1])
        try:
            with pytest.raises(DovecotError, match="(?s)did not start.*Address already in use"):
                server.start(timeout=5)
            assert not server.running
        finally:
            server.close()


# -- SMTP ---------------------------------------------------------------------------------------------------------

async def test_smtp_records_envelope_and_bytes(smtp_server):
    await aiosmtplib.send(reply(1), hostname=smtp_server.host, port=smtp_server.port,
                          recipients=["buyer@example.net", "copy@innoshop.test"])

    [received] = smtp_server.wait_for(1, timeout=5)
    assert received.mail_from == "support@innoshop.test"
    assert received.rcpt_tos == ("buyer@example.net", "copy@innoshop.test")
    assert received.message_id == "<reply-1@innoshop.test>"
    assert received.message["Subject"] == "Re: your order 1"
    assert not received.dropped
    assert list(smtp_server.by_message_id()) == ["<reply-1@innoshop.test>"]


async def test_smtp_temporary_failure_then_success(smtp_server):
    smtp_server.fail_next(1, code=451, text="4.3.0 Mailbox busy")

    with pytest.raises(aiosmtplib.SMTPResponseException) as failure:
        await aiosmtplib.send(reply(2), hostname=smtp_server.host, port=smtp_server.port)
    assert failure.value.code == 451
    assert smtp_server.messages == []

    await aiosmtplib.send(reply(2), hostname=smtp_server.host, port=smtp_server.port)
    assert len(smtp_server.by_message_id()["<reply-2@innoshop.test>"]) == 1
    assert [(r.stage, r.code) for r in smtp_server.rejections] == [("data", 451)]


async def test_smtp_permanent_failure_at_rcpt(smtp_server):
    smtp_server.fail_next(1, code=550, at="rcpt")

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as failure:
        await aiosmtplib.send(reply(3), hostname=smtp_server.host, port=smtp_server.port)

    assert [refusal.code for refusal in failure.value.recipients] == [550]
    assert smtp_server.messages == []
    assert smtp_server.pending_faults == 0


async def test_smtp_drop_after_data_records_but_never_answers(smtp_server):
    smtp_server.drop_after_data(1)

    with pytest.raises(aiosmtplib.SMTPServerDisconnected):
        await aiosmtplib.send(reply(4), hostname=smtp_server.host, port=smtp_server.port, timeout=5)

    [dropped] = smtp_server.messages
    assert dropped.dropped and dropped.message_id == "<reply-4@innoshop.test>"
    # The server keeps working; a blind resend is exactly the duplicate the product must avoid.
    await aiosmtplib.send(reply(4), hostname=smtp_server.host, port=smtp_server.port)
    assert len(smtp_server.by_message_id()["<reply-4@innoshop.test>"]) == 2


async def test_smtp_refuses_then_accepts_connections_on_the_same_port(smtp_server):
    port = smtp_server.port
    smtp_server.refuse_connections()

    with pytest.raises(aiosmtplib.SMTPConnectError):
        await aiosmtplib.send(reply(5), hostname=smtp_server.host, port=port, timeout=5)

    smtp_server.accept_connections()
    await aiosmtplib.send(reply(5), hostname=smtp_server.host, port=port)
    assert smtp_server.port == port
    assert len(smtp_server.messages) == 1


def test_smtp_is_safe_to_use_from_many_threads(smtp_server):
    def send_batch(first: int) -> None:
        with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
            for number in range(first, first + 10):
                try:
                    client.send_message(reply(number))
                except smtplib.SMTPDataError as error:
                    refused.append(error.smtp_code)

    refused: list[int] = []
    smtp_server.fail_next(3, code=451)  # interleaved faults are consumed exactly once, whichever thread hits them
    threads = [threading.Thread(target=send_batch, args=(100 + 10 * t,)) for t in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    received = smtp_server.wait_for(57, timeout=10)
    assert len(received) == 57
    assert len(smtp_server.rejections) == 3 and refused == [451, 451, 451]
    assert all(len(copies) == 1 for copies in smtp_server.by_message_id().values())


def test_smtp_wait_for_times_out_with_the_count(smtp_server):
    with pytest.raises(TimeoutError, match="got 0"):
        smtp_server.wait_for(1, timeout=0.2)


# -- PostgreSQL ---------------------------------------------------------------------------------------------------

def test_pg_url_is_a_fresh_working_database(pg_url):
    engine = sqlalchemy.create_engine(pg_url)
    try:
        with engine.begin() as connection:
            assert connection.execute(sqlalchemy.text("SELECT count(*) FROM pg_tables "
                                                      "WHERE schemaname = 'public'")).scalar() == 0
            connection.execute(sqlalchemy.text("CREATE TABLE marker (value text)"))
            connection.execute(sqlalchemy.text("INSERT INTO marker VALUES ('mine')"))
            name = connection.execute(sqlalchemy.text("SELECT current_database()")).scalar()
        assert pg_url.endswith("/" + name)
    finally:
        engine.dispose()


def test_pg_databases_are_isolated_and_dropped_with_open_connections(pg_url):
    databases = TestDatabases()
    other = databases.create()
    lingering = psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{other}")
    try:
        lingering.execute("CREATE TABLE marker (value text)")
        lingering.commit()
        engine = sqlalchemy.create_engine(pg_url)
        with engine.connect() as connection:
            assert sqlalchemy.inspect(connection).get_table_names() == []
        engine.dispose()

        databases.drop(other)  # must not hang on the connection still open
    finally:
        lingering.close()
    with psycopg.connect(databases.admin_url) as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (other,)).fetchone() is None


# -- Chromium -----------------------------------------------------------------------------------------------------

def test_chromium_renders_a_page_headless(chromium_path, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p id='x'>rendered</p><script>document.getElementById('x').textContent"
                    " += ' by script'</script></body></html>")

    result = subprocess.run([chromium_path, *chromium_args(f"--user-data-dir={tmp_path / 'profile'}"),
                             "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=60)

    assert "rendered by script" in result.stdout, result.stderr[-2000:]
