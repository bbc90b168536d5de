"""Which kind of notice is this? Phrase rules in the marketplaces' languages.

Each rule is a kind and a pattern over folded text (lower case, no accents), joined from the
rule's phrases in every language (``NOTICE_PHRASES`` in ``disputed/languages/<code>/words.py``). A
platform lists the rules it uses in priority order; the subject is tried first
(it is the most specific line a notice has), then the opening of the body.
Account-health rules come before buyer-dispute rules because account notices
mention claims and chargebacks in passing; the generic policy rule comes last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disputed import languages
from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Kind


@dataclass(frozen=True, slots=True)
class Rule:
    kind: Kind
    pattern: re.Pattern[str]
    subject_only: bool = False


def rule(kind: Kind, pattern: str, subject_only: bool = False) -> Rule:
    return Rule(kind, re.compile(lower_unaccented(pattern)), subject_only)


# The rules every language may word, by name; a rule's pattern is each language's phrases joined.
RULE_NAMES = ("account_deactivated", "account_review", "ip_infringement", "listing_removed", "performance_warning",
              "chargeback", "atoz", "claim_word", "return_request", "refund_issued", "cancellation_request", "feedback",
              "policy_warning", "dispute", "not_received_request", "decided_subject", "decided_body")


def phrases(name: str) -> str:
    """Every served language's ``NOTICE_PHRASES[name]``, as one alternation."""
    by_language = languages.gathered("NOTICE_PHRASES")
    unknown = {f"{language}:{key}" for language, table in by_language.items() for key in table if key not in RULE_NAMES}
    if unknown:
        raise ValueError(f"notice phrases for unknown rules: {sorted(unknown)}")
    return "|".join(table[name] for table in by_language.values() if name in table)


ACCOUNT_DEACTIVATED = rule(Kind.ACCOUNT_DEACTIVATED, phrases("account_deactivated"))
ACCOUNT_REVIEW = rule(Kind.ACCOUNT_REVIEW, phrases("account_review"))
IP_INFRINGEMENT = rule(Kind.IP_INFRINGEMENT, phrases("ip_infringement"))
LISTING_REMOVED = rule(Kind.LISTING_REMOVED, phrases("listing_removed"))
PERFORMANCE_WARNING = rule(Kind.PERFORMANCE_WARNING, phrases("performance_warning"))
CHARGEBACK = rule(Kind.CHARGEBACK, phrases("chargeback"))
ATOZ = rule(Kind.ATOZ_CLAIM, phrases("atoz"))
# "Claim" alone says A-to-z only in a subject; in a body it is said of anything.
CLAIM_WORD = rule(Kind.ATOZ_CLAIM, phrases("claim_word"), subject_only=True)
RETURN_REQUEST = rule(Kind.RETURN_REQUEST, phrases("return_request"))
REFUND_ISSUED = rule(Kind.REFUND_ISSUED, phrases("refund_issued"))
CANCELLATION_REQUEST = rule(Kind.CANCELLATION_REQUEST, phrases("cancellation_request"))
FEEDBACK = rule(Kind.FEEDBACK, phrases("feedback"))
POLICY_WARNING = rule(Kind.POLICY_WARNING, phrases("policy_warning"))
DISPUTE = rule(Kind.DISPUTE, phrases("dispute"))
NOT_RECEIVED_REQUEST = rule(Kind.DISPUTE, phrases("not_received_request"))


def detect_kind(subject: str, lead: str, rules: tuple[Rule, ...]) -> Kind | None:
    """The kind of the first rule matching the subject, else the first matching the body's opening."""
    folded_subject = lower_unaccented(subject)
    for candidate in rules:
        if candidate.pattern.search(folded_subject):
            return candidate.kind
    folded_lead = lower_unaccented(lead)
    for candidate in rules:
        if not candidate.subject_only and candidate.pattern.search(folded_lead):
            return candidate.kind
    return None


_DECIDED_SUBJECT = re.compile(lower_unaccented(phrases("decided_subject")))
_DECIDED_BODY = re.compile(lower_unaccented(phrases("decided_body")))


def decided(subject: str, lead: str) -> bool:
    """Does the notice report a decision (claim or chargeback decided) rather than a new case?"""
    return bool(_DECIDED_SUBJECT.search(lower_unaccented(subject)) or _DECIDED_BODY.search(lower_unaccented(lead)))
