"""The pipeline end to end against real Dovecot and aiosmtpd: no mocked IMAP or SMTP."""

from __future__ import annotations

import email

from sqlmodel import select

from disputed.daemon.runner import Daemon
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus, StoredMessage
from disputed.store.queue import QueueFilter, approve, edit, list_queue
from disputed.store.readiness import PLACEHOLDER
from tests.support import sample, settings_for, simple_mail


def _drafts(engine):
    with session_scope(engine) as session:
        return list_queue(session, flt=QueueFilter(statuses=tuple(DraftStatus)), limit=1000)


def test_notification_becomes_a_sent_threaded_reply_exactly_once(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    buyer = sample("02-buyer-not-received.eml")
    imap_account.append(sample("01-return-wrong-item.eml"))
    imap_account.append(buyer)

    first = Daemon(settings, engine).run_once()
    assert first.ingested["shop"].stored == 2
    assert first.processed.processed == 2 and first.processed.quarantined == 0
    rows = _drafts(engine)
    by_order = {case.order_id: (draft, case) for draft, case in rows}
    assert {"113-4829301-7765432", "114-9902311-3345121"} <= set(by_order)
    draft, case = by_order["114-9902311-3345121"]
    assert draft.status == DraftStatus.PENDING
    assert draft.to_addr == "7k2vq9xw3lmn4pr@marketplace.amazon.com"
    assert case.issue == "not_received" and case.platform == "amazon"
    assert smtp_server.messages == []  # nothing leaves without approval

    with session_scope(engine) as session:  # no order facts: the operator completes the fill-ins first
        draft = edit(session, draft.id, by="lena", body=PLACEHOLDER.sub("2 November 2026", draft.body))
        approve(session, draft.id, by="lena")
    second = Daemon(settings, engine).run_once()
    assert second.sent.sent == 1
    [received] = smtp_server.messages
    msg = email.message_from_bytes(received.raw)
    assert received.rcpt_tos == ("7k2vq9xw3lmn4pr@marketplace.amazon.com",)
    assert msg["Message-ID"] == draft.message_id
    assert msg["In-Reply-To"] == "<demo-buyer-2@marketplace.amazon.com>"
    assert "<demo-buyer-2@marketplace.amazon.com>" in msg["References"]
    assert msg["From"] == "Innoshop Support <support@innoshop.test>"
    assert msg["X-Disputed-Loop"]
    body = msg.get_payload(decode=True).decode("utf-8")
    assert body.replace("\r\n", "\n") == draft.body and "Maria Gonzalez" in body

    third = Daemon(settings, engine).run_once()
    assert third.sent.sent == 0 and len(smtp_server.messages) == 1
    with imap_account.client() as client:  # a copy is filed in Sent, findable by Message-ID
        client.select_folder("Sent", readonly=True)
        assert client.search(["HEADER", "Message-ID", draft.message_id])
    with session_scope(engine) as session:
        sent = session.get(Draft, draft.id)
        assert sent.status == DraftStatus.SENT and sent.filed_at is not None
        types = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id))]
    assert types[:2] == ["notification", "draft_queued"] and "approved" in types and "sent" in types


def _reply_to_the_newest_and_send(settings, engine) -> str:
    """Work the mailbox, approve the newest pending draft as an operator would, send it: its Message-ID."""
    Daemon(settings, engine).run_once()
    draft = max((d for d, _case in _drafts(engine) if d.status == DraftStatus.PENDING), key=lambda d: d.id)
    with session_scope(engine) as session:
        draft = edit(session, draft.id, by="lena", body=PLACEHOLDER.sub("2 November 2026", draft.body))
        approve(session, draft.id, by="lena")
    assert Daemon(settings, engine).run_once().sent.sent == 1
    return draft.message_id


def test_our_second_reply_on_a_case_names_our_first_in_references(tmp_path, imap_account, smtp_server):
    """The marketplace relays the buyer's next message as fresh mail, without our reply in its References:
    our second reply's References still name our first, so the buyer's mail client threads the two."""
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    buyer = sample("02-buyer-not-received.eml")
    imap_account.append(buyer)
    first = _reply_to_the_newest_and_send(settings, engine)
    imap_account.append(buyer.replace(b"<demo-buyer-2@marketplace.amazon.com>", b"<demo-buyer-2b@marketplace.amazon.com>"))
    second = _reply_to_the_newest_and_send(settings, engine)
    [received] = smtp_server.by_message_id()[second]
    references = email.message_from_bytes(received.raw)["References"].split()
    assert first in references and "<demo-buyer-2b@marketplace.amazon.com>" in references
    assert references.index(first) < references.index("<demo-buyer-2b@marketplace.amazon.com>")  # oldest first


def test_later_message_about_the_same_order_joins_its_case(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    imap_account.append(sample("01-return-wrong-item.eml"))
    Daemon(settings, engine).run_once()
    follow = sample("01-return-wrong-item.eml").replace(b"<demo-return-1@amazon.com>", b"<demo-return-1b@amazon.com>")
    imap_account.append(follow)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        cases = session.exec(select(Case).where(Case.order_id == "113-4829301-7765432")).all()
        assert len(cases) == 1
        messages = session.exec(select(StoredMessage).where(StoredMessage.case_id == cases[0].id)).all()
        assert len(messages) == 2
        pending = session.exec(select(Draft).where(Draft.case_id == cases[0].id, Draft.status == DraftStatus.PENDING)).all()
        assert len(pending) == 1  # the newer draft supersedes the unsent older one


def test_ingest_checkpoint_stores_each_message_once(tmp_path, imap_account):
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    for n in range(5):
        imap_account.append(simple_mail(n))
    assert Daemon(settings, engine).run_once().ingested["shop"].stored == 5
    # Nothing new: "UID n:*" still answers with the last UID; it must not be stored again.
    assert Daemon(settings, engine).run_once().ingested["shop"].stored == 0
    for n in range(5, 8):
        imap_account.append(simple_mail(n))
    assert Daemon(settings, engine).run_once().ingested["shop"].stored == 3
    with session_scope(engine) as session:
        rows = session.exec(select(StoredMessage)).all()
    assert len(rows) == 8 and len({r.sha256 for r in rows}) == 8
    assert all(r.kind == "unrecognised" for r in rows)
    assert sorted(r.uid for r in rows) == imap_account.uids()


def test_ingest_leaves_the_mailbox_unchanged(tmp_path, imap_account):
    settings = settings_for(tmp_path, imap=imap_account)
    imap_account.append(simple_mail(1))
    Daemon(settings, make_engine(settings.database.url)).run_once()
    with imap_account.client() as client:
        client.select_folder("INBOX", readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
    assert all(b"\\Seen" not in f for f in flags.values())


def test_uidvalidity_change_rematches_without_duplicates(tmp_path, imap_account):
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    for n in range(4):
        imap_account.append(simple_mail(n))
    Daemon(settings, engine).run_once()
    before = imap_account.uidvalidity()
    imap_account.recreate_folder(keep_messages=True)
    assert imap_account.uidvalidity() != before
    imap_account.append(simple_mail(99))
    report = Daemon(settings, engine).run_once().ingested["shop"]
    assert report.uidvalidity_changed and report.rematched == 4 and report.stored == 1
    with session_scope(engine) as session:
        assert len(session.exec(select(StoredMessage)).all()) == 5
        events = session.exec(select(CaseEvent).where(CaseEvent.type == "uidvalidity_changed")).all()
    assert len(events) == 1


def test_maildir_source_feeds_the_same_pipeline(tmp_path, smtp_server):
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1.a.host").write_bytes(sample("02-buyer-not-received.eml"))
    (maildir / "cur" / "2.b.host:2,S").write_bytes(simple_mail(2))
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"mailbox": [{"name": "local", "source": "maildir", "path": str(maildir)}]})
    engine = make_engine(settings.database.url)
    assert Daemon(settings, engine).run_once().ingested["local"].stored == 2
    (maildir / "new" / "3.c.host").write_bytes(simple_mail(3))
    assert Daemon(settings, engine).run_once().ingested["local"].stored == 1
    assert sorted(p.name for p in (maildir / "new").iterdir()) == ["1.a.host", "3.c.host"]  # untouched
