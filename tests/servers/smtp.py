"""A real SMTP server (aiosmtpd) on a loopback port that records what it receives and misbehaves on demand.

Fault modes, switched on while the server runs and used up in order:
- `fail_next(n, code, text, at="data"|"rcpt")`: the next n DATA (or RCPT) commands are answered with that code,
  4xx (try later) or 5xx (permanent); nothing is recorded for a failed DATA.
- `drop_after_data(n)`: the next n messages are received completely and recorded, then the connection is closed
  without an answer. The client cannot know whether the mail went out: the "outcome unknown" case.
- `refuse_connections()` / `accept_connections()`: the listener goes away (connection refused) and comes back on
  the same port.

Everything is guarded by one lock: the product sends from its own threads and processes while tests read.
"""

from __future__ import annotations

import asyncio
import base64
import email.parser
import json
import urllib.parse
import urllib.request
import email.policy
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, AuthResult

from .net import LOOPBACK, free_port, wait_for_port_closed

_header_parser = email.parser.BytesParser(policy=email.policy.default)


@dataclass(frozen=True)
class ReceivedMessage:
    """One message as the server got it: the envelope and the exact bytes after DATA."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    peer: str
    received_at: float
    dropped: bool = False  # True when the connection was closed instead of answering (drop_after_data)

    @property
    def message(self) -> EmailMessage:
        return _header_parser.parsebytes(self.raw)

    @property
    def message_id(self) -> str | None:
        value = _header_parser.parsebytes(self.raw, headersonly=True)["Message-ID"]
        return str(value).strip() if value is not None else None


@dataclass(frozen=True)
class Rejection:
    """A command the server refused because a fault was armed."""

    stage: str  # "rcpt" or "data"
    code: int
    mail_from: str
    rcpt_tos: tuple[str, ...]


@dataclass
class _Fault:
    kind: str  # "reject" or "drop"
    code: int = 0
    text: str = ""


@dataclass
class _Faults:
    rcpt: deque[_Fault] = field(default_factory=deque)
    data: deque[_Fault] = field(default_factory=deque)


class _RecordingHandler:
    """aiosmtpd handler: applies armed faults, records accepted and dropped messages."""

    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        fault = self.server._next_fault("rcpt")
        if fault is not None:
            self.server._record_rejection("rcpt", fault.code, envelope.mail_from, (*envelope.rcpt_tos, address))
            return f"{fault.code} {fault.text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        fault = self.server._next_fault("data")
        if fault is not None and fault.kind == "reject":
            self.server._record_rejection("data", fault.code, envelope.mail_from, tuple(envelope.rcpt_tos))
            return f"{fault.code} {fault.text}"
        dropped = fault is not None and fault.kind == "drop"
        self.server._record(envelope, session.peer, dropped)
        if dropped:
            # Close without a reply; aiosmtpd then ends the session as a lost connection.
            smtp.transport.abort()
            raise ConnectionResetError("connection dropped after DATA by the test server")
        return "250 OK: queued"


class _OAuthHandler(_RecordingHandler):
    """Also takes AUTH XOAUTH2 and OAUTHBEARER, checking each token with the token service's
    introspection endpoint (over HTTP, as a provider's mail server would): active, for the
    user named in the login, with the required scope."""

    async def auth_XOAUTH2(self, smtp, args):
        return await self._bearer(smtp, args, _xoauth2_fields)

    async def auth_OAUTHBEARER(self, smtp, args):
        return await self._bearer(smtp, args, _oauthbearer_fields)

    async def _bearer(self, smtp, args, parse):
        if len(args) > 1:
            blob = args[1].encode() if isinstance(args[1], str) else args[1]
        else:
            blob = await smtp.challenge_auth("", encode_to_b64=False)
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        try:
            user, token = parse(base64.b64decode(blob).decode())
        except (ValueError, UnicodeDecodeError):
            return AuthResult(success=False, handled=False, message="501 5.5.2 Cannot decode the response")
        answer = await asyncio.to_thread(self.server._introspect, token)
        ok = answer.get("active") is True and answer.get("username") == user and self.server.oauth_scope in str(answer.get("scope", "")).split()
        self.server._record_login(user, ok)
        if ok:
            return AuthResult(success=True, auth_data=user)
        # RFC 7628 / XOAUTH2: an error challenge first, the final refusal after the client's empty answer
        error = base64.b64encode(json.dumps({"status": "invalid_token", "scope": self.server.oauth_scope}).encode())
        await smtp.challenge_auth(error, encode_to_b64=False)
        return AuthResult(success=False, handled=False)


def _xoauth2_fields(text: str) -> tuple[str, str]:
    fields = dict(part.split("=", 1) for part in text.split("\x01") if part)
    return fields["user"], fields["auth"].removeprefix("Bearer ")


def _oauthbearer_fields(text: str) -> tuple[str, str]:
    gs2, _, rest = text.partition("\x01")
    user = next((p[2:] for p in gs2.split(",") if p.startswith("a=")), "").replace("=2C", ",").replace("=3D", "=")
    fields = dict(part.split("=", 1) for part in rest.split("\x01") if part)
    return user, fields["auth"].removeprefix("Bearer ")


class SmtpServer:
    """aiosmtpd on 127.0.0.1:`port`, recording every message. Thread-safe; `stop()` when done.

    With `oauth_introspection_url`, a client must log in with XOAUTH2 or OAUTHBEARER before
    MAIL, and each token is checked at that URL (tests/servers/tokens.py)."""

    host = LOOPBACK

    def __init__(self, port: int | None = None, hostname: str = "smtp.disputed.test",
                 oauth_introspection_url: str | None = None, oauth_scope: str = "mail"):
        self.port = port or free_port()
        self.hostname = hostname
        self.oauth_introspection_url = oauth_introspection_url
        self.oauth_scope = oauth_scope
        self.logins: list[tuple[str, bool]] = []
        self._lock = threading.Condition()
        self._messages: list[ReceivedMessage] = []
        self._rejections: list[Rejection] = []
        self._faults = _Faults()
        self._controller: Controller | None = None

    def __repr__(self) -> str:
        return f"<SmtpServer {self.host}:{self.port} messages={len(self.messages)} running={self.running}>"

    # -- life cycle ---------------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> SmtpServer:
        if self._controller is None:
            oauth = self.oauth_introspection_url is not None
            controller = Controller((_OAuthHandler if oauth else _RecordingHandler)(self), hostname=self.host, port=self.port,
                                    server_hostname=self.hostname, enable_SMTPUTF8=True, ready_timeout=10,
                                    **({"auth_required": True, "auth_require_tls": False,
                                        "auth_exclude_mechanism": ["LOGIN", "PLAIN"]} if oauth else {}))
            controller.start()
            self._controller = controller
        return self

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()
            wait_for_port_closed(self.host, self.port, 5)

    def refuse_connections(self) -> None:
        """Take the listener away: connecting now fails with 'connection refused'."""
        self.stop()

    def accept_connections(self) -> None:
        """Listen again on the same port."""
        self.start()

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- fault modes --------------------------------------------------------------------------------------------

    def fail_next(self, n: int = 1, code: int = 451, text: str | None = None, at: str = "data") -> None:
        """Answer the next `n` DATA (at="data") or RCPT (at="rcpt", counted per recipient) commands with `code`."""
        if not 400 <= code <= 599:
            raise ValueError(f"code {code}: a failure is a 4xx or 5xx answer")
        if at not in ("data", "rcpt"):
            raise ValueError(f"at={at!r}: use 'data' or 'rcpt'")
        text = text or ("4.3.0 Try again later" if code < 500 else "5.7.1 Message refused")
        with self._lock:
            getattr(self._faults, at).extend(_Fault("reject", code, text) for _ in range(n))

    def drop_after_data(self, n: int = 1) -> None:
        """Record the next `n` messages, then close the connection instead of answering DATA."""
        with self._lock:
            self._faults.data.extend(_Fault("drop") for _ in range(n))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults = _Faults()

    @property
    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults.rcpt) + len(self._faults.data)

    def _next_fault(self, stage: str) -> _Fault | None:
        with self._lock:
            queue = getattr(self._faults, stage)
            return queue.popleft() if queue else None

    # -- OAuth ---------------------------------------------------------------------------------------------------

    def _introspect(self, token: str) -> dict:
        request = urllib.request.Request(self.oauth_introspection_url, data=urllib.parse.urlencode({"token": token}).encode())
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.load(answer)

    def _record_login(self, user: str, ok: bool) -> None:
        with self._lock:
            self.logins.append((user, ok))

    # -- what arrived -------------------------------------------------------------------------------------------

    def _record(self, envelope, peer, dropped: bool) -> None:
        message = ReceivedMessage(
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            raw=bytes(envelope.original_content or envelope.content),
            peer=f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer),
            received_at=time.time(),
            dropped=dropped,
        )
        with self._lock:
            self._messages.append(message)
            self._lock.notify_all()

    def _record_rejection(self, stage: str, code: int, mail_from: str, rcpt_tos: tuple[str, ...]) -> None:
        with self._lock:
            self._rejections.append(Rejection(stage, code, mail_from, tuple(rcpt_tos)))

    @property
    def messages(self) -> list[ReceivedMessage]:
        """Everything received so far, dropped-after-DATA messages included (they did arrive)."""
        with self._lock:
            return list(self._messages)

    @property
    def rejections(self) -> list[Rejection]:
        with self._lock:
            return list(self._rejections)

    def by_message_id(self) -> dict[str | None, list[ReceivedMessage]]:
        """Received messages grouped by Message-ID: a list longer than one is a duplicate send."""
        grouped: dict[str | None, list[ReceivedMessage]] = defaultdict(list)
        for message in self.messages:
            grouped[message.message_id].append(message)
        return dict(grouped)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMessage]:
        """Block until at least `count` messages have arrived; raises TimeoutError saying how many did."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._messages) >= count, timeout):
                raise TimeoutError(f"expected {count} message(s) within {timeout}s, got {len(self._messages)}")
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._rejections.clear()
