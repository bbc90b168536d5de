"""What the platform parsers share: building the Notification, the buyer's words, issue and language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from disputed import languages
from disputed.notification import Notification
from disputed.parsers import relay, rules
from disputed.parsers.authenticity import BUILTIN_DOMAINS, within
from disputed.parsers.classify import classify_issue
from disputed.parsers.extract import (Fields, clean_id, find_deadline, find_id, first_int, labelled_fields,
                                      lower_unaccented)
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.language import detect_language
from disputed.parsers.mime import ReadMail, domain_of, html_alternative
from disputed.parsers.reasons import issue_for_reason
from disputed.vocabulary import Issue, Kind, Platform


def notification(mail: ReadMail, kind: Kind, platform: Platform | None, **fields: Any) -> Notification:
    """A Notification carrying the message's identity along with the parser's ``fields``."""
    return Notification(
        kind=kind,
        platform=platform,
        subject=mail.subject,
        sender=mail.from_addr,
        message_id=mail.message_id,
        in_reply_to=mail.in_reply_to,
        references=mail.references,
        received_at=mail.date,
        body_text=mail.text,
        **fields,
    )


def notice_notification(mail: ReadMail, kind: Kind, platform: Platform, notice: Notice, finding: IssueFinding,
                        money: tuple[Decimal, str | None] | None, **fields: Any) -> Notification:
    """A Notification with what every platform notice carries: the issue found, the notice's item, quantity,
    reason and tracking number, the amount, and the deadline the mail names; ``fields`` add the rest."""
    return notification(
        mail,
        kind,
        platform,
        issue=finding.issue,
        confidence=finding.confidence,
        chosen_option=finding.chosen_option,
        item=notice.get("item"),
        quantity=first_int(notice.get("quantity")),
        reason=notice.get("reason"),
        amount=money[0] if money else None,
        currency=money[1] if money else None,
        deadline=find_deadline(mail.text),
        tracking_number=notice.get("tracking"),
        **fields,
    )


def marketplace_of(domain: str, platform: Platform) -> str | None:
    """``marketplace.amazon.co.uk`` -> ``amazon.co.uk``: the platform's allow-listed site the domain
    belongs to (``amazon.evil.test`` belongs to none)."""
    return next((base for base in BUILTIN_DOMAINS[platform] if within(domain, base)), None)


def mail_marketplace(mail: ReadMail, platform: Platform) -> str | None:
    """The platform's site the mail belongs to, by its sender's domain or else its reply-to's."""
    return marketplace_of(mail.from_domain, platform) or marketplace_of(domain_of(mail.reply_to), platform)


# Notices about the seller's account or listings come first: their wording can mention orders and returns.
ACCOUNT_RULES = (
    rules.ACCOUNT_DEACTIVATED,
    rules.ACCOUNT_REVIEW,
    rules.IP_INFRINGEMENT,
    rules.LISTING_REMOVED,
    rules.PERFORMANCE_WARNING,
)


@dataclass(slots=True)
class Notice:
    """A notice's labelled fields and its first table row; the row wins where both name a field."""

    fields: Fields
    row: dict[str, str]

    def get(self, key: str) -> str | None:
        value = self.row.get(key) or self.fields.get(key)
        return tidy(value) if value else None


def case_id(notice: Notice) -> str | None:
    """The platform's case number the notice prints, without ``#`` or spaces."""
    return clean_id(notice.get("case_id") or "") or None


def labelled_order_id(pattern: re.Pattern[str], notice: Notice, also_raw: bool = True) -> str | None:
    """The order id in the notice's order line.

    ``also_raw`` searches the line as printed too, when its cleaned form holds no id.
    """
    labelled = notice.get("order_id")
    if not labelled:
        return None
    return find_id(pattern, clean_id(labelled), labelled if also_raw else None)


# --- relayed buyer mail -------------------------------------------------------------------


def relay_address(mail: ReadMail, platform: Platform, relay_label: str | None) -> str | None:
    """The anonymised buyer address a reply must go to, when the mail came through the platform's relay:
    an address at ``<relay_label>.<allow-listed domain>`` (``marketplace.amazon.de``), nothing else
    (and nothing for a platform that relays no buyer mail, ``relay_label`` None)."""
    if relay_label is None:
        return None
    for address in (mail.reply_to, mail.from_addr):
        domain = domain_of(address)
        if address and any(within(domain, f"{relay_label}.{base}") for base in BUILTIN_DOMAINS[platform]):
            return address
    return None


def relayed_kind(mail: ReadMail) -> Kind:
    """A relayed buyer mail is a message, unless its subject asks to cancel the order."""
    cancelling = rules.CANCELLATION_REQUEST.pattern.search(lower_unaccented(mail.subject))
    return Kind.CANCELLATION_REQUEST if cancelling else Kind.BUYER_MESSAGE


# --- issue --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueFinding:
    issue: Issue | None
    confidence: float | None
    chosen_option: int | None = None


def find_issue(reason: str | None, buyer_text: str | None, language: str | None) -> IssueFinding:
    """A printed reason that maps to an issue wins (confidence 1.0); otherwise the classifier reads the text."""
    mapped = issue_for_reason(reason)
    if mapped is not None:
        return IssueFinding(mapped, 1.0)
    text = "\n".join(t for t in (reason, buyer_text) if t and t.strip())
    if not text:
        return IssueFinding(None, None)
    result = classify_issue(text, language)
    return IssueFinding(result.issue, result.confidence, result.chosen_option)


def printed_reason_issue(reason: str | None) -> IssueFinding:
    """The issue a printed reason maps to (confidence 1.0), read without the classifier."""
    mapped = issue_for_reason(reason)
    return IssueFinding(mapped, 1.0 if mapped else None)


def kind_issue(kind: Kind, reason: str | None, buyer_text: str | None, language: str | None,
               buyer_kinds: frozenset[Kind]) -> IssueFinding:
    """A cancellation is about cancelling; where the buyer wrote, their words count too; else the printed reason."""
    if kind is Kind.CANCELLATION_REQUEST:
        return IssueFinding(Issue.CANCELLATION, 1.0)
    if kind in buyer_kinds:
        return find_issue(reason, buyer_text, language)
    return printed_reason_issue(reason)


# --- language -----------------------------------------------------------------------------

_MIN_LETTERS = 12


def buyer_language(buyer_text: str | None, notice_language: str | None) -> str | None:
    """The buyer's language when they wrote enough to tell, else the notification's."""
    if not buyer_text or not _enough_to_tell(buyer_text):
        return notice_language
    return detect_language(buyer_text, hint=notice_language) or notice_language


def _enough_to_tell(text: str) -> bool:
    """At least _MIN_LETTERS letters, or 4 East Asian characters; counting stops once either is reached."""
    letters = east_asian = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if letters >= _MIN_LETTERS:
                return True
        if ord(ch) >= 0x3040:
            east_asian += 1
            if east_asian >= 4:
                return True
    return False


# A notice's opening tells its language; more text only costs time.
_NOTICE_SAMPLE = 800


def text_language(text: str, hint: str | None) -> str | None:
    return detect_language(text[:_NOTICE_SAMPLE], hint=hint) or hint


# --- the buyer's words in a relayed message -----------------------------------------------

# A relay's preamble is a few lines; the buyer's words follow within the first few kilobytes.
_PREAMBLE_CHARS = 3000


def relay_preamble(text: str) -> str:
    """What the relay printed above the buyer's words: the text before its first rule line, or
    without one the opening lines that are blank, an introduction or an order fact."""
    text = text[:_PREAMBLE_CHARS]
    opening = relay.first_rule_line(text)
    if opening is not None:
        return text[:opening]
    lines = text.split("\n")
    return "\n".join(lines[: _preamble_length(lines)])


def relayed_order_id(pattern: re.Pattern[str], mail: ReadMail) -> str | None:
    """The order a relayed buyer message belongs to, read only where the relay itself writes: the
    subject, then its preamble. The buyer's words can hold any "Order ID:" line they type, and a
    message that followed it would land in that order's case."""
    return find_id(pattern, mail.subject, relay_preamble(mail.text))


def strip_quoted(text: str) -> str:
    """The new part of a reply: quoted history ("On ... wrote:", "> ...", in any language) removed."""
    return relay.cut_quoted(text)


_BLANKS = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str | None) -> str | None:
    """Whitespace collapsed within lines, blank-line runs reduced; None for nothing."""
    if not text:
        return None
    # The blank runs never span a line end, so one substitution serves every line.
    lines = [line.strip() for line in _BLANKS.sub(" ", text).split("\n")]
    joined = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return joined or None


# The lines a relay opens with, the order facts it prints around the buyer's words, the lines it closes with.
_INTRO = re.compile(lower_unaccented(rf"^({languages.alternation('RELAY_INTRODUCTIONS')})"))
_FACT_LINE = re.compile(lower_unaccented(rf"^({languages.alternation('RELAY_FACT_LABELS')})\s*#?\s*[:：]"))
_OUTRO = re.compile(lower_unaccented(rf"^({languages.alternation('RELAY_CLOSINGS')})"))


def relay_message(text: str, labelled: str | None = None) -> str | None:
    """The buyer's own words in a message the marketplace relayed, without the relay's boilerplate."""
    block = relay.between_markers(text)
    if block is not None:
        body = _without_facts(block)
    elif labelled:
        body = labelled
    else:
        shaped = (relay.under_label(text) or relay.after_member_line(text) or relay.after_label(text)
                  or relay.above_rule(text) or relay.above_signature(text))
        body = _without_facts(shaped) if shaped else _without_boilerplate(text)
    return tidy(without_residue(strip_quoted(body)))


# A relay's button is a short line; a closing sentence starts its own paragraph. A buyer's line that
# only begins like one ("注文の確認をお願いします...") inside their paragraph stays.
_MAX_BUTTON_CHARS = 40
_MAX_BUTTON_WORDS = 6


def _is_closing(line: str, after_blank: bool) -> bool:
    if not _OUTRO.match(lower_unaccented(line)):
        return False
    return after_blank or (len(line) <= _MAX_BUTTON_CHARS and len(line.split()) <= _MAX_BUTTON_WORDS)


def without_residue(text: str) -> str:
    """The buyer's words without what the relay leaves around them: a line that is only a link or a
    button with its link, a rule line and everything under it, a closing line ("Reply in the Message
    Center", "Do not reply to this e-mail") and what follows, and the marketplace's signature lines
    above or below ("AliExpress Seller Service"). A sentence of the buyer's that names the marketplace stays."""
    kept: list[str] = []
    words = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        closing = words and _is_closing(stripped, after_blank=not kept[-1].strip())
        if relay.rule_character(stripped) is not None or closing:
            if words:
                break
            continue
        if relay.is_link_line(stripped):
            continue
        kept.append(line)
        words = True
    while kept and (not kept[-1].strip() or relay.is_platform_signature(kept[-1])):
        kept.pop()
    start = 0
    while start < len(kept) and (not kept[start].strip() or relay.is_platform_signature(kept[start])):
        start += 1
    return "\n".join(kept[start:])


# The notices that carry a buyer's complaint in their own words: a dispute, a return request, a claim.
CLAIM_KINDS = frozenset({Kind.DISPUTE, Kind.RETURN_REQUEST, Kind.ATOZ_CLAIM})


def notice_buyer_words(mail: ReadMail, kind: Kind, notice: Notice) -> str | None:
    """The buyer's words in a platform's own notice: looked for by shape too in a claim (``notice_words``),
    only under a comment label in any other (a feedback's comment)."""
    return notice_words(mail, notice) if kind in CLAIM_KINDS else notice.get("comment")


# A notice's buyer's words are read from its opening this long.
_NOTICE_WORDS_CHARS = 20_000


def notice_words(mail: ReadMail, notice: Notice) -> str | None:
    """The buyer's words in a dispute, return or claim notice (``notice_words_in``), read in the mail's
    HTML part too when its plain part holds none (a plain part that only says where to read the notice)."""
    found = notice_words_in(mail.text, notice)
    if found is None and mail.html_part is not None:
        html = html_alternative(mail)
        found = notice_words_in(html, Notice(labelled_fields(html, FIELD_LABELS), {}))
    return found


def notice_words_in(text: str, notice: Notice) -> str | None:
    """The buyer's words in a dispute, return or claim notice: the labelled comment (or message), else,
    when the notice labels them in words we do not know, by shape: prose under a label or in a table
    row, then prose in quotation marks, then the last prose paragraph under a heading; never the
    notice's own wording (a closing, a link, a line naming the marketplace)."""
    labelled = notice.get("comment") or notice.get("message")
    if labelled:
        return tidy(without_residue(labelled))
    text = text[:_NOTICE_WORDS_CHARS]
    marked = relay.between_markers(text)
    if marked is not None and _may_be_buyers(marked):
        return tidy(without_residue(_without_facts(marked)))
    candidates = relay.labelled_prose(text, _labels_another_field)
    under_label = [relay.unquoted(value) for heading, value in candidates if not heading and _may_be_buyers(value)]
    if under_label:
        return tidy(without_residue(max(under_label, key=_buyer_likeness)))
    quoted = [value for value in relay.quoted_blocks(text) if _may_be_buyers(value)]
    if quoted:
        return tidy(without_residue(max(quoted, key=_buyer_likeness)))
    under_heading = [relay.unquoted(value) for heading, value in candidates if heading and _may_be_buyers(value)]
    return tidy(without_residue(under_heading[-1])) if under_heading else None


def _labels_another_field(label: str) -> bool:
    found = FIELD_LABELS.get(label)
    return found is not None and found.key not in ("comment", "message")


def _may_be_buyers(value: str) -> bool:
    folded = lower_unaccented(value.strip())
    return not (_OUTRO.match(folded) or _INTRO.match(folded) or _FACT_LINE.match(folded))


def _buyer_likeness(value: str) -> tuple[bool, int]:
    """Prose that does not name the marketplace first, then the longer."""
    return not relay.PLATFORM_NAMES.search(value), len(value)


def _without_facts(block: str) -> str:
    """A marked block without the order facts some relays print inside it, first or last."""
    lines = block.split("\n")
    while lines and (not lines[0].strip() or _is_preamble(lower_unaccented(lines[0].strip()))):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _FACT_LINE.match(lower_unaccented(lines[-1].strip()))):
        lines.pop()
    return "\n".join(lines)


def _is_preamble(folded_line: str) -> bool:
    return bool(_INTRO.match(folded_line) or _FACT_LINE.match(folded_line) or _is_order_fact(folded_line))


# An order fact in words no bundle has: a short label, a colon, a long number ("Numer: 8190123456789012").
_ORDER_FACT = re.compile(r"[^:：]{1,40}[:：] ?#? ?[0-9-]{6,40}")
_MAX_ORDER_FACT_WORDS = 4


def _is_order_fact(line: str) -> bool:
    return bool(_ORDER_FACT.fullmatch(line)) and len(re.split("[:：]", line, maxsplit=1)[0].split()) <= _MAX_ORDER_FACT_WORDS


def _preamble_length(lines: list[str], start: int = 0) -> int:
    """How many of ``lines`` (from ``start``) are blank, an introduction or an order fact before anything else."""
    while start < len(lines) and (not lines[start].strip() or _is_preamble(lower_unaccented(lines[start].strip()))):
        start += 1
    return start


# A relay's opening lines before its order facts are short: a title, a greeting.
_MAX_OPENING_LINES = 3
_MAX_OPENING_WORDS = 6


def _past_unknown_opening(lines: list[str], start: int) -> int:
    """Where the words start when the relay opens with lines we have no words for: after its order facts when a
    short title ("Yeni mesaj geldi") comes before them, or after the last opening line ending in a colon that
    introduces the words ("买家 ivan_p 发来一条消息：", "Buyer anna sent you this message:"); else ``start``."""
    index, introduced = start, start
    while index < len(lines) and index - start < _MAX_OPENING_LINES + 2:
        stripped = lines[index].strip()
        if stripped and (_FACT_LINE.match(lower_unaccented(stripped)) or relay.is_fact_line(stripped)):
            return _past_facts(lines, index)
        if stripped and stripped[-1] in ":：":
            introduced = index + 1
        elif stripped and (len(stripped.split()) > _MAX_OPENING_WORDS or stripped[-1] in ".!?。！？؟"):
            return introduced
        index += 1
    return introduced


def _past_facts(lines: list[str], start: int) -> int:
    """Past the blank lines, introductions and order facts (by the bundles' labels or by shape) from ``start``."""
    while start < len(lines):
        stripped = lines[start].strip()
        if stripped and not _is_preamble(lower_unaccented(stripped)) and not relay.is_fact_line(stripped):
            break
        start += 1
    return start


def _without_boilerplate(text: str) -> str:
    """The words of a relay with no marker: from past its opening to its closing or its order facts. When order
    facts cut them short, the words under the facts are read too, and the longer of the two stands: a relay opens
    with a sentence of its own ("您有一条来自买家的新消息，请及时处理。") above the facts and the buyer's words, or
    puts the facts under the words."""
    lines = text.split("\n")
    above, stop = _words_from(lines, _past_unknown_opening(lines, _preamble_length(lines)))
    if stop >= len(lines):
        return above
    below, _ = _words_from(lines, _preamble_length(lines, stop))
    return below if _letters(below) > _letters(above) else above


def _words_from(lines: list[str], start: int) -> tuple[str, int]:
    """The lines from ``start`` up to a closing line or an order fact, and where they stopped."""
    kept: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        folded = lower_unaccented(line.strip())
        after_blank = not kept or not kept[-1].strip()
        if folded and _is_closing(line.strip(), after_blank):
            return "\n".join(kept), len(lines)  # a closing ends the relay: nothing of the buyer's below it
        if _FACT_LINE.match(folded):
            return "\n".join(kept), index
        kept.append(line)
    return "\n".join(kept), len(lines)


def _letters(text: str) -> int:
    return sum(character.isalpha() for character in text)
