"""Showing a stored message to an operator without letting it do anything.

Notifications and buyer mail are hostile input. HTML parts go through nh3 with a
short allow-list: no script, no style, no event handlers, no frames, no forms, no
classes or ids (so nothing can imitate or drive the page), and no remote resource
at all: an image keeps only an inline ``data:`` picture, otherwise its alt text.
The page's Content-Security-Policy is the second wall behind this one.
"""

from __future__ import annotations

import email
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from email.message import Message
from email.policy import compat32

import nh3
from markupsafe import Markup

from disputed.parsers.charsets import decode_bytes, decode_header
from disputed.parsers.mime import MAX_HEADER_VALUE_CHARS

MAX_TEXT_CHARS = 200_000  # a huge part is cut for display; the raw bytes stay stored

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "abbr": {"title"},
}
LINK_SCHEMES = ("http://", "https://", "mailto:")
INLINE_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/=\s]+$", re.I)
# Count what a message tried to load, to tell the operator it was blocked. Possessive blank runs: two
# greedy ones around an optional quote handed blanks back and forth (36 s per view on 40,000 blanks).
REMOTE_HINT = re.compile(
    r"""(?:src|background|poster|data|action|href)\s*+=\s*+["']?\s*+(?:https?:)?//|url\s*+\(\s*+["']?\s*+(?:https?:)?//|@import""",
    re.I,
)


@dataclass
class MessageView:
    """What the case page shows of one stored message."""

    subject: str = ""
    sender: str = ""
    to: str = ""
    date: str = ""
    text: str = ""
    html: Markup | None = None
    blocked: int = 0  # remote resources removed
    attachments: list["MessageFile"] = field(default_factory=list)
    unreadable: bool = False


# Declared picture types the page tries to show (after decoding them: images.render). SVG is not one: it is a
# document that can run script, and goes as a download like any other file.
SHOWN_IMAGE_TYPES = {"image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff"}


@dataclass(frozen=True)
class MessageFile:
    """A file in a stored message: a part that is not the text shown. ``index`` is the part's position among the
    message's leaf parts (``leaf_parts``), which never changes since the stored bytes never do."""

    index: int
    name: str
    content_type: str  # as the message declares it: only a hint, never sent back to a browser
    size: int

    @property
    def picture(self) -> bool:
        return self.content_type in SHOWN_IMAGE_TYPES

    def __str__(self) -> str:
        return self.name


def sanitise_html(html: str) -> Markup:
    cleaned = _clean(html)
    if "<img" in cleaned:
        cleaned = _clean(_images_to_words(cleaned))  # cleaned twice: the rewrite is itself input
    return Markup(cleaned)


def _images_to_words(html: str) -> str:
    """A picture that was not kept shows its alt text, not a broken-image icon."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<div>{html}</div>")
    for node in tree.css("img"):
        if not node.attributes.get("src"):
            alt = (node.attributes.get("alt") or "").strip()
            node.replace_with(f"[{alt}]" if alt else "[image]")
    wrapper = tree.body.child if tree.body is not None else None
    return wrapper.inner_html if wrapper is not None else html


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "title", "head", "noscript", "template", "textarea", "select", "object", "iframe", "svg", "math"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
        url_schemes={"http", "https", "mailto", "data"},
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if value.strip().lower().startswith(LINK_SCHEMES) else None
    if attribute == "src":
        return value if tag == "img" and INLINE_IMAGE.match(value.strip()) else None
    if attribute in ("width", "height"):
        return value if value.strip().isdigit() else None
    return value


def view_message(raw: bytes) -> MessageView:
    """How the case page shows ``raw``. A stored message never changes and the page shows the same
    ones at every visit, so views are remembered by the message's digest."""
    key = hashlib.blake2b(raw, digest_size=16).digest()
    with _VIEWS_LOCK:
        if key in _VIEWS:
            _VIEWS.move_to_end(key)
            return _VIEWS[key]
    view = _fresh_view(raw)
    with _VIEWS_LOCK:
        _VIEWS[key] = view
        while len(_VIEWS) > _VIEWS_KEPT:
            _VIEWS.popitem(last=False)
    return view


# Each view holds at most a few hundred kilobytes of text (MAX_TEXT_CHARS per part kind).
_VIEWS_KEPT = 64
_VIEWS: OrderedDict[bytes, MessageView] = OrderedDict()
_VIEWS_LOCK = threading.Lock()


def _fresh_view(raw: bytes) -> MessageView:
    # compat32 keeps header values as the text they are: the default policy's header objects parse
    # a whole value on first use, in time that grows with its square (25 s for a Content-Type of
    # 20,000 quotes). Values are cut and decoded here the parser's way.
    try:
        msg = email.message_from_bytes(raw, policy=compat32)
        return _view(msg, raw)
    except Exception:  # a message too broken for the parser is still shown, as text
        return MessageView(text=_cut(raw.decode("utf-8", errors="replace")), unreadable=True)


def _view(msg: Message, raw: bytes) -> MessageView:
    view = MessageView(
        subject=_header(msg, "subject"),
        sender=_header(msg, "from"),
        to=_header(msg, "to"),
        date=_header(msg, "date"),
    )
    texts, htmls = [], []
    for index, part in enumerate(leaf_parts(msg)):
        if is_file(part):
            payload = _payload(part)
            view.attachments.append(MessageFile(index, file_name(part, index), part.get_content_type(), len(payload)))
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain":
            texts.append(_content(part))
        elif ctype == "text/html":
            htmls.append(_content(part))
    view.text = _cut("\n\n".join(t for t in texts if t))
    if htmls:
        html = _cut("\n".join(htmls))  # only what is shown is read
        view.html = sanitise_html(html)
        view.blocked = len(REMOTE_HINT.findall(html))
        if not view.text:
            view.text = _cut(_html_to_text(html))
    return view


def leaf_parts(msg: Message):
    """The message's parts that hold content, in order (their parameters cut to a readable length)."""
    for part in msg.walk():
        if part.is_multipart():
            continue
        _cut_parameters(part)
        yield part


def is_file(part: Message) -> bool:
    """A part that is a file rather than the text shown: marked as an attachment, or anything but text."""
    if part.get_content_disposition() == "attachment":
        return True
    return part.get_content_type() not in ("text/plain", "text/html")


def file_name(part: Message, index: int) -> str:
    """The part's file name as it may be shown and offered for saving: no path, no control character."""
    name = _filename(part).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip(" .")[:150]
    return name or f"part-{index}"


def message_file(raw: bytes, index: int) -> tuple[MessageFile, bytes] | None:
    """The file at ``index`` in a stored message, with its decoded bytes; None when there is no such file."""
    try:
        msg = email.message_from_bytes(raw, policy=compat32)
    except Exception:
        return None
    for n, part in enumerate(leaf_parts(msg)):
        if n == index:
            if not is_file(part):
                return None
            payload = _payload(part)
            return MessageFile(index, file_name(part, index), part.get_content_type(), len(payload)), payload
    return None


def _payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # a broken transfer encoding: the bytes as they stand
        payload = None
    return payload if isinstance(payload, bytes) else str(part.get_payload()).encode("utf-8", "surrogateescape")


def _header(msg: Message, name: str) -> str:
    """The first ``name`` header, decoded the parser's way from its raw value cut to the parser's limit
    (the mail library's own header objects are built from the whole value)."""
    value = next((str(v) for k, v in msg.raw_items() if k.lower() == name), "")
    text, _ = decode_header(value[:MAX_HEADER_VALUE_CHARS])
    return " ".join(text.split())


# Longest Content-Type or Content-Disposition read; the mail library's parameter reader slows with
# the number of ";" in a value, and real ones are a line or two.
_MAX_PARAMETERS_CHARS = 1000


def _cut_parameters(part: Message) -> None:
    for name in ("content-type", "content-disposition"):
        value = part.get(name)
        if value is not None and len(str(value)) > _MAX_PARAMETERS_CHARS:
            part.replace_header(name, str(value)[:_MAX_PARAMETERS_CHARS])


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except Exception:  # a malformed RFC 2231 parameter
        return ""
    return " ".join(decode_header(name)[0].split()) if name else ""


def _content(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
        charset = part.get_content_charset()
    except Exception:  # a broken transfer encoding or charset parameter
        payload, charset = None, None
    if not isinstance(payload, bytes):
        payload = str(part.get_payload()).encode("utf-8", "surrogateescape")
    text, _ = decode_bytes(payload, charset)
    return text


def _html_to_text(html: str) -> str:
    """The words of an HTML part, for a message that has no text part."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for node in tree.css("script, style, head, title"):
        node.decompose()
    body = tree.body or tree.root
    return body.text(separator="\n", strip=True) if body is not None else ""


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT_CHARS else text[:MAX_TEXT_CHARS] + "\n[…]"
