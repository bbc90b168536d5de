"""Thousands of mutated messages, built from the fixture corpus, through parsing, routing and drafting: the
Processor on a SQLite store, with the handler registry and the templates, then the outgoing message built for
every draft. No exception may escape, every message ends processed or quarantined with a reason that is a limit
(not a crash), and no draft carries a header a buyer could have injected.

Hypothesis picks the corpus messages and the seeds of the mutations; `DISPUTED_FUZZ_EXAMPLES` scales the run
(each example is a batch of `BATCH` messages), `DISPUTED_FUZZ_RANDOM=1` explores beyond the fixed sequence CI runs.
"""

from __future__ import annotations

import email
import email.policy
import os
import random
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from disputed.daemon.outgoing import LOOP_HEADER, build_message
from disputed.daemon.process import Processor
from disputed.rendering import TemplateLibrary
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Draft, MessageStatus, StoredMessage
from tests.support import DEMO_MAIL, FIXTURES, TRUSTED, settings_for

CORPUS_DIRS = (Path(__file__).parents[1] / "fixtures" / "mail", FIXTURES, DEMO_MAIL)
CORPUS = [path.read_bytes() for folder in CORPUS_DIRS for path in sorted(folder.rglob("*.eml"))]
BATCH = 40
EXAMPLES = int(os.environ.get("DISPUTED_FUZZ_EXAMPLES", "100"))
PG_EXAMPLES = max(1, EXAMPLES // 5)
# Quarantine reasons that are limits doing their job; anything else is a crash the processor caught.
LIMIT_REASONS = ("max_message_bytes", "max_header_bytes", "max_parts", "max_depth", "lines exceeds", "nested too deeply",
                 "parse time limit", "unparseable MIME")
HEADERS_WE_WRITE = {"from", "to", "subject", "message-id", "date", "in-reply-to", "references", "auto-submitted",
                    LOOP_HEADER.lower(), "content-type", "content-transfer-encoding", "mime-version"}

TOKENS = [
    b"\r\n", b"\n", b"\r", b"\r\n\r\n", b"\x00", b"\x1b[31m", b"\xff\xfe", b"\xc3", b"=?", b"?=", b"=?utf-8?B?", b"=?utf-8?Q?",
    b"=?x-unknown?Q?caf=E9?=", b"=0D=0ABcc:_x@evil.test", b"--", b"boundary=", b'boundary=""', b"Content-Type: multipart/mixed",
    b"Content-Transfer-Encoding: base64", b"charset=bogus", b"<td>", b"<script>", b"{{ 7*7 }}", b"{% for x in () %}",
    "\u2028".encode("utf-8"), "\u202e".encode("utf-8"), "\x85".encode("utf-8"), b"From: x@amaz0n.com", b"Order ID: ",
    b"111-2948817-5501936", b"Auto-Submitted: auto-replied", b"Authentication-Results: mx.seller-mail.test; dkim=pass",
    b"=\r\n", b":", b";", b"\t", b" ", b"(", b'"', b"<", b">", b"@",
]


def mutate(raw: bytes, seed: int) -> bytes:
    """A few random edits: byte flips, inserted tokens, deletions, repeats, header splices from another message."""
    rng = random.Random(seed)
    out = bytearray(raw)
    for _ in range(rng.randint(1, 10)):
        action = rng.random()
        pos = rng.randrange(len(out) + 1)
        if action < 0.25 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif action < 0.5:
            out[pos:pos] = rng.choice(TOKENS)
        elif action < 0.65 and out:
            del out[pos : pos + rng.randint(1, 80)]
        elif action < 0.75:
            chunk = bytes(out[pos : pos + rng.randint(1, 120)])
            out[pos:pos] = chunk * rng.randint(2, 40)
        elif action < 0.85:
            other = rng.choice(CORPUS)
            head = other.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
            lines = head.splitlines(keepends=True)
            if lines:
                out[0:0] = rng.choice(lines)  # a header of another message on top
        elif action < 0.93:
            other = rng.choice(CORPUS)
            cut = rng.randrange(len(other) + 1)
            out = bytearray(bytes(out[:pos]) + other[cut:])  # splice: this message's start, another's end
        else:
            out = out[: rng.randrange(len(out) + 1)]  # truncated
    return bytes(out)


def test_mutated_corpus_through_parse_routing_and_drafting(tmp_path):
    fuzz(tmp_path, None, EXAMPLES, "SQLite")


def test_mutated_corpus_on_postgres(tmp_path, pg_url):
    """PostgreSQL refuses what SQLite takes (NUL in text, for one): a shorter run on the shared store."""
    fuzz(tmp_path, pg_url, PG_EXAMPLES, "PostgreSQL")


def fuzz(tmp_path, database_url: str | None, examples: int, store: str) -> None:
    run_settings = settings_for(tmp_path, database_url=database_url,
                                extra={"security": {"trusted_authserv_ids": [TRUSTED, "mx.seller-mail.test"]}})
    engine = make_engine(run_settings.database.url)
    processor = Processor(run_settings, engine, templates=TemplateLibrary.for_settings(run_settings))
    stats: Counter = Counter()
    crashes: list[tuple[str, bytes]] = []
    checked_drafts: set[int] = set()

    @settings(max_examples=examples, deadline=None, derandomize=os.environ.get("DISPUTED_FUZZ_RANDOM") != "1",
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None,
              phases=[Phase.explicit, Phase.generate])
    @given(st.lists(st.tuples(st.integers(0, len(CORPUS) - 1), st.integers(0, 2**32 - 1)), min_size=BATCH, max_size=BATCH))
    def batch_of_mutants(picks):
        raws = [mutate(CORPUS[index], seed) for index, seed in picks]
        with session_scope(engine) as session:
            first = stats["inputs"]
            for n, raw in enumerate(raws):
                session.add(StoredMessage(mailbox="fuzz", source_key=f"fuzz/{first + n}", sha256=f"{first + n:064x}", size=len(raw), raw=raw))
        stats["inputs"] += len(raws)
        for _ in range(run_settings.security.max_attempts + 1):  # retried messages get one more try per drain
            try:
                processor.drain()
            except Exception as exc:  # recorded, not raised: the store is shared, so shrinking would mislead
                crashes.append((f"escaped the processor: {type(exc).__name__}: {exc}", b""))
        with session_scope(engine) as session:
            rows = session.exec(select(StoredMessage).where(StoredMessage.source_key.in_([f"fuzz/{first + n}" for n in range(len(raws))]))).all()
            drafts = session.exec(select(Draft).where(Draft.id.not_in(checked_drafts or {0}))).all()
        for row in rows:
            stats[str(row.status)] += 1
            if row.status == MessageStatus.NEW:
                crashes.append(("left unprocessed", row.raw))
            elif row.status == MessageStatus.QUARANTINED and not any(reason in (row.error or "") for reason in LIMIT_REASONS):
                crashes.append((row.error or "", row.raw))
        for draft in drafts:
            checked_drafts.add(draft.id)
            problem = outgoing_problem(draft, run_settings)
            if problem:
                crashes.append((f"draft {draft.id}: {problem}", draft.subject.encode()))

    batch_of_mutants()
    processor.close()
    print(f"\nfuzz ({store}): {stats['inputs']} mutated messages tried through parse, routing and drafting: "
          f"{stats['processed']} processed, {stats['quarantined']} quarantined, "
          f"{len(checked_drafts)} drafts built as outgoing mail, {len(crashes)} crashes (quarantined for a reason "
          f"that is not a limit, left unprocessed, escaped, or a bad outgoing header)")
    assert stats["inputs"] >= examples * BATCH
    assert not crashes, "\n\n".join(f"{reason}\n{raw[:600]!r}" for reason, raw in crashes[:3])


def outgoing_problem(draft: Draft, run_settings) -> str | None:
    """What is wrong with the draft as it would leave (only the headers we write, once each), or None."""
    try:
        raw = build_message(draft, from_addr=run_settings.smtp.from_, instance="fuzz").as_bytes()
    except Exception as exc:
        return f"cannot be built: {type(exc).__name__}: {exc}"
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    names = [name.lower() for name in parsed.keys()]
    if not set(names) <= HEADERS_WE_WRITE or len(names) != len(set(names)):
        return f"headers {names}"
    if parsed.defects or any(getattr(parsed[name], "defects", ()) for name in parsed.keys()):
        head = raw.split(b"\n\n", 1)[0]
        return f"header defects in {head[:400]!r}"
    return None
