"""The page's queries on PostgreSQL, where several daemon instances share one database."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psutil
from fastapi.testclient import TestClient
from sqlmodel import select

from disputed.config.settings import Settings
from disputed.store import auth
from disputed.store.db import make_engine, session_scope
from disputed.store.models import DraftStatus, StoredMessage
from disputed.web import loginguard
from disputed.web.app import create_app, start_in_thread

from .conftest import PASSWORD, add_case, draft_row, hostile_message
from .test_queue import fill_queue, row_ids


def test_the_page_works_on_postgresql(pg_url):
    settings = Settings.model_validate({"database": {"url": pg_url}})
    engine = make_engine(pg_url)
    try:
        with session_scope(engine) as session:
            auth.add_user(session, name="approver", password=PASSWORD, role="approver")
            case, draft = add_case(session, 1, due_hours=-100)
            session.add(StoredMessage(mailbox="shop", source_key="1/1", sha256="d" * 64, raw=hostile_message(), case_id=case.id, parsed={"authentic": True}))
        fill_queue(engine, 300)
        first_app, second_app = create_app(settings, engine), create_app(settings, engine)  # two instances, one key
        client = TestClient(first_app, base_url="http://127.0.0.1:8025")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/login").text).group(1)
        assert client.post("/login", data={"name": "approver", "password": PASSWORD, "csrf_token": token}, follow_redirects=False).status_code == 303
        other = TestClient(second_app, base_url="http://127.0.0.1:8025", cookies=client.cookies)
        page = other.get("/queue?platform=amazon")
        assert page.status_code == 200 and row_ids(page.text)[0] == draft.id
        assert other.get(f"/cases/{case.id}").status_code == 200
        assert other.get("/dashboard").status_code == 200
        csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        digest = re.search(r'name="digest" value="([0-9a-f]+)"', page.text).group(1)
        assert client.post(f"/drafts/{draft.id}/approve", data={"csrf_token": csrf, "digest": digest}, follow_redirects=False).status_code == 303
        assert draft_row(engine, draft.id).status == DraftStatus.APPROVED
    finally:
        engine.dispose()


def _peak_rss_during(work) -> tuple[int, int]:
    """(RSS before, highest RSS sampled while ``work`` runs), in bytes."""
    process = psutil.Process()
    before = process.memory_info().rss
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        work()
    finally:
        done.set()
        sampler.join()
    return before, peak[0]


def test_forty_parallel_guesses_get_only_the_free_checks_and_bounded_memory(pg_url):
    """The throttle's claim is one atomic statement, and argon2 runs at most two at once."""
    settings = Settings.model_validate({"database": {"url": pg_url}, "web": {"port": 0, "password_checks_at_once": 2}})
    engine = make_engine(pg_url)
    handle = None
    try:
        with session_scope(engine) as session:
            auth.add_user(session, name="approver", password=PASSWORD, role="approver")
        handle = start_in_thread(settings, engine)
        with httpx.Client(base_url=handle.url) as client:
            token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/login").text).group(1)
            cookies = dict(client.cookies)

        def guess(n: int) -> int:
            with httpx.Client(base_url=handle.url, cookies=cookies, timeout=120) as one:
                return one.post("/login", data={"name": "approver", "password": f"wrong guess {n}", "csrf_token": token}).status_code

        statuses: list[int] = []

        def burst() -> None:
            with ThreadPoolExecutor(max_workers=40) as pool:
                statuses.extend(pool.map(guess, range(40)))

        before, peak = _peak_rss_during(burst)
        print(f"RSS {before / 2**20:.0f} MB before, {peak / 2**20:.0f} MB peak during 40 parallel guesses")
        assert sorted(set(statuses)) == [401, 429]
        assert statuses.count(401) == loginguard.FREE_CHECKS_PER_NAME
        with session_scope(engine) as session:
            actions = [a.action for a in session.exec(select(auth.AuditEntry)).all()]
            throttle = session.get(auth.LoginThrottle, "approver")
        assert actions.count("login_failed") == loginguard.FREE_CHECKS_PER_NAME
        assert actions.count("login_throttled") == 1  # the other 34 are counted, not logged
        assert throttle.checked == loginguard.FREE_CHECKS_PER_NAME and throttle.turned_away == 40 - loginguard.FREE_CHECKS_PER_NAME
        assert peak - before < 400 * 2**20  # two argon2 checks of 64 MiB at a time, not forty
    finally:
        if handle is not None:
            handle.stop()
        engine.dispose()
