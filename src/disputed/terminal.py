"""Text from mail shown on a terminal. A buyer's words, a subject or a raw header may hold escape
sequences (cursor moves, window titles, OSC 8 links) or rich markup such as ``[/]``: shown through
these functions, with the console's markup off, they are only ever text."""

from __future__ import annotations

import json
import re

# C0 and C1 controls (tab and newline kept), DEL, and the invisible direction marks and overrides
# that can make a line read differently from what it holds.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    """Text from mail made safe for a terminal: every control character shown as an escape, so a
    message cannot move the cursor, set the title or plant an OSC 8 link. Print it with markup off."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", str(text))


def json_line(data: object) -> str:
    """One JSON object per line, readable (non-ASCII kept) yet with no raw control character."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(data, ensure_ascii=False, default=str))
