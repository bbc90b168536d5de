"""What the buyer wants, told to an operator in English and in Chinese, whatever language the buyer wrote.

    readings(parsed) -> {"en": "...", "zh": "..."}

``parsed`` is a notification's public dict (as stored with the message) or the Notification
itself. The reading names the issue, the remedy asked for, what the buyer says they
attached, the order facts in their words, and how sure the classifier was (below the
triage threshold: "needs a decision").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from disputed.notification import Notification
from disputed.vocabulary import Issue, Remedy

ISSUE_NAMES = {
    Issue.NOT_RECEIVED: ("has not received the order", "未收到货"),
    Issue.WRONG_ITEM: ("received the wrong item", "收到的商品发错了"),
    Issue.NOT_AS_DESCRIBED: ("says the item is not as described", "商品与描述不符"),
    Issue.QUALITY_DEFECT: ("reports a defect or poor quality", "商品有质量问题或故障"),
    Issue.DAMAGED: ("received it damaged", "商品到货时已损坏"),
    Issue.MISSING_PARTS: ("says parts or accessories are missing", "缺少零件或配件"),
    Issue.CUSTOMS_TAX: ("was charged customs duty or import tax", "被收取关税或进口税"),
    Issue.EMPTY_PACKAGE: ("received an empty package", "收到空包裹"),
    Issue.SIZE_FIT: ("says the size does not fit", "尺码不合适"),
    Issue.TRACKING_INQUIRY: ("asks where the parcel is or for tracking", "询问物流或单号"),
    Issue.CANCELLATION: ("wants to cancel the order", "想取消订单"),
    Issue.EXCHANGE_REQUEST: ("wants to exchange the item", "想换货"),
    Issue.USAGE_QUESTION: ("asks how to use the item", "询问使用方法"),
    Issue.OPTION_CHOICE: ("answers an offer you made", "回复了您提出的方案"),
    Issue.OTHER: ("writes about something else", "其他事项"),
}
REMEDY_NAMES = {
    Remedy.REFUND: ("a refund", "退款"),
    Remedy.PARTIAL_REFUND: ("a partial refund", "部分退款"),
    Remedy.REPLACEMENT: ("a replacement", "补发/换新"),
    Remedy.EXCHANGE: ("an exchange", "换货"),
    Remedy.CANCELLATION: ("cancellation", "取消订单"),
    Remedy.NONE: ("nothing in particular", "未提出具体要求"),
}
ATTACHMENT_NAMES = {"photo": ("photos", "照片"), "video": ("a video", "视频")}
DEFAULT_THRESHOLD = 0.55


def readings(parsed: Mapping[str, Any] | Notification, threshold: float = DEFAULT_THRESHOLD) -> dict[str, str]:
    """The reading in English ("en") and Chinese ("zh"); empty strings when the buyer wrote nothing."""
    data = parsed.public_dict() if isinstance(parsed, Notification) else parsed
    if not data.get("buyer_comment") and not data.get("issue"):
        return {"en": "", "zh": ""}
    return {"en": _reading(data, threshold, 0), "zh": _reading(data, threshold, 1)}


def _reading(data: Mapping[str, Any], threshold: float, index: int) -> str:
    parts = []
    issue = _member(Issue, data.get("issue"))
    if issue is not None:
        parts.append(("The buyer " if index == 0 else "买家") + ISSUE_NAMES[issue][index])
    remedy = _member(Remedy, data.get("remedy"))
    if remedy is not None:
        parts.append(("asks for " if index == 0 else "要求：") + REMEDY_NAMES[remedy][index])
    attachments = [ATTACHMENT_NAMES[name][index] for name in data.get("attachments") or () if name in ATTACHMENT_NAMES]
    if attachments:
        parts.append(("says they attached " if index == 0 else "称已附上") + (" and " if index == 0 else "和").join(attachments))
    facts = list(data.get("mentioned_facts") or ())
    if facts:
        parts.append(("mentions " if index == 0 else "提到：") + ", ".join(facts))
    confidence = data.get("confidence")
    if confidence is not None:
        sure = float(confidence) >= threshold
        if index == 0:
            parts.append(f"confidence {float(confidence):.2f}" + ("" if sure else " (needs a decision)"))
        else:
            parts.append(f"置信度 {float(confidence):.2f}" + ("" if sure else "（需人工判断）"))
    return ("; " if index == 0 else "；").join(parts) + ("." if index == 0 else "。")


def _member(enum, value):
    try:
        return enum(value) if value else None
    except ValueError:
        return None
