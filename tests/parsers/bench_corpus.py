"""Parse rate over the fixture corpus: ``.venv/bin/python tests/parsers/bench_corpus.py [rounds]``.

Not a test (no timing asserts in the suite); it prints messages per second for the whole
parse, for the MIME stage alone, and for ``email.policy.default`` reading the same mail
as a baseline.
"""

from __future__ import annotations

import email
import email.policy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from disputed.parsers import parse_message  # noqa: E402
from disputed.parsers.mime import Budget, read_mail  # noqa: E402
from tests.parsers.corpus import fixtures, security  # noqa: E402


def rate(label: str, messages: list[bytes], rounds: int, work) -> None:
    started = time.perf_counter()
    for _ in range(rounds):
        for raw in messages:
            work(raw)
    elapsed = time.perf_counter() - started
    print(f"{label:46s} {rounds * len(messages) / elapsed:8.0f} msgs/s")


def main(rounds: int) -> None:
    messages = [fixture.path.read_bytes() for fixture in fixtures()]
    settings = security()
    for raw in messages:  # load the language model and warm caches first
        parse_message(raw, security=settings)
    print(f"{len(messages)} fixtures x {rounds} rounds")
    rate("parse_message (everything)", messages, rounds, lambda raw: parse_message(raw, security=settings))
    rate("MIME stage only (read_mail)", messages, rounds, lambda raw: read_mail(raw, settings, Budget(10)))

    def default_policy(raw: bytes) -> None:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(("plain", "html"))
        str(msg["subject"]), str(msg["from"])
        try:
            body.get_content() if body else ""
        except (LookupError, KeyError):  # the standard library gives up on unknown charsets
            pass

    rate("baseline: email.policy.default, headers+body", messages, rounds, default_policy)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
