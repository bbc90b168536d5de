"""A notification carrying hostile HTML is shown with nothing active and nothing remote."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from disputed.web.mailview import sanitise_html, view_message

from .conftest import HOSTILE_HTML, hostile_message

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
