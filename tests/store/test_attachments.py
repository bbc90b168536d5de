"""Files operators send with a reply, beside the store: what a file is (found in its bytes), the bounds of
``[attachments]``, the actions' roles and history, nothing half done; and the message the sender writes with them.
SQLite and PostgreSQL."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from sqlmodel import select

from disputed.config.settings import AttachmentSettings
from disputed.daemon.outgoing import build_raw
from disputed.store import attachments
from disputed.store import case_actions as actions
from disputed.store.attachments import AttachmentRefused, Upload
from disputed.store.auth import AuditEntry
from disputed.store.db import session_scope
from disputed.store.models import CaseEvent, Draft, DraftAttachment, DraftStatus
from tests.store.test_case_actions import AGENT, APPROVER, VIEWER, deliver, drafting, store  # noqa: F401  (fixture)
from tests.web.test_files import HTML, PDF, SVG, bomb_png, photo

LIMITS = AttachmentSettings()


@pytest.mark.parametrize(
    "name, data, kind",
    [("label.pdf", PDF, "application/pdf"), ("item.jpg", photo(), "image/jpeg"), ("item.PNG", photo(fmt="PNG"), "image/png"),
     ("notes.txt", "Größe: 42 — 尺码".encode(), "text/plain"), ("orders.csv", b"order,qty\n1,2\n", "text/plain")],
)
def test_what_a_file_is_comes_from_its_bytes(name, data, kind):
    checked = attachments.check(Upload(f"C:\\Users\\ann\\{name}", data), LIMITS)
    assert checked.content_type == kind and checked.filename == name, "no path, the type found in the bytes"


@pytest.mark.parametrize(
    "name, data, said",
    [("run.exe", b"MZ" + b"\x00" * 64, "executable"), ("run.sh", b"#!/bin/sh\nrm -rf /\n", "executable"), ("x.pdf", b"\x7fELF" + b"\x00" * 60, "executable"),
     ("a.html", HTML, "web page"), ("a.txt", HTML, "markup"), ("d.svg", SVG, "SVG"), ("d.png", SVG, "markup"), ("d.jpg", photo(fmt="PNG"), "content is image/png"),
     ("a.docx", b"PK\x03\x04" + b"\x00" * 40, "macros"), ("label", PDF, "without an extension"), ("bin.dat", bytes(range(256)), "not a PDF"),
     ("huge.png", bomb_png(), "image_max_pixels"), ("empty.pdf", b"", "empty"), ("   ", PDF, "without a name")],
)
def test_forbidden_files_are_refused_saying_why(name, data, said):
    with pytest.raises(AttachmentRefused, match=said):
        attachments.check(Upload(name, data), LIMITS)


def test_the_bounds_count_every_file_of_the_draft():
    limits = AttachmentSettings(max_files=2, max_file_bytes=2048, max_total_bytes=3000)
    with pytest.raises(AttachmentRefused, match="max_file_bytes"):
        attachments.check(Upload("big.txt", b"a" * 2049), limits)
    present = [DraftAttachment(draft_id=1, filename="a.txt", content_type="text/plain", size=2000, sha256="", data=b"", added_by="x")]
    with pytest.raises(AttachmentRefused, match="max_total_bytes"):
        attachments.check_all([Upload("b.txt", b"b" * 1500)], present, limits)
    with pytest.raises(AttachmentRefused, match="max_files"):
        attachments.check_all([Upload("b.txt", b"b"), Upload("c.txt", b"c")], present, limits)
    with pytest.raises(AttachmentRefused, match="already carries a file named a.txt"):
        attachments.check_all([Upload("A.TXT", b"b")], present, limits)


def _queued(settings, engine) -> int:
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    with session_scope(engine) as session:
        (draft_id,) = actions.classify(session, case_id, "damaged", by=AGENT, drafting=drafting(settings))
    return draft_id


def _stored(engine, draft_id: int) -> list[str]:
    with session_scope(engine) as session:
        return [a.filename for a in attachments.of_draft(session, draft_id)]


def test_attach_and_detach_are_an_agents_audited_and_all_or_nothing(store):
    settings, engine = store
    draft_id = _queued(settings, engine)
    with pytest.raises(actions.CaseError, match="needs agent"):
        with session_scope(engine) as session:
            actions.attach(session, draft_id, [Upload("label.pdf", PDF)], by=VIEWER, settings=settings)
    with pytest.raises(actions.CaseError, match="SVG"):
        with session_scope(engine) as session:
            actions.attach(session, draft_id, [Upload("label.pdf", PDF), Upload("d.svg", SVG)], by=AGENT, settings=settings)
    with pytest.raises(actions.CaseError, match="no draft 4242"):
        with session_scope(engine) as session:
            actions.attach(session, 4242, [Upload("label.pdf", PDF)], by=AGENT, settings=settings)
    assert _stored(engine, draft_id) == []
    with session_scope(engine) as session:
        ids = actions.attach(session, draft_id, [Upload("label.pdf", PDF), Upload("right-item.jpg", photo())], by=AGENT, settings=settings)
    assert _stored(engine, draft_id) == ["label.pdf", "right-item.jpg"]
    with session_scope(engine) as session:
        from disputed.store import queue

        queue.approve(session, draft_id, by="bob")
    with session_scope(engine) as session:
        actions.detach(session, ids[1], by=AGENT)
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft.status == DraftStatus.PENDING and draft.approved_by is None, "approved with two files, not with one"
        events = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.draft_id == draft_id).order_by(CaseEvent.id))]
        assert events[-4:] == ["attached", "approved", "unapproved", "detached"]
        assert {a.action for a in session.exec(select(AuditEntry))} >= {"case_attached", "case_detached"}
        draft.status = DraftStatus.SENT
        session.add(draft)
    with pytest.raises(actions.CaseError, match="too late"):
        with session_scope(engine) as session:
            actions.attach(session, draft_id, [Upload("late.pdf", PDF)], by=AGENT, settings=settings)
    with pytest.raises(actions.CaseError, match="too late"):
        with session_scope(engine) as session:
            actions.detach(session, ids[0], by=AGENT)
    assert _stored(engine, draft_id) == ["label.pdf"]


def test_a_reply_with_a_bad_file_writes_no_draft(store):
    settings, engine = store
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    with pytest.raises(actions.CaseError, match="web page"):
        with session_scope(engine) as session:
            actions.reply(session, case_id, by=AGENT, drafting=drafting(settings), body="Anbei das Etikett.", files=[Upload("label.html", HTML)])
    with session_scope(engine) as session:
        assert session.exec(select(Draft).where(Draft.case_id == case_id)).all() == []
    with session_scope(engine) as session:
        draft_id = actions.reply(session, case_id, by=AGENT, drafting=drafting(settings), body="Anbei das Etikett.", files=[Upload("Rücksendeetikett.pdf", PDF)])
    assert _stored(engine, draft_id) == ["Rücksendeetikett.pdf"]


def test_the_message_carries_each_file_as_a_mime_part_after_the_text():
    draft = Draft(case_id=1, handler="operator", template="blank", to_addr="buyer@marketplace.example", subject="Ihr Rücksendeetikett",
                  body="Guten Tag,\nanbei das Etikett.\n", message_id="<r-1@shop.test>")
    files = [DraftAttachment(draft_id=1, filename="Rücksendeetikett für 303-2281945-6612870.pdf", content_type="application/pdf", size=len(PDF), sha256="", data=PDF, added_by="ann"),
             DraftAttachment(draft_id=1, filename="item.jpg", content_type="image/jpeg", size=10, sha256="", data=photo(), added_by="ann")]
    raw = build_raw(draft, from_addr="Shop <support@shop.test>", instance="t", files=files)
    assert all(len(line) <= 78 for line in raw.split(b"\r\n")) and b"\n" not in raw.replace(b"\r\n", b"") and max(raw) < 128
    message = message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/mixed" and message["Message-ID"] == "<r-1@shop.test>"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Guten Tag,\nanbei das Etikett.\n"
    parts = list(message.iter_attachments())
    assert [(p.get_filename(), p.get_content_type(), p.get_content_disposition()) for p in parts] == [
        ("Rücksendeetikett für 303-2281945-6612870.pdf", "application/pdf", "attachment"), ("item.jpg", "image/jpeg", "attachment")]
    assert parts[0].get_content() == PDF and parts[1].get_content() == photo()
    plain = build_raw(draft, from_addr="Shop <support@shop.test>", instance="t")
    assert b"multipart" not in plain, "without files the message stays one text part"
