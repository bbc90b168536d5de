"""One message from a batch of alerts, in the channel's language (English or Chinese, web/i18n.py).

Alerts about one case become one line: the case (urgent mark, kind, platform, order, due time) and what
happened to it ("a draft waits for approval; deadline within 24 h"), with a link to the case's page when
``[web] public_url`` is set. Mailbox and SMTP problems get a line each. Urgent lines come first, then the
soonest due; a long batch lists ``max_items`` lines and counts the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from disputed.alerts import events as ev
from disputed.store.models import Alert
from disputed.web.i18n import Translator

_CASE_ALERTS = {ev.DRAFT_PENDING, ev.CASE_TRIAGE, ev.CASE_UNVERIFIED, ev.DEADLINE, ev.SEND_FAILED, ev.SEND_UNKNOWN}


@dataclass(frozen=True)
class Line:
    text: str  # the line in plain words, link excluded
    urgent: bool = False
    url: str | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class Message:
    title: str
    lines: list[Line]
    more: int = 0  # lines (cases and problems) in the batch beyond those listed
    link_text: str = ""  # the words a link is shown as ("open the case")
    language: str = "en"
    alerts: list[dict[str, Any]] = field(default_factory=list)  # the batch, structured (the generic webhook's JSON)

    def plain(self) -> str:
        """The message as plain text: the title, a line each, links on their own indented line."""
        out = [self.title, ""]
        for line in self.lines:
            out.append(f"- {line.text}")
            if line.url:
                out.append(f"  {line.url}")
        if self.more:
            out.append(self.more_line(self.more))
        return "\n".join(out)

    def more_line(self, count: int) -> str:
        return Translator(self.language)("alert.more", count=count)


def compose(alerts: list[Alert], *, language: str, public_url: str | None, now: datetime, max_items: int) -> Message:
    t = Translator(language)
    groups = _grouped(alerts)
    groups.sort(key=lambda group: (not any(a.urgent for a in group), _due(group) or "9999", group[0].id or 0))
    listed, rest = groups[:max_items], groups[max_items:]
    lines = [_line(group, t, public_url, now) for group in listed]
    urgent = sum(1 for group in groups if any(a.urgent for a in group))
    title = t("alert.title_urgent", urgent=urgent, count=len(groups)) if urgent else t("alert.title", count=len(groups))
    return Message(title=title, lines=lines, more=len(rest), link_text=t("alert.open"), language=t.lang, alerts=[_structured(a, public_url) for a in alerts])


def trial_message(channel: str, language: str) -> Message:
    t = Translator(language)
    return Message(title=t("alert.test_title"), lines=[Line(t("alert.test", channel=channel))], link_text=t("alert.open"),
                   language=t.lang, alerts=[{"type": "test", "urgent": False, "text": t("alert.test", channel=channel)}])


def case_url(public_url: str | None, case_id: int | None) -> str | None:
    return f"{public_url.rstrip('/')}/cases/{case_id}" if public_url and case_id is not None else None


def _grouped(alerts: list[Alert]) -> list[list[Alert]]:
    by_case: dict[int, list[Alert]] = {}
    groups: list[list[Alert]] = []
    for alert in alerts:
        if alert.type in _CASE_ALERTS and alert.case_id is not None:
            if alert.case_id not in by_case:
                by_case[alert.case_id] = []
                groups.append(by_case[alert.case_id])
            by_case[alert.case_id].append(alert)
        else:
            groups.append([alert])
    return groups


def _due(group: list[Alert]) -> str | None:
    return group[-1].details.get("due_at")


def _line(group: list[Alert], t: Translator, public_url: str | None, now: datetime) -> Line:
    first = group[0]
    urgent = any(a.urgent for a in group)
    what = t("alert.also").join(dict.fromkeys(_what(a, t) for a in group))  # the same words once
    mark = f"[{t('alert.urgent')}] " if urgent else ""
    if first.type not in _CASE_ALERTS or first.case_id is None:
        return Line(f"{mark}{what}", urgent)
    details = group[-1].details  # the newest words about the case
    parts = [t.label(details.get("kind")) if details.get("kind") else None, t.label(details.get("platform")) if details.get("platform") else None,
             t("alert.order", order=details["order_id"]) if details.get("order_id") else t("alert.case", case=first.case_id)]
    due = _parse(details.get("due_at"))
    if due is not None:
        parts.append(t("alert.due", when=due.strftime("%Y-%m-%d %H:%M UTC"), left=t.time_left(due, now)[0]))
    heading = " · ".join(part for part in parts if part)
    return Line(mark + t("alert.line", case=heading, what=what), urgent, case_url(public_url, first.case_id), first.case_id)


def _what(alert: Alert, t: Translator) -> str:
    details = alert.details
    if alert.type == ev.DEADLINE:
        hours = details.get("hours") or 0
        return t("alert.deadline", hours=f"{hours:g}") if hours else t("alert.deadline_passed")
    if alert.type == ev.RECOVERED:
        smtp = details.get("problem") == ev.SMTP_FAILING
        return t("alert.smtp_recovered") if smtp else t("alert.mailbox_recovered", mailbox=details.get("mailbox"))
    if alert.type == ev.MAILBOX_STALE:
        since = _parse(details.get("since"))
        return t("alert.mailbox_stale", mailbox=details.get("mailbox"), since=since.strftime("%Y-%m-%d %H:%M UTC") if since else "?")
    words = {
        ev.DRAFT_PENDING: "alert.draft_pending", ev.CASE_TRIAGE: "alert.case_triage", ev.CASE_UNVERIFIED: "alert.case_unverified",
        ev.SEND_FAILED: "alert.send_failed", ev.SEND_UNKNOWN: "alert.send_unknown", ev.MAILBOX_LOGIN: "alert.mailbox_login",
        ev.MAILBOX_UNREACHABLE: "alert.mailbox_unreachable", ev.MAILBOX_NEVER: "alert.mailbox_never", ev.SMTP_FAILING: "alert.smtp_failing",
    }
    return t(words.get(alert.type, alert.type), mailbox=details.get("mailbox"), detail=_one_line(details.get("detail") or "-"))


def _structured(alert: Alert, public_url: str | None) -> dict[str, Any]:
    return {"id": alert.id, "key": alert.key, "type": alert.type, "urgent": alert.urgent,
            "created_at": alert.created_at.isoformat() if alert.created_at else None,
            **alert.details, "url": case_url(public_url, alert.case_id)}


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
