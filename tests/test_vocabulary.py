"""The names are a public contract (issue 7): a rename must fail here first."""

from __future__ import annotations

import re
from pathlib import Path

from disputed.vocabulary import Audience, Issue, Kind, Platform

PLATFORMS = ["amazon", "ebay", "aliexpress", "walmart"]
KINDS = [
    "return_request", "refund_issued", "cancellation_request", "atoz_claim", "atoz_decision", "chargeback",
    "chargeback_decision", "buyer_message", "dispute", "feedback", "policy_warning", "ip_infringement",
    "listing_removed", "performance_warning", "account_deactivated", "account_review", "bounce", "auto_reply",
    "unrecognised",
]
ISSUES = [
    "not_received", "wrong_item", "not_as_described", "quality_defect", "damaged", "missing_parts", "customs_tax",
    "empty_package", "size_fit", "tracking_inquiry", "cancellation", "exchange_request", "usage_question",
    "option_choice", "other",
]
README = Path(__file__).resolve().parents[1] / "README.md"


def test_platform_names_are_pinned():
    assert [p.value for p in Platform] == PLATFORMS


def test_kind_names_are_pinned():
    assert [k.value for k in Kind] == KINDS


def test_issue_names_are_pinned():
    assert [i.value for i in Issue] == ISSUES


def test_audience_names_are_pinned():
    """Stored in every draft row and shown to operators; the handlers name them too."""
    assert [a.value for a in Audience] == ["buyer", "platform", "internal"]


def test_the_readme_documents_every_name():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Names") :]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    missing = (set(PLATFORMS) | set(KINDS) | set(ISSUES)) - documented
    assert not missing, f"README's Names section lacks {sorted(missing)}"


def test_parse_json_keys_are_the_contract():
    from disputed.config.settings import SecuritySettings
    from disputed.parsers import parse_message

    raw = (Path(__file__).parent / "fixtures" / "pipeline" / "01-return-wrong-item.eml").read_bytes()
    data = parse_message(raw, security=SecuritySettings(trusted_authserv_ids=["mx.demo.test"])).public_dict()
    for key in ("platform", "kind", "issue", "order_id", "asin", "language", "authentic"):
        assert key in data
    assert (data["platform"], data["kind"], data["issue"], data["order_id"], data["authentic"]) == (
        "amazon", "return_request", "wrong_item", "113-4829301-7765432", True)


def test_template_file_names_use_the_vocabulary():
    root = Path(__file__).resolve().parents[1] / "src" / "disputed" / "languages" / "en" / "templates"
    names = {p.stem.split(".")[0] for p in root.glob("*.txt") if not p.name.startswith("_")}
    vocabulary = set(KINDS) | set(ISSUES)
    extra = {"platform", "order", "option", "followup", "hijacker"}  # namespaces the README documents
    unexplained = {n for n in names if n not in vocabulary and not any(n.startswith(e) for e in extra)}
    assert not unexplained, f"template names outside the vocabulary: {sorted(unexplained)}"
