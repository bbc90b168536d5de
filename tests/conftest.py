"""Fixtures that give tests real servers: Dovecot, aiosmtpd, PostgreSQL and Chromium (see tests/servers/).

Fixtures
- `dovecot` (session): one DovecotServer shared by the run. Do not stop it; use `dovecot_factory` for that.
- `imap_account`: a fresh user on `dovecot` (ImapAccount: host, port, username, password, append(), uids(),
  fetch_all(), uidvalidity(), recreate_folder(), client()).
- `dovecot_factory`: `dovecot_factory()` starts a private DovecotServer the test may stop, kill or restart;
  every server it made is removed after the test.
- `smtp_server`: a running SmtpServer (recording, with fault modes) for this test only.
- `token_service`: the OAuth token service (tests/servers/tokens.py), one per run, its switches reset for each test.
- `oauth_dovecot` (session): a DovecotServer whose oauth2 passdb checks tokens with `token_service`.
- `pg_url`: a SQLAlchemy URL to a new, empty PostgreSQL database, dropped after the test.
- `chromium_path`: the Chromium binary; launch it with `tests.servers.chromium_args()`.

Tests that use `pg_url` or `chromium_path` are marked `postgres` / `browser` automatically, so `-m "not browser"`
works; nothing is skipped unless asked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `import tests.servers` must work however pytest was started
    sys.path.insert(0, str(REPO_ROOT))

from tests.servers import (  # noqa: E402
    DovecotServer,
    ImapAccount,
    PostgresUnavailable,
    SmtpServer,
    TestDatabases,
    find_chromium,
)
from tests.servers.dovecot import DovecotError, find_dovecot  # noqa: E402
from tests.servers.tokens import TokenService  # noqa: E402

MARKS_BY_FIXTURE = {"pg_url": "postgres", "chromium_path": "browser"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects, so the marks added here count
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture_name, mark in MARKS_BY_FIXTURE.items():
            if fixture_name in getattr(item, "fixturenames", ()):
                item.add_marker(mark)


def pytest_report_header(config: pytest.Config) -> list[str]:
    try:
        dovecot = find_dovecot()
    except DovecotError:
        dovecot = "MISSING"
    return [f"servers: dovecot={dovecot} chromium={find_chromium() or 'MISSING'}"]


# -- IMAP ---------------------------------------------------------------------------------------------------------

def _started_dovecot(**options) -> DovecotServer:
    try:
        return DovecotServer(**options).start()
    except DovecotError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    server = _started_dovecot()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    if not dovecot.running:
        pytest.fail("the session Dovecot was stopped by an earlier test; tests that stop a server must use "
                    "dovecot_factory", pytrace=False)
    return dovecot.new_account()


@pytest.fixture
def dovecot_factory() -> Iterator[Callable[..., DovecotServer]]:
    servers: list[DovecotServer] = []

    def start(**options) -> DovecotServer:
        server = _started_dovecot(**options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


# -- SMTP ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- OAuth ----------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def _running_token_service() -> Iterator[TokenService]:
    with TokenService() as service:
        yield service


@pytest.fixture
def token_service(_running_token_service: TokenService) -> TokenService:
    _running_token_service.reset()
    return _running_token_service


@pytest.fixture(scope="session")
def oauth_dovecot(_running_token_service: TokenService) -> Iterator[DovecotServer]:
    """A Dovecot that also takes XOAUTH2 and OAUTHBEARER, checking each token at the token service
    (active, naming the user, with the scope "mail")."""
    server = _started_dovecot(oauth2_introspection_url=f"{_running_token_service.url}/introspect", oauth2_scope="mail")
    try:
        yield server
    finally:
        server.close()


# -- PostgreSQL ---------------------------------------------------------------------------------------------------

@pytest.fixture
def pg_url() -> Iterator[str]:
    databases = TestDatabases()
    try:
        name = databases.create()
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield databases.sqlalchemy_url(name)
    finally:
        databases.drop(name)


# -- Chromium -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.fail("Chromium is not installed at /usr/bin/chromium (or $CHROMIUM): run ./scripts/test as root "
                    "(it installs the `chromium` package) or `apt-get install chromium`.", pytrace=False)
    return path
