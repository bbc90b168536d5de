"""The page's queries on PostgreSQL, where several daemon instances share one database."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from disputed.config.settings import Settings
from disputed.store import auth
from disputed.store.db import make_engine, session_scope
from disputed.store.models import DraftStatus, StoredMessage
from disputed.web.app import create_app

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
