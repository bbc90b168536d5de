"""Fresh PostgreSQL databases for tests, on the server at 127.0.0.1:5432 (trust auth for `postgres`).

Each test gets a database of its own, created empty and dropped afterwards, so tests running one after another
(or side by side) never see each other's rows.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import quote

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("DISPUTED_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
HOW_TO_FIX = ("run ./scripts/test as root (it installs and starts PostgreSQL with trust auth on 127.0.0.1:5432), "
              "or start PostgreSQL there yourself and allow `postgres` from 127.0.0.1 with trust auth "
              "(or set DISPUTED_TEST_PG_ADMIN to an admin connection URL)")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL answered at the admin URL."""


class TestDatabases:
    """Creates and drops uniquely named databases through an admin connection."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, admin_url: str = ADMIN_URL):
        self.admin_url = admin_url

    def _admin(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as error:
            raise PostgresUnavailable(f"PostgreSQL is not reachable at {self.admin_url}: {error}\n"
                                      f"To fix: {HOW_TO_FIX}") from error

    def create(self, prefix: str = "disputed_test") -> str:
        """Create an empty database and return its name."""
        name = f"{prefix}_{secrets.token_hex(6)}"
        with self._admin() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop(self, name: str) -> None:
        """Drop the database, first ending any connection a test left open."""
        with self._admin() as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def sqlalchemy_url(self, name: str) -> str:
        """The URL the product's store takes (SQLAlchemy with the psycopg 3 driver)."""
        info = psycopg.conninfo.conninfo_to_dict(self.admin_url)
        user = info.get("user", "postgres")
        host = info.get("host", "127.0.0.1")
        port = info.get("port", "5432")
        password = f":{quote(info['password'], safe='')}" if info.get("password") else ""
        return f"postgresql+psycopg://{user}{password}@{host}:{port}/{name}"
