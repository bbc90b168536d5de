"""HTML to plain text for HTML-only notifications.

Marketplace notices put their facts in tables; a table row becomes one line with its
cells separated by `` | `` so the same field and table readers work on text and HTML
mail. Scripts, styles, frames and embedded objects are dropped, never interpreted;
images are never fetched (only their alt text is kept).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

CELL_SEPARATOR = " | "

_SKIPPED = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "iframe", "frame", "frameset",
     "object", "embed", "applet", "svg", "math", "canvas", "audio", "video", "select", "-comment"}
)
_BLOCKS = frozenset(
    {"p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
     "article", "header", "footer", "blockquote", "hr", "pre", "center", "dl", "dt", "dd", "address",
     "main", "nav", "aside", "form", "fieldset", "tbody", "thead", "tfoot", "caption", "body", "html"}
)
_CELLS = frozenset({"td", "th"})
# Blanks, and the invisible characters mailers pad a hidden preheader with (zero-width joiners and non-joiners,
# the combining grapheme joiner, soft hyphens, figure spaces, byte-order marks): they carry no word.
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u00ad\u034f\u2007\u200b-\u200d\u2060\ufeff]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


class HtmlFindings:
    """What the converter removed, for the parse remarks."""

    __slots__ = ("dropped",)

    def __init__(self) -> None:
        self.dropped: set[str] = set()


# A tag's inside stops at the next "<" as well as at ">": scanning to a ">" that never comes, from
# every "<", took minutes on "<a" repeated. A "<" inside a quoted attribute hides that one tag from
# the depth estimate, which only needs to be roughly right.
_TAG = re.compile(r"<(/?+)([a-zA-Z][a-zA-Z0-9]*+)([^<>]*+)>")
_ANY_TAG = re.compile(r"<[^<>]*+>")
# Elements whose content is not text; an unclosed one runs to the end, as in a browser.
_NOT_TEXT = re.compile(r"<(script|style|head)(?![a-zA-Z0-9])", re.I)
_CLOSING = {name: re.compile(rf"</{name}\s*+>", re.I) for name in ("script", "style", "head")}
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source", "track"})
# The HTML parser's cost grows with the square of nesting depth; legitimate mail
# nests a few dozen levels, a hostile one tens of thousands.
MAX_HTML_DEPTH = 1000


def nesting_depth(html: str) -> int:
    """Deepest element nesting, estimated in one linear scan of the tags."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if match.group(1):
            depth = max(0, depth - 1)
        elif name not in _VOID and not match.group(3).endswith("/"):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def crude_text(html: str) -> str:
    """Tag-stripped text for HTML too hostile to parse properly."""
    return _tidy(_ANY_TAG.sub(" ", _without_non_text(html)))


def _without_non_text(html: str) -> str:
    """``html`` without script, style and head elements, in one pass: each search for a closing tag
    starts where the last one ended, and an element that is never closed takes the rest."""
    kept: list[str] = []
    position = 0
    while (opening := _NOT_TEXT.search(html, position)) is not None:
        kept.append(html[position : opening.start()])
        closing = _CLOSING[opening.group(1).lower()].search(html, opening.end())
        if closing is None:
            return " ".join(kept)
        position = closing.end()
        kept.append(" ")
    kept.append(html[position:])
    return "".join(kept)


def html_to_text(html: str, findings: HtmlFindings | None = None) -> str:
    """Readable text of ``html``; table cells joined with `` | ``, one row per line."""
    # Each level of nesting needs a tag, so the scan is only worth making with that many "<".
    if html.count("<") > MAX_HTML_DEPTH and nesting_depth(html) > MAX_HTML_DEPTH:
        if findings is not None:
            findings.dropped.add("deeply nested markup")
        return crude_text(html)
    # Scripts, frames and objects only exist where their start tag is written: without one, the
    # head need not be searched for them (a CSS query per message costs more than the walk).
    active_content = _ACTIVE_START_TAG.search(html) is not None
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return ""
    pieces: list[str] = []
    cell_open: list[bool] = []  # per open row: has a cell been written yet
    # Iterative walk (hostile HTML can nest deeper than Python's recursion limit).
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if not entering:
            _leave(tag, pieces, cell_open)
            continue
        if tag == "-text":
            pieces.append(_SPACES.sub(" ", node.text_content or ""))  # type: ignore[attr-defined]
            continue
        if tag in _SKIPPED:
            if findings is not None and (tag != "head" or active_content):
                _note_skipped(node, tag, findings)
            continue
        if tag == "img":
            _image(node, pieces, findings)
            continue
        _enter(tag, pieces, cell_open)
        stack.append((node, False))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    return _tidy("".join(pieces))


def _newline(pieces: list[str]) -> None:
    if not pieces or pieces[-1] != "\n":
        pieces.append("\n")


def _enter(tag: str, pieces: list[str], cell_open: list[bool]) -> None:
    if tag == "tr":
        _newline(pieces)
        cell_open.append(False)
    elif tag in _CELLS:
        if cell_open and cell_open[-1]:
            pieces.append(CELL_SEPARATOR)
        if cell_open:
            cell_open[-1] = True
    elif tag == "br":
        pieces.append("\n")
    elif tag in _BLOCKS:
        _newline(pieces)


def _leave(tag: str, pieces: list[str], cell_open: list[bool]) -> None:
    if tag == "tr":
        if cell_open:
            cell_open.pop()
        _newline(pieces)
    elif tag in _BLOCKS and tag != "br":
        _newline(pieces)


_ACTIVE = ("script", "iframe", "frame", "object", "embed", "applet")
_ACTIVE_START_TAG = re.compile("<(?:" + "|".join(_ACTIVE) + ")", re.I)


def _note_skipped(node: object, tag: str, findings: HtmlFindings) -> None:
    if tag in _ACTIVE:
        findings.dropped.add(tag)
    elif tag == "head":
        for inner in node.css(", ".join(_ACTIVE)):  # type: ignore[attr-defined]
            findings.dropped.add(inner.tag)


def _image(node: object, pieces: list[str], findings: HtmlFindings | None) -> None:
    attrs = node.attributes  # type: ignore[attr-defined]
    src = (attrs.get("src") or "").strip().lower()
    if findings is not None and src.startswith(("http:", "https:", "//")):
        findings.dropped.add("remote image")
    alt = (attrs.get("alt") or "").strip()
    if alt:
        pieces.append(f" {alt} ")


def _tidy(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = line.strip("|").strip() if line.replace("|", "").strip() == "" else line
        lines.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
