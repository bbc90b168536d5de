"""The store's schema, kept up to date by Alembic.

Every change to the tables is a migration in ``store/migrations/versions/``. At start ``migrate`` brings the
database to the code's revision:

- an empty database gets every table of the current models at once, stamped with the newest revision (Alembic's
  recipe for building a database from scratch; a test holds the migrations and the models to the same schema);
- a database made before the schema came under Alembic (it has the tables but no revision) is taken to be at the
  baseline revision, the schema of that time, and upgraded from there;
- a database at an older revision is upgraded;
- a database at a revision this code does not know, written by a newer disputed, is refused: running older code
  on it could lose what the newer one stores.

On PostgreSQL, instances starting together migrate one at a time under an advisory lock; on SQLite the write lock
taken at BEGIN does the same.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from disputed.store import auth, inbox, models  # noqa: F401  (registers the tables)
from disputed.store.db import is_postgres

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema as it was when migrations began (commit bc9aeb2)
# pg_advisory_xact_lock key: any fixed number no other program on the database uses for its own lock.
_MIGRATION_LOCK = 0x6469_7370  # "disp"


class SchemaError(RuntimeError):
    """The database cannot be used by this version of disputed; the message says why and what to do."""


@lru_cache(maxsize=1)
def scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head() -> str:
    return scripts().get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the database at ``engine`` to the code's schema revision (see the module's docstring)."""
    with engine.begin() as conn:
        if is_postgres(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head():
            return
        if current is None and not _has_tables(conn):
            SQLModel.metadata.create_all(conn)
            inbox.install(conn)
            _stamp(conn, head())
            return
        if current is None:
            _before_alembic(conn)
            _stamp(conn, BASELINE)
        elif current not in _known_revisions():
            raise SchemaError(
                f"the database is at schema revision {current}, which this disputed ({head()} is its newest) does "
                "not know: it was written by a newer version of disputed. Run that version, or restore a backup "
                "made before the upgrade."
            )
        command.upgrade(_config(conn), "head")


def include_name(name: str | None, type_: str, _parent_names) -> bool:
    """What Alembic compares with the models: not the search index and its triggers' tables (``store.inbox``),
    which migrations create by hand."""
    return not (type_ == "table" and name and inbox.is_search_table(name))


def _has_tables(conn: Connection) -> bool:
    return bool(set(inspect(conn).get_table_names()) & set(SQLModel.metadata.tables))


def _known_revisions() -> set[str]:
    return {script.revision for script in scripts().walk_revisions()}


def _stamp(conn: Connection, revision: str) -> None:
    MigrationContext.configure(conn).stamp(scripts(), revision)


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


# Columns created as INTEGER by versions before the UID columns became BIGINT.
_UID_COLUMNS = (("message", "uidvalidity"), ("message", "uid"), ("mailbox_state", "uidvalidity"), ("mailbox_state", "last_uid"))


def _before_alembic(conn: Connection) -> None:
    """A PostgreSQL schema made before the UID columns were BIGINT is widened before it is taken for the baseline
    (IMAP UIDs and UIDVALIDITY are unsigned 32-bit numbers; SQLite's INTEGER is 64-bit already)."""
    if not is_postgres(conn):
        return
    narrow = {
        tuple(row)
        for row in conn.execute(
            text("SELECT table_name, column_name FROM information_schema.columns "
                 "WHERE table_schema = current_schema() AND data_type = 'integer'")
        )
    }
    for table, column in _UID_COLUMNS:
        if (table, column) in narrow:
            conn.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE BIGINT'))


def new_revision(message: str) -> str:
    """Write a migration for what the models have gained since the newest revision (Alembic's autogenerate,
    compared against a scratch SQLite database at head). Read and correct it before committing: autogenerate
    does not see renames, and PostgreSQL enum changes need a hand."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/head.db")
        with engine.begin() as conn:
            command.upgrade(_config(conn), "head")
            number = f"{len(_known_revisions()) + 1:04d}"
            script = command.revision(_config(conn), message=message, autogenerate=True, rev_id=number)
        engine.dispose()
    return script.path


if __name__ == "__main__":  # python -m disputed.store.schema "what changed"
    import sys

    print(new_revision(" ".join(sys.argv[1:]) or "schema change"))
