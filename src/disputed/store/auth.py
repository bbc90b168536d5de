"""Operators: users with a role, their sessions, failed log-ins, and the audit log.

Passwords are stored as argon2id hashes only. A session cookie carries a random
token; the database keeps its SHA-256, so a copy of the database cannot be used to
log in. Every operator action is appended to the audit log and never changed.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Column, DateTime, Index, Text, delete, func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, select

from disputed.store.db import is_postgres



def utcnow() -> datetime:
    """Naive UTC, as these tables store it (declared DateTime without a zone)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _when(**kw):
    return Field(sa_type=DateTime(timezone=False), **kw)


class AuthError(Exception):
    """A user action that cannot be done: unknown user, bad name, last admin, ..."""


class Role(StrEnum):
    """Each role may do everything the roles before it may do."""

    VIEWER = "viewer"  # reads the queue, cases and dashboard
    AGENT = "agent"  # edits drafts and chooses remedies
    APPROVER = "approver"  # approves, rejects, sends now
    ADMIN = "admin"  # manages users, reads the whole audit log

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: "Role") -> bool:
        return self.rank >= needed.rank


class User(SQLModel, table=True):
    __tablename__ = "web_user"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    password_hash: str
    role: Role = Role.VIEWER
    active: bool = True
    created_at: datetime = _when(default_factory=utcnow)
    last_login_at: Optional[datetime] = _when(default=None)


class AuditEntry(SQLModel, table=True):
    """Who did what, from where. Appended, never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_case", "case_id", "id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = _when(default_factory=utcnow, index=True)
    actor: str  # a user name, "cli", or "anonymous" for failed log-ins
    action: str  # "login", "login_failed", "approve", "edit", "user_add", ...
    case_id: Optional[int] = None
    draft_id: Optional[int] = None
    target: Optional[str] = None  # e.g. the user name a user action concerns
    detail: str = Field(default="", sa_column=Column(Text))
    client: Optional[str] = None  # the client address, for web actions


class WebSession(SQLModel, table=True):
    __tablename__ = "web_session"
    token_sha256: str = Field(primary_key=True)
    user_id: int = Field(index=True)
    created_at: datetime = _when(default_factory=utcnow)
    expires_at: datetime = _when()


class LoginFailure(SQLModel, table=True):
    """A failed log-in, counted per name and per client to throttle guessing."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_name", "name", "at"), Index("ix_login_failure_client", "client", "at"))
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = _when(default_factory=utcnow)
    name: str
    client: str


class LoginThrottle(SQLModel, table=True):
    """Password checks per user name in the current window. Updated only by single atomic
    statements, so parallel log-ins (several threads or instances) cannot overrun the budget."""

    __tablename__ = "login_throttle"
    name: str = Field(primary_key=True)  # a user name, or "client:ADDRESS" (never a user name) for an address's count
    window_start: datetime = _when()
    checked: int = 0  # passwords checked (or being checked) in this window
    turned_away: int = 0  # attempts not checked in this window: counted here, audited once


class UsedChallenge(SQLModel, table=True):
    """A log-in proof-of-work challenge already spent; the primary key makes spending atomic."""

    __tablename__ = "login_challenge_used"
    challenge_id: str = Field(primary_key=True)
    at: datetime = _when(default_factory=utcnow, index=True)


class WebSecret(SQLModel, table=True):
    """Secrets generated once and kept, so a restart keeps sessions and CSRF tokens valid."""

    __tablename__ = "web_secret"
    name: str = Field(primary_key=True)
    value: str


_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify for an unknown name, so that it takes as long as a known one. Made on first use, not at
    import: an argon2 hash takes 64 MiB, and every process that imports the store (the daemon, a backfill)
    would otherwise reach that peak at its start whether or not anyone ever logs in."""
    return _hasher.hash("an unused password; verifying it keeps unknown names as slow as known ones")


NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
MIN_PASSWORD = 8


def _check_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 64 or not set(name) <= NAME_CHARS:
        raise AuthError("a user name is 1-64 letters, digits or . _ - @")
    return name


def _check_password(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise AuthError(problem)
    return password


def password_problem(password: str) -> str | None:
    """Why this password may not be set, or None when it may."""
    if not password.strip():
        return "a password cannot be blank or only spaces"
    if len(password) < MIN_PASSWORD:
        return f"a password needs at least {MIN_PASSWORD} characters"
    if len(set(password)) < 3:
        return "a password needs more than one or two different characters"
    if is_common_password(password):
        return "this password is on the list of commonly used passwords; choose another"
    return None


def is_common_password(password: str) -> bool:
    """Whether the password (ignoring case and surrounding spaces) is on the shipped list."""
    return password.strip().lower() in _common_passwords()


@functools.cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships the 30,000 passwords most often found in leaked lists (pinned in pyproject.toml).
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def get_user(session: Session, name: str) -> User | None:
    return session.exec(select(User).where(User.name == name)).first()


def add_user(session: Session, *, name: str, password: str, role: Role | str) -> User:
    name = _check_name(name)
    if get_user(session, name) is not None:
        raise AuthError(f"user {name!r} already exists")
    user = User(name=name, password_hash=_hasher.hash(_check_password(password)), role=Role(role))
    session.add(user)
    session.flush()
    return user


def verify_password(session: Session, *, name: str, password: str, slots: threading.Semaphore | None = None) -> User | None:
    """The active user with this name and password, or None. Takes as long for an unknown name.

    ``slots`` bounds how many argon2 checks (64 MiB each) run at once. The session's
    transaction ends before waiting for a slot, so queued log-ins hold no database connection.
    """
    user = get_user(session, name)
    known = user is not None and user.active
    hashed = user.password_hash if known else None
    session.commit()
    with slots or nullcontext():
        matches = _verify(hashed if hashed is not None else _dummy_hash(), password)
    if not known or not matches:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    session.add(user)
    return user


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def list_users(session: Session) -> Sequence[User]:
    return session.exec(select(User).order_by(User.name)).all()


def _require_user(session: Session, name: str) -> User:
    user = get_user(session, name)
    if user is None:
        raise AuthError(f"no user {name!r}")
    return user


def _active_admins(session: Session) -> int:
    stmt = select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True))
    return session.exec(stmt).one()


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.ADMIN and user.active and _active_admins(session) <= 1:
        raise AuthError("this is the last active admin; make another admin first")


def set_role(session: Session, *, name: str, role: Role | str) -> User:
    user = _require_user(session, name)
    if Role(role) != Role.ADMIN:
        _keep_an_admin(session, user)
    user.role = Role(role)
    session.add(user)
    return user


def set_active(session: Session, *, name: str, active: bool) -> User:
    user = _require_user(session, name)
    if not active:
        _keep_an_admin(session, user)
        end_sessions(session, user_id=user.id)
    user.active = active
    session.add(user)
    return user


def set_password(session: Session, *, name: str, password: str) -> User:
    user = _require_user(session, name)
    user.password_hash = _hasher.hash(_check_password(password))
    session.add(user)
    end_sessions(session, user_id=user.id)
    return user


def record_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    detail: str = "",
    case_id: int | None = None,
    draft_id: int | None = None,
    target: str | None = None,
    client: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, detail=detail, case_id=case_id, draft_id=draft_id, target=target, client=client)
    session.add(entry)
    return entry


def audit_for_case(session: Session, case_id: int, *, limit: int = 200) -> Sequence[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id.desc()).limit(limit)
    return session.exec(stmt).all()


def recent_audit(session: Session, *, limit: int = 100, offset: int = 0) -> Sequence[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).offset(offset).limit(limit)
    return session.exec(stmt).all()


# Sessions ---------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(session: Session, *, user: User, lifetime: timedelta) -> str:
    """A new session for ``user``; returns the token for the cookie (stored only as its hash)."""
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_sha256=_token_hash(token), user_id=user.id, expires_at=utcnow() + lifetime))
    return token


def session_user(session: Session, token: str | None, *, max_age: timedelta | None = None) -> User | None:
    """The active user a session token belongs to, if the session is still valid: not idle past
    its expiry and, with ``max_age``, not older than that however busy it was."""
    if not token:
        return None
    row = session.get(WebSession, _token_hash(token))
    now = utcnow()
    if row is None or row.expires_at <= now or (max_age is not None and row.created_at + max_age <= now):
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def extend_session(session: Session, token: str, *, lifetime: timedelta) -> None:
    row = session.get(WebSession, _token_hash(token))
    if row is not None:
        row.expires_at = utcnow() + lifetime
        session.add(row)


def end_session(session: Session, token: str) -> None:
    session.exec(delete(WebSession).where(WebSession.token_sha256 == _token_hash(token)))


def end_sessions(session: Session, *, user_id: int | None) -> None:
    session.exec(delete(WebSession).where(WebSession.user_id == user_id))
    session.exec(delete(WebSession).where(WebSession.expires_at <= utcnow()))


# Throttling -------------------------------------------------------------------------------


def client_failures(session: Session, *, client: str, window: timedelta) -> int:
    """Failed log-ins from this client address inside ``window``."""
    since = utcnow() - window
    return session.exec(select(func.count()).select_from(LoginFailure).where(LoginFailure.client == client, LoginFailure.at > since)).one()


def note_failure(session: Session, *, name: str, client: str) -> None:
    session.add(LoginFailure(name=name[:200], client=client))


def forget_failures(session: Session, *, name: str, older_than: timedelta) -> None:
    """After a good log-in the name starts afresh; old rows of everyone are pruned."""
    session.exec(delete(LoginFailure).where(LoginFailure.name == name))
    session.exec(delete(LoginFailure).where(LoginFailure.at <= utcnow() - older_than))


def _upsert(session: Session):
    return pg_insert if is_postgres(session) else sqlite_insert


def open_throttle_window(session: Session, *, name: str, window: timedelta) -> None:
    """Make sure ``name`` has a throttle row whose window is current. A stale one starts afresh,
    and the attempts it turned away go to the audit log as one line."""
    now = utcnow()
    table = LoginThrottle.__table__
    session.execute(_upsert(session)(table).values(name=name, window_start=now, checked=0, turned_away=0).on_conflict_do_nothing(index_elements=[table.c.name]))
    stale = table.c.name == name, table.c.window_start <= now - window
    ended = session.execute(select(table.c.window_start, table.c.turned_away).where(*stale)).first()
    restarted = session.execute(update(table).where(*stale).values(window_start=now, checked=0, turned_away=0)).rowcount
    if restarted and ended is not None and ended.turned_away:
        detail = f"{ended.turned_away} attempt(s) turned away in the window from {ended.window_start:%Y-%m-%d %H:%M} UTC"
        record_audit(session, actor="anonymous", action="login_throttled_total", target=name, detail=detail)


def take_free_check(session: Session, *, name: str, window: timedelta, free: int) -> bool:
    """Claim one of the ``free`` password checks ``name`` has in this window; False when spent.

    One conditional UPDATE: PostgreSQL re-reads the row under its lock and SQLite writes one at
    a time, so forty parallel claims get exactly ``free`` successes."""
    open_throttle_window(session, name=name, window=window)
    table = LoginThrottle.__table__
    claimed = session.execute(update(table).where(table.c.name == name, table.c.checked < free).values(checked=table.c.checked + 1).returning(table.c.checked))
    return claimed.first() is not None


def take_paid_check(session: Session, *, name: str, window: timedelta, challenge_id: str) -> bool:
    """Spend a solved challenge on one more check for ``name``; False if it was spent before.
    Spent challenges are kept for ``window``, longer than a challenge is accepted."""
    session.execute(delete(UsedChallenge).where(UsedChallenge.at <= utcnow() - window))
    try:
        with session.begin_nested():
            session.add(UsedChallenge(challenge_id=challenge_id))
    except IntegrityError:
        return False
    open_throttle_window(session, name=name, window=window)
    table = LoginThrottle.__table__
    session.execute(update(table).where(table.c.name == name).values(checked=table.c.checked + 1))
    return True


def checks_made(session: Session, *, name: str) -> int:
    row = session.get(LoginThrottle, name, populate_existing=True)
    return row.checked if row is not None else 0


def count_turned_away(session: Session, *, name: str) -> int:
    """Count one attempt that was not checked; returns the window's count so far (1: the first)."""
    table = LoginThrottle.__table__
    counted = session.execute(update(table).where(table.c.name == name).values(turned_away=table.c.turned_away + 1).returning(table.c.turned_away))
    row = counted.first()
    return row[0] if row else 1


def forget_checks(session: Session, *, name: str, older_than: timedelta) -> None:
    """After a good log-in the name starts afresh; everyone's counts of past windows are pruned."""
    session.execute(delete(LoginThrottle).where((LoginThrottle.name == name) | (LoginThrottle.window_start <= utcnow() - older_than)))


# The web secret ---------------------------------------------------------------------------


def stored_secret(engine: Engine, name: str = "web_secret_key") -> str:
    """A random secret generated on first use and kept in the database; safe when several
    instances start at once (the first insert wins, the others read it)."""
    with Session(engine) as session:
        row = session.get(WebSecret, name)
        if row is not None:
            return row.value
        session.add(WebSecret(name=name, value=secrets.token_urlsafe(48)))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
    with Session(engine) as session:
        return session.get(WebSecret, name).value


def user_cli_add(engine: Engine, name: str, role: Role | str, password: str) -> User:
    """What ``disputed user add NAME --role ROLE`` does once it has prompted for the password."""
    with Session(engine, expire_on_commit=False) as session:
        user = add_user(session, name=name, password=password, role=role)
        record_audit(session, actor="cli", action="user_add", target=user.name, detail=f"role {user.role}")
        session.commit()
        return user
