"""Which handler takes which notification: the registry is explicit and ordered."""

from __future__ import annotations

from datetime import datetime

import pytest

from disputed.config.settings import PolicySettings, Remedy

from disputed.handlers import ISSUE_HANDLERS, REGISTRY, route
from disputed.handlers.base import HandlerContext, HistoryItem
from disputed.vocabulary import SILENT_KINDS, Issue, Kind

BUYER_ISSUES = [i for i in Issue if i not in (Issue.OTHER, Issue.OPTION_CHOICE)]


def test_names_are_unique_and_every_handler_declares_its_shape():
    names = [h.name for h in REGISTRY]
    assert len(names) == len(set(names))
    for handler in REGISTRY:
        assert handler.kinds and all(isinstance(k, Kind) for k in handler.kinds)
        assert handler.issues is None or all(isinstance(i, Issue) for i in handler.issues)


def test_history_and_the_last_offer_are_read_when_first_asked_for_and_once():
    """Every handler may read them; the store is asked only when one does."""
    asked: list[str] = []
    offer = (Remedy(type="reissue"), Remedy(type="partial_refund", percent=20))

    def read_history():
        asked.append("history")
        return [HistoryItem(at=datetime(2026, 11, 1), type="notification", detail="amazon buyer_message")]

    def read_offered():
        asked.append("offered")
        return iter(offer)

    ctx = HandlerContext(policy=PolicySettings(), now=datetime(2026, 11, 2), read_history=read_history, read_offered=read_offered)
    assert asked == []
    assert ctx.offered == offer and ctx.offered == offer
    assert [item.type for item in ctx.history] == ["notification"]
    assert asked == ["offered", "history"]
    assert HandlerContext(policy=PolicySettings(), now=datetime(2026, 11, 2)).offered == ()


@pytest.mark.parametrize("kind", sorted(SILENT_KINDS))
@pytest.mark.parametrize("issue", [None, Issue.NOT_RECEIVED])
def test_silent_kinds_have_no_handler(kind, issue):
    assert route(kind, issue) is None


@pytest.mark.parametrize("kind", [Kind.BUYER_MESSAGE, Kind.RETURN_REQUEST, Kind.DISPUTE])
@pytest.mark.parametrize("issue", BUYER_ISSUES)
def test_every_buyer_issue_has_its_own_handler(kind, issue):
    assert route(kind, issue).name == issue.value


@pytest.mark.parametrize(
    ("kind", "issue", "expected"),
    [
        (Kind.BUYER_MESSAGE, Issue.OPTION_CHOICE, "option_choice"),
        (Kind.DISPUTE, Issue.OPTION_CHOICE, "option_choice"),
        (Kind.BUYER_MESSAGE, Issue.OTHER, "triage"),
        (Kind.BUYER_MESSAGE, None, "triage"),
        (Kind.DISPUTE, Issue.OTHER, "triage"),
        (Kind.RETURN_REQUEST, Issue.OTHER, "return_request"),
        (Kind.RETURN_REQUEST, None, "return_request"),
        (Kind.FEEDBACK, None, "feedback"),
        (Kind.FEEDBACK, Issue.QUALITY_DEFECT, "feedback"),
        (Kind.ATOZ_CLAIM, Issue.NOT_RECEIVED, "atoz_claim"),
        (Kind.ATOZ_CLAIM, None, "atoz_claim"),
        (Kind.CHARGEBACK, Issue.NOT_AS_DESCRIBED, "chargeback"),
        (Kind.CANCELLATION_REQUEST, None, "cancellation_request"),
        (Kind.CANCELLATION_REQUEST, Issue.CANCELLATION, "cancellation_request"),
        (Kind.ATOZ_DECISION, None, "claim_decision"),
        (Kind.CHARGEBACK_DECISION, None, "claim_decision"),
        (Kind.REFUND_ISSUED, None, "refund_issued"),
        (Kind.PERFORMANCE_WARNING, None, "performance_warning"),
        (Kind.ACCOUNT_DEACTIVATED, None, "account_deactivated"),
        (Kind.ACCOUNT_REVIEW, None, "account_review"),
        (Kind.IP_INFRINGEMENT, None, "ip_infringement"),
        (Kind.LISTING_REMOVED, None, "listing_removed"),
        (Kind.POLICY_WARNING, None, "policy_warning"),
    ],
)
def test_routes(kind, issue, expected):
    assert route(kind, issue).name == expected


def test_every_answerable_kind_is_handled():
    for kind in set(Kind) - SILENT_KINDS:
        assert route(kind, None) is not None or route(kind, Issue.NOT_RECEIVED) is not None, kind


def test_claims_reuse_the_issue_handlers_in_the_registry():
    claim = route(Kind.ATOZ_CLAIM, Issue.WRONG_ITEM)
    assert claim.buyer_handlers == ISSUE_HANDLERS
    assert all(h in REGISTRY for h in ISSUE_HANDLERS)
