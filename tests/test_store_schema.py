"""The store's schema holds what mail servers hand out, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from disputed.store.db import make_engine, session_scope
from disputed.store.models import MailboxState, StoredMessage

# IMAP UIDs and UIDVALIDITY are unsigned 32-bit numbers; Maildir's stand-in UIDVALIDITY is a CRC-32.
TOP = 2**32 - 1


def _store_top_numbers(engine) -> None:
    with session_scope(engine) as session:
        session.add(MailboxState(name="shop", uidvalidity=TOP, last_uid=TOP))
        session.add(StoredMessage(mailbox="shop", source_key=f"{TOP}/{TOP}", uidvalidity=TOP, uid=TOP, sha256="0" * 64, raw=b"x"))
    with session_scope(engine) as session:
        state = session.get(MailboxState, "shop")
        assert (state.uidvalidity, state.last_uid) == (TOP, TOP)
        assert session.exec(select(StoredMessage)).one().uid == TOP


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_largest_imap_numbers_fit(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'store.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    engine = make_engine(url)
    try:
        _store_top_numbers(engine)
    finally:
        engine.dispose()
