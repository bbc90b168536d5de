"""A local SMTP sink for the demo: a real aiosmtpd server that files what it receives."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class _FileHandler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        self.sink.outbox.mkdir(parents=True, exist_ok=True)
        path = self.sink.outbox / f"{time.time_ns()}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        self.sink.received += 1
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox
        self.received = 0
        self.port = _free_port()
        self.controller = Controller(_FileHandler(self), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
