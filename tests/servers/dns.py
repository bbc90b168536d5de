"""A small real DNS server for the tests: it answers TXT questions from a table over UDP on 127.0.0.1, so that
the parse worker's DKIM key lookups go through a resolver and a socket as they do in production."""

from __future__ import annotations

import socket
import threading

import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class TxtServer:
    def __init__(self, records: dict[str, bytes]) -> None:
        self.records = {name.rstrip(".").lower() + ".": value for name, value in records.items()}
        self.questions: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="dns", daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> TxtServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.sock.sendto(self._answer(data), peer)

    def _answer(self, data: bytes) -> bytes:
        query = dns.message.from_wire(data)
        response = dns.message.make_response(query)
        question = query.question[0]
        name = question.name.to_text().lower()
        self.questions.append(name)
        value = self.records.get(name)
        if question.rdtype != dns.rdatatype.TXT or value is None:
            response.set_rcode(dns.rcode.NXDOMAIN)
            return response.to_wire()
        chunks = " ".join(f'"{value[i:i + 250].decode("ascii")}"' for i in range(0, len(value), 250))  # 255 bytes a string
        response.answer.append(dns.rrset.from_text(question.name, 300, "IN", "TXT", chunks))
        return response.to_wire()
