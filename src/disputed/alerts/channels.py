"""Delivering one message through one channel, in the format and signing its service documents.

- ``email``: the team's digest through [smtp], plain text, marked as automatic (``Auto-Submitted:
  auto-generated``) and with disputed's loop header, so a copy arriving in a watched mailbox is never answered;
- ``webhook``: disputed's own JSON (title, text, and every alert with its details); with a secret, signed with
  HMAC-SHA256 over ``"<timestamp>.<body>"``, sent as ``X-Disputed-Timestamp`` and ``<signature_header>:
  sha256=<hex>``;
- ``slack``: an incoming webhook's ``{"text": ...}`` in Slack's mrkdwn (``<url|words>`` links; ``&``, ``<``,
  ``>`` escaped);
- ``teams``: a Teams incoming webhook (or Workflows "post to a channel when a webhook request is received")
  message carrying one Adaptive Card;
- ``wecom``: the WeCom (企业微信) group robot's ``markdown`` message, at most 4096 bytes; its URL's key is the
  only credential;
- ``dingtalk``: the DingTalk (钉钉) custom robot's ``markdown`` message; with a secret, the URL gains
  ``timestamp`` (milliseconds) and ``sign`` = Base64(HMAC-SHA256(key=secret, "<timestamp>\\n<secret>")),
  URL-encoded;
- ``feishu``: the Feishu/Lark (飞书) custom bot's ``post`` (rich text) message; with a secret, the body gains
  ``timestamp`` (seconds) and ``sign`` = Base64(HMAC-SHA256(key="<timestamp>\\n<secret>", empty message)).

WeCom, DingTalk and Feishu answer HTTP 200 even when they refuse, with an error code in the JSON; a message
counts as delivered only when that code is 0. Errors never quote the URL (it holds the key).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import quote_plus

import httpx

from disputed.alerts.wording import Message
from disputed.config.settings import AlertChannelSettings
from disputed.daemon.outgoing import LOOP_HEADER, clean_header
from disputed.daemon.sender import Sender, SmtpUnavailable

# What each service takes in one message (bytes of the text or body; a little under the documented limits,
# which count differently from service to service).
WECOM_BYTES = 4000
DINGTALK_BYTES = 18_000
FEISHU_BYTES = 18_000
SLACK_CHARS = 35_000
TEAMS_BYTES = 20_000
GENERIC_JSON = "application/json; charset=utf-8"


class DeliveryError(Exception):
    """The channel could not be reached or refused the message. The words are safe to log and show."""


@dataclass(frozen=True)
class Post:
    """An HTTP POST as it goes out, and how to tell that the service took it."""

    url: str
    body: bytes
    headers: dict[str, str]
    refusal: Callable[[httpx.Response], str | None]  # None when accepted, else the service's words


def deliver(channel: AlertChannelSettings, message: Message, *, mail_via: Sender) -> None:
    """Send ``message`` through ``channel`` (an email channel through ``mail_via``'s SMTP connection and login);
    raises DeliveryError when it did not go."""
    if channel.type == "email":
        asyncio.run(_mail(channel, message, mail_via))
    else:
        _post(channel, build_post(channel, message))


def build_post(channel: AlertChannelSettings, message: Message, *, now: float | None = None) -> Post:
    now = time.time() if now is None else now
    builders = {"webhook": _generic, "slack": _slack, "teams": _teams, "wecom": _wecom, "dingtalk": _dingtalk, "feishu": _feishu}
    return builders[channel.type](channel, message, now)


def _post(channel: AlertChannelSettings, post: Post) -> None:
    try:
        response = httpx.post(post.url, content=post.body, headers=post.headers, timeout=channel.timeout_seconds, follow_redirects=False)
    except httpx.HTTPError as exc:
        raise DeliveryError(_without(f"{type(exc).__name__}: {exc}", post.url)) from None
    why = post.refusal(response)
    if why is not None:
        raise DeliveryError(_without(why, post.url))


def _without(words: str, url: str) -> str:
    return words.replace(url, "<url>")[:500]


# -- what counts as accepted ----------------------------------------------------------------
def _status_2xx(response: httpx.Response) -> str | None:
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}: {response.text[:200]}"


def _code_zero(*names: str) -> Callable[[httpx.Response], str | None]:
    """HTTP 200 and the first of ``names`` present in the JSON answer equal to 0 (the robots' convention)."""

    def refusal(response: httpx.Response) -> str | None:
        if response.status_code != 200:
            return f"HTTP {response.status_code}: {response.text[:200]}"
        try:
            answer = response.json()
        except ValueError:
            return f"not a JSON answer: {response.text[:200]}"
        code = next((answer[name] for name in names if isinstance(answer, dict) and name in answer), None)
        if code == 0:
            return None
        words = answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or "" if isinstance(answer, dict) else ""
        return f"refused with code {code}: {words}"[:300]

    return refusal


def _json(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- formats ------------------------------------------------------------------------------
def _generic(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    body = _json({
        "source": "disputed", "title": message.title, "text": message.plain(), "language": message.language,
        "urgent": sum(1 for line in message.lines if line.urgent), "more": message.more, "alerts": message.alerts,
    })
    headers = {"Content-Type": GENERIC_JSON, "User-Agent": "disputed"}
    secret = channel.signing_secret()
    if secret:
        stamp = str(int(now))
        headers["X-Disputed-Timestamp"] = stamp
        headers[channel.signature_header] = "sha256=" + webhook_signature(secret, stamp, body)
    return Post(channel.webhook_url(), body, headers, _status_2xx)


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    """The generic webhook's signature: hex HMAC-SHA256 of ``"<timestamp>." + body`` under the shared secret.
    The timestamp inside what is signed lets a receiver refuse an old message replayed."""
    return hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    lines = [f"• {_slack_escape(line.text)}" + (f" <{line.url}|{_slack_escape(message.link_text)}>" if line.url else "") for line in message.lines]
    text = "\n".join([f"*{_slack_escape(message.title)}*", *_fit(lines, SLACK_CHARS, message, measure=len)])
    return Post(channel.webhook_url(), _json({"text": text, "unfurl_links": False}), {"Content-Type": GENERIC_JSON}, _status_2xx)


def _markdown_lines(message: Message, bullet: str = "- ") -> list[str]:
    return [f"{bullet}{line.text}" + (f" [{message.link_text}]({line.url})" if line.url else "") for line in message.lines]


def _teams(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    lines = _fit(_markdown_lines(message), TEAMS_BYTES, message)
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.2",
        "body": [{"type": "TextBlock", "text": message.title, "weight": "Bolder", "size": "Medium", "wrap": True},
                 *({"type": "TextBlock", "text": line, "wrap": True} for line in lines)],
    }
    payload = {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}
    return Post(channel.webhook_url(), _json(payload), {"Content-Type": GENERIC_JSON}, _status_2xx)


def _wecom(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    head = f"**{message.title}**"
    lines = _fit(_markdown_lines(message, "> "), WECOM_BYTES - len(head.encode()) - 1, message)
    payload = {"msgtype": "markdown", "markdown": {"content": "\n".join([head, *lines])}}
    return Post(channel.webhook_url(), _json(payload), {"Content-Type": GENERIC_JSON}, _code_zero("errcode"))


def _dingtalk(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    head = f"#### {message.title}"
    lines = _fit(_markdown_lines(message), DINGTALK_BYTES - len(head.encode()), message)
    payload = {"msgtype": "markdown", "markdown": {"title": message.title, "text": "\n\n".join([head, *lines])}}
    url = channel.webhook_url()
    secret = channel.signing_secret()
    if secret:
        stamp = str(int(now * 1000))
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={quote_plus(dingtalk_sign(secret, stamp))}"
    return Post(url, _json(payload), {"Content-Type": GENERIC_JSON}, _code_zero("errcode"))


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """DingTalk's signature: Base64 of HMAC-SHA256 keyed with the secret over "<timestamp>\\n<secret>"."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _feishu(channel: AlertChannelSettings, message: Message, now: float) -> Post:
    rows = []
    budget = FEISHU_BYTES - len(message.title.encode())
    for index, line in enumerate(message.lines):
        row = [{"tag": "text", "text": line.text + " "}] + ([{"tag": "a", "text": message.link_text, "href": line.url}] if line.url else [])
        budget -= len(_json(row))
        if budget < 200:  # room kept for the line counting the rest
            rows.append([{"tag": "text", "text": message.more_line(len(message.lines) - index + message.more)}])
            break
        rows.append(row)
    else:
        if message.more:
            rows.append([{"tag": "text", "text": message.more_line(message.more)}])
    language = "zh_cn" if message.language == "zh" else "en_us"
    payload: dict = {"msg_type": "post", "content": {"post": {language: {"title": message.title, "content": rows}}}}
    secret = channel.signing_secret()
    if secret:
        stamp = str(int(now))
        payload = {"timestamp": stamp, "sign": feishu_sign(secret, stamp), **payload}
    return Post(channel.webhook_url(), _json(payload), {"Content-Type": GENERIC_JSON}, _code_zero("code", "StatusCode"))


def feishu_sign(secret: str, timestamp: str) -> str:
    """Feishu's signature: Base64 of HMAC-SHA256 keyed with "<timestamp>\\n<secret>" over an empty message."""
    digest = hmac.new(f"{timestamp}\n{secret}".encode("utf-8"), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _fit(lines: list[str], budget: int, message: Message, measure: Callable[[str], int] = lambda s: len(s.encode("utf-8"))) -> list[str]:
    """As many lines as fit in ``budget`` (counting the separators), then one counting the rest."""
    reserve = measure(message.more_line(10**6)) + 1
    kept, used = [], 0
    for index, line in enumerate(lines):
        size = measure(line) + 1
        if used + size > budget - reserve:
            return kept + [message.more_line(len(lines) - index + message.more)]
        kept.append(line)
        used += size
    return kept + ([message.more_line(message.more)] if message.more else [])


# -- the team's mail ------------------------------------------------------------------------
def digest_mail(channel: AlertChannelSettings, message: Message, *, from_addr: str, instance: str) -> EmailMessage:
    mail = EmailMessage(policy=SMTP_POLICY)
    mail["From"] = clean_header(from_addr)
    mail["To"] = ", ".join(channel.to)
    mail["Subject"] = clean_header(message.title)
    mail["Date"] = formatdate(usegmt=True)
    mail["Message-ID"] = make_msgid("alert", domain=parseaddr(from_addr)[1].rpartition("@")[2] or "disputed.invalid")
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: nobody's autoresponder should answer it
    mail[LOOP_HEADER] = clean_header(instance)  # ours: never taken for mail to answer if it lands in a watched mailbox
    mail.set_content(message.plain() + "\n", charset="utf-8")
    return mail


async def _mail(channel: AlertChannelSettings, message: Message, sender: Sender) -> None:
    mail = digest_mail(channel, message, from_addr=sender.from_addr, instance=sender.instance)
    try:
        smtp = await sender.connect()
    except SmtpUnavailable as exc:
        raise DeliveryError(str(exc)) from None
    try:
        errors, _answer = await smtp.sendmail(sender.envelope_from, list(channel.to), mail.as_bytes())
        if errors:
            raise DeliveryError("refused for " + ", ".join(f"{rcpt} ({code} {words})" for rcpt, (code, words) in errors.items()))
    except DeliveryError:
        raise
    except Exception as exc:  # aiosmtplib's refusals and a lost connection alike: the digest waits and is tried again
        raise DeliveryError(f"{type(exc).__name__}: {exc}"[:500]) from None
    finally:
        try:
            await smtp.quit()
        except Exception:
            smtp.close()
