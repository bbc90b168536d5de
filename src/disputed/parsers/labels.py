"""Field labels as marketplace notices print them, in the languages they are sent in.

One table serves every platform: "Order number", "Bestellnummer" and "订单号" mean the
same wherever they appear. Each language's labels are ``FIELD_LABELS`` in its bundle
(``disputed/languages/<code>/words.py``); the few that tell no language are here. Labels are
compared folded (lower case, no accents, trailing colon, ``#`` or ``No.`` removed).
"""

from __future__ import annotations

from disputed import languages
from disputed.parsers.extract import LabelSet

# The fields notices label, in the order their labels are registered (a label two fields share goes to the later).
FIELD_KEYS = ("order_id", "item", "quantity", "reason", "comment", "message", "amount", "buyer", "request", "asin",
              "sku", "tracking", "case_id", "rating")
# Labels that tell no language; each language's own are ``FIELD_LABELS`` in its ``words.py``.
NEUTRAL_LABELS = {
    "reason": ("motivo",),
    "message": ("message",),
    "buyer": ("cliente",),
    "asin": ("asin",),
    "sku": ("sku", "seller sku", "merchant sku"),
}


def _label_table() -> dict[str, dict[str, tuple[str, ...]]]:
    by_language = languages.gathered("FIELD_LABELS")
    unknown = {f"{language}:{key}" for language, table in by_language.items() for key in table if key not in FIELD_KEYS}
    if unknown:
        raise ValueError(f"field labels for unknown fields: {sorted(unknown)}")
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for key in FIELD_KEYS:
        table[key] = {language: labels[key] for language, labels in by_language.items() if key in labels}
        if key in NEUTRAL_LABELS:
            table[key]["*"] = NEUTRAL_LABELS[key]
    return table


FIELD_LABELS = LabelSet(_label_table())

# Column headers of the return-request table (Order Item | ASIN | SKU | Return Quantity | ...).
TABLE_COLUMNS = FIELD_LABELS
