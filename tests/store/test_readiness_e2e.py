"""End to end through Dovecot and aiosmtpd: a draft with places left to complete is refused and
never reaches the SMTP server; once an operator completes it, it is sent, exactly as completed."""

from __future__ import annotations

import email

import pytest
from sqlmodel import select

from disputed.daemon.runner import Daemon
from disputed.store.db import make_engine, session_scope
from disputed.store.models import CaseEvent, Draft, DraftStatus
from disputed.store.queue import QueueError, approve, edit
from disputed.store.readiness import PLACEHOLDER
from tests.support import sample, settings_for

ORDER = "114-9902311-3345121"  # the buyer asks where the parcel is; there are no order facts


def test_a_placeholder_draft_is_refused_and_once_completed_is_sent(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server, extra={"policy": {"auto_approve": ["not_received", "buyer_message"]}})
    engine = make_engine(settings.database.url)
    imap_account.append(sample("02-buyer-not-received.eml"))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        draft = session.exec(select(Draft).where(Draft.to_addr != "", Draft.body.contains("[[FILL IN"))).first()
        assert draft is not None and draft.status == DraftStatus.PENDING, "auto-approval must not take an unfinished draft"
        places = PLACEHOLDER.findall(draft.body)
    with pytest.raises(QueueError) as refused, session_scope(engine) as session:
        approve(session, draft.id, by="lena")
    assert places[0] in str(refused.value) and "not ready to send" in str(refused.value)
    assert Daemon(settings, engine).run_once().sent.sent == 0 and smtp_server.messages == []

    completed = PLACEHOLDER.sub("2 November 2026", draft.body)
    with session_scope(engine) as session:
        edit(session, draft.id, by="lena", body=completed)
        approve(session, draft.id, by="lena")
    assert Daemon(settings, engine).run_once().sent.sent == 1
    [received] = smtp_server.messages
    body = email.message_from_bytes(received.raw).get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")
    assert body == completed and "[[" not in body and "2 November 2026" in body
    with session_scope(engine) as session:
        types = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.draft_id == draft.id).order_by(CaseEvent.id))]
    assert types.index("edited") < types.index("approved") < types.index("sent")
