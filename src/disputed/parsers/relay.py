"""Where the buyer's words are in a relayed message, told by the shape of the lines, not their words.

Marketplaces relay a buyer's message inside their own text, and the wording around it
changes with the marketplace, the language and the year ("Begin message", "メッセージ開始",
"Początek wiadomości"...). The shapes hold still:

- **Marker lines.** The words sit between two *rule lines* drawn alike: a run of one
  separator character (``-----``, ``=====``, ``_____``, ``——``), alone or around a few words
  (``------------- Début du message -------------``). The first rule line opens; the next
  one drawn with the same character closes, whatever either says.
- **A label, then a rule.** ``Message:`` (any language: a short line ending in a colon),
  the words, and a bare rule line under them.
- **A member line.** ``New message from: anna_b (125)``: a short line that ends in a
  parenthesised number (the member's feedback score) opens; the words run until a signature
  line (``- anna_b``), a link, or a lone short line after a blank (a "Reply" button).

A platform's own notice (a dispute, a return request) whose label for the buyer's words we do
not know still shows them by shape (``labelled_prose``, ``quoted_blocks``): words after a short
label or a sentence ending in a colon, in a table row, under a heading, or in quotation marks.
What a relay leaves around the words is known by shape as well: a line that is only a link (or a
button and its link), a rule line, a short line naming the marketplace (``is_link_line``,
``is_platform_signature``).

Quoted history is cut by shape too (``cut_quoted``): a ``>`` line, a rule line with words
(``-----Original Message-----`` in any language), an attribution line (ends in a colon
and carries an address, a year or a time: "On 3 May 2026 ... wrote:", "Am ... schrieb ...:",
"在 2026年5月3日 ... 写道："), or an e-mail header line ("From: x@y" in any language).

Everything here scans lines with string methods and small regular expressions without
nested repetition, so the cost stays linear in the text whatever it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from disputed.platforms import PLATFORMS

# Characters a relay draws its rule lines with.
RULE_CHARACTERS = frozenset("-=_*~#─━═—–+・·")
MIN_RULE_RUN = 3
MAX_MARKER_WORDS_CHARS = 80
# Rule lines tried as the opening marker: a relay draws a few; a text of thousands is not read again for each.
MAX_OPENING_RULES = 8
MAX_LABEL_CHARS = 40
MAX_MEMBER_LINE_CHARS = 100
MAX_ATTRIBUTION_CHARS = 240
MAX_HEADER_LABEL_CHARS = 16
# A lone line at most this long after a blank line ends a member-line relay (its "Reply" button).
MAX_BUTTON_CHARS = 24

_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d\d\b|\d{1,2}:\d\d|\d{4}年")
_MEMBER_SCORE = re.compile(r"\(\s*-?\d{1,7}\s*[★☆*]?\s*\)$")


def rule_character(line: str) -> str | None:
    """The separator a rule line is drawn with (a run of one character, bare or around a few words)."""
    stripped = line.strip()
    if len(stripped) < MIN_RULE_RUN or stripped[0] not in RULE_CHARACTERS:
        return None
    mark = stripped[0]
    lead = len(stripped) - len(stripped.lstrip(mark))
    if lead == len(stripped):
        return mark if lead >= MIN_RULE_RUN else None
    tail = len(stripped) - len(stripped.rstrip(mark))
    middle = stripped[lead : len(stripped) - tail].strip()
    if lead < MIN_RULE_RUN or tail < MIN_RULE_RUN or len(middle) > MAX_MARKER_WORDS_CHARS:
        return None
    return mark


def is_bare_rule(line: str) -> bool:
    stripped = line.strip()
    return rule_character(stripped) is not None and not stripped.strip(stripped[0]).strip()


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def between_markers(text: str) -> str | None:
    """The text between a rule line and the next one drawn with the same character. An opening rule with no
    partner below it (a title's underline, "=========") gives way to the next rule line as the opening."""
    rules = [(offset, line, mark) for offset, line in _lines_with_offsets(text) if (mark := rule_character(line))]
    for index, (offset, line, mark) in enumerate(rules[:MAX_OPENING_RULES]):
        partner = next((later for later in rules[index + 1 :] if later[2] == mark), None)
        if partner is None:
            continue
        block = text[offset + len(line) + 1 : partner[0]].strip()
        if block:
            return block
        # an empty pair (a decorative double rule): the next pair counts
    return None


def under_label(text: str) -> str | None:
    """The words between a short label line ending in a colon and the bare rule line under them."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not is_bare_rule(line):
            continue
        for above in range(index - 1, -1, -1):
            candidate = lines[above].strip()
            if _is_label(candidate):
                block = "\n".join(lines[above + 1 : index]).strip()
                return block or None
        return None
    return None


def _is_label(line: str) -> bool:
    return 0 < len(line) <= MAX_LABEL_CHARS and line[-1] in ":：" and len(line.split()) <= 4


def after_member_line(text: str) -> str | None:
    """The words after a "message from: member (score)" line, up to the signature, a link or a button."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) <= MAX_MEMBER_LINE_CHARS and _MEMBER_SCORE.search(stripped):
            member = _member_name(stripped)
            kept = _until_relay_footer(lines[index + 1 :], member)
            block = "\n".join(kept).strip()
            return block or None
    return None


def _member_name(line: str) -> str:
    before = line[: line.rfind("(")].strip()
    return before.split()[-1].strip(":：") if before.split() else ""


def _until_relay_footer(lines: list[str], member: str) -> list[str]:
    kept: list[str] = []
    blank_before = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped[:2] in ("- ", "— ") and (not member or member in stripped):
            break
        if "://" in stripped:
            break
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if kept and blank_before and next_blank and _looks_like_button(stripped):
            break
        kept.append(line)
        blank_before = not stripped
    return kept


def _looks_like_button(line: str) -> bool:
    return 0 < len(line) <= MAX_BUTTON_CHARS and len(line.split()) <= 2 and line[-1] not in ".!?。！？"


def after_label(text: str) -> str | None:
    """The paragraph under the last label line ("Message:", "Nachricht des Käufers:") that is
    followed by words rather than by order mail."""
    lines = text.split("\n")
    for index in range(len(lines) - 2, -1, -1):  # from the end: each line is looked at once or twice
        following = lines[index + 1].strip()
        if _is_label(lines[index].strip()) and following and not is_fact_line(following):
            paragraph = []
            for below in lines[index + 1 :]:
                if not below.strip() or is_bare_rule(below):
                    break
                paragraph.append(below)
            return "\n".join(paragraph).strip() or None
    return None


def above_rule(text: str) -> str | None:
    """The paragraphs just above the first bare rule line, up to the nearest paragraph of order facts."""
    lines = text.split("\n")
    rule = next((index for index, line in enumerate(lines) if is_bare_rule(line)), None)
    if rule is None:
        return None
    start = rule
    while start > 0:
        above = lines[start - 1]
        if above.strip() and (is_fact_line(above.strip()) or _is_label(above.strip())):
            break
        start -= 1
    block = "\n".join(lines[start:rule]).strip()
    return block or None


def above_signature(text: str) -> str | None:
    """The words above a "- member" signature line, when the relay starts with them."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped[:2] in ("- ", "— ") and 0 < len(stripped) <= MAX_LABEL_CHARS and len(stripped.split()) <= 3:
            block = "\n".join(lines[:index]).strip()
            return block or None
        if stripped and is_fact_line(stripped):
            return None
    return None


_LONG_NUMBER = re.compile(r"\d{6}|[A-Z0-9]{10}")


def is_fact_line(line: str) -> bool:
    """An order fact a relay prints: a long number or code (order id, ASIN, item number), or a short
    label and a value ("Qty: 1", "Artikel: Lampe")."""
    if _LONG_NUMBER.search(line):
        return True
    for colon in (":", "："):
        label, sep, value = line.partition(colon)
        if sep and value.strip() and 0 < len(label.strip()) <= 30 and len(label.split()) <= 4:
            return True
    return False


def cut_quoted(text: str) -> str:
    """The new part of a reply: everything from the first line that starts quoted history removed."""
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(">") or _starts_history(stripped):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _starts_history(line: str) -> bool:
    if not line:
        return False
    mark = rule_character(line)
    if mark is not None and line.strip(mark).strip():  # a rule with words: "---- Original Message ----"
        return True
    if _is_attribution(line):
        return True
    return "@" in line and _is_header_line(line)


def _is_attribution(line: str) -> bool:
    """'On <date> <name> <address> wrote:' in any language: ends in a colon, names an address or a date."""
    if len(line) > MAX_ATTRIBUTION_CHARS or line[-1] not in ":：" or rule_character(line):
        return False
    return "@" in line or _YEAR_OR_TIME.search(line) is not None


def _is_header_line(line: str) -> bool:
    """'From: ...', 'Von: ...', '差出人: ...': a one-word label, a colon, a value."""
    for colon in (":", "："):
        label, sep, value = line.partition(colon)
        if sep and value.strip() and 0 < len(label) <= MAX_HEADER_LABEL_CHARS and len(label.split()) == 1:
            return True
    return False


def first_rule_line(text: str) -> int | None:
    """Where the first rule line starts (the relay's opening marker), or None."""
    for offset, line in _lines_with_offsets(text):
        if rule_character(line) is not None:
            return offset
    return None


# --- the buyer's words in a notice that labels them in words we do not know ----------------

# A value reads as the buyer's own prose when it has this many words (or East Asian characters)...
MIN_PROSE_WORDS = 4
MIN_PROSE_EAST_ASIAN = 8
# ...and ends a sentence somewhere, or is this long without one (a typed run-on message).
LONG_PROSE_WORDS = 12
LONG_PROSE_EAST_ASIAN = 20
MAX_HEADING_WORDS = 5
MAX_INTRODUCTION_CHARS = 120
# The paragraph under a label is read this far: each line is then looked at a bounded number of times.
MAX_PARAGRAPH_LINES = 60
_SENTENCE_END = frozenset(".!?。！？؟…")
_QUOTES = {"\"": "\"", "“": "”", "„": "“", "«": "»", "「": "」", "『": "』", "‘": "’", "”": "”"}
_LINK = re.compile(r"https?://\S*|www\.\S*")


def _east_asian(text: str) -> int:
    return sum(1 for ch in text if ord(ch) >= 0x3040 and ch.isalpha())


def is_prose(text: str) -> bool:
    """Words someone wrote, not a fact a notice prints: enough words, a sentence's end, no link."""
    text = text.strip()
    if not text or _LINK.search(text):
        return False
    words, wide = len(text.split()), _east_asian(text)
    has_end = any(ch in _SENTENCE_END for ch in text)
    if wide >= MIN_PROSE_EAST_ASIAN:
        return has_end or wide >= LONG_PROSE_EAST_ASIAN
    return words >= MIN_PROSE_WORDS and (has_end or words >= LONG_PROSE_WORDS)


def _label_head(line: str) -> tuple[str, str] | None:
    """``Label: value`` or ``Label | value`` (a table row as text): the short label and its value."""
    cut = -1
    for separator in (":", "：", " | ", "\t"):
        at = line.find(separator)
        if 0 < at and (cut < 0 or at < cut):
            cut, width = at, len(separator)
    if cut < 0:
        return None
    if line[-1] in ":：" and len(line) <= MAX_INTRODUCTION_CHARS:
        return line[:-1].strip(), ""  # "The buyer opened a dispute and wrote:" introduces what follows
    label = line[:cut].strip().strip("|*•").strip()
    if not label or len(label) > MAX_LABEL_CHARS or len(label.split()) > MAX_HEADING_WORDS:
        return None
    if any(ch in _SENTENCE_END for ch in label) or "//" in line[cut : cut + 3]:
        return None
    return label, line[cut + width :].strip().strip("|").strip()


def labelled_prose(text: str, skip_label: Callable[[str], bool] = lambda label: False) -> list[tuple[bool, str]]:
    """Every value under a short label that reads as words (``is_labelled_words``), on its line
    (``Label: words``, ``Label | words``) or in the paragraph under a label line, and every prose
    paragraph under a heading (a short line with no colon after a blank line or the notice's facts);
    each with whether a heading introduced it."""
    lines = text.split("\n")
    found: list[tuple[bool, str]] = []
    index, opens = 0, True  # opens: the line before was blank, a fact or a label (a heading may follow)
    seen_words = False
    while index < len(lines):
        stripped = lines[index].strip().strip("|").strip()
        head = _label_head(stripped) if stripped else None
        heading = stripped if (stripped and opens and head is None and _is_heading(stripped)) else None
        label = head[0] if head else heading
        value = head[1] if head else ""
        index += 1
        opens = not stripped or head is not None or is_fact_line(stripped)
        if label is None or skip_label(label) or (not value and not seen_words):
            seen_words = seen_words or bool(stripped)
            continue  # the notice's first line greets ("Dear Seller:") or titles it: no label
        seen_words = True
        if not value:  # the words in the paragraph under the label line
            below = index
            while below < len(lines) and not lines[below].strip():
                below += 1
            paragraph: list[str] = []
            while (below < len(lines) and lines[below].strip() and not is_bare_rule(lines[below])
                   and len(paragraph) < MAX_PARAGRAPH_LINES):
                line = lines[below].strip().strip("|").strip()
                if _label_head(line) is not None:
                    break
                paragraph.append(line)
                below += 1
            value = "\n".join(paragraph)
            if is_prose(value) if heading is not None else is_labelled_words(value):
                index, opens = below, False
        if is_prose(value) if heading is not None else is_labelled_words(value):
            found.append((heading is not None, value))
    return found


def is_labelled_words(text: str) -> bool:
    """A labelled value that reads as someone's words: prose, or a few words with a sentence's end, or
    five words or more (a typed message without stops); never a number, a code or a link."""
    text = text.strip()
    if not text or _LINK.search(text) or _LONG_NUMBER.search(text):
        return is_prose(text)
    words, wide = len(text.split()), _east_asian(text)
    if wide:
        return wide >= MIN_PROSE_EAST_ASIAN
    return words >= 5 or (words >= 3 and any(ch in _SENTENCE_END for ch in text))


def _is_heading(line: str) -> bool:
    """A short line that names what follows: a few words, no sentence end, no comma (not "Dear Seller,")."""
    return (len(line) <= MAX_LABEL_CHARS and len(line.split()) <= MAX_HEADING_WORDS and line[-1] not in ",，、"
            and not any(ch in _SENTENCE_END for ch in line) and not _LONG_NUMBER.search(line))


def unquoted(text: str) -> str:
    """``text`` without the quotation marks around all of it."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in _QUOTES and stripped[-1] == _QUOTES[stripped[0]]:
        return stripped[1:-1].strip()
    return stripped


def quoted_blocks(text: str) -> list[str]:
    """Prose a notice prints in quotation marks, a line of its own or the end of one
    (“The strap is plastic.”, The buyer wrote: "The strap is plastic.")."""
    found = []
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) < 3:
            continue
        opening = next((at for at, ch in enumerate(stripped) if ch in _QUOTES), -1)
        if opening < 0:
            continue
        closing = stripped.rfind(_QUOTES[stripped[opening]])
        if closing > opening + 1 and not stripped[closing + 1 :].strip(" .。:"):
            inner = stripped[opening + 1 : closing].strip()
            if is_labelled_words(inner):
                found.append(inner)
    return found


# --- what a relay leaves around the buyer's words -----------------------------------------

MAX_BUTTON_WORDS = 4
MAX_SIGNATURE_WORDS = 3
MAX_SIGNATURE_REST_CHARS = 20
MAX_SIGNATURE_EAST_ASIAN = 4
_COMPANY = re.compile(r"^(?:©|\(c\)|copyright)|\b(?:inc|ltd|limited|llc|gmbh|pte|s\.?a\.?r\.?l)\b\.?", re.IGNORECASE)
# The marketplaces' names as their mail signs it (each platform's ``brand`` and ``other_names``).
PLATFORM_NAMES = re.compile("|".join(re.escape(name) for facts in PLATFORMS.values()
                                     for name in (facts.brand, *facts.other_names)), re.IGNORECASE)


def is_link_line(line: str) -> bool:
    """A line that is a link, maybe with a button's few words ("Reply: https://...", "<https://...>")."""
    if not _LINK.search(line):
        return False
    rest = _LINK.sub(" ", line).strip(" \t<>[]()|:：-–—→»")
    return len(rest.split()) <= MAX_BUTTON_WORDS and not any(ch in ".!?。！？" for ch in rest[:-1])


def is_platform_signature(line: str) -> bool:
    """A line naming the marketplace that signs the relay: a few words ("AliExpress Seller Service") or
    a company's name and rights ("© 2026 eBay Inc. All rights reserved"); not a sentence of the buyer's."""
    stripped = line.strip()
    if not PLATFORM_NAMES.search(stripped) or stripped[-1:] in ("?", "!", "？", "！"):
        return False
    if _COMPANY.search(stripped) is not None:
        return True
    # Besides the name, a word or two ("Seller Service", "チーム"): "AliExpressで買った箱が空でした" is a sentence.
    rest = PLATFORM_NAMES.sub(" ", stripped).strip(" .,:;-–—·|")
    return (len(rest.split()) <= MAX_SIGNATURE_WORDS - 1 and len(rest) <= MAX_SIGNATURE_REST_CHARS
            and _east_asian(rest) <= MAX_SIGNATURE_EAST_ASIAN)
