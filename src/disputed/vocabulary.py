"""The public names of disputed: platforms, notification kinds, buyer issues.

These strings are a contract. Sellers write them in configuration, operators
filter by them, scripts read them from ``disputed parse --json`` and
``disputed queue --json``, and template files are named after them.
``tests/test_vocabulary.py`` pins every value; renaming one is a breaking change.
"""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    AMAZON = "amazon"
    EBAY = "ebay"
    ALIEXPRESS = "aliexpress"
    WALMART = "walmart"


class Kind(StrEnum):
    """What a notification is."""

    RETURN_REQUEST = "return_request"
    REFUND_ISSUED = "refund_issued"
    CANCELLATION_REQUEST = "cancellation_request"
    ATOZ_CLAIM = "atoz_claim"
    ATOZ_DECISION = "atoz_decision"
    CHARGEBACK = "chargeback"
    CHARGEBACK_DECISION = "chargeback_decision"
    BUYER_MESSAGE = "buyer_message"
    DISPUTE = "dispute"
    FEEDBACK = "feedback"
    POLICY_WARNING = "policy_warning"
    IP_INFRINGEMENT = "ip_infringement"
    LISTING_REMOVED = "listing_removed"
    PERFORMANCE_WARNING = "performance_warning"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ACCOUNT_REVIEW = "account_review"
    BOUNCE = "bounce"
    AUTO_REPLY = "auto_reply"
    UNRECOGNISED = "unrecognised"


class Issue(StrEnum):
    """The buyer's problem, where there is one."""

    NOT_RECEIVED = "not_received"
    WRONG_ITEM = "wrong_item"
    NOT_AS_DESCRIBED = "not_as_described"
    QUALITY_DEFECT = "quality_defect"
    DAMAGED = "damaged"
    MISSING_PARTS = "missing_parts"
    CUSTOMS_TAX = "customs_tax"
    EMPTY_PACKAGE = "empty_package"
    SIZE_FIT = "size_fit"
    TRACKING_INQUIRY = "tracking_inquiry"
    CANCELLATION = "cancellation"
    EXCHANGE_REQUEST = "exchange_request"
    USAGE_QUESTION = "usage_question"
    OPTION_CHOICE = "option_choice"
    OTHER = "other"


class Audience(StrEnum):
    """Whom a letter is for."""

    BUYER = "buyer"
    PLATFORM = "platform"
    INTERNAL = "internal"  # a note for the operator; never sent


class Remedy(StrEnum):
    """What the buyer asks the seller to do about it, where they say."""

    REFUND = "refund"
    PARTIAL_REFUND = "partial_refund"
    REPLACEMENT = "replacement"
    EXCHANGE = "exchange"
    CANCELLATION = "cancellation"
    NONE = "none"  # they say what is wrong but ask for nothing in particular


# Kinds that speak about the seller's account rather than one buyer's order.
ACCOUNT_KINDS = frozenset(
    {
        Kind.POLICY_WARNING,
        Kind.IP_INFRINGEMENT,
        Kind.LISTING_REMOVED,
        Kind.PERFORMANCE_WARNING,
        Kind.ACCOUNT_DEACTIVATED,
        Kind.ACCOUNT_REVIEW,
    }
)

# Kinds that must never receive a draft: answering them risks a mail loop.
SILENT_KINDS = frozenset({Kind.BOUNCE, Kind.AUTO_REPLY, Kind.UNRECOGNISED})
