"""Real servers for the test suite: Dovecot (IMAP), aiosmtpd (SMTP), PostgreSQL and Chromium.

Nothing here mocks a protocol. Each helper starts or reaches the real thing on loopback, on ports of its own, so
the tests exercise the same code paths a seller's deployment does.
"""

from .browser import CHROMIUM_ARGS, chromium_args, find_chromium
from .dovecot import DovecotError, DovecotServer, ImapAccount
from .net import free_port, wait_for_port
from .postgres import PostgresUnavailable, TestDatabases
from .smtp import ReceivedMessage, SmtpServer

__all__ = [
    "CHROMIUM_ARGS",
    "DovecotError",
    "DovecotServer",
    "ImapAccount",
    "PostgresUnavailable",
    "ReceivedMessage",
    "SmtpServer",
    "TestDatabases",
    "chromium_args",
    "find_chromium",
    "free_port",
    "wait_for_port",
]
