"""Alembic's environment for disputed's schema. It runs only through ``disputed.store.schema``, which hands it
an open connection (``config.attributes["connection"]``); there is no alembic.ini and no URL here."""

from alembic import context
from sqlmodel import SQLModel

from disputed.store import auth, models  # noqa: F401  (registers the tables)
from disputed.store.schema import include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters a table by copying it; batch mode does that for us
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
