"""Engines and sessions. SQLite by default (WAL, synchronous=FULL), PostgreSQL for shared work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from disputed.store.schema import migrate
from disputed.store.searchwords import register_search_words


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the SQLite file's folder, and creates or upgrades the schema
    (``store.schema.migrate``; a database written by a newer disputed raises ``SchemaError``)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    migrate(engine)
    return engine


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        _private_file(Path(database))
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # durability first: a commit survives power loss
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()
        # The search index's triggers call it (store.searchwords): every connection that writes cases has it.
        register_search_words(dbapi_conn)
        # pysqlite's own BEGIN handling defers locking; take the write lock at BEGIN
        # so two writers serialise instead of failing on upgrade.
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    migrate(engine)
    return engine


def _private_file(path: Path) -> None:
    """Create the database file readable by its owner only: it holds raw customer mail, password
    hashes and the web secret. SQLite gives its -wal and -shm files the database file's mode, and
    files an earlier version left open to others are closed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077 and file.stat().st_uid == os.getuid():
            file.chmod(0o600)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed on success, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
