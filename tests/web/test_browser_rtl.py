"""Arabic in real Chromium: the buyer's message, the buyer's comment and the Arabic draft read right to left on
the case page, in the queue's preview and in the draft editor, while an English case beside it stays left to
right. Each element's direction is the one Chromium computed, and an Arabic paragraph under an English
notification line sits against the right edge. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from email.message import EmailMessage

from disputed.store.db import session_scope
from disputed.store.models import StoredMessage
from tests.languages.test_templates import LIBRARY, full_context, option

from .conftest import add_case
from .test_browser import browser, browser_settings, log_in, open_page, server, settings, shoot  # noqa: F401  (fixtures)

ARABIC_COMMENT = "وصل الكوب مكسوراً والعلبة ممزقة، أرجو إرسال بديل."
ARABIC_MESSAGE = "مرحباً،\nطلبت طقم أكواب ووصلني الكوب مكسوراً. أرفقت صورة للعلبة.\nشكراً لكم"
# A relayed notification: the marketplace's English line first, the buyer's Arabic below it.
RELAYED = "Message from the buyer (order 701-0000000-0000000):\n\n" + ARABIC_MESSAGE


def _mail(subject: str, text: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Amazon <marketplace-messages@amazon.ae>"
    message["To"] = "shop@seller.example"
    message["Subject"] = subject
    message.set_content(text)
    return message.as_bytes()


def _seed(engine) -> dict[str, int]:
    arabic_letter = LIBRARY.render("damaged", "ar", full_context(buyer_name="سارة", item="طقم أكواب", currency="AED", marketplace="amazon.ae",
                                                                  options=[option(1, "reissue"), option(2, "full_refund")]))
    with session_scope(engine) as session:
        arabic_case, arabic_draft = add_case(session, 701, kind="buyer_message", issue="damaged", language="ar", due_hours=3)
        arabic_case.subject = "رسالة من المشتري: الكوب وصل مكسوراً"
        arabic_draft.subject, arabic_draft.body = arabic_letter.subject, arabic_letter.body
        arabic_draft.reading_en = "We are sorry the cup set arrived broken; we offer a new one or a full refund."
        session.add_all([arabic_case, arabic_draft])
        parsed = {"platform": "amazon", "authentic": True, "order_id": arabic_case.order_id, "buyer_comment": ARABIC_COMMENT, "item": "طقم أكواب"}
        session.add(StoredMessage(mailbox="shop", source_key="9/1", uid=91, uidvalidity=1, sha256="c" * 64, case_id=arabic_case.id,
                                  raw=_mail("رسالة من المشتري", ARABIC_MESSAGE), parsed=parsed))
        session.add(StoredMessage(mailbox="shop", source_key="9/2", uid=92, uidvalidity=1, sha256="d" * 64, case_id=arabic_case.id,
                                  raw=_mail("Buyer message", RELAYED), parsed=parsed))
        english_case, english_draft = add_case(session, 702, kind="buyer_message", issue="damaged", language="en", due_hours=4)
        session.add(StoredMessage(mailbox="shop", source_key="9/3", uid=93, uidvalidity=1, sha256="e" * 64, case_id=english_case.id,
                                  raw=_mail("Buyer message", "The cup arrived broken, please send a new one."),
                                  parsed={"platform": "amazon", "authentic": True, "order_id": english_case.order_id, "buyer_comment": "Arrived broken."}))
        return {"arabic_case": arabic_case.id, "arabic_draft": arabic_draft.id, "english_case": english_case.id, "english_draft": english_draft.id}


def _direction(page, selector: str) -> str:
    """The computed direction of the first element ``selector`` finds. A pane the page swaps in anew (the queue's
    preview) can be replaced between finding it and reading it, and a replaced element has no computed style:
    the reading is taken again from the element in the page then."""
    for _ in range(50):
        direction = page.locator(selector).first.evaluate(
            "element => element.isConnected ? getComputedStyle(element).direction : ''")
        if direction:
            return direction
        page.wait_for_timeout(100)
    return ""


def _line_sits_right(page, selector: str, line: str) -> bool:
    """Whether ``line`` of the element's text ends at the element's right content edge (as a right-to-left
    paragraph does) rather than starting at its left one."""
    return page.locator(selector).first.evaluate(
        """(element, line) => {
            const node = [...element.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.data.includes(line));
            const range = document.createRange();
            const start = node.data.indexOf(line);
            range.setStart(node, start);
            range.setEnd(node, start + line.length);
            const text = range.getBoundingClientRect();
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
            const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
            return Math.abs(right - text.right) < 2 && text.left - left > 20;
        }""",
        line,
    )


def test_arabic_reads_right_to_left_and_english_left_to_right(browser, server, engine):  # noqa: F811
    ids = _seed(engine)
    page, watched = open_page(browser)
    log_in(page, server.url, "approver")

    page.goto(f"{server.url}/cases/{ids['arabic_case']}")
    draft = f"#body-{ids['arabic_draft']}"
    assert _direction(page, draft) == "rtl"
    assert page.locator(draft).get_attribute("lang") == "ar"
    assert _direction(page, f"#draft-{ids['arabic_draft']} dl.headers dd[lang=ar]") == "rtl"  # the subject
    assert _direction(page, "#facts dd.quote") == "rtl"  # the buyer's comment
    messages = page.locator("#thread article.mail pre.mail-text")
    assert messages.count() == 2
    directions = [messages.nth(i).evaluate("element => getComputedStyle(element).direction") for i in range(2)]
    assert directions.count("rtl") == 1 and directions.count("ltr") == 1, directions  # Arabic alone; English first
    relayed = f"#thread article.mail:has-text('Message from the buyer') pre.mail-text"
    assert page.locator(relayed).evaluate("element => getComputedStyle(element).unicodeBidi") == "plaintext"
    assert _line_sits_right(page, relayed, "شكراً لكم"), "the Arabic paragraph of a mixed message runs right to left"
    assert not _line_sits_right(page, relayed, "Message from the buyer"), "the English line stays at the left"
    assert _direction(page, "#drafts pre.reading[lang=en]") == "ltr"
    shoot(page, "case-arabic.png")

    page.goto(f"{server.url}/queue")
    page.locator(f"#row-{ids['arabic_draft']}").click()
    preview = f"#preview #body-{ids['arabic_draft']}"
    page.wait_for_selector(preview)
    assert _direction(page, preview) == "rtl"
    assert page.locator(f"#row-{ids['arabic_draft']} td.subject span[dir=auto]").evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert page.locator(f"#row-{ids['english_draft']} td.subject span[dir=auto]").evaluate("element => getComputedStyle(element).direction") == "ltr"
    shoot(page, "queue-arabic.png")

    page.goto(f"{server.url}/drafts/{ids['arabic_draft']}/edit")
    assert _direction(page, "textarea#body") == "rtl"
    assert _direction(page, "#preview-body") == "rtl"
    page.fill("textarea#body", page.input_value("textarea#body") + "\nنشكركم على صبركم.")
    page.wait_for_function("() => document.querySelector('#preview-body').textContent.includes('نشكركم على صبركم')")
    assert _direction(page, "#preview-body") == "rtl"  # the live preview, swapped in by htmx, keeps it
    shoot(page, "edit-arabic.png")

    page.goto(f"{server.url}/cases/{ids['english_case']}")
    assert _direction(page, f"#body-{ids['english_draft']}") == "ltr"
    assert _direction(page, "#thread article.mail pre.mail-text") == "ltr"
    assert _direction(page, "#facts dd.quote") == "ltr"
    assert not watched.errors
