"""The case page, remedies re-rendered from the templates, the edit preview, the dashboard,
and the page served over a real socket."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import timedelta

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from disputed.rendering import TemplateLibrary
from disputed.store.db import session_scope
from disputed.store.models import Case, CaseStatus, Draft, DraftStatus, StoredMessage
from disputed.vocabulary import Audience
from disputed.web import data
from disputed.web.app import start_in_thread

from .conftest import add_case, draft_row, utc

CONTEXT = {
    "buyer_name": "Ana", "order_id": "111-1", "item": "Blue mug", "asin": None, "sku": None, "quantity": 1,
    "reason": "Wrong item was sent", "buyer_comment": None, "amount": "19.99", "currency": "USD", "platform": "amazon",
    "marketplace": "amazon.com", "seller_name": "Li", "shop_name": "Innoshop", "tracking_number": None, "case_id": 1,
    "today": "2026-11-22", "dispute_open": False,
    "options": [
        {"number": 1, "type": "claim_code", "percent": 60, "amount": None},
        {"number": 2, "type": "partial_refund", "percent": 40, "amount": None},
        {"number": 3, "type": "return_for_refund", "percent": None, "amount": None},
    ],
}  # fmt: skip


def test_the_case_page_shows_facts_thread_draft_and_readings(login, seeded):
    page = login("viewer").get(f"/cases/{seeded.case_id}").text
    tree = HTMLParser(page)
    facts = tree.css_first("#facts").text()
    for fact in ("001-0000000-0000000", "B0TEST1234", "Wrong item was sent", "19.99 USD", "passed", "dkim=pass header.d=amazon.com"):
        assert fact in facts, fact
    thread = tree.css_first("#thread").text()
    assert "Return reason: Wrong item was sent" in thread
    draft = tree.css_first(f"#draft-{seeded.draft_id}").text()
    assert "We are sorry that order 1 arrived" in draft and "我们为订单 1 发错货道歉" in draft and "We apologise" in draft
    assert "Claim code 60%" in draft and "Partial refund 40%" in draft


def test_readings_a_draft_was_queued_without_are_rendered_on_view_and_not_stored(login, engine):
    german = {**CONTEXT, "buyer_name": "Hans"}
    with session_scope(engine) as session:
        case, draft = add_case(session, 21, language="de")
        draft.template, draft.context, draft.options = "wrong_item", german, german["options"]
        draft.body = TemplateLibrary().render("wrong_item", "de", german).body
        draft.reading_en = draft.reading_zh = None  # as the processor queues a German letter
        session.add(draft)
    viewer = login("viewer")
    shown = HTMLParser(viewer.get(f"/cases/{case.id}").text).css_first(f"#draft-{draft.id}").text()
    assert "Guten Tag Hans" in shown and "Dear Hans" in shown
    assert TemplateLibrary().render("wrong_item", "zh", german).body.strip().splitlines()[-1] in shown
    assert "claim code" in HTMLParser(viewer.get(f"/drafts/{draft.id}/preview").text).text()
    stored = draft_row(engine, draft.id)
    assert stored.reading_en is None and stored.reading_zh is None  # a page view writes nothing


def test_an_unverified_case_says_so(login, seeded, engine):
    with session_scope(engine) as session:
        case = session.get(Case, seeded.hostile_case_id)
        case.status = CaseStatus.UNVERIFIED
        session.add(case)
    page = login("viewer").get(f"/cases/{seeded.hostile_case_id}").text
    assert "failed the authenticity check" in page


def test_sent_replies_join_the_thread(login, seeded, engine):
    with session_scope(engine) as session:
        draft = session.get(Draft, seeded.draft_id)
        draft.status, draft.sent_at = DraftStatus.SENT, utc()
        session.add(draft)
    thread = HTMLParser(login("viewer").get(f"/cases/{seeded.case_id}").text).css_first("#thread")
    outgoing = thread.css("article.mail.outgoing")
    assert len(outgoing) == 1 and "We are sorry that order 1 arrived" in outgoing[0].text()


def test_choosing_a_remedy_rewrites_an_untouched_letter_and_its_readings(login, engine):
    library = TemplateLibrary()
    with session_scope(engine) as session:
        case, draft = add_case(session, 20)
        draft.template, draft.context, draft.options = "wrong_item", CONTEXT, CONTEXT["options"]
        draft.body = library.render("wrong_item", "en", CONTEXT).body
        draft.reading_zh = library.render("wrong_item", "zh", CONTEXT).body
        session.add(draft)
    agent = login("agent")
    agent.post(f"/drafts/{draft.id}/choose", {"option": "2"})
    chosen = draft_row(engine, draft.id)
    assert chosen.chosen_option == 2
    assert "partial refund of 40%" in chosen.body and "claim code" not in chosen.body
    assert "40%" in chosen.reading_zh and "60%" not in chosen.reading_zh
    agent.post(f"/drafts/{draft.id}/choose", {"option": "3"})  # a second choice replaces the first
    assert "Return the item to us" in draft_row(engine, draft.id).body
    assert "partial refund" not in draft_row(engine, draft.id).body
    agent.post(f"/drafts/{draft.id}/edit", {"body": "My own words.", "subject": chosen.subject, "to_addr": chosen.to_addr})
    agent.post(f"/drafts/{draft.id}/choose", {"option": "1"})
    kept = draft_row(engine, draft.id)
    assert kept.body == "My own words." and kept.chosen_option == 1  # hand edits are never overwritten


def test_the_live_preview_shows_the_mail_and_warns(login, seeded, engine):
    agent = login("agent")
    page = agent.get(f"/drafts/{seeded.draft_id}/edit").text
    assert 'hx-post="/drafts/%d/live-preview"' % seeded.draft_id in page
    response = agent.post(f"/drafts/{seeded.draft_id}/live-preview", {"to_addr": "", "subject": "Hi\r\nBcc: x@evil.example", "body": "Hello {{ name }} [[FILL IN: amount]]\r\nline 2"})
    assert response.status_code == 200
    preview = HTMLParser(response.text)
    assert preview.css_first("#preview-body").text() == "Hello {{ name }} [[FILL IN: amount]]\nline 2"
    warnings = [li.text() for li in preview.css("ul.warnings li")]
    assert "No recipient." in warnings and any("template marks" in w for w in warnings) and any("FILL IN" in w for w in warnings)
    assert "HiBcc: x@evil.example" in response.text  # a header cannot be smuggled in through the subject
    assert draft_row(engine, seeded.draft_id).body.startswith("Dear buyer")  # a preview saves nothing


def test_the_dashboard_figures(engine):
    now = utc()
    with session_scope(engine) as session:
        for n, (platform, kind) in enumerate([("amazon", "return_request"), ("amazon", "return_request"), ("ebay", "dispute"), ("amazon", "feedback")]):
            add_case(session, 40 + n, platform=platform, kind=kind)
        add_case(session, 50, case_status=CaseStatus.RESOLVED)
        # Three replies sent 1, 2 and 6 hours after their notification; deadlines: two met, one missed, one never sent.
        for n, (hours, due_offset, sent) in enumerate([(1, 5, True), (2, 5, True), (6, -1, True), (0, -3, False)]):
            case, draft = add_case(session, 60 + n, case_status=CaseStatus.AWAITING_BUYER)
            notified = now - timedelta(days=2, hours=12)
            session.add(StoredMessage(mailbox="shop", source_key=f"9/{n}", sha256=f"{n:064d}", raw=b"x", case_id=case.id, stored_at=notified))
            draft.created_at = notified + timedelta(minutes=1)
            draft.due_at = notified + timedelta(hours=hours + due_offset) if sent else now - timedelta(hours=3)
            if sent:
                draft.status, draft.sent_at = DraftStatus.SENT, notified + timedelta(hours=hours)
            session.add(draft)
        _, note = add_case(session, 70)
        note.audience, note.status, note.sent_at = Audience.INTERNAL, DraftStatus.SENT, now  # notes never count
        session.add(note)
    with session_scope(engine) as session:
        dash = data.dashboard(session)
    open_cases = dict((kind, counts) for kind, counts in dash.open_by_kind)
    assert open_cases["return_request"]["amazon"] == 2 + 1 + 4  # two above, the note's case, the four awaiting buyer
    assert open_cases["dispute"] == {"ebay": 1}
    assert dash.replies == 3 and dash.median_hours == 2
    assert (dash.met, dash.missed) == (2, 2)
    assert dict(dash.waiting)["pending"] == 4 + 1 + 1


def test_the_dashboard_page_draws_svg_charts(login, seeded):
    page = login("viewer").get("/dashboard").text
    tree = HTMLParser(page)
    charts = tree.css("svg.chart")
    assert len(charts) == 4
    titles = [t.text() for t in tree.css("svg.chart rect title")]
    assert "Return request · Amazon: 2" in titles and "Dispute · eBay: 1" in titles and "Pending: 3" in titles
    zh = login("viewer").get("/dashboard", headers={"Accept-Language": "zh"}).text
    assert "退货请求 · 亚马逊: 2" in zh


def test_served_over_a_real_socket_and_stopped(settings, engine):
    handle = start_in_thread(settings, engine)
    try:
        assert re.match(r"http://127\.0\.0\.1:\d+$", handle.url) and handle.port != 0
        with urllib.request.urlopen(handle.url + "/healthz", timeout=5) as response:
            assert json.loads(response.read())["status"] == "ok"
        with urllib.request.urlopen(handle.url + "/login", timeout=5) as response:
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    finally:
        handle.stop()
    try:
        urllib.request.urlopen(handle.url + "/healthz", timeout=2)
        raise AssertionError("still serving after stop()")
    except OSError:
        pass


def test_the_case_page_tells_what_the_buyer_wants_in_english_and_chinese(login, engine):
    with session_scope(engine) as session:
        case, _ = add_case(session, 31, language="pl")
        session.add(StoredMessage(
            mailbox="shop", source_key="1/31", uid=31, uidvalidity=1, sha256="c" * 64, raw=b"Subject: x\r\n\r\nx\r\n",
            case_id=case.id,
            parsed={"buyer_comment": "Lampa przyszła rozbita, proszę o zwrot pieniędzy. Zdjęcia w załączniku.",
                    "issue": "damaged", "remedy": "refund", "attachments": ["photo"], "confidence": 0.62}))
    facts = HTMLParser(login("viewer").get(f"/cases/{case.id}").text).css_first("#facts").text()
    assert "The buyer received it damaged; asks for a refund; says they attached photos; confidence 0.62." in facts
    assert "买家商品到货时已损坏；要求：退款；称已附上照片；置信度 0.62。" in facts
