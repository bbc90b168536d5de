"""Who gets a password checked: the log-in throttle.

Each user name has a few free password checks per window. After that every check must be
paid for with a proof of work: the server hands out a signed challenge, the browser (static/
login.js) finds a nonce whose SHA-256 with it starts with enough zero bits, and each challenge
is spent once. Every wrong password checked doubles the work for the next one (up to a cap of
a second or two in a browser), so guessing gets slow while the right password is never refused:
someone who floods a name with guesses makes its owner wait seconds, not fifteen minutes.

Per client address, failed log-ins are still refused after a limit; that only hurts the client
who failed (behind a reverse proxy, set ``[web] forwarded_allow_ips`` so the address is the real
one). Attempts turned away are counted in ``login_throttle``: the audit log gets the first one of
a window and, when the window ends, their number.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from disputed.store import auth

WINDOW = timedelta(minutes=15)
FREE_CHECKS_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
FIRST_BITS = 12  # 4 thousand hashes: unnoticeable
MAX_BITS = 18  # 260 thousand hashes: a second or two of the page's JavaScript
CHALLENGE_SECONDS = 600


@dataclass(frozen=True)
class Admission:
    """Whether this attempt's password may be checked; if not, why, and what would admit it."""

    admitted: bool
    client_blocked: bool = False
    challenge: str = ""  # when the name needs a proof of work
    bits: int = 0


def admit(session: Session, key: bytes, *, name: str, client: str, challenge: str, nonce: str) -> Admission:
    """Decide, and record atomically, whether this attempt gets its password checked."""
    if auth.client_failures(session, client=client, window=WINDOW) >= MAX_FAILURES_PER_CLIENT:
        _turned_away(session, f"client:{client}", target=name, client=client)
        return Admission(False, client_blocked=True)
    if auth.take_free_check(session, name=name, window=WINDOW, free=FREE_CHECKS_PER_NAME):
        return Admission(True)
    bits = required_bits(session, name)
    challenge_id = solved_challenge(key, name=name, challenge=challenge, nonce=nonce, bits=bits)
    if challenge_id and auth.take_paid_check(session, name=name, window=WINDOW, challenge_id=challenge_id):
        return Admission(True)
    _turned_away(session, name, target=name, client=client)
    return Admission(False, challenge=new_challenge(key, name=name, bits=bits), bits=bits)


def next_challenge(session: Session, key: bytes, *, name: str) -> str:
    """After a wrong password: the challenge the next attempt needs, or "" while checks are free,
    so the browser can work on it while the operator types."""
    if auth.checks_made(session, name=name) < FREE_CHECKS_PER_NAME:
        return ""
    return new_challenge(key, name=name, bits=required_bits(session, name))


def required_bits(session: Session, name: str) -> int:
    paid = auth.checks_made(session, name=name) - FREE_CHECKS_PER_NAME
    return min(MAX_BITS, FIRST_BITS + max(0, paid))


def _turned_away(session: Session, counter: str, *, target: str, client: str) -> None:
    auth.open_throttle_window(session, name=counter, window=WINDOW)
    if auth.count_turned_away(session, name=counter) == 1:
        detail = "further attempts in this window are counted in login_throttle, not logged one by one"
        auth.record_audit(session, actor="anonymous", action="login_throttled", target=target, client=client, detail=detail)


# The proof of work ------------------------------------------------------------------------


def _mac(key: bytes, name: str, body: str) -> str:
    return hmac.new(key, f"login-pow\x00{name}\x00{body}".encode(), hashlib.sha256).hexdigest()[:32]


def new_challenge(key: bytes, *, name: str, bits: int) -> str:
    """``issued.bits.id.mac``: bound to the name by the MAC, so it cannot be solved once for all."""
    body = f"{int(time.time())}.{bits}.{secrets.token_hex(12)}"
    return f"{body}.{_mac(key, name, body)}"


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def solved_challenge(key: bytes, *, name: str, challenge: str, nonce: str, bits: int) -> str | None:
    """The challenge's id if ``nonce`` solves a genuine, fresh challenge of at least ``bits`` for ``name``."""
    parts = challenge.split(".")
    if len(parts) != 4 or not nonce or len(nonce) > 32:
        return None
    issued, stated_bits, challenge_id, mac = parts
    if not hmac.compare_digest(mac.encode(), _mac(key, name, ".".join(parts[:3])).encode()):
        return None
    if not issued.isdigit() or not stated_bits.isdigit() or int(stated_bits) < bits:
        return None
    if not 0 <= time.time() - int(issued) <= CHALLENGE_SECONDS:
        return None
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    return challenge_id if leading_zero_bits(digest) >= int(stated_bits) else None


def solve(challenge: str) -> str:
    """Find a nonce for ``challenge`` (what the browser's script does; used by tests and tools)."""
    bits = int(challenge.split(".")[1])
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)
