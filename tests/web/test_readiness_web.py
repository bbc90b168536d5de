"""The page refuses an unfinished draft (button, `a` key's form, send now), says what is
missing, shows the handlers' notes beside the text and an edit the draft replaced."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sqlmodel import select

from disputed.store import auth
from disputed.store.db import session_scope
from disputed.store.models import CaseEvent, DraftStatus
from disputed.store.queue import text_digest

from .conftest import add_case, draft_row

UNFINISHED = "Dear buyer,\n\nWe shipped it on [[FILL IN: ship date]] with tracking number [[FILL IN: tracking number]].\n"
NOTE = "No order facts: fill in the ship date and tracking number."


def unfinished_draft(engine, n: int = 40) -> int:
    with session_scope(engine) as session:
        _, draft = add_case(session, n, issue="tracking_inquiry", due_hours=1)
        draft.body, draft.context = UNFINISHED, {"operator_note": NOTE}
        session.add(draft)
        return draft.id


def test_approve_refuses_an_unfinished_draft_and_names_what_is_missing(login, engine):
    draft_id = unfinished_draft(engine)
    approver = login("approver")
    response = approver.post(f"/drafts/{draft_id}/approve", {"digest": text_digest(draft_row(engine, draft_id))})
    assert response.status_code == 303 and draft_row(engine, draft_id).status == DraftStatus.PENDING
    page = approver.get(response.headers["location"]).text
    assert "not ready to send" in page and "[[FILL IN: ship date]]" in page
    with session_scope(engine) as session:
        assert [a.detail for a in auth.recent_audit(session, limit=5) if a.action == "approve_refused"]


def test_the_queue_rows_approve_form_is_refused_too(login, engine):
    """What the `a` key submits (the row's form, through htmx) is refused by the server as well."""
    draft_id = unfinished_draft(engine)
    approver = login("approver")
    response = approver.post(f"/drafts/{draft_id}/approve", {"digest": text_digest(draft_row(engine, draft_id))}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "not ready to send" in response.text
    assert draft_row(engine, draft_id).status == DraftStatus.PENDING


def test_send_now_refuses_an_unfinished_draft(login, engine, woken):
    draft_id = unfinished_draft(engine)
    approver = login("approver")
    assert approver.post(f"/drafts/{draft_id}/send-now", {"digest": text_digest(draft_row(engine, draft_id))}).status_code == 303
    assert draft_row(engine, draft_id).status == DraftStatus.PENDING and woken == []


def test_the_queue_offers_no_approval_for_an_unfinished_draft_and_says_why(login, seeded, engine):
    draft_id = unfinished_draft(engine)
    tree = HTMLParser(login("approver").get("/queue").text)
    row = tree.css_first(f"#row-{draft_id}")
    assert "[[FILL IN: ship date]]" in row.attributes["data-unready"] and row.css_first("button.approve") is None
    ready = tree.css_first(f"#row-{seeded.draft_id}")
    assert "data-unready" not in ready.attributes and ready.css_first("button.approve") is not None


def test_notes_are_shown_beside_the_text_on_the_preview_and_the_case_page(login, engine):
    draft_id = unfinished_draft(engine)
    viewer = login("approver")
    preview = viewer.get(f"/drafts/{draft_id}/preview").text
    assert NOTE in preview and "placeholders to complete" in preview
    case_id = draft_row(engine, draft_id).case_id
    page = HTMLParser(viewer.get(f"/cases/{case_id}").text)
    article = page.css_first(f"#draft-{draft_id}")
    assert NOTE in article.css_first(".operator-note").text()
    assert any("FILL IN" in li.text() for li in article.css("ul.warnings li"))
    assert article.css_first("form[action$='/approve']") is None and article.css_first("button[disabled]") is not None


def test_a_carried_edit_is_shown_beside_the_new_draft_and_taken_over_in_one_click(login, engine):
    with session_scope(engine) as session:
        _, draft = add_case(session, 41)
        draft.context = {"superseded_edit": {"draft_id": 7, "to_addr": draft.to_addr, "subject": "Re: my subject", "body": "My own careful words.\n"}}
        session.add(draft)
        draft_id, case_id = draft.id, draft.case_id
    agent = login("agent")
    page = HTMLParser(agent.get(f"/cases/{case_id}").text)
    previous = page.css_first(f"#previous-edit-{draft_id}")
    assert "My own careful words." in previous.text() and previous.css_first("form[action$='/take-over']") is not None
    assert agent.post(f"/drafts/{draft_id}/take-over").status_code == 303
    taken = draft_row(engine, draft_id)
    assert taken.body == "My own careful words.\n" and taken.subject == "Re: my subject"
    with session_scope(engine) as session:
        assert session.exec(select(CaseEvent).where(CaseEvent.draft_id == draft_id, CaseEvent.type == "edit_taken_over")).first()
    assert draft_row(engine, draft_id).status == DraftStatus.PENDING


def test_the_edit_page_shows_the_note_beside_the_form(login, engine):
    draft_id = unfinished_draft(engine)
    page = HTMLParser(login("agent").get(f"/drafts/{draft_id}/edit").text)
    assert NOTE in page.css_first("#edit-form .operator-note").text()


def test_approving_a_letter_whose_contact_statement_is_stale_brings_it_up_to_date_first(login, engine, settings):
    from sqlalchemy import update

    from disputed.drafting import DraftingContext, queue_draft
    from disputed.handlers.base import QueueDraft
    from disputed.rendering import TemplateLibrary
    from disputed.store.models import Draft, utcnow
    from disputed.vocabulary import Audience

    dctx = DraftingContext(settings=settings, templates=TemplateLibrary(), now=utcnow())
    with session_scope(engine) as session:
        case, buyer = add_case(session, 42, kind="atoz_claim", issue="not_received")
        case.platform_address, case.facts = "atoz@amazon.com", {"item": "Porcelain cup set"}
        facts = {"ship_date": "2026-11-02", "shipping_method": "epacket", "destination": "US", "carrier_status": "in_transit", "tracking_number": "LX1CN",
                 "delivered_date": None, "expected_by": None, "promised_days": None, "offered": []}
        letter = queue_draft(session, case, None, QueueDraft("platform.atoz_response", audience=Audience.PLATFORM, context=facts), dctx, handler="atoz_claim")
        session.execute(update(Draft).where(Draft.id == buyer.id).values(status=DraftStatus.SENT, sent_at=utcnow()))
    assert "We have not yet written to the buyer" in draft_row(engine, letter.id).body
    approver = login("approver")
    response = approver.post(f"/drafts/{letter.id}/approve", {"digest": text_digest(draft_row(engine, letter.id))})
    assert "read it again" in approver.get(response.headers["location"]).text
    refreshed = draft_row(engine, letter.id)
    assert refreshed.status == DraftStatus.PENDING and f"We wrote to the buyer on {utcnow().date().isoformat()}" in refreshed.body
    approver.post(f"/drafts/{letter.id}/approve", {"digest": text_digest(refreshed)})
    assert draft_row(engine, letter.id).status == DraftStatus.APPROVED
