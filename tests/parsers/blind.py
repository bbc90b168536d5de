"""Scoring disputed against the blind set in ``tests/fixtures/blind/``.

The blind set was written by people who did not read the parsers or the classifier, before any tuning against it
(its README says who wrote what). This module only reads it and scores ``parse_message`` on it; the floors the suite
holds the parsers to are in ``test_blind.py``. Run it directly for the full table:

    PYTHONPATH=src .venv/bin/python -m tests.parsers.blind
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from disputed.config.settings import SecuritySettings
from disputed.notification import Notification
from disputed.parsers import QuarantineError, parse_message

BLIND = Path(__file__).resolve().parent.parent / "fixtures" / "blind"
AUTHSERV_ID = "mx.blind.test"  # the one Authentication-Results id every blind message carries
TRIAGE_THRESHOLD = 0.55  # the policy's default: at or above it an issue goes to a template without a person


def load_labels(folder: str) -> list[dict]:
    """Every label line of ``buyer/`` or ``notices/`` (several writers, one file each)."""
    rows = []
    for path in sorted((BLIND / folder).glob("labels*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def parse_blind(label: dict) -> Notification | None:
    raw = (BLIND / label["file"]).read_bytes()
    try:
        return parse_message(raw, security=SecuritySettings(trusted_authserv_ids=[AUTHSERV_ID]))
    except QuarantineError:
        return None


@dataclass
class Tally:
    """What one group of buyer messages (one language, or all) scored."""

    total: int = 0
    right: int = 0  # the issue is the labelled one, whatever the confidence
    confident: int = 0  # at or above the triage threshold
    confident_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, label: dict, note: Notification | None) -> None:
        self.total += 1
        issue = note.issue.value if note is not None and note.issue is not None else None
        is_right = issue == label["issue"]
        sure = note is not None and issue is not None and (note.confidence or 0.0) >= TRIAGE_THRESHOLD
        self.right += is_right
        self.confident += sure
        self.confident_right += sure and is_right
        if not is_right:
            shown = f"{issue}@{note.confidence:.2f}" if note is not None and note.confidence is not None else issue
            self.misses.append(f"{label['file']}: {label['issue']} -> {shown}")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def coverage(self) -> float:
        return self.confident / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.confident_right / self.confident if self.confident else 1.0


def score_buyers() -> dict[str, Tally]:
    """Tallies per language, and ``"all"``."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for label in load_labels("buyer"):
        note = parse_blind(label)
        tallies[label["language"]].add(label, note)
        tallies["all"].add(label, note)
    return dict(tallies)


@dataclass
class NoticeScore:
    total: int = 0
    recognised: int = 0  # not unrecognised when the label says it is a known kind (and the other way round)
    right_kind: int = 0
    right_order: int = 0  # among notices labelled with an order id
    with_order: int = 0
    misses: list[str] = field(default_factory=list)
    confusions: Counter[str] = field(default_factory=Counter)  # "labelled -> parsed" kinds, counted

    def add(self, label: dict, note: Notification | None) -> None:
        kind = note.kind.value if note is not None else "quarantined"
        if kind != label["kind"]:
            self.confusions[f"{label['kind']} -> {kind}"] += 1
        self.total += 1
        self.recognised += (kind == "unrecognised") == (label["kind"] == "unrecognised")
        self.right_kind += kind == label["kind"]
        if label.get("order_id"):
            self.with_order += 1
            self.right_order += note is not None and note.order_id == label["order_id"]
        if kind != label["kind"] or (label.get("order_id") and (note is None or note.order_id != label["order_id"])):
            got_order = note.order_id if note is not None else None
            self.misses.append(f"{label['file']}: {label['kind']}/{label.get('order_id')} -> {kind}/{got_order}")

    def figures(self) -> str:
        return (f"{self.total:>4}  recognised {self.recognised:>4}  right kind {self.right_kind:>4}  "
                f"order id {self.right_order:>3}/{self.with_order}")


# The label fields notices are counted by in ``--by``: aggregate figures only, never a text, subject or file.
BREAKDOWNS = ("platform", "kind", "language", "marketplace")


def score_notices() -> NoticeScore:
    return score_notices_by()[("all", "all")]


def score_notices_by() -> dict[tuple[str, str], NoticeScore]:
    """Scores of all notices (``("all", "all")``) and of each value of each ``BREAKDOWNS`` label field."""
    scores: dict[tuple[str, str], NoticeScore] = defaultdict(NoticeScore)
    for label in load_labels("notices"):
        note = parse_blind(label)
        scores[("all", "all")].add(label, note)
        for name in BREAKDOWNS:
            scores[(name, str(label.get(name)))].add(label, note)
    return dict(scores)


def breakdown_report() -> str:
    """Per platform, kind, language and marketplace: how many notices, recognised, of the right kind."""
    lines = []
    scores = score_notices_by()
    for name in BREAKDOWNS:
        lines.append(f"\nby {name}:")
        for (group, value), score in sorted(scores.items()):
            if group == name:
                lines.append(f"  {value:<22} {score.figures()}")
    for name in ("platform", "language"):
        lines.append(f"\nwrong kinds, per {name}:")
        for (group, value), score in sorted(scores.items()):
            if group == name:
                lines.extend(f"  {value:<11} {count:>3} x {confusion}" for confusion, count in score.confusions.most_common())
    return "\n".join(lines)


def report() -> str:
    lines = ["language  messages  accuracy  coverage  confident precision"]
    tallies = score_buyers()
    for language in sorted(tallies, key=lambda code: (code == "all", code)):
        t = tallies[language]
        lines.append(f"{language:<9} {t.total:>8}  {t.accuracy:>8.0%}  {t.coverage:>8.0%}  {t.precision:>19.0%}")
    notices = score_notices()
    if notices.total:
        lines.append("")
        lines.append(f"notices: {notices.total}, recognised {notices.recognised}, right kind {notices.right_kind}, "
                     f"right order id {notices.right_order}/{notices.with_order}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report())
    if "--by" in sys.argv:
        print(breakdown_report())
    if "--misses" in sys.argv:
        for language, tally in sorted(score_buyers().items()):
            if language != "all":
                print("\n".join(tally.misses))
        print("\n".join(score_notices().misses))
