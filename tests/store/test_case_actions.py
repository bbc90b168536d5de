"""The operators' inbox beside the store: case states kept by the database, the full-text search, and every
action on a case (roles, history, audit, bad input leaving nothing half done). SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlmodel import select

from disputed.daemon.process import Processor
from disputed.rendering import TemplateLibrary
from disputed.store import case_actions as actions
from disputed.store import inbox, queue
from disputed.store.auth import AuditEntry, Role
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, CaseStatus, CaseState, Draft, DraftStatus, ShopExample, StoredMessage
from disputed.vocabulary import Audience
from tests.support import settings_for

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
AGENT = actions.Actor("ann", Role.AGENT, client="test")
APPROVER = actions.Actor("bob", Role.APPROVER, client="test")
VIEWER = actions.Actor("vic", Role.VIEWER, client="test")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_url")
    # Every buyer message is held for a person: the classifier is never sure enough.
    settings = settings_for(tmp_path, database_url=url, extra={"policy": {"triage_threshold": 1.0}, "security": {"trusted_authserv_ids": ["mx.seller-mail.test", "mx.demo.test"]}})
    engine = make_engine(settings.database.url)
    yield settings, engine
    engine.dispose()


def deliver(settings, engine, *names: str) -> list[int]:
    """Store the fixture messages as ingest would and process them; the ids of their cases."""
    with session_scope(engine) as session:
        for n, name in enumerate(names, 1):
            raw = next(MAIL.rglob(name)).read_bytes()
            session.add(StoredMessage(mailbox="shop", source_key=f"1/{n}", uid=n, uidvalidity=1, sha256=hashlib.sha256(raw).hexdigest(), raw=raw, size=len(raw)))
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    try:
        processor.drain()
    finally:
        processor.close()  # its parse worker
    with session_scope(engine) as session:
        return [session.exec(select(StoredMessage.case_id).where(StoredMessage.uid == n)).one() for n in range(1, len(names) + 1)]


def drafting(settings) -> actions.Drafting:
    return actions.Drafting(settings=settings, templates=TemplateLibrary())


def state_of(engine, case_id: int) -> str:
    with session_scope(engine) as session:
        return session.exec(select(Case.state).where(Case.id == case_id)).one()


def test_a_held_buyer_message_is_decided_drafted_approved_and_answered(store):
    settings, engine = store
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    assert state_of(engine, case_id) == CaseState.NEEDS_DECISION
    with session_scope(engine) as session:
        listed = inbox.list_cases(session)
        assert [c.id for c in listed] == [case_id]
        assert inbox.count_by_state(session)["needs_decision"] == 1
    with session_scope(engine) as session:
        drafts = actions.classify(session, case_id, "damaged", by=AGENT, drafting=drafting(settings))
    assert drafts
    assert state_of(engine, case_id) == CaseState.WAITING_APPROVAL
    with session_scope(engine) as session:
        draft = session.get(Draft, drafts[0])
        assert draft.template == "damaged" and draft.language == "de" and draft.status == DraftStatus.PENDING
        assert session.get(Case, case_id).issue == "damaged"
        example = session.exec(select(ShopExample)).one()
        assert example.issue == "damaged" and example.labelled_by == "ann" and example.text
        queue.approve(session, draft.id, by="bob")
    assert state_of(engine, case_id) == CaseState.WAITING_BUYER
    with session_scope(engine) as session:
        assert inbox.list_cases(session) == []  # nothing needs a person now
        types = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)).all()]
        assert "classified" in types and "approved" in types
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "case_classified")).one().client == "test"


def test_close_reopen_and_the_refusals_leave_nothing_half_done(store):
    settings, engine = store
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    with session_scope(engine) as session:
        actions.classify(session, case_id, "damaged", by=AGENT, drafting=drafting(settings))
    with pytest.raises(actions.CaseError, match="needs approver"):
        with session_scope(engine) as session:
            actions.close(session, case_id, by=AGENT, reason="resolved")
    with pytest.raises(actions.CaseError, match="unknown reason"):
        with session_scope(engine) as session:
            actions.close(session, case_id, by=APPROVER, reason="bored")
    with session_scope(engine) as session:
        actions.close(session, case_id, by=APPROVER, reason="no_reply_needed", note="answered by phone")
    assert state_of(engine, case_id) == CaseState.CLOSED
    with session_scope(engine) as session:
        assert all(d.status == DraftStatus.REJECTED for d in session.exec(select(Draft).where(Draft.case_id == case_id)))
    with pytest.raises(actions.CaseError, match="already closed"):
        with session_scope(engine) as session:
            actions.close(session, case_id, by=APPROVER, reason="resolved")
    with pytest.raises(actions.CaseError, match="no case 9999"):
        with session_scope(engine) as session:
            actions.close(session, 9999, by=APPROVER, reason="resolved")
    with session_scope(engine) as session:
        actions.reopen(session, case_id, by=AGENT)
    assert state_of(engine, case_id) == CaseState.NEEDS_DECISION
    with pytest.raises(actions.CaseError, match="unknown issue"):
        with session_scope(engine) as session:
            actions.classify(session, case_id, "haunted", by=AGENT, drafting=drafting(settings))
    with pytest.raises(actions.CaseError, match="needs agent"):
        with session_scope(engine) as session:
            actions.classify(session, case_id, "damaged", by=VIEWER, drafting=drafting(settings))
    with session_scope(engine) as session:
        assert session.get(Case, case_id).issue != "haunted"


def test_merge_only_joins_cases_of_one_order(store):
    settings, engine = store
    damaged, other = deliver(settings, engine, "msg_de_damaged.eml", "msg_fr_missing.eml")
    with session_scope(engine) as session:
        twin = Case(key="thread:<lost@x>", platform="amazon", order_id=session.get(Case, damaged).order_id, mailbox="shop")
        session.add(twin)
        session.flush()
        twin_id = twin.id
    with pytest.raises(actions.CaseError, match="not the same order"):
        with session_scope(engine) as session:
            actions.merge(session, other, damaged, by=APPROVER)
    with session_scope(engine) as session:
        actions.merge(session, damaged, twin_id, by=APPROVER)
    with session_scope(engine) as session:
        assert session.get(Case, damaged).closed_reason == "merged"
        assert session.exec(select(StoredMessage.case_id).where(StoredMessage.uid == 1)).one() == twin_id
    assert state_of(engine, damaged) == CaseState.CLOSED
    with session_scope(engine) as session:  # the search follows the message to its new case
        order = session.get(Case, twin_id).order_id
        assert [c.id for c in inbox.list_cases(session, inbox.CaseFilter(search=order))] == [twin_id]  # the merged one is closed


def test_the_full_text_index_finds_order_buyer_address_asin_and_words(store):
    settings, engine = store
    damaged, missing = deliver(settings, engine, "msg_de_damaged.eml", "msg_fr_missing.eml")
    with session_scope(engine) as session:
        case = session.get(Case, damaged)
        case.asin = "B0SEARCH42"
        session.add(case)
    with session_scope(engine) as session:
        case = session.get(Case, damaged)
        every = ()

        def found(words):
            return [c.id for c in inbox.list_cases(session, inbox.CaseFilter(states=every, search=words))]

        assert found(case.order_id) == [damaged]
        assert found(case.buyer_address) == [damaged]
        assert found("B0SEARCH42") == [damaged]
        comment = (session.exec(select(StoredMessage.parsed).where(StoredMessage.case_id == damaged)).one() or {}).get("buyer_comment") or ""
        word = max(comment.split(), key=len).strip(".,!?")
        assert damaged in found(word)
        assert found("zzzunknownword") == []
        with pytest.raises(inbox.SearchError):
            found("!!!")


def test_the_full_text_index_finds_chinese_and_japanese_words_inside_a_sentence(store):
    """Neither language puts spaces between words: a word is found inside the sentence, its characters in order."""
    settings, engine = store
    damaged, missing = deliver(settings, engine, "msg_de_damaged.eml", "msg_fr_missing.eml")
    with session_scope(engine) as session:
        case = session.get(Case, damaged)
        case.subject = "商品破损了，请退款。荷物が壊れていました"
        session.add(case)
    with session_scope(engine) as session:
        def found(words):
            return [c.id for c in inbox.list_cases(session, inbox.CaseFilter(states=(), search=words))]

        assert found("破损") == [damaged]
        assert found("壊れ") == [damaged]
        assert found("退款 破损") == [damaged]  # every word, in any order
        assert found("损破") == []  # a word's characters side by side, in order
        assert found("破损 zzzunknownword") == []


def test_a_platform_letter_is_done_on_the_platform_and_bulk_is_all_or_nothing(store):
    settings, engine = store
    a, b = deliver(settings, engine, "msg_de_damaged.eml", "msg_fr_missing.eml")
    with session_scope(engine) as session:
        opened = session.get(Case, a)
        opened.status = CaseStatus.OPEN  # as an A-to-z claim's case is
        session.add(opened)
        letter = Draft(case_id=a, handler="atoz", template="platform.atoz_response", audience=Audience.PLATFORM, subject="A-to-z", body="We shipped on time.", message_id="<l1@x>")
        session.add(letter)
        session.flush()
        letter_id = letter.id
        assert actions.desk_for(letter, session.get(Case, a)) == "Seller Central"
    with session_scope(engine) as session:
        session.get(Draft, letter_id).body = "We shipped on [[FILL IN: date]]."
    with pytest.raises(actions.CaseError, match="not finished: placeholders"):
        with session_scope(engine) as session:
            actions.mark_handled(session, letter_id, by=APPROVER)
    with session_scope(engine) as session:
        session.get(Draft, letter_id).body = "We shipped on time."
    with session_scope(engine) as session:
        actions.mark_handled(session, letter_id, by=APPROVER)
    assert state_of(engine, a) == CaseState.HANDLED_ON_PLATFORM
    with session_scope(engine) as session:
        assert session.get(Draft, letter_id).status == DraftStatus.SENT
    with pytest.raises(actions.CaseError, match="no case 424242"):
        with session_scope(engine) as session:
            actions.bulk(session, [b, 424242], "close", by=APPROVER, reason="duplicate")
    assert state_of(engine, b) == CaseState.NEEDS_DECISION  # the first close was rolled back with the failure
    with session_scope(engine) as session:
        assert actions.bulk(session, actions.select_for_bulk(session, kind="buyer_message"), "close", by=APPROVER, reason="duplicate") == 1
    assert state_of(engine, b) == CaseState.CLOSED


def test_a_buyer_letter_without_an_address_is_answered_on_the_platform(store):
    """An Amazon return request carries no buyer address: the reply is written in Seller Central, so the page offers
    the platform's desk and "done on the platform" instead of asking for a recipient."""
    settings, engine = store
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        case.platform = "amazon"
        session.add(case)
        unaddressed = Draft(case_id=case_id, handler="returns", template="return_request", audience=Audience.BUYER, subject="Your return", body="We have accepted the return.", message_id="<r1@x>")
        mailed = Draft(case_id=case_id, handler="returns", template="return_request", audience=Audience.BUYER, subject="Your return", body="We have accepted the return.", message_id="<r2@x>", to_addr="buyer@example.com")
        note = Draft(case_id=case_id, handler="returns", template="internal", audience=Audience.INTERNAL, subject="Note", body="Check the label.", message_id="<r3@x>")
        session.add_all([unaddressed, mailed, note])
        session.flush()
        assert actions.desk_for(unaddressed, case) == "Seller Central"
        assert actions.desk_for(mailed, case) is None
        assert actions.desk_for(note, case) is None
        unaddressed_id, mailed_id = unaddressed.id, mailed.id
    with pytest.raises(actions.CaseError, match="is e-mailed to buyer@example.com"):
        with session_scope(engine) as session:
            actions.mark_handled(session, mailed_id, by=APPROVER)
    with session_scope(engine) as session:
        actions.mark_handled(session, unaddressed_id, by=APPROVER)
    with session_scope(engine) as session:
        assert session.get(Draft, unaddressed_id).status == DraftStatus.SENT
        assert session.get(Draft, mailed_id).status == DraftStatus.PENDING


def test_the_deadline_sweep_flags_a_case_that_needs_a_decision_once(store):
    from datetime import timedelta

    from disputed.daemon.sweep import sweep
    from disputed.store.models import utcnow

    settings, engine = store
    (case_id,) = deliver(settings, engine, "msg_de_damaged.eml")
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        case.due_at = utcnow() - timedelta(hours=1)
        session.add(case)
    first = sweep(settings, engine, TemplateLibrary())
    again = sweep(settings, engine, TemplateLibrary())
    assert first.missed == 1 and again.missed == 0
    with session_scope(engine) as session:
        flagged = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.type == "deadline_missed")).all()
        assert len(flagged) == 1 and "needs a decision" in flagged[0].detail


def test_an_unverified_notice_is_trusted_and_drafted_or_marked_fraud(store):
    settings, engine = store
    trusted, forged = deliver(settings, engine, "forged_ar_untrusted.eml", "forged_ar_below_trusted.eml")
    assert state_of(engine, trusted) == CaseState.NEEDS_DECISION
    with session_scope(engine) as session:
        assert session.get(Case, trusted).status == CaseStatus.UNVERIFIED
        assert not session.exec(select(Draft).where(Draft.case_id == trusted)).all()
    with pytest.raises(actions.CaseError, match="needs approver"):
        with session_scope(engine) as session:
            actions.trust(session, trusted, by=AGENT, reason="checked", drafting=drafting(settings))
    with pytest.raises(actions.CaseError, match="reason is required"):
        with session_scope(engine) as session:
            actions.trust(session, trusted, by=APPROVER, reason="  ", drafting=drafting(settings))
    with pytest.raises(actions.CaseError, match="trust it"):
        with session_scope(engine) as session:
            actions.classify(session, trusted, "wrong_item", by=AGENT, drafting=drafting(settings))
    with session_scope(engine) as session:
        drafts = actions.trust(session, trusted, by=APPROVER, reason="confirmed in Seller Central", drafting=drafting(settings))
    assert drafts and state_of(engine, trusted) == CaseState.WAITING_APPROVAL
    with session_scope(engine) as session:
        case = session.get(Case, trusted)
        assert case.order_id == "111-3030303-4040404" and case.status == CaseStatus.OPEN
    with session_scope(engine) as session:
        actions.mark_fraud(session, forged, by=APPROVER, reason="look-alike relay")
    with session_scope(engine) as session:
        case = session.get(Case, forged)
        assert case.closed_reason == "fraud" and case.state == CaseState.CLOSED
        assert not session.exec(select(Draft).where(Draft.case_id == forged)).all()
    with pytest.raises(actions.CaseError, match="only an unverified notice"):
        with session_scope(engine) as session:
            actions.mark_fraud(session, trusted, by=APPROVER, reason="changed my mind")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upgraded_database_gets_every_case_a_state_and_a_search_document(backend, tmp_path, request):
    from tests.store.test_schema import _load_dump, _url

    url = _url(backend, tmp_path, request)
    _load_dump(backend, url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            cases = session.exec(select(Case)).all()
            assert cases
            for case in cases:
                waiting = session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status == DraftStatus.PENDING)).first()
                if waiting is not None and case.status in (CaseStatus.OPEN, CaseStatus.AWAITING_BUYER):
                    assert case.state == CaseState.WAITING_APPROVAL, case.id
            sample = next(c for c in cases if c.order_id)
            found = inbox.list_cases(session, inbox.CaseFilter(states=(), search=sample.order_id))
            assert sample.id in [c.id for c in found]
    finally:
        engine.dispose()
