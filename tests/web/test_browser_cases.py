"""The cases page and the queue in real Chromium: a held buyer message is found, given its issue, drafted,
approved and delivered to a real SMTP server; the queue keeps every Approve button in sight at common widths in
English and Chinese. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from disputed.store.db import session_scope
from disputed.store.models import Case, Draft, DraftStatus
from tests.store.test_case_actions import deliver
from tests.support import settings_for

from .conftest import add_case
from .test_browser import browser, browser_settings, fill_working_day, log_in, open_page, server, settings, shoot  # noqa: F401  (fixtures)


def test_a_held_buyer_message_is_decided_and_answered_in_the_browser(browser, server, engine, browser_settings, smtp_server, tmp_path):  # noqa: F811
    triage = settings_for(tmp_path, database_url=browser_settings.database.url, extra={"policy": {"triage_threshold": 1.0}, "security": {"trusted_authserv_ids": ["mx.seller-mail.test", "mx.demo.test"]}})
    (case_id,) = deliver(triage, engine, "msg_de_damaged.eml")
    with session_scope(engine) as session:
        buyer = session.get(Case, case_id).buyer_address
    page, watched = open_page(browser)
    log_in(page, server.url, "approver")
    page.goto(server.url + "/cases")
    row = page.locator(f"#case-{case_id}")
    expect(row).to_contain_text("Needs decision")
    shoot(page, "cases.png")
    row.locator("td.order a").click()
    page.wait_for_url(f"**/cases/{case_id}")
    page.select_option("#classify select[name=issue]", "damaged")
    page.click("#classify button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("1 draft(s) queued")
    with session_scope(engine) as session:
        (draft,) = session.exec(select(Draft).where(Draft.case_id == case_id)).all()
    article = page.locator(f"#draft-{draft.id}")
    expect(article).to_contain_text("Pending")
    shoot(page, "case-classified.png")
    article.locator("button.send-now").click()
    expect(page.locator(".flash")).to_contain_text("handed to the sender")
    received = smtp_server.wait_for(1, timeout=15)
    assert received[0].rcpt_tos == (buyer,)
    assert received[0].message["Message-ID"] == draft.message_id
    for _ in range(50):
        with session_scope(engine) as session:
            if session.get(Draft, draft.id).status == DraftStatus.SENT:
                break
        page.wait_for_timeout(100)
    page.goto(server.url + "/cases")
    expect(page.locator(f"#case-{case_id}")).to_have_count(0)  # answered: nothing left for a person
    assert not watched.offsite() and not watched.errors


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_every_approve_button_stays_in_sight_at_common_widths(browser, server, engine, locale):  # noqa: F811
    fill_working_day(engine)
    with session_scope(engine) as session:  # an account notice: no order id, a long case key
        case, draft = add_case(session, 900, kind="performance_warning", issue=None, due_hours=-5)
        case.key = "amazon:performance_warning:" + "B0LONGASIN" * 8
        case.order_id = None
        session.add(case)
    page, _ = open_page(browser, locale=locale)
    log_in(page, server.url, "approver")
    for width in (1280, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(server.url + "/queue")
        preview = page.locator("#preview").bounding_box()
        buttons = page.locator("tr.qrow button.approve")
        assert buttons.count() >= 9
        for i in range(buttons.count()):
            box = buttons.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= preview["x"] + 1, (width, locale, i, box, preview)
        assert "B0LONGASIN" not in page.locator("table.queue").inner_text()
        overflow = page.evaluate("() => { const l = document.querySelector('.queue-list'); return l.scrollWidth - l.clientWidth; }")
        assert overflow <= 1, (width, locale, overflow)
        shoot(page, f"queue-{width}-{locale[:2]}.png")


def test_the_buyers_photo_is_seen_and_the_reply_leaves_with_the_operators_file(browser, server, engine, browser_settings, smtp_server, tmp_path):  # noqa: F811
    """Triage with files, end to end: a held buyer message with a photo of the damage; the operator sees the photo
    (its thumbnail decoded by the browser), sets the issue, attaches the return label to the draft, approves it,
    and the SMTP server receives the reply with the label as a MIME part."""
    import asyncio
    import email
    import hashlib
    import threading
    from email import policy

    from disputed.daemon.process import Processor
    from disputed.daemon.sender import Sender
    from disputed.rendering import TemplateLibrary
    from disputed.store.models import StoredMessage
    from tests.store.test_case_actions import MAIL

    from .test_files import PDF, mail_with_files, photo

    triage = settings_for(tmp_path, database_url=browser_settings.database.url, extra={"policy": {"triage_threshold": 1.0}, "security": {"trusted_authserv_ids": ["mx.seller-mail.test", "mx.demo.test"]}})
    raw = mail_with_files("", [("vase-broken.jpg", "image/jpeg", photo(1200, 900))], base=(MAIL / "amazon" / "msg_de_damaged.eml").read_bytes())
    with session_scope(engine) as session:
        session.add(StoredMessage(mailbox="shop", source_key="1/1", uid=1, uidvalidity=1, sha256=hashlib.sha256(raw).hexdigest(), raw=raw, size=len(raw)))
    processor = Processor(triage, engine, templates=TemplateLibrary.for_settings(triage))
    try:
        processor.drain()
    finally:
        processor.close()
    with session_scope(engine) as session:
        case = session.exec(select(Case)).one()
        case_id, buyer = case.id, case.buyer_address
        assert case.state == "needs_decision"

    page, watched = open_page(browser)
    log_in(page, server.url, "approver")
    page.goto(server.url + f"/cases/{case_id}")
    thumbnail = page.locator("ul.mail-files li.picture img")
    expect(thumbnail).to_have_count(1)
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function("() => { const i = document.querySelector('ul.mail-files img'); return i && i.complete; }")
    assert thumbnail.evaluate("img => img.naturalWidth") == 240, "the browser decoded the thumbnail (240 px on its longer side)"
    shoot(page, "case-photo.png")
    full = page.request.get(server.url + thumbnail.locator("xpath=..").get_attribute("href"))
    assert full.headers["content-type"] == "image/jpeg" and full.headers["x-content-type-options"] == "nosniff"

    page.select_option("#classify select[name=issue]", "damaged")
    page.click("#classify button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("1 draft(s) queued")
    with session_scope(engine) as session:
        (draft,) = session.exec(select(Draft).where(Draft.case_id == case_id)).all()
    article = page.locator(f"#draft-{draft.id}")
    label = tmp_path / "return-label.pdf"
    label.write_bytes(PDF)
    article.locator("form.attach-form input[type=file]").set_input_files(str(label))
    article.locator("form.attach-form button[type=submit]").click()
    expect(page.locator(".flash")).to_contain_text("1 file(s) attached")
    expect(page.locator(f"#draft-{draft.id}-files")).to_contain_text("return-label.pdf")
    shoot(page, "case-draft-with-file.png")
    page.locator(f"#draft-{draft.id} button.approve").click()
    expect(page.locator(".flash")).to_contain_text("approved")

    def send_pass() -> None:  # the daemon's next send pass (in a thread of its own: Playwright holds this one's loop)
        sender = Sender(browser_settings, engine)
        try:
            asyncio.run(sender.send_due())
        finally:
            sender.close()

    passing = threading.Thread(target=send_pass)
    passing.start()
    passing.join(30)
    (received,) = smtp_server.wait_for(1, timeout=15)
    assert received.rcpt_tos == (buyer,)
    message = email.message_from_bytes(received.raw, policy=policy.default)
    assert message["Message-ID"] == draft.message_id and message.get_content_type() == "multipart/mixed"
    (attached,) = message.iter_attachments()
    assert attached.get_filename() == "return-label.pdf" and attached.get_content_type() == "application/pdf"
    assert attached.get_content() == PDF
    assert "Thomas" in message.get_body(("plain",)).get_content()
    assert not watched.offsite() and not watched.errors


def test_in_chromium_a_picture_opens_full_size_and_svg_or_html_only_ever_download(browser, server, engine, seeded):  # noqa: F811
    """The links on the case page as a browser follows them: the full-size picture renders as an image, and an
    SVG or HTML file with script in it is saved, never rendered (no script of theirs runs)."""
    from disputed.store.models import StoredMessage

    from .test_files import HTML, SVG, mail_with_files, photo

    raw = mail_with_files("Photos and more.", [("parcel.jpg", "image/jpeg", photo(1600, 1200)), ("drawing.svg", "image/svg+xml", SVG), ("page.html", "text/html", HTML)])
    with session_scope(engine) as session:
        session.add(StoredMessage(mailbox="shop", source_key="1/7", uid=7, uidvalidity=1, sha256="e" * 64, raw=raw, case_id=seeded.case_id, parsed={}))
    page, watched = open_page(browser)
    log_in(page, server.url, "viewer")
    page.goto(server.url + f"/cases/{seeded.case_id}")
    expect(page.locator("ul.mail-files li.picture img")).to_have_count(1)
    full = page.locator("ul.mail-files li.picture a").first.get_attribute("href")
    for name in ("drawing.svg", "page.html"):
        with page.expect_download() as saved:
            page.locator("ul.mail-files li.file a", has_text=name).click()
        assert saved.value.suggested_filename == name
    assert page.evaluate("() => window.__pwned") is None
    viewer = page.context.new_page()
    viewer.goto(server.url + full)
    assert viewer.evaluate("() => document.images.length === 1 && document.images[0].naturalWidth") == 1600, "the full-size picture renders"
    assert viewer.evaluate("() => window.__pwned") is None
    assert not watched.offsite() and not watched.errors
