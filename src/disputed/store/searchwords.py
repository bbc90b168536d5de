"""Words the full-text index can find in Chinese and Japanese.

Both index tokenizers (SQLite FTS5's ``unicode61``, PostgreSQL's ``simple``) split words at spaces and
punctuation, and Chinese and Japanese put none between words: "商品破损了" would be one token, found only
whole. Before indexing, and in a search, each ideograph and kana stands alone; a search for "破损" is then
the phrase "破 损", two characters side by side. Hangul has spaces between words and is left as it is.
"""

from __future__ import annotations

import re

# Kana, CJK ideographs (with extension A) and compatibility ideographs: the same ranges as ``POSTGRES_PATTERN``.
_SPACED = re.compile("([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
POSTGRES_PATTERN = r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
SQL_FUNCTION = "disputed_search_words"


def search_words(text: str | None) -> str | None:
    """``text`` with a space either side of every ideograph and kana (None stays None)."""
    if text is None:
        return None
    return _SPACED.sub(r" \1 ", text)


def register_search_words(sqlite_connection) -> None:
    """Give a SQLite connection the function the index's triggers call."""
    sqlite_connection.create_function(SQL_FUNCTION, 1, search_words, deterministic=True)


def postgres_function() -> str:
    """The same as a PostgreSQL function, for the index's triggers."""
    return (f"CREATE FUNCTION {SQL_FUNCTION}(words TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS "
            f"$$ SELECT regexp_replace(words, '{POSTGRES_PATTERN}', ' \\1 ', 'g') $$")
