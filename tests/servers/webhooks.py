"""A real HTTP server on loopback standing in for the chat services' webhook endpoints.

It records every POST and answers each the way its service does, after checking what that service checks,
written here from the services' documentation (not from disputed's code):

- ``/slack/<token>``: Slack incoming webhook. 200 ``ok`` for JSON with a ``text``; 400 ``invalid_payload``
  or ``no_text`` otherwise.
- ``/teams/<token>``: Teams incoming webhook. A ``message`` carrying an Adaptive Card attachment: 200 ``1``;
  anything else 400.
- ``/wecom?key=<key>``: WeCom group robot. The key must be the robot's (else errcode 93000); a ``text`` or
  ``markdown`` message whose content is at most 4096 bytes (else errcode 40058); answers
  ``{"errcode":0,"errmsg":"ok"}`` with HTTP 200 either way.
- ``/dingtalk?access_token=<token>&timestamp=<ms>&sign=<sign>``: DingTalk custom robot. With a secret set,
  ``sign`` must be Base64(HMAC-SHA256(key=secret, "<timestamp>\\n<secret>")) and the timestamp within an hour
  of now (else errcode 310000).
- ``/feishu/<token>``: Feishu custom bot. With a secret set, the body's ``sign`` must be
  Base64(HMAC-SHA256(key="<timestamp>\\n<secret>", empty message)) with ``timestamp`` in seconds within an hour
  (else code 19021); answers ``{"code":0,"msg":"success","data":{}}``.
- ``/hook``: a generic JSON receiver. With a secret set, ``X-Disputed-Signature`` must be
  ``sha256=`` + hex HMAC-SHA256(secret, "<X-Disputed-Timestamp>." + body) (else 401).

``fail_next(n, status)`` answers the next n requests with that HTTP status (recorded, not accepted).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .net import LOOPBACK


@dataclass(frozen=True)
class Received:
    service: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    status: int  # what the server answered
    accepted: bool  # the service would have shown the message
    why: str  # the refusal, when not accepted
    at: float = field(default_factory=time.time)

    def json(self):
        return json.loads(self.body)


class WebhookReceiver:
    def __init__(self, *, secrets: dict[str, str] | None = None, wecom_key: str = "robot-key") -> None:
        self.secrets = dict(secrets or {})  # service -> signing secret ("webhook", "dingtalk", "feishu")
        self.wecom_key = wecom_key
        self._lock = threading.Condition()
        self._received: list[Received] = []
        self._failures: list[int] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, answer, received = receiver._answer(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if answer.startswith(b"{") else "text/plain")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
                receiver._record(received)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self._server.server_address[1]}"

    # -- faults and what arrived ---------------------------------------------------------
    def fail_next(self, n: int = 1, status: int = 500) -> None:
        with self._lock:
            self._failures.extend([status] * n)

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def accepted(self, service: str | None = None) -> list[Received]:
        return [r for r in self.received if r.accepted and (service is None or r.service == service)]

    def wait_for(self, count: int, timeout: float = 10.0, *, service: str | None = None) -> list[Received]:
        """Block until ``count`` accepted messages (of ``service``) have arrived."""
        with self._lock:
            done = self._lock.wait_for(lambda: len([r for r in self._received if r.accepted and (service is None or r.service == service)]) >= count, timeout)
        if not done:
            raise TimeoutError(f"expected {count} accepted message(s) within {timeout}s; got {self.received}")
        return self.accepted(service)

    def _record(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)
            self._lock.notify_all()

    # -- each service's checks -----------------------------------------------------------
    def _answer(self, raw_path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, Received]:
        parts = urlsplit(raw_path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        service = parts.path.strip("/").split("/")[0] or "?"
        with self._lock:
            forced = self._failures.pop(0) if self._failures else None
        if forced is not None:
            status, answer, why = forced, b"server error", f"forced {forced}"
        else:
            check = getattr(self, f"_{service}", None)
            status, answer, why = check(query, headers, body) if check else (404, b"no such hook", "unknown path")
        accepted = why == ""
        return status, answer, Received(service, parts.path, query, headers, body, status, accepted, why)

    @staticmethod
    def _parsed(body: bytes):
        try:
            return json.loads(body)
        except ValueError:
            return None

    def _slack(self, query, headers, body):
        payload = self._parsed(body)
        if not isinstance(payload, dict):
            return 400, b"invalid_payload", "invalid_payload"
        if not payload.get("text") and not payload.get("blocks"):
            return 400, b"no_text", "no_text"
        return 200, b"ok", ""

    def _teams(self, query, headers, body):
        payload = self._parsed(body)
        try:
            [attachment] = payload["attachments"]
            ok = payload["type"] == "message" and attachment["contentType"] == "application/vnd.microsoft.card.adaptive" \
                and attachment["content"]["type"] == "AdaptiveCard" and attachment["content"]["body"]
        except (TypeError, KeyError, ValueError):
            ok = False
        return (200, b"1", "") if ok else (400, b"Summary or Text is required.", "not an Adaptive Card message")

    def _wecom(self, query, headers, body):
        if query.get("key") != self.wecom_key:
            return 200, _j({"errcode": 93000, "errmsg": "invalid webhook url"}), "wrong key"
        payload = self._parsed(body)
        kind = payload.get("msgtype") if isinstance(payload, dict) else None
        if kind not in ("text", "markdown") or not isinstance(payload.get(kind), dict):
            return 200, _j({"errcode": 40008, "errmsg": "invalid message type"}), "bad msgtype"
        limit = 4096 if kind == "markdown" else 2048
        if len(str(payload[kind].get("content", "")).encode("utf-8")) > limit:
            return 200, _j({"errcode": 40058, "errmsg": "content exceed max length"}), "too long"
        return 200, _j({"errcode": 0, "errmsg": "ok"}), ""

    def _dingtalk(self, query, headers, body):
        secret = self.secrets.get("dingtalk")
        if secret:
            stamp, sign = query.get("timestamp", ""), query.get("sign", "")
            expected = base64.b64encode(hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()).decode()
            fresh = stamp.isdigit() and abs(time.time() * 1000 - int(stamp)) < 3600 * 1000
            if not (fresh and hmac.compare_digest(sign, expected)):  # parse_qs has undone the URL encoding
                return 200, _j({"errcode": 310000, "errmsg": "sign not match"}), "sign not match"
        payload = self._parsed(body)
        if not isinstance(payload, dict) or payload.get("msgtype") not in ("text", "markdown", "link", "actionCard"):
            return 200, _j({"errcode": 40035, "errmsg": "missing parameter"}), "bad payload"
        return 200, _j({"errcode": 0, "errmsg": "ok"}), ""

    def _feishu(self, query, headers, body):
        payload = self._parsed(body)
        if not isinstance(payload, dict):
            return 400, _j({"code": 9499, "msg": "Bad Request"}), "not JSON"
        secret = self.secrets.get("feishu")
        if secret:
            stamp = str(payload.get("timestamp", ""))
            expected = base64.b64encode(hmac.new(f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
            fresh = stamp.isdigit() and abs(time.time() - int(stamp)) < 3600
            if not (fresh and hmac.compare_digest(str(payload.get("sign", "")), expected)):
                return 200, _j({"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}), "sign"
        if payload.get("msg_type") not in ("text", "post", "interactive", "share_chat", "image"):
            return 200, _j({"code": 19002, "msg": "params error, msg_type need"}), "bad msg_type"
        return 200, _j({"code": 0, "msg": "success", "data": {}}), ""

    def _hook(self, query, headers, body):
        secret = self.secrets.get("webhook")
        if secret:
            lower = {k.lower(): v for k, v in headers.items()}
            stamp = lower.get("x-disputed-timestamp", "")
            expected = "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(lower.get("x-disputed-signature", ""), expected):
                return 401, b"bad signature", "bad signature"
        if self._parsed(body) is None:
            return 400, b"not json", "not JSON"
        return 200, b"", ""


def _j(payload: dict) -> bytes:
    return json.dumps(payload).encode()
