"""Scoring the buyer-text classifier on its development set (``tests/parsers/dev_set/<code>.tsv``).

The development sets are what the classifier is tuned on: buyer messages written for this project apart
from the training examples (``languages/<code>/examples.tsv``), in other words and situations. ``dev_set``
(33 a language) came first; ``dev_hard`` (30 a language, two of every issue) was written later by people who
read neither the classifier nor its examples, all of it hard: indirect, long stories, two topics, slang,
negation. The blind set (``tests/fixtures/blind/``) only measures.

    PYTHONPATH=src .venv/bin/python -m tests.parsers.dev [dev_hard]           # the table
    PYTHONPATH=src .venv/bin/python -m tests.parsers.dev [dev_hard] --misses  # and each miss
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from disputed.parsers.classify import classify_issue
from disputed.vocabulary import Issue

DEV_SETS = Path(__file__).resolve().parent
TRIAGE_THRESHOLD = 0.55


@dataclass(frozen=True)
class DevExample:
    language: str
    issue: Issue
    text: str


def load_dev_set(name: str = "dev_set") -> list[DevExample]:
    examples = []
    for path in sorted((DEV_SETS / name).glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            issue, sep, text = line.partition("\t")
            if not sep:
                raise ValueError(f"{path.name}:{number}: expected 'issue<TAB>text'")
            examples.append(DevExample(path.stem, Issue(issue.strip()), text.strip()))
    return examples


@dataclass
class DevTally:
    total: int = 0
    right: int = 0
    confident: int = 0
    confident_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, example: DevExample, issue: Issue, confidence: float) -> None:
        sure = confidence >= TRIAGE_THRESHOLD
        self.total += 1
        self.right += issue is example.issue
        self.confident += sure
        self.confident_right += sure and issue is example.issue
        if issue is not example.issue:
            self.misses.append(f"{example.language} {example.issue} -> {issue}@{confidence:.2f}: {example.text}")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def coverage(self) -> float:
        return self.confident / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.confident_right / self.confident if self.confident else 1.0


def score(name: str = "dev_set") -> dict[str, DevTally]:
    tallies: dict[str, DevTally] = {}
    for example in load_dev_set(name):
        result = classify_issue(example.text, example.language)
        for key in (example.language, "all"):
            tallies.setdefault(key, DevTally()).add(example, result.issue, result.confidence)
    return tallies


def report(tallies: dict[str, DevTally]) -> str:
    lines = ["language  messages  accuracy  coverage  confident precision"]
    for language in sorted(tallies, key=lambda code: (code == "all", code)):
        t = tallies[language]
        lines.append(f"{language:<9} {t.total:>8}  {t.accuracy:>8.0%}  {t.coverage:>8.0%}  {t.precision:>19.0%}")
    return "\n".join(lines)


if __name__ == "__main__":
    results = score("dev_hard" if "dev_hard" in sys.argv else "dev_set")
    print(report(results))
    if "--misses" in sys.argv:
        print("\n".join(results["all"].misses))
