"""The schema under Alembic: migrations and models agree, old databases upgrade with nothing lost, a database
from a newer disputed is refused; and it holds what mail servers hand out. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel, select

from disputed.store import schema
from disputed.store.db import make_engine, session_scope
from disputed.store.models import MailboxState, StoredMessage

DUMPS = Path(__file__).resolve().parent.parent / "fixtures" / "schema"


def _url(backend: str, tmp_path: Path, request) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")


def _plain_engine(url: str):
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed)


def _differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": schema.include_name})
        return compare_metadata(context, SQLModel.metadata)


def _revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migrations_build_exactly_the_models_schema(backend, tmp_path, request):
    """An empty database is built from the models and stamped; that is only right while running every migration
    from nothing gives the same schema. A model changed without its migration fails here."""
    engine = _plain_engine(_url(backend, tmp_path, request))
    try:
        with engine.begin() as conn:
            command.upgrade(schema._config(conn), "head")
        assert _differences(engine) == []
        assert _revision(engine) == schema.head()
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_new_database_is_stamped_with_the_newest_revision(backend, tmp_path, request):
    engine = make_engine(_url(backend, tmp_path, request))
    try:
        assert _revision(engine) == schema.head()
        assert _differences(engine) == []
    finally:
        engine.dispose()


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = [name for name in inspect(conn).get_table_names() if name != "alembic_version"]
        return {name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names}


def _load_dump(backend: str, url: str) -> None:
    """A database exactly as disputed made it before migrations began (the demo's data, dumped then)."""
    if backend == "sqlite":
        con = sqlite3.connect(make_url(url).database)
        con.executescript((DUMPS / "before-alembic.sqlite.sql").read_text(encoding="utf-8"))
        con.close()
    else:
        dump = (DUMPS / "before-alembic.postgres.sql").read_text(encoding="utf-8")
        with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True) as con:
            con.execute(dump)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_database_from_before_migrations_upgrades_with_nothing_lost(backend, tmp_path, request):
    url = _url(backend, tmp_path, request)
    _load_dump(backend, url)
    before = _plain_engine(url)
    counts = _counts(before)
    before.dispose()
    assert counts["message"] == 6 and counts["draft"] == 6 and counts["case_event"] == 17

    engine = make_engine(url)
    try:
        assert _revision(engine) == schema.head()
        after = _counts(engine)
        assert {name: after[name] for name in counts} == counts  # tables added since start empty
        assert _differences(engine) == []
        with engine.connect() as conn:  # the raw mail is still there, byte for byte
            raws = [row[0] for row in conn.execute(text("SELECT raw FROM message ORDER BY id"))]
        assert all(b"Message-ID" in raw or b"Message-Id" in raw for raw in raws)
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_database_written_by_a_newer_disputed_is_refused(backend, tmp_path, request):
    url = _url(backend, tmp_path, request)
    make_engine(url).dispose()
    engine = _plain_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    engine.dispose()
    with pytest.raises(schema.SchemaError, match=re.escape("schema revision f00dfeed")) as refused:
        make_engine(url)
    assert "newer version of disputed" in str(refused.value)
    check = _plain_engine(url)
    try:
        assert _revision(check) == "f00dfeed"  # refused, not touched
    finally:
        check.dispose()


def test_the_command_line_refuses_a_newer_database_with_a_clear_message(tmp_path):
    from typer.testing import CliRunner

    from disputed.cli import app

    database = tmp_path / "store.db"
    make_engine(f"sqlite:///{database}").dispose()
    with sqlite3.connect(database) as con:
        con.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    config = tmp_path / "disputed.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{database}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["--config", str(config), "queue"])
    assert result.exit_code == 2
    assert "database error" in result.output and "f00dfeed" in result.output


def test_a_postgresql_schema_from_before_the_uid_columns_were_bigint_is_widened(pg_url):
    """Versions before the baseline made the IMAP UID columns INTEGER, too narrow for unsigned 32-bit UIDs."""
    _load_dump("postgresql", pg_url)
    narrow = _plain_engine(pg_url)
    with narrow.begin() as conn:
        conn.execute(text("UPDATE mailbox_state SET uidvalidity = 1"))  # as such a version could have stored them
        conn.execute(text("UPDATE message SET uidvalidity = 1"))
        for table, column in (("message", "uidvalidity"), ("message", "uid"), ("mailbox_state", "uidvalidity"), ("mailbox_state", "last_uid")):
            conn.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE INTEGER'))
    narrow.dispose()
    engine = make_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE message SET uid = 4294967295, uidvalidity = 4294967295"))
            assert conn.execute(text("SELECT max(uid) FROM message")).scalar_one() == 4294967295
        assert _differences(engine) == []
    finally:
        engine.dispose()


# -- what mail servers hand out -------------------------------------------------------------------------
# IMAP UIDs and UIDVALIDITY are unsigned 32-bit numbers; Maildir's stand-in UIDVALIDITY is a CRC-32.
TOP = 2**32 - 1


def _store_top_numbers(engine) -> None:
    with session_scope(engine) as session:
        session.add(MailboxState(name="shop", uidvalidity=TOP, last_uid=TOP))
        session.add(StoredMessage(mailbox="shop", source_key=f"{TOP}/{TOP}", uidvalidity=TOP, uid=TOP, sha256="0" * 64, raw=b"x"))
    with session_scope(engine) as session:
        state = session.get(MailboxState, "shop")
        assert (state.uidvalidity, state.last_uid) == (TOP, TOP)
        assert session.exec(select(StoredMessage)).one().uid == TOP


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_largest_imap_numbers_fit(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'store.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    engine = make_engine(url)
    try:
        _store_top_numbers(engine)
    finally:
        engine.dispose()
