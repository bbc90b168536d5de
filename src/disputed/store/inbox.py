"""The operators' inbox: every case in a state that says what a person must do, and a full-text index to find it.

A case's state (``models.CaseState``) follows from its status and its drafts by one rule, ``STATE_SQL``. The
database keeps ``case.state`` up to date itself: triggers on ``case`` and ``draft`` run the rule whenever a status,
a follow-up or a draft changes, whichever code wrote it (the ORM, the processor's and the sender's bulk statements).
The same triggers keep the search index: SQLite FTS5 (``case_search``, rowid = case id) or, on PostgreSQL, a
``tsvector`` table with a GIN index. ``install`` creates both; the migration and a new database call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, column, func, or_, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from disputed.store.models import Case, CaseState, CaseStatus, Draft, DraftStatus
from disputed.store.searchwords import SQL_FUNCTION, postgres_function, register_search_words, search_words

NEEDS_PERSON = (CaseState.NEEDS_DECISION, CaseState.WAITING_APPROVAL)
ALL_STATES = tuple(CaseState)


def _names(*members) -> str:
    """Enum columns hold the members' names (SQLAlchemy's Enum): 'PENDING', not 'pending'."""
    return ", ".join(f"'{m.name}'" for m in members)


def _draft_exists(condition: str) -> str:
    return f'EXISTS (SELECT 1 FROM draft WHERE draft.case_id = "case".id AND {condition})'


# The rule, over one row of "case" (an UPDATE's own row). Order matters: the first that holds wins.
STATE_SQL = f"""CASE
  WHEN "case".status = '{CaseStatus.RESOLVED.name}' THEN '{CaseState.CLOSED}'
  WHEN "case".status IN ({_names(CaseStatus.TRIAGE, CaseStatus.UNVERIFIED)}) THEN '{CaseState.NEEDS_DECISION}'
  WHEN {_draft_exists(f"draft.status IN ({_names(DraftStatus.PENDING, DraftStatus.FAILED, DraftStatus.UNKNOWN)})")} THEN '{CaseState.WAITING_APPROVAL}'
  WHEN "case".followup_at IS NOT NULL THEN '{CaseState.FOLLOW_UP}'
  WHEN {_draft_exists("draft.handled_on_platform_at IS NOT NULL")} THEN '{CaseState.HANDLED_ON_PLATFORM}'
  WHEN "case".status = '{CaseStatus.AWAITING_BUYER.name}'
    OR {_draft_exists(f"draft.status IN ({_names(DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.SENT)})")} THEN '{CaseState.WAITING_BUYER}'
  ELSE '{CaseState.NEEDS_DECISION}'
END"""

# What the search finds a case by: its own columns and, from every message, the parsed fields that carry words.
_CASE_FIELDS = ("order_id", "buyer_name", "buyer_address", "asin", "subject", "key")
_MESSAGE_FIELDS = ("subject", "buyer_comment", "item", "reason", "sku", "asin", "order_id", "buyer_name", "sender", "case_id", "tracking_number", "reply_to")
SEARCH_TABLES = ("case_search",)  # with FTS5's own shadow tables (case_search_data, ...): not models


def _sqlite_document() -> str:
    def coalesce(expr: str) -> str:
        return f"coalesce({expr}, '')"

    per_message = " || ' ' || ".join(coalesce(f"json_extract(m.parsed, '$.{name}')") for name in _MESSAGE_FIELDS)
    own = " || ' ' || ".join(coalesce(f'"case".{name}') for name in _CASE_FIELDS)
    return f"{SQL_FUNCTION}({own} || ' ' || coalesce((SELECT group_concat({per_message}, ' ') FROM message m WHERE m.case_id = \"case\".id), ''))"


def _postgres_document() -> str:
    per_message = ", ".join(f"m.parsed->>'{name}'" for name in _MESSAGE_FIELDS)
    own = ", ".join(f'"case".{name}' for name in _CASE_FIELDS)
    return f"{SQL_FUNCTION}(concat_ws(' ', {own}, (SELECT string_agg(concat_ws(' ', {per_message}), ' ') FROM message m WHERE m.case_id = \"case\".id)))"


def _sqlite_reindex(case_id: str) -> str:
    return (
        f"DELETE FROM case_search WHERE rowid = {case_id}; "
        f'INSERT INTO case_search(rowid, document) SELECT "case".id, {_sqlite_document()} FROM "case" WHERE "case".id = {case_id};'
    )


def _restate(case_id: str) -> str:
    return f'UPDATE "case" SET state = {STATE_SQL} WHERE "case".id = {case_id};'


_SEARCHED_CASE_COLUMNS = ", ".join(name for name in _CASE_FIELDS if name != "key")

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE case_search USING fts5(document, tokenize = 'unicode61 remove_diacritics 2')",
    f'CREATE TRIGGER case_state_on_case_insert AFTER INSERT ON "case" BEGIN {_restate("NEW.id")} {_sqlite_reindex("NEW.id")} END',
    f'CREATE TRIGGER case_state_on_case_update AFTER UPDATE OF status, followup_at ON "case" BEGIN {_restate("NEW.id")} END',
    f'CREATE TRIGGER case_search_on_case_update AFTER UPDATE OF {_SEARCHED_CASE_COLUMNS} ON "case" BEGIN {_sqlite_reindex("NEW.id")} END',
    f"CREATE TRIGGER case_state_on_draft_insert AFTER INSERT ON draft BEGIN {_restate('NEW.case_id')} END",
    f"CREATE TRIGGER case_state_on_draft_update AFTER UPDATE OF status, handled_on_platform_at, case_id ON draft "
    f"BEGIN {_restate('NEW.case_id')} {_restate('OLD.case_id')} END",
    f"CREATE TRIGGER case_search_on_message_insert AFTER INSERT ON message WHEN NEW.case_id IS NOT NULL BEGIN {_sqlite_reindex('NEW.case_id')} END",
    f"CREATE TRIGGER case_search_on_message_update AFTER UPDATE OF case_id, parsed ON message BEGIN "
    f"{_sqlite_reindex('NEW.case_id')} {_sqlite_reindex('OLD.case_id')} END",
)

_POSTGRES_DDL = (
    postgres_function(),
    "CREATE TABLE case_search (case_id INTEGER PRIMARY KEY, document TSVECTOR NOT NULL)",
    "CREATE INDEX ix_case_search_document ON case_search USING GIN (document)",
    f"""CREATE FUNCTION disputed_restate_case(target INTEGER) RETURNS void LANGUAGE sql AS $$
        {_restate("target")}
    $$""",
    f"""CREATE FUNCTION disputed_reindex_case(target INTEGER) RETURNS void LANGUAGE sql AS $$
        INSERT INTO case_search (case_id, document)
        SELECT "case".id, to_tsvector('simple', {_postgres_document()}) FROM "case" WHERE "case".id = target
        ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
    $$""",
    """CREATE FUNCTION disputed_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.followup_at IS DISTINCT FROM OLD.followup_at THEN
            PERFORM disputed_restate_case(NEW.id);
        END IF;
        IF TG_OP = 'INSERT' OR (NEW.order_id, NEW.buyer_name, NEW.buyer_address, NEW.asin, NEW.subject)
                IS DISTINCT FROM (OLD.order_id, OLD.buyer_name, OLD.buyer_address, OLD.asin, OLD.subject) THEN
            PERFORM disputed_reindex_case(NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION disputed_draft_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM disputed_restate_case(NEW.case_id);
        IF TG_OP = 'UPDATE' AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN
            PERFORM disputed_restate_case(OLD.case_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION disputed_message_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.case_id IS NOT NULL THEN
            PERFORM disputed_reindex_case(NEW.case_id);
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.case_id IS NOT NULL AND OLD.case_id IS DISTINCT FROM NEW.case_id THEN
            PERFORM disputed_reindex_case(OLD.case_id);
        END IF;
        RETURN NULL;
    END $$""",
    'CREATE TRIGGER case_changed AFTER INSERT OR UPDATE ON "case" FOR EACH ROW EXECUTE FUNCTION disputed_case_changed()',
    "CREATE TRIGGER draft_changed AFTER INSERT OR UPDATE OF status, handled_on_platform_at, case_id ON draft "
    "FOR EACH ROW EXECUTE FUNCTION disputed_draft_changed()",
    "CREATE TRIGGER message_changed AFTER INSERT OR UPDATE OF case_id, parsed ON message "
    "FOR EACH ROW EXECUTE FUNCTION disputed_message_changed()",
)


def install(conn: Connection) -> None:
    """Create the triggers and the search index on a database that has the tables, and bring every existing case's
    state and search document up to date."""
    postgres = conn.dialect.name == "postgresql"
    if not postgres:  # the triggers' function, on this connection too (an engine of make_engine has it on all)
        register_search_words(conn.connection.driver_connection)
    for statement in _POSTGRES_DDL if postgres else _SQLITE_DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(f'UPDATE "case" SET state = {STATE_SQL}')
    if postgres:
        conn.exec_driver_sql('SELECT disputed_reindex_case(id) FROM "case"')
    else:
        conn.exec_driver_sql(f'INSERT INTO case_search(rowid, document) SELECT "case".id, {_sqlite_document()} FROM "case"')


_SQLITE_TRIGGERS = ("case_state_on_case_insert", "case_state_on_case_update", "case_search_on_case_update", "case_state_on_draft_insert",
                    "case_state_on_draft_update", "case_search_on_message_insert", "case_search_on_message_update")


def uninstall(conn: Connection) -> None:
    """Undo ``install``. On SQLite a migration that alters ``case``, ``draft`` or ``message`` in batch mode (which
    copies the table and so loses its triggers) must call this first and ``install`` after."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql('DROP TRIGGER IF EXISTS case_changed ON "case"')
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS draft_changed ON draft")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS message_changed ON message")
        for function in ("disputed_case_changed()", "disputed_draft_changed()", "disputed_message_changed()",
                         "disputed_restate_case(INTEGER)", "disputed_reindex_case(INTEGER)", f"{SQL_FUNCTION}(TEXT)"):
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {function}")
    else:
        for trigger in _SQLITE_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS case_search")


def is_search_table(name: str) -> bool:
    """A table ``install`` made (FTS5 adds shadow tables named after it), which the models do not describe."""
    return any(name == table or name.startswith(f"{table}_") for table in SEARCH_TABLES)


# Reading the inbox ------------------------------------------------------------------------


class SearchError(ValueError):
    """A search the index cannot run (nothing searchable in it)."""


@dataclass(frozen=True)
class CaseFilter:
    states: tuple[CaseState, ...] = NEEDS_PERSON  # empty: every state
    mailbox: str | None = None
    platform: str | None = None
    kind: str | None = None
    issue: str | None = None
    language: str | None = None
    search: str | None = None
    due_before: datetime | None = None  # for bulk selection: cases due before this time


def parse_states(value: str) -> tuple[CaseState, ...]:
    """``needs_person`` (the default view), ``all``, or states joined by commas; an unknown name is an error."""
    if value in ("", "needs_person"):
        return NEEDS_PERSON
    if value == "all":
        return ()
    known = {s.value: s for s in CaseState}
    wanted = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise ValueError(f"unknown state {unknown[0]!r}; states: needs_person, all, {', '.join(known)}")
    return tuple(known[w] for w in wanted)


def _match_query(words: str) -> str:
    """The operator's words as FTS5 phrases, all required: punctuation in an order id or an address is then
    the tokenizer's business, never FTS5 syntax."""
    return " ".join('"' + search_words(t).strip().replace('"', '""') + '"' for t in _terms(words))


def _terms(words: str) -> list[str]:
    terms = [w for w in words.split() if any(ch.isalnum() for ch in w)]
    if not terms:
        raise SearchError("nothing to search for: give a word, an order id, a name or an address")
    return terms


def _search_clause(session: Session, words: str):
    if session.get_bind().dialect.name == "postgresql":
        # Each word the operator typed must be found; a Chinese or Japanese word as its characters side by side.
        terms = {f"w{n}": search_words(term) for n, term in enumerate(_terms(words))}
        query = " && ".join(f"phraseto_tsquery('simple', :{name})" for name in terms)
        matches = text(f"SELECT case_id FROM case_search WHERE document @@ ({query})").bindparams(**terms)
    else:
        matches = text("SELECT rowid AS case_id FROM case_search WHERE case_search MATCH :words").bindparams(words=_match_query(words))
    return Case.id.in_(matches.columns(column("case_id", Integer)))


def _filtered(session: Session, stmt, flt: CaseFilter, *, with_states: bool = True):
    if with_states and flt.states:
        stmt = stmt.where(Case.state.in_([s.value for s in flt.states]))
    for column, value in ((Case.mailbox, flt.mailbox), (Case.platform, flt.platform), (Case.kind, flt.kind), (Case.issue, flt.issue), (Case.language, flt.language)):
        if value:
            stmt = stmt.where(column == value)
    if flt.due_before is not None:
        stmt = stmt.where(or_(Case.due_at < flt.due_before, Case.due_at.is_(None) & (Case.created_at < flt.due_before)))
    if flt.search and flt.search.strip():
        stmt = stmt.where(_search_clause(session, flt.search))
    return stmt


def list_cases(session: Session, flt: CaseFilter = CaseFilter(), *, limit: int = 50, offset: int = 0) -> list[Case]:
    """One page, most urgent deadline first, undated cases after the dated ones, the oldest first within a deadline.

    The page's ids are chosen over the columns the order needs, and only those cases are loaded (sorting whole rows
    of a hundred thousand cases is what makes a deep page slow). Dated and undated cases are read as two runs, each
    in the order of an index (``due_at`` with the row id): an "undated last" expression would force a full sort."""
    base = _filtered(session, select(Case.id), flt)
    ids = list(session.exec(base.where(Case.due_at.is_not(None)).order_by(Case.due_at, Case.id).offset(offset).limit(limit)).all())
    if len(ids) < limit:
        dated = len(ids) + offset if ids else session.exec(select(func.count()).select_from(base.where(Case.due_at.is_not(None)).subquery())).one()
        undated = base.where(Case.due_at.is_(None)).order_by(Case.id).offset(max(0, offset - dated)).limit(limit - len(ids))
        ids += list(session.exec(undated).all())
    if not ids:
        return []
    loaded = {case.id: case for case in session.exec(select(Case).where(Case.id.in_(ids))).all()}
    return [loaded[i] for i in ids if i in loaded]


def count_by_state(session: Session, flt: CaseFilter = CaseFilter()) -> dict[str, int]:
    """Cases per state under every filter but the state: the tabs' counts."""
    stmt = _filtered(session, select(Case.state, func.count()).select_from(Case), flt, with_states=False).group_by(Case.state)
    counts = {s.value: 0 for s in CaseState}
    counts.update({state: n for state, n in session.exec(stmt).all()})
    return counts


def drafts_of(session: Session, case_ids: list[int]) -> dict[int, list[Draft]]:
    """The drafts of the listed cases, oldest first (one query for a page)."""
    out: dict[int, list[Draft]] = {case_id: [] for case_id in case_ids}
    if case_ids:
        for draft in session.exec(select(Draft).where(Draft.case_id.in_(case_ids)).order_by(Draft.id)).all():
            out[draft.case_id].append(draft)
    return out


def needs_person(state: str) -> bool:
    return state in {s.value for s in NEEDS_PERSON}
