"""The cases page at scale: ``disputed bench --cases 100000``.

A SQLite store is filled with cases in every state (a third with drafts, a tenth unverified or in triage, each with
a message whose words the search index holds). The page is then fetched over HTTP from the real web app, served
in a thread, as a logged-in viewer: the default view (what needs a person), a deep page of every case, and a
full-text search. The baseline, in the same run, is a bare indexed SELECT of the same default page with sqlite3.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from disputed.config.settings import Settings
from disputed.store import auth
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseStatus, Draft, DraftStatus, StoredMessage, utcnow
from disputed.vocabulary import Audience

SAMPLES = 25
WORDS = ("broken", "zerbrochen", "cassé", "late", "wrong colour", "never arrived", "refund", "size", "missing screws")
PLATFORMS = ("amazon", "ebay", "aliexpress")
KINDS = ("buyer_message", "return_request", "atoz_claim", "dispute", "feedback")


def measure(count: int, workdir: Path, add: Callable[[str, str, str, str], None], say: Callable[[str], None]) -> None:
    db = workdir / "cases.db"
    db.unlink(missing_ok=True)
    settings = Settings.model_validate({"database": {"url": f"sqlite:///{db}"}, "web": {"host": "127.0.0.1", "port": 0}})
    engine = make_engine(settings.database.url)
    started = time.perf_counter()
    _fill(engine, count)
    say(f"cases: {count} stored with their drafts, states and search index in {time.perf_counter() - started:.1f} s")
    from disputed.web.app import start_in_thread

    server = start_in_thread(settings, engine)
    try:
        cookie = _session_cookie(engine)
        views = {
            "default view (needs a person)": "/cases",
            "page 500 of every case": "/cases?state=all&page=500",
            "search by order id": f"/cases?state=all&q={_an_order(engine, count)}",
            "search by a word in a fifth of the cases": "/cases?state=all&q=zerbrochen",
        }
        baseline = _bare_select(db)
        for label, path in views.items():
            median, p95 = _timed(server.url + path, cookie)
            add(f"cases page, {count:,} cases: {label}", f"median {median:.1f} ms, p95 {p95:.1f} ms", f"bare indexed SELECT of a page {baseline:.2f} ms", f"{median / baseline:.0f}x")
    finally:
        server.stop()
        engine.dispose()


def _fill(engine, count: int) -> None:
    rng = random.Random(13)
    now = utcnow()
    with session_scope(engine) as session:
        auth.add_user(session, name="bench", password="bench bench bench", role="viewer")
    batch = 5_000
    for start in range(0, count, batch):
        cases, messages, drafts = [], [], []
        for n in range(start, min(count, start + batch)):
            roll = rng.random()
            status = CaseStatus.TRIAGE if roll < 0.07 else CaseStatus.UNVERIFIED if roll < 0.1 else CaseStatus.RESOLVED if roll < 0.55 else CaseStatus.OPEN
            order = f"{rng.randint(100, 999)}-{n:07d}-{rng.randint(1000000, 9999999)}"
            cases.append({
                "id": n + 1, "key": f"amazon:{order}", "platform": rng.choice(PLATFORMS), "order_id": order, "mailbox": "shop",
                "kind": rng.choice(KINDS), "issue": None, "status": status.name, "state": "needs_decision", "language": rng.choice(("en", "de", "fr")),
                "buyer_name": f"Buyer {n}", "buyer_address": f"buyer{n}@marketplace.example", "subject": f"Order {order}: {rng.choice(WORDS)}",
                "due_at": now + timedelta(hours=rng.uniform(-48, 400)), "created_at": now, "updated_at": now,
            })
            messages.append({"mailbox": "shop", "source_key": f"1/{n}", "uidvalidity": 1, "uid": n + 1, "sha256": f"{n:064d}", "raw": b"",
                             "status": "PROCESSED", "case_id": n + 1, "stored_at": now, "attempts": 0, "size": 0,
                             "parsed": {"buyer_comment": f"the item is {rng.choice(WORDS)}", "order_id": order}})
            if status == CaseStatus.OPEN and roll < 0.8:
                drafts.append({"case_id": n + 1, "handler": "bench", "template": "damaged", "audience": Audience.BUYER.name, "language": "en",
                               "to_addr": f"buyer{n}@marketplace.example", "subject": "Re", "body": "Sorry.", "reading_en": "", "reading_zh": "",
                               "message_id": f"<bench-{n}@x>", "status": rng.choice((DraftStatus.PENDING, DraftStatus.SENT)).name,
                               "due_at": cases[-1]["due_at"], "created_at": now, "send_attempts": 0})
        with engine.begin() as conn:  # the triggers set each case's state and search document as in production
            conn.execute(insert(Case.__table__), cases)
            conn.execute(insert(StoredMessage.__table__), messages)
            if drafts:
                conn.execute(insert(Draft.__table__), drafts)


def _an_order(engine, count: int) -> str:
    with session_scope(engine) as session:
        return session.get(Case, count // 2 + 1).order_id


def _session_cookie(engine) -> str:
    with session_scope(engine) as session:
        user = auth.get_user(session, "bench")
        token = auth.start_session(session, user=user, lifetime=timedelta(hours=1))
    from disputed.web import security

    return f"{security.SESSION_COOKIE}={token}"


def _timed(url: str, cookie: str) -> tuple[float, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    times = []
    for _ in range(SAMPLES + 2):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            if response.status != 200 or b'id="cases"' not in body:
                raise RuntimeError(f"{url}: the cases page did not come back ({response.status})")
        times.append((time.perf_counter() - started) * 1000)
    times = sorted(times[2:])  # the first requests warm the caches
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _bare_select(db: Path) -> float:
    conn = sqlite3.connect(db)
    try:
        # The default page as one statement, in the order of the (state, due_at) index: dated cases first.
        sql = ("SELECT id, platform, kind, issue, order_id, subject, due_at, state FROM \"case\" "
               "WHERE state IN ('needs_decision', 'waiting_approval') AND due_at IS NOT NULL ORDER BY due_at, id LIMIT 50")
        times = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            conn.execute(sql).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)
    finally:
        conn.close()
