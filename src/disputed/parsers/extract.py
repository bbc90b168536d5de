"""Readers for the facts printed in notices: labelled fields, tables, ids, amounts, deadlines.

They work on the plain text of a notice, whether it came as text/plain or was
converted from HTML (where table cells arrive separated by `` | ``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from disputed import languages

# --- folding ------------------------------------------------------------------------------


def lower_unaccented(text: str) -> str:
    """Lower case, accents and width variants removed, curly quotes straightened: for matching only."""
    if text.isascii():  # most text; the quotes straightened below are none of them ASCII
        return text.lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00b4", "'").replace("\u2032", "'")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    # Only Latin accents go; kana voicing marks recompose so が stays が.
    return unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", decomposed)).lower().replace("ß", "ss")


_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")


# --- labelled fields ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Label:
    key: str  # canonical field name: order_id, item, reason, comment...
    language: str | None  # None for language-neutral labels (ASIN, SKU)


class LabelSet:
    """Field labels in several languages, matched on folded text."""

    def __init__(self, table: dict[str, dict[str, tuple[str, ...]]]) -> None:
        self._labels: dict[str, Label] = {}
        for key, by_language in table.items():
            for language, names in by_language.items():
                for name in names:
                    self._labels[_norm_label(name)] = Label(key, None if language == "*" else language)

    def get(self, text: str) -> Label | None:
        return self._labels.get(_norm_label(text))


# Each run is tried from where it starts only (the lookbehinds): a run that does not reach the end
# from its start does not from inside it either, and trying every blank of it took quadratic time.
_LABEL_NOISE = re.compile(r"(?<![\s:：#＃*•·\-–])[\s:：#＃*•·\-–]++$|^[\s*•·\-–>]++")
_NUMBER_SIGN = re.compile(r"(?<!\s)\s++(n°|no\.?|nr\.?|n\.o|n\.º|n\.°|#)$")
_WHITESPACE = re.compile(r"\s+")


def _norm_label(text: str) -> str:
    # Every line's head is looked up, and the same few hundred heads recur in all mail: short ones
    # are remembered (long ones, rare and possibly hostile, are not kept).
    return _norm_short_label(text) if len(text) <= 64 else _normalised_label(text)


@lru_cache(maxsize=4096)
def _norm_short_label(text: str) -> str:
    return _normalised_label(text)


def _normalised_label(text: str) -> str:
    text = lower_unaccented(text)
    text = _LABEL_NOISE.sub("", text)
    text = _NUMBER_SIGN.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(slots=True)
class Fields:
    values: dict[str, str]
    languages: list[str]  # language of each matched label, in order

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def language(self) -> str | None:
        """The language most labels were written in; on a tie, the one that labels first (a set's
        order would change with the process's hash seed, and with it the answer)."""
        if not self.languages:
            return None
        return max(dict.fromkeys(self.languages), key=self.languages.count)


_SPLIT = re.compile(r"(?<!\s)\s*(?:[:：]|\s\|\s|\t)\s*")  # from a blank run's start only, as _LABEL_NOISE
_MULTILINE_KEYS = frozenset({"comment", "message"})


def labelled_fields(text: str, labels: LabelSet, max_lines: int = 400) -> Fields:
    """``Label: value`` lines (or ``Label | value`` table rows); a label alone on its line takes the next line."""
    lines = text.split("\n", max_lines)[:max_lines]
    values: dict[str, str] = {}
    languages: list[str] = []
    i = 0
    while i < len(lines):
        label, value = _split_line(lines[i], labels)
        i += 1
        if label is None:
            continue
        if label.language:
            languages.append(label.language)
        if label.key in values:
            continue
        if not value:
            while i < len(lines) and not lines[i].strip():
                i += 1
            if i < len(lines) and _split_line(lines[i], labels)[0] is None:
                value = lines[i].strip()
                i += 1
        if label.key in _MULTILINE_KEYS and value:
            more, i = _continuation(lines, i, labels)
            value = "\n".join([value, *more]) if more else value
        if value:
            values[label.key] = value.strip().strip("|").strip()
    return Fields(values, languages)


def _split_line(line: str, labels: LabelSet) -> tuple[Label | None, str]:
    stripped = line.strip().lstrip("|").strip()
    if not stripped or len(stripped) > 2000:
        return None, ""
    separator = _SPLIT.search(stripped)  # (the value is only cut out for a known label)
    head = stripped[: separator.start()] if separator else stripped
    if len(head) > 48:
        return None, ""
    label = labels.get(head)
    if label is None:
        return None, ""
    return label, stripped[separator.end() :].strip() if separator else ""


# Any "Short label: value" line ends a multi-line value, known label or not ("Request received: ...").
_ANY_LABEL = re.compile(r"^\s*[^\s:：.!?][^:：.!?]{0,40}[:：](?:\s|$)")


def _continuation(lines: list[str], i: int, labels: LabelSet) -> tuple[list[str], int]:
    """Lines that continue a multi-line value, up to a blank line or the next label."""
    more: list[str] = []
    while i < len(lines) and lines[i].strip() and not _ANY_LABEL.match(lines[i]):
        more.append(lines[i].strip())
        i += 1
    return more, i


# --- tables -------------------------------------------------------------------------------

_CELLS = re.compile(r"\s*\|\s*|\t+|\s{2,}")


def table_rows(text: str, columns: LabelSet, min_columns: int = 3) -> tuple[list[dict[str, str]], str | None]:
    """Rows of the first table whose header names at least ``min_columns`` known columns.

    Returns the rows (column key -> cell) and the language of the header.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.count("|") < 2 and "\t" not in line and "  " not in line.strip():
            continue
        header = [c for c in _CELLS.split(line.strip().strip("|")) if c]
        found = [columns.get(cell) for cell in header]
        if sum(1 for f in found if f is not None) < min_columns:
            continue
        return _rows_below(lines, index + 1, found), _header_language(found)
    return [], None


def _rows_below(lines: list[str], start: int, header: list[Label | None]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for line in lines[start : start + 50]:
        stripped = line.strip().strip("|").strip()
        if not stripped or set(stripped) <= set("-=+| "):
            if rows:
                break
            continue
        cells = _CELLS.split(stripped)
        if len(cells) < 2:
            break
        row = {label.key: cell.strip() for label, cell in zip(header, cells) if label is not None and cell.strip()}
        rows.append(row)
    return rows


def _header_language(found: list[Label | None]) -> str | None:
    languages = [f.language for f in found if f is not None and f.language]
    return max(set(languages), key=languages.count) if languages else None


# --- identifiers --------------------------------------------------------------------------

# Each platform's order ids are its package's ``ORDER_ID`` (``disputed.platforms.<name>``).
ASIN = re.compile(r"(?<![A-Z0-9])(B0[A-Z0-9]{8})(?![A-Z0-9])")
_LABELLED_ASIN = re.compile(r"^[A-Z0-9]{10}$")


_ID_PREFIX = re.compile(r"^(?:#|n[°ºo]\.?|no\.|nr\.)", re.I)
_ID_SPACES = re.compile(r"[\s#＃\u00a0]")


def clean_id(value: str) -> str:
    """An identifier as printed, without ``#``, ``No.`` or spaces."""
    value = _ID_PREFIX.sub("", value.strip())
    return _ID_SPACES.sub("", value)


def find_id(pattern: re.Pattern[str], *texts: str | None) -> str | None:
    """First identifier matching ``pattern`` in the texts, in order; separators normalised to ``-``."""
    for text in texts:
        if not text:
            continue
        match = pattern.search(text)
        if match:
            return "-".join(match.groups())
    return None


def last_id(pattern: re.Pattern[str], text: str) -> str | None:
    """Last identifier matching ``pattern`` in ``text``, separators normalised to ``-``."""
    last = None
    for last in pattern.finditer(text):
        pass
    return "-".join(last.groups()) if last else None


def find_asin(*texts: str | None) -> str | None:
    for text in texts:
        if not text:
            continue
        if _may_be_bare_asin(text):
            candidate = clean_id(text)
            if _LABELLED_ASIN.match(candidate):
                return candidate
        match = ASIN.search(text)
        if match:
            return match.group(1)
    return None


# What clean_id keeps that no ASIN holds. It removes blanks and "#" everywhere but letters only in a
# prefix of at most three characters ("No."), so one such character further on rules an ASIN out.
_NOT_IN_ASIN = re.compile(r"[^A-Z0-9\s#＃\u00a0]")


def _may_be_bare_asin(text: str) -> bool:
    """Whether ``clean_id(text)`` can be an ASIN; a whole notice body (most calls) is ruled out at its first word."""
    return _NOT_IN_ASIN.search(text.strip(), 3) is None


_SMALL_NUMBER = re.compile(r"\d{1,6}")


def first_int(value: str | None) -> int | None:
    match = _SMALL_NUMBER.search(value or "")
    return int(match.group(0)) if match else None


# --- money --------------------------------------------------------------------------------

_PREFIXES = {
    "us $": "USD", "us$": "USD", "usd": "USD", "ca$": "CAD", "cdn$": "CAD", "cdn $": "CAD", "c$": "CAD",
    "cad": "CAD", "au$": "AUD", "a$": "AUD", "aud": "AUD", "mx$": "MXN", "mxn": "MXN", "r$": "BRL",
    "brl": "BRL", "eur": "EUR", "€": "EUR", "gbp": "GBP", "£": "GBP", "jpy": "JPY", "¥": "JPY", "￥": "JPY",
    "cny": "CNY", "rmb": "CNY", "cn¥": "CNY", "chf": "CHF", "sek": "SEK", "pln": "PLN", "zł": "PLN", "$": None,
}
_SUFFIXES = {
    "€": "EUR", "eur": "EUR", "usd": "USD", "gbp": "GBP", "£": "GBP", "円": "JPY", "jpy": "JPY", "元": "CNY",
    "cny": "CNY", "rmb": "CNY", "chf": "CHF", "kr": "SEK", "sek": "SEK", "zł": "PLN", "pln": "PLN", "cad": "CAD",
    "$": None,
}
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"


def _alternation(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


_MONEY = re.compile(
    rf"(?i)(?P<pre>{_alternation(_PREFIXES)})\s?(?P<n1>{_NUMBER})(?![\d.,])"
    rf"|(?<![\w.,])(?P<n2>{_NUMBER})\s?(?P<suf>{_alternation(_SUFFIXES)})(?![A-Za-z])"
)

# "$" alone means the marketplace's dollar.
_DOLLAR_BY_MARKETPLACE = {"ca": "CAD", "com.au": "AUD", "au": "AUD", "com.mx": "MXN", "mx": "MXN", "sg": "SGD"}


def find_money(text: str | None, marketplace: str | None = None) -> tuple[Decimal, str | None] | None:
    """The first amount in ``text`` as (Decimal, ISO currency or None)."""
    if not text:
        return None
    match = _MONEY.search(text)
    if not match:
        return None
    number = match.group("n1") or match.group("n2")
    symbol = (match.group("pre") or match.group("suf") or "").lower()
    table = _PREFIXES if match.group("pre") else _SUFFIXES
    currency = table.get(symbol)
    if currency is None and "$" in symbol:
        currency = _dollar(marketplace)
    if currency == "JPY" and ("元" in text[match.start() : match.end() + 1] or marketplace in ("aliexpress.com",)):
        currency = "CNY" if "元" in text else currency
    value = _to_decimal(number)
    return (value, currency) if value is not None else None


def _dollar(marketplace: str | None) -> str:
    if marketplace:
        tld = marketplace.split(".", 1)[1] if "." in marketplace else marketplace
        return _DOLLAR_BY_MARKETPLACE.get(tld, "USD")
    return "USD"


def _to_decimal(number: str) -> Decimal | None:
    digits = re.sub(r"[\u00a0\u202f ]", "", number)
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    decimal_at = max(last_dot, last_comma)
    if decimal_at >= 0:
        decimals = len(digits) - decimal_at - 1
        separator = digits[decimal_at]
        single = digits.count(separator) == 1 and (last_dot < 0 or last_comma < 0)
        if decimals == 3 and single or decimals not in (1, 2):
            decimal_at = -1  # a thousands separator, as in 1,299 or 1.299
    if decimal_at >= 0:
        whole = re.sub(r"[.,]", "", digits[:decimal_at])
        digits = f"{whole}.{digits[decimal_at + 1:]}"
    else:
        digits = re.sub(r"[.,]", "", digits)
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


# --- dates and deadlines ------------------------------------------------------------------

def _month_numbers() -> dict[str, int]:
    """Every month name and abbreviation of the served languages (their bundles' ``MONTHS``) -> its number."""
    numbers: dict[str, int] = {}
    for language, months in languages.gathered("MONTHS").items():
        if len(months) != 12:
            raise ValueError(f"languages/{language}/words.py: MONTHS has {len(months)} entries, not 12")
        for number, names in enumerate(months, start=1):
            for name in names.split():
                if numbers.setdefault(name, number) != number:
                    raise ValueError(f"month name {name!r} means two months ({language})")
    return numbers


_MONTH_OF = _month_numbers()
_MONTH = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
# Each date pattern with the shape of its year: a cheap search that must succeed for the
# pattern to match at all (month names tried at every word are the costly part), and its order.
_DATES = [
    (re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>20\d\d)\b"), re.compile(r"\s20\d\d"), "mdy"),
    (re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?(?P<m>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>20\d\d)\b"),
     re.compile(r"\s20\d\d"), "dmy"),
    # 2026年5月3日 (Japanese, Chinese), 2026년 5월 3일 (Korean).
    (re.compile(r"(?P<y>20\d\d)\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"), re.compile(r"20\d\d\s*[年년]"), "ymd"),
    (re.compile(r"(?<!\d)(?P<y>20\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"), re.compile(r"20\d\d[-/.]"), "ymd"),
    (re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>20\d\d)(?!\d)"), re.compile(r"\.20\d\d"), "dmy"),
]
# Words that must stand right before the date ("by Monday, November 30, 2026")...
_JUST_BEFORE = re.compile(rf"(?:{languages.alternation('DEADLINE_JUST_BEFORE')})[\s:,]*(?:[^\W\d]+,?\s+)?$")
# ...and words that may stand a little further away ("Response due: 30 Nov 2026")...
_NEAR_BEFORE = re.compile(rf"(?:{languages.alternation('DEADLINE_NEAR_BEFORE')})[^.\n]{{0,30}}$")
# ...or right after it ("2026年5月3日まで").
_AFTER = re.compile(rf"^\s*(?:\d{{1,2}}:\d{{2}}\s*)?(?:[A-Z]{{2,4}}\s*)?(?:{languages.alternation('DEADLINE_AFTER')})")


def find_deadline(text: str | None) -> datetime | None:
    """A response deadline printed as a date next to words like "by", "bis", "avant", "まで" (each
    language's ``DEADLINE_*`` words in its bundle)."""
    if not text:
        return None
    folded = lower_unaccented(text[:20000])
    if "20" not in folded:  # no year at all
        return None
    for pattern, year, order in _DATES:
        if year.search(folded) is None:
            continue
        for match in pattern.finditer(folded):
            before = folded[max(0, match.start() - 60) : match.start()]
            after = folded[match.end() : match.end() + 16]
            if not (_JUST_BEFORE.search(before) or _NEAR_BEFORE.search(before) or _AFTER.match(after)):
                continue
            moment = _date_of(match, order)
            if moment is not None:
                return moment
    return None


def _date_of(match: re.Match[str], order: str) -> datetime | None:
    month = match.group("m")
    month_number = int(month) if month.isdigit() else _MONTH_OF.get(month.rstrip("."))
    try:
        # End of the printed day: the platform counts the whole day as allowed.
        return datetime(int(match.group("y")), month_number or 0, int(match.group("d")), 23, 59, 59, tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None
