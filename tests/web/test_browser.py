"""The page in real Chromium: log in, work the queue with the keyboard, edit with the live
preview, approve and see the reply arrive at a real SMTP server, and open a hostile
notification that must run nothing and load nothing from elsewhere.

Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from disputed.config.settings import Settings
from disputed.daemon.sender import Sender
from disputed.store.db import session_scope
from disputed.store.models import CaseStatus, DraftStatus, StoredMessage
from disputed.vocabulary import Audience
from disputed.web.app import start_in_thread
from tests.servers import chromium_args

from .conftest import ARTIFACTS, PASSWORD, add_case, draft_row, hostile_message, utc


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=chromium_args())
        yield browser
        browser.close()


@pytest.fixture
def browser_settings(tmp_path, smtp_server) -> Settings:
    return Settings.model_validate(
        {
            "database": {"url": f"sqlite:///{tmp_path / 'web.db'}"},
            "web": {"port": 0},
            "smtp": {"host": "127.0.0.1", "port": smtp_server.port, "security": "none", "from": "Innoshop Support <support@innoshop.test>", "file_in_sent": False},
        }
    )


@pytest.fixture
def settings(browser_settings):  # the engine and users of conftest.py, on these settings
    return browser_settings


@pytest.fixture
def server(browser_settings, engine):
    """The page on a real socket; "send now" runs the real sender, as the daemon's wake does."""

    def run_sender() -> None:
        sender = Sender(browser_settings, engine)
        try:
            asyncio.run(sender.send_due())
        finally:
            sender.close()

    handle = start_in_thread(browser_settings, engine, wake_sender=lambda: threading.Thread(target=run_sender, daemon=True).start())
    yield handle
    handle.stop()


@dataclass
class Watched:
    """Everything a page asked the network for, and everything it logged."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def offsite(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data",) and urlsplit(u).hostname != "127.0.0.1"]


def open_page(browser: Browser, *, locale: str = "en-US") -> tuple[Page, Watched]:
    context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 1000}, extra_http_headers={"Accept-Language": locale})
    watched = Watched()

    def guard(route):  # nothing may leave loopback; record and refuse whatever tries
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            watched.blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda message: watched.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    return page, watched


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(base + "/queue")
    page.wait_for_url("**/login?next=*")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/queue")


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


# -- a queue that looks like a working day --------------------------------------------------

SCENES = [
    ("amazon", "return_request", "wrong_item", -3, "en", "Return request: wrong colour delivered"),
    ("ebay", "dispute", "not_received", 2, "de", "Artikel nicht erhalten"),
    ("amazon", "atoz_claim", "not_received", 9, "en", "A-to-z Guarantee claim"),
    ("aliexpress", "dispute", "damaged", 20, "fr", "Colis arrivé cassé"),
    ("walmart", "buyer_message", "tracking_inquiry", 30, "en", "Where is my parcel?"),
    ("amazon", "feedback", None, 45, "en", "Negative feedback received"),
    ("amazon", "return_request", "size_fit", 60, "en", "Return request: too small"),
    ("ebay", "buyer_message", "missing_parts", 70, "en", "Missing charger in the box"),
]


def fill_working_day(engine) -> list[int]:
    ids = []
    with session_scope(engine) as session:
        for n, (platform, kind, issue, hours, language, subject) in enumerate(SCENES, start=100):
            case, draft = add_case(session, n, platform=platform, kind=kind, issue=issue, due_hours=hours, language=language,
                                   options=[{"number": 1, "type": "reissue"}, {"number": 2, "type": "full_refund"}])  # fmt: skip
            case.subject = subject
            session.add(StoredMessage(mailbox="shop", source_key=f"7/{n}", uid=n, uidvalidity=7, sha256=f"{n:064d}", raw=f"From: notifications@{platform}.example\r\nSubject: {subject}\r\n\r\n{subject}. Order {case.order_id}.\r\n".encode(), case_id=case.id,
                                      parsed={"order_id": case.order_id, "asin": "B0DEMO%04d" % n, "reason": subject, "amount": "24.90", "currency": "EUR", "authentic": True, "auth_evidence": f"dkim=pass header.d={platform}.com; spf=pass"}))  # fmt: skip
            ids.append(draft.id)
        # A month of history for the dashboard: replies sent quickly or late, deadlines met or missed.
        for day in range(1, 29):
            for k in range(day % 3 + 1):
                case, draft = add_case(session, 1000 + day * 10 + k, platform=("amazon", "ebay", "aliexpress")[k % 3], case_status=CaseStatus.AWAITING_BUYER)
                noticed = utc(days=-day, hours=-6)
                session.add(StoredMessage(mailbox="shop", source_key=f"8/{day}/{k}", sha256=f"{day:032d}{k:032d}", raw=b"x", case_id=case.id, stored_at=noticed))
                draft.created_at = noticed + timedelta(minutes=2)
                draft.sent_at = noticed + timedelta(hours=2 + (day * 7 + k * 5) % 30)
                draft.due_at = noticed + timedelta(hours=24)
                draft.status, draft.audience = DraftStatus.SENT, Audience.BUYER
                session.add(draft)
    return ids


# -- the tests ------------------------------------------------------------------------------


def test_working_the_queue_with_the_keyboard(browser, server, engine):
    ids = fill_working_day(engine)
    page, watched = open_page(browser)
    log_in(page, server.url, "approver")
    expect(page.locator("tr.qrow.selected")).to_have_attribute("data-draft", str(ids[0]))  # the overdue one leads
    expect(page.locator("tr.qrow").first.locator(".due")).to_have_class("due due-overdue")
    expect(page.locator("#preview")).to_contain_text("Return request: wrong colour delivered")
    shoot(page, "queue.png")

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(page.locator("tr.qrow.selected")).to_have_attribute("data-draft", str(ids[1]))
    expect(page.locator("#preview")).to_contain_text("Artikel nicht erhalten")
    page.keyboard.press("a")
    expect(page.locator(f"#row-{ids[1]} .badge")).to_have_text("Approved")
    expect(page.locator("tr.qrow.selected")).to_have_attribute("data-draft", str(ids[2]))
    assert draft_row(engine, ids[1]).status == DraftStatus.APPROVED
    assert draft_row(engine, ids[0]).status == DraftStatus.PENDING

    page.keyboard.press("e")
    page.wait_for_url(f"**/drafts/{ids[2]}/edit")
    assert not watched.offsite() and not watched.errors
    assert not [c for c in watched.console if c.startswith("error")], watched.console


def test_the_a_key_refuses_an_unfinished_draft_and_says_what_is_missing(browser, server, engine, smtp_server):
    with session_scope(engine) as session:
        _, draft = add_case(session, 300, issue="tracking_inquiry", due_hours=-1)
        draft.body = "Dear buyer,\n\nWe shipped it on [[FILL IN: ship date]].\n"
        draft.context = {"operator_note": "No order facts: fill in the ship date."}
        session.add(draft)
        draft_id = draft.id
    page, watched = open_page(browser)
    log_in(page, server.url, "approver")
    expect(page.locator("tr.qrow.selected")).to_have_attribute("data-draft", str(draft_id))
    expect(page.locator("#preview")).to_contain_text("No order facts: fill in the ship date.")
    page.keyboard.press("a")
    expect(page.locator("#toast")).to_contain_text("[[FILL IN: ship date]]")
    expect(page.locator("tr.qrow.selected")).to_have_attribute("data-draft", str(draft_id))  # it stays, unapproved
    page.wait_for_timeout(500)
    assert draft_row(engine, draft_id).status == DraftStatus.PENDING and smtp_server.messages == []
    assert not watched.offsite() and not watched.errors


def test_edit_with_live_preview_approve_and_deliver(browser, server, engine, smtp_server):
    ids = fill_working_day(engine)
    target = ids[2]
    page, watched = open_page(browser)
    log_in(page, server.url, "approver")
    page.goto(f"{server.url}/drafts/{target}/edit")
    new_text = "Dear buyer,\n\nYour replacement left our warehouse today; tracking follows by mail.\n\nBest regards,\nInnoshop"
    page.fill("#body", new_text)
    expect(page.locator("#preview-body")).to_have_text(new_text)
    page.fill("input[name=to_addr]", "")
    expect(page.locator("#live-preview .warnings")).to_contain_text("No recipient.")
    page.fill("input[name=to_addr]", "buyer102@marketplace.example")
    expect(page.locator("#live-preview .warnings")).to_have_count(0)
    shoot(page, "edit.png")
    assert draft_row(engine, target).body != new_text  # the preview saved nothing

    page.click("#save")
    page.wait_for_url(f"**/cases/*#draft-{target}")
    expect(page.locator(".flash")).to_contain_text(f"Draft {target} saved")
    draft = page.locator(f"#draft-{target}")
    draft.locator("button.approve").click()
    expect(page.locator(".flash")).to_contain_text(f"Draft {target} approved")
    expect(page.locator(f"#draft-{target} .badge").first).to_have_text("Approved")
    shoot(page, "case.png")

    page.locator(f"#draft-{target} button.send-now").click()
    expect(page.locator(".flash")).to_contain_text("handed to the sender")
    received = smtp_server.wait_for(1, timeout=15)
    message = received[0].message
    assert received[0].rcpt_tos == ("buyer102@marketplace.example",)
    assert "Your replacement left our warehouse today" in message.get_content()
    sent = draft_row(engine, target)
    assert message["Message-ID"] == sent.message_id
    for _ in range(50):
        if draft_row(engine, target).status == DraftStatus.SENT:
            break
        page.wait_for_timeout(100)
    assert draft_row(engine, target).status == DraftStatus.SENT
    page.reload()
    expect(page.locator(f"#draft-{target} .badge").first).to_have_text("Sent")
    expect(page.locator("#thread article.outgoing")).to_contain_text("Your replacement left our warehouse today")
    expect(page.locator("#audit")).to_contain_text("send_now")
    assert not watched.offsite() and not watched.errors


def test_a_hostile_notification_runs_nothing_and_loads_nothing_remote(browser, server, engine):
    with session_scope(engine) as session:
        case, _ = add_case(session, 66)
        session.add(StoredMessage(mailbox="shop", source_key="6/66", sha256="c" * 64, raw=hostile_message(), case_id=case.id, parsed={"authentic": False, "auth_evidence": "dkim=fail; sender not on the amazon allow-list"}))
    page, watched = open_page(browser)
    log_in(page, server.url, "viewer")
    page.goto(f"{server.url}/cases/{case.id}")
    expect(page.locator("#thread")).to_contain_text("Wrong item was sent")
    page.wait_for_timeout(800)  # time for any handler, refresh or lazy load to fire
    page.locator("#thread a", has_text="click me").click()  # a stripped javascript: link goes nowhere
    page.wait_for_timeout(300)
    shoot(page, "hostile-case.png")

    assert page.evaluate("window.__pwned") is None
    assert page.title() != "PWNED" and page.url.endswith(f"/cases/{case.id}")
    assert watched.offsite() == [] and watched.blocked == [], watched.requests
    ours = {"/queue", "/login", f"/cases/{case.id}", "/static/style.css", "/static/htmx.min.js", "/static/app.js", "/static/favicon.svg"}
    paths = {urlsplit(u).path for u in watched.requests}
    assert {p for p in paths if not (p.startswith("/drafts/") and p.endswith("/preview"))} <= ours, paths
    assert not watched.errors
    assert not [c for c in watched.console if "Content Security Policy" in c or c.startswith("error")], watched.console
    assert page.locator("#thread script, #thread iframe, #thread img[src^=http], #thread [onerror]").count() == 0


def test_dashboard_and_chinese_interface(browser, server, engine):
    fill_working_day(engine)
    page, watched = open_page(browser)
    log_in(page, server.url, "admin")
    page.goto(server.url + "/dashboard")
    expect(page.locator("svg.chart")).to_have_count(4)
    expect(page.locator("main")).to_contain_text("Median time from notification to sent reply")
    shoot(page, "dashboard.png")

    page.click("button[name=lang][value=zh]")
    expect(page.locator("h1")).to_have_text("概览")
    page.goto(server.url + "/queue")
    expect(page.locator("h1")).to_contain_text("审批队列")
    expect(page.locator("tr.qrow").first.locator(".due")).to_contain_text("已逾期")
    shoot(page, "queue-zh.png")
    page.goto(server.url + "/users")
    expect(page.locator("table.users tbody tr")).to_have_count(4)
    shoot(page, "users-zh.png")
    assert not watched.offsite() and not watched.errors


def test_a_browser_that_prefers_chinese_gets_it(browser, server, engine):
    page, _ = open_page(browser, locale="zh-CN")
    page.goto(server.url + "/login")
    expect(page.locator("h1")).to_have_text("登录")
    shoot(page, "login-zh.png")


def test_a_flooded_name_logs_in_after_the_browser_does_the_proof_of_work(browser, server):
    """Five wrong guesses spent the free checks of `approver`: from then on the page has the
    browser solve a proof of work (login.js) before each try, a harder one after each further
    wrong password, and the right password still gets in: nothing is locked."""
    page, watched = open_page(browser)
    page.goto(server.url + "/login")
    for n in range(6):  # five free checks, then one paid for
        if n == 5:
            expect(page.locator("#pow-status")).to_have_text("Computation done: you can log in.", timeout=30_000)
        page.fill("input[name=name]", "approver")
        page.fill("input[name=password]", f"wrong guess {n}")
        page.click("button[type=submit].primary")
        page.wait_for_load_state()
        assert "Wrong user name or password" in page.content()
    expect(page.locator("#pow-status")).to_have_text("Computation done: you can log in.", timeout=30_000)
    shoot(page, "login-proof-of-work.png")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/queue", timeout=30_000)
    assert watched.errors == [] and watched.offsite() == []
