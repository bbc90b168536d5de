"""The fixture corpus: every ``.eml`` under tests/fixtures/mail with its ``.expected.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from disputed.config.settings import SecuritySettings
from disputed.notification import Notification
from disputed.parsers import warm_up

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
TRUSTED_AUTHSERV_ID = "mx.seller-mail.test"
# Fields every expectation file must state, even as null.
REQUIRED_FIELDS = ("platform", "kind", "issue", "order_id", "asin", "language", "authentic")


def security() -> SecuritySettings:
    return SecuritySettings(trusted_authserv_ids=[TRUSTED_AUTHSERV_ID])


@dataclass(frozen=True)
class Fixture:
    path: Path
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.path.relative_to(CORPUS))


def fixtures() -> list[Fixture]:
    # The parsers' models are loaded before the corpus is parsed, as the daemon loads them at its start: on a busy
    # machine their first load alone can outlast a parse's time limit.
    warm_up()
    found = []
    for path in sorted(CORPUS.rglob("*.eml")):
        expected_path = path.with_name(path.stem + ".expected.json")
        found.append(Fixture(path, json.loads(expected_path.read_text(encoding="utf-8"))))
    return found


def actual_value(notification: Notification, key: str) -> Any:
    """The parsed value of ``key`` in the form the expectation files write it."""
    if key == "remarks_contain":
        return list(notification.remarks)
    value = notification.public_dict()[key]
    if isinstance(value, Decimal):
        return str(value)
    return value


def matches(key: str, expected: Any, actual: Any) -> bool:
    if key == "remarks_contain":
        return all(any(fragment in note for note in actual) for fragment in expected)
    if key == "evidence_contains":
        return False
    if key == "amount" and expected is not None and actual is not None:
        return Decimal(str(expected)) == Decimal(str(actual))
    if key == "deadline" and expected is not None and actual is not None:
        return str(actual).startswith(str(expected))
    return expected == actual


def compare(notification: Notification, expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Field -> (expected, actual) for every expected field the parse got wrong."""
    wrong = {}
    for key, want in expected.items():
        if key == "evidence_contains":
            got = notification.auth_evidence
            if want not in got:
                wrong[key] = (want, got)
            continue
        got = actual_value(notification, key)
        if not matches(key, want, got):
            wrong[key] = (want, got)
    return wrong
