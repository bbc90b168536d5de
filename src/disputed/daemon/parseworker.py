"""Parsing for the processor, in this process or in a worker process of its own.

``parse_message`` is pure CPU work (raw bytes in, a ``Notification`` out), so a big
batch can be parsed by ``python -c "from disputed.daemon.parseworker import main; main()"``
children while the processor writes the previous batch. This module imports only the
parsers, so a worker carries the parsers' memory and nothing of the store's.

The protocol on the worker's stdin and stdout: 8-byte big-endian length, then a pickle.
First the ``SecuritySettings``, then any number of ``[(raw, received_at), ...]`` batches,
each answered with a list of ``Parsed``; end of input ends the worker.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from datetime import datetime

from disputed.config.settings import SecuritySettings
from disputed.notification import Notification
from disputed.parsers import QuarantineError, parse_message


@dataclass(frozen=True)
class Parsed:
    note: Notification | None = None
    quarantine: str | None = None  # outside the limits: quarantined at once
    error: str | None = None  # anything else: retried, then quarantined


def parse_items(items: list[tuple[bytes, datetime]], security: SecuritySettings) -> list[Parsed]:
    out = []
    for raw, received_at in items:
        try:
            out.append(Parsed(note=parse_message(raw, security=security, received_at=received_at)))
        except QuarantineError as exc:
            out.append(Parsed(quarantine=exc.reason))
        except Exception as exc:
            out.append(Parsed(error=f"{type(exc).__name__}: {exc}"))
    return out


def write_frame(stream, obj) -> None:
    blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(blob).to_bytes(8, "big") + blob)
    stream.flush()


def read_frame(stream):
    """The next object, or None at end of input."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    return pickle.loads(stream.read(int.from_bytes(head, "big")))


def main() -> None:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but results may reach the pipe
    security = read_frame(stdin)
    while (items := read_frame(stdin)) is not None:
        write_frame(stdout, parse_items(items, security))
