"""A notification carrying hostile HTML is shown with nothing active and nothing remote."""

from __future__ import annotations

import re
import time

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from disputed.store.db import session_scope
from disputed.store.models import StoredMessage
from disputed.web.mailview import sanitise_html, view_message
from tests.parsers.hostile import BOUND_SECONDS, PAYLOADS

from .conftest import HOSTILE_HTML, add_case, hostile_message

URL_ATTRIBUTES = ("src", "href", "background", "poster", "data", "action", "formaction", "srcset", "xlink:href", "ping", "cite", "longdesc", "manifest")


def _local(value: str) -> bool:
    value = value.strip().lower()
    return value.startswith(("/", "#", "data:image/")) and not value.startswith("//")


def assert_inert(html: str) -> None:
    """No script but our own files, no handler, no style, no frame, nothing fetched from elsewhere."""
    tree = HTMLParser(html)
    scripts = [node.attributes.get("src") for node in tree.css("script")]
    assert all(src and src.startswith("/static/") for src in scripts), scripts
    assert not tree.css("iframe, frame, object, embed, video, audio, source, svg image, base, style, form[action^=http], meta[http-equiv]")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            name = name.lower()
            assert not name.startswith("on"), (node.tag, name)
            assert name != "style", node.tag
            if node.tag == "a" and name == "href":
                assert not (value or "").lower().strip().startswith(("javascript:", "data:", "vbscript:")), value
            elif name in URL_ATTRIBUTES and value:
                assert _local(value), (node.tag, name, value)
    links = [node.attributes.get("href") for node in tree.css("link")]
    assert all(href and href.startswith("/static/") for href in links), links
    assert "evil.example" not in " ".join(str(v) for node in tree.css("*") for k, v in node.attributes.items() if k != "title")
    assert not re.search(r"url\s*\(", html, re.I)


def test_the_sanitiser_keeps_words_and_drops_everything_active():
    cleaned = str(sanitise_html(HOSTILE_HTML))
    assert "Wrong item was sent" in cleaned and "Your return request" in cleaned
    assert_inert(cleaned)
    assert "hx-" not in cleaned and "window.__pwned" not in cleaned


def test_an_inline_image_is_kept_and_a_remote_one_becomes_its_alt_text():
    pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    cleaned = str(sanitise_html(f'<img src="{pixel}" alt="inline"><img src="https://cdn.example/logo.png" alt="logo"><img src="data:text/html,<script>1</script>">'))
    assert f'src="{pixel}"' in cleaned
    assert "[logo]" in cleaned and "cdn.example" not in cleaned
    assert "text/html" not in cleaned


def test_the_message_view_counts_what_was_blocked():
    view = view_message(hostile_message())
    assert view.html is not None and view.blocked >= 8
    assert "Return request" in view.text


def test_a_broken_message_is_still_shown_as_text():
    view = view_message(b"\xff\xfe not mail at all <script>alert(1)</script>")
    assert view.text


def test_the_case_page_shows_the_hostile_notification_inert(login, seeded):
    viewer = login("viewer")
    page = viewer.get(f"/cases/{seeded.hostile_case_id}")
    assert page.status_code == 200
    assert "Wrong item was sent" in page.text  # the words are there
    assert "remote images or resources were not loaded" in page.text
    assert "FAILED" in page.text  # the failed authenticity check is shown
    assert_inert(page.text)
    assert "&lt;script&gt;" in page.text  # the subject's markup is shown as text
    assert "hx-disable" in HTMLParser(page.text).css_first("#thread").attributes  # htmx ignores the thread


# --- issue 12 ---------------------------------------------------------------------------------------------

def _store(session, case_id: int, n: int, raw: bytes, parsed: dict) -> None:
    session.add(StoredMessage(mailbox="shop", source_key=f"9/{n}", uid=900 + n, uidvalidity=9, sha256=f"{n:064x}", raw=raw, case_id=case_id, parsed=parsed))


def test_the_case_page_stays_quick_with_the_reviews_payloads(login, engine):
    """Every payload that made a pattern backtrack for minutes sits in one case's thread; the page answers
    within the same generous bound as the parser, at the first view (nothing remembered yet) and the next."""
    with session_scope(engine) as session:
        case, _ = add_case(session, 40)
        for n, raw in enumerate(PAYLOADS.values()):
            _store(session, case.id, n, raw, {"platform": "amazon", "authentic": True})
        case_id = case.id
    viewer = login("viewer")
    for visit in ("first", "second"):
        start = time.perf_counter()
        page = viewer.get(f"/cases/{case_id}")
        took = time.perf_counter() - start
        assert page.status_code == 200
        assert took < 3 * BOUND_SECONDS, f"{visit} view of the case page took {took:.1f}s"


def test_mail_that_joined_a_case_by_its_thread_alone_is_folded_and_marked(login, engine):
    with session_scope(engine) as session:
        case, _ = add_case(session, 41)
        _store(session, case.id, 1, b"From: Amazon <returns@amazon.com>\r\nSubject: Return request\r\n\r\nReturn reason: Wrong item\r\n",
               {"platform": "amazon", "authentic": True, "kind": "return_request"})
        _store(session, case.id, 2, b"From: Help <help@phish.test>\r\nSubject: Re: your order\r\n\r\nLog in at our portal to get your refund.\r\n",
               {"platform": None, "authentic": None, "kind": "unrecognised"})
        case_id = case.id
    page = login("viewer").get(f"/cases/{case_id}")
    tree = HTMLParser(page.text)
    folded = tree.css("article.mail.unvouched")
    assert len(folded) == 1 and len(tree.css("article.mail")) == 2
    assert "Not from the marketplace" in folded[0].text()
    details = folded[0].css_first("details.unvouched-mail")
    assert details is not None and "open" not in details.attributes and "Log in at our portal" in details.text()


def test_a_case_whose_buyer_would_change_shows_a_mark(login, engine):
    with session_scope(engine) as session:
        case, _ = add_case(session, 42)
        case.facts = {"buyer_address_conflict": "other@marketplace.example"}
        session.add(case)
        case_id = case.id
    page = login("viewer").get(f"/cases/{case_id}")
    banner = HTMLParser(page.text).css_first("#buyer-address-conflict")
    assert banner is not None and "other@marketplace.example" in banner.text() and "buyer42@marketplace.example" in banner.text()
