"""Plain values for handler tests, and a renderer that checks every outcome against the
templates in every language they exist in (what the pipeline will do)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from disputed.config.settings import PolicySettings, Remedy
from disputed.drafting import STATES_BUYER_CONTACT
from disputed.handlers import route
from disputed.handlers.base import (
    BUYER_WRITTEN_ON,
    BASE_CONTEXT_KEYS,
    CaseView,
    HandlerContext,
    Hold,
    Ignore,
    OrderRecord,
    Outcome,
    QueueDraft,
    ScheduleFollowUp,
    option_dicts,
)
from disputed.notification import Notification
from disputed.rendering import Rendered, TemplateLibrary
from disputed.parsers.account import account_facts
from disputed.languages import TEMPLATE_LANGUAGES
from disputed.vocabulary import Issue, Kind

NOW = datetime(2024, 5, 2, 9, 30)
ORDER_ID = "113-1234567-1234567"
LIBRARY = TemplateLibrary()


def policy(**overrides: Any) -> PolicySettings:
    return PolicySettings(seller_name="Li Wei", shop_name="Innoshop", **overrides)


def note(kind: Kind = Kind.BUYER_MESSAGE, issue: Issue | None = None, **fields: Any) -> Notification:
    values: dict[str, Any] = {
        "platform": "amazon",
        "order_id": ORDER_ID,
        "item": "Porcelain cup set",
        "buyer_name": "Maria Rossi",
        "language": "en",
        "authentic": True,
        "confidence": 0.9 if kind == Kind.BUYER_MESSAGE else None,
    }
    values.update(fields)
    # What the parse stage reads from an account notice's text, unless the test gives it.
    read = account_facts(kind, values.get("subject", ""), values.get("body_text", ""))
    return Notification(kind=kind, issue=issue, **{**read, **values})


def case_view(kind: Kind = Kind.BUYER_MESSAGE, issue: Issue | None = None, **fields: Any) -> CaseView:
    values: dict[str, Any] = {
        "id": 7,
        "key": f"amazon:{ORDER_ID}",
        "platform": "amazon",
        "order_id": ORDER_ID,
        "language": "en",
        "status": "open",
        "buyer_name": "Maria Rossi",
        "amount": "39,90",
        "currency": "EUR",
        "opened_with": kind,
    }
    values.update(fields)
    return CaseView(kind=kind, issue=issue, **values)


def shipped(days_ago: int, method: str | None = "china_post", destination: str | None = "US", **fields: Any) -> OrderRecord:
    ship_date = datetime.fromordinal(NOW.toordinal() - days_ago).replace(hour=8)
    return OrderRecord(order_id=ORDER_ID, ship_date=ship_date, shipping_method=method, destination=destination, tracking_number="LX123456789CN", **fields)


def run(
    kind: Kind,
    issue: Issue | None = None,
    *,
    order: OrderRecord | None = None,
    offered: tuple[Remedy, ...] = (),
    settings: PolicySettings | None = None,
    case: CaseView | None = None,
    now: datetime = NOW,
    **note_fields: Any,
) -> tuple[str, list[Outcome]]:
    """Route like the pipeline does and handle; returns the handler's name and its outcomes."""
    handler = route(kind, issue)
    assert handler is not None, f"nothing handles {kind}/{issue}"
    ctx = HandlerContext(policy=settings or policy(), now=now, order=order, read_offered=lambda: offered)
    outcomes = handler.handle(note(kind, issue, **note_fields), case or case_view(kind, issue), ctx)
    for outcome in outcomes:
        check_renders(outcome)
    return handler.name, outcomes


def drafts(outcomes: list[Outcome]) -> list[QueueDraft]:
    return [o for o in outcomes if isinstance(o, QueueDraft)]


def only_draft(outcomes: list[Outcome]) -> QueueDraft:
    (draft,) = outcomes
    assert isinstance(draft, QueueDraft), outcomes
    return draft


def only_hold(outcomes: list[Outcome]) -> Hold:
    (held,) = outcomes
    assert isinstance(held, Hold), outcomes
    return held


def followups(outcomes: list[Outcome]) -> list[ScheduleFollowUp]:
    return [o for o in outcomes if isinstance(o, ScheduleFollowUp)]


def base_context() -> dict[str, Any]:
    """What the pipeline puts under every template (see disputed.handlers.base.BASE_CONTEXT_KEYS)."""
    context = {
        "buyer_name": "Maria Rossi",
        "order_id": ORDER_ID,
        "item": "Porcelain cup set",
        "asin": "B0TESTASIN",
        "sku": "CUP-6",
        "quantity": 1,
        "reason": "Wrong item was sent",
        "buyer_comment": "Not the print I chose",
        "amount": Decimal("39.90"),
        "currency": "EUR",
        "platform": "amazon",
        "marketplace": "amazon.de",
        "seller_name": "Li Wei",
        "shop_name": "Innoshop",
        "tracking_number": None,
        "case_id": 7,
        "today": date(2024, 5, 2),
    }
    assert tuple(context) == BASE_CONTEXT_KEYS
    return context


def render(outcome: QueueDraft | ScheduleFollowUp, language: str = "en", **extra: Any) -> Rendered:
    options = option_dicts(outcome.options) if isinstance(outcome, QueueDraft) else []
    context = {**base_context(), **outcome.context, "options": options, **extra}
    if outcome.template in STATES_BUYER_CONTACT:  # the pipeline adds it from the recorded sends
        context.setdefault(BUYER_WRITTEN_ON, None)
    return LIBRARY.render(outcome.template, language, context)


def check_renders(outcome: Outcome) -> None:
    """Contexts are JSON-ready, templates exist in en and zh, and every language renders
    without a missing variable or a stray None."""
    if isinstance(outcome, (Hold, Ignore)):
        assert outcome.reason
        return
    json.dumps(dict(outcome.context))
    languages = [lang for lang in TEMPLATE_LANGUAGES if LIBRARY.has(outcome.template, lang)]
    assert {"en", "zh"} <= set(languages), outcome.template
    for language in languages:
        rendered = render(outcome, language)
        assert rendered.language == language
        assert "None" not in rendered.subject + rendered.body, f"{language}/{outcome.template}"
