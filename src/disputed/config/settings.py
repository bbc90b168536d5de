"""The settings schema: one TOML file, environment overrides, validated at start.

An error names the key, the line it stands on, and what would fix it; the daemon
refuses to start rather than guess.
"""

from __future__ import annotations

import os
import re
import tomllib
import uuid
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from disputed.languages import OPERATOR_LANGUAGES, TEMPLATE_LANGUAGES
from disputed.platforms import default_deadlines
from disputed.vocabulary import Issue, Kind, Platform

_OPERATOR_CODES = tuple(OPERATOR_LANGUAGES)  # the languages an alert channel may speak

ENV_PREFIX = "DISPUTED_"


class ConfigError(Exception):
    """Configuration that cannot be used; the message says where and how to fix it."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class DatabaseSettings(_Strict):
    url: str = "sqlite:///var/disputed.db"

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql(\+psycopg)?)://", value):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value


class _Secret(_Strict):
    password: SecretStr | None = None
    password_env: str | None = None

    def secret(self) -> str:
        """The password, read from the named environment variable when given that way."""
        if self.password is not None:
            return self.password.get_secret_value()
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise ConfigError(
                    f"environment variable {self.password_env} (named by password_env) is not set"
                )
            return value
        return ""


class _OAuthClient(_Strict):
    """How a mailbox logs in with OAuth 2.0 (``auth = "oauth2"``): the provider preset, the
    application registered there, and for ``generic`` every endpoint. See disputed.oauth."""

    auth: Literal["password", "oauth2"] = "password"
    oauth_provider: Literal["google", "microsoft", "generic"] | None = None
    oauth_client_id: str = ""
    oauth_client_secret: SecretStr | None = None
    oauth_client_secret_env: str | None = None
    oauth_tenant: str = "organizations"  # Microsoft: "organizations", "common" or the tenant's id or domain
    oauth_scopes: list[str] | None = None  # default: the preset's
    oauth_mechanism: Literal["xoauth2", "oauthbearer"] = "xoauth2"
    oauth_authorize_url: str | None = None
    oauth_token_url: str | None = None
    oauth_device_url: str | None = None
    oauth_revoke_url: str | None = None
    oauth_redirect_uri: str | None = None  # the CLI's paste-the-code flow; the web page uses its own

    def client_secret(self) -> str | None:
        if self.oauth_client_secret is not None:
            return self.oauth_client_secret.get_secret_value()
        if self.oauth_client_secret_env:
            value = os.environ.get(self.oauth_client_secret_env)
            if value is None:
                raise ConfigError(f"environment variable {self.oauth_client_secret_env} (named by oauth_client_secret_env) is not set")
            return value
        return None

    def _check_oauth(self) -> None:
        if self.auth != "oauth2":
            stray = sorted(k for k in self.model_fields_set if k.startswith("oauth_"))
            if stray:
                raise ValueError(f"{stray[0]} is set but auth is not \"oauth2\"")
            return
        if self.oauth_provider is None:
            raise ValueError('auth = "oauth2" needs oauth_provider = "google", "microsoft" or "generic"')
        if not self.oauth_client_id:
            raise ValueError("auth = \"oauth2\" needs oauth_client_id (the application's id at the provider)")
        if self.oauth_provider == "generic":
            for key in ("oauth_authorize_url", "oauth_token_url"):
                if not getattr(self, key):
                    raise ValueError(f'oauth_provider = "generic" needs {key}')
            if not self.oauth_scopes:
                raise ValueError('oauth_provider = "generic" needs oauth_scopes')
        for key in ("oauth_authorize_url", "oauth_token_url", "oauth_device_url", "oauth_revoke_url", "oauth_redirect_uri"):
            value = getattr(self, key)
            if value is not None and not re.match(r"^https?://[^\s/]+", value):
                raise ValueError(f"{key} must be an http(s) URL")
        if self.oauth_provider == "microsoft" and not re.match(r"^[A-Za-z0-9.-]{1,100}$", self.oauth_tenant):
            raise ValueError("oauth_tenant must be a tenant id, a domain, \"organizations\" or \"common\"")


def _fill_from_preset(settings: BaseModel, endpoint: tuple[str, int, str]) -> None:
    """Host, port and security from a provider's preset, where the file leaves them out."""
    host, port, security = endpoint
    for key, value in (("host", host), ("port", port), ("security", security)):
        if key not in settings.model_fields_set:
            setattr(settings, key, value)


class MailboxSettings(_Secret, _OAuthClient):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    source: Literal["imap", "maildir"] = "imap"
    host: str = "127.0.0.1"
    port: int = Field(default=993, ge=1, le=65535)
    security: Literal["ssl", "starttls", "none"] = "ssl"
    username: str = ""
    folder: str = "INBOX"
    sent_folder: str = "Sent"
    path: Path | None = None  # for source = "maildir"
    idle: bool = True  # use IMAP IDLE when the server offers it
    poll_seconds: float = Field(default=60.0, gt=0)
    batch_size: int = Field(default=200, ge=1, le=5000)
    verify_tls: bool = True

    @model_validator(mode="after")
    def _source_needs(self) -> "MailboxSettings":
        if self.source == "maildir" and self.path is None:
            raise ValueError("a maildir mailbox needs path = \"/path/to/Maildir\"")
        if self.source == "imap" and not self.username:
            raise ValueError("an imap mailbox needs username")
        self._check_oauth()
        if self.auth == "oauth2":
            if self.source != "imap":
                raise ValueError('auth = "oauth2" is for source = "imap"')
            preset = self.provider()
            if preset.imap is not None:
                _fill_from_preset(self, preset.imap)
        return self

    def provider(self):
        """The OAuth provider's endpoints and scopes (disputed.oauth.providers.Provider)."""
        from disputed.oauth.providers import provider_for

        return provider_for(self)


class SmtpSettings(_Secret):
    auth: Literal["password", "oauth2"] = "password"
    oauth_mailbox: str | None = None  # auth = "oauth2": the [[mailbox]] whose grant (same account) logs in
    host: str = "127.0.0.1"
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["ssl", "starttls", "none"] = "starttls"
    username: str = ""
    from_: str = Field(default="disputed <disputed@localhost>", alias="from")
    timeout_seconds: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=8, ge=0)
    retry_base_seconds: float = Field(default=5.0, gt=0)
    retry_cap_seconds: float = Field(default=900.0, gt=0)
    max_per_recipient_per_day: int = Field(default=20, ge=1)
    file_in_sent: bool = True  # APPEND a copy of each sent reply to a mailbox's sent_folder
    sent_mailbox: str | None = None  # which [[mailbox]] holds the Sent folder; default: the first
    verify_tls: bool = True


class SecuritySettings(_Strict):
    trusted_authserv_ids: list[str] = Field(default_factory=list)
    # Extra sender domains per platform, added to the built-in allow-list.
    sender_domains: dict[Platform, list[str]] = Field(default_factory=dict)
    dkim_verify: bool = False  # verify DKIM locally with dkimpy when no trusted Authentication-Results
    # The DNS servers ("host" or "host:port") asked for DKIM keys; empty: the system's resolver (/etc/resolv.conf).
    dkim_resolvers: list[str] = Field(default_factory=list)
    max_message_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    max_header_bytes: int = Field(default=256 * 1024, ge=1024)
    max_parts: int = Field(default=200, ge=1)
    max_depth: int = Field(default=10, ge=1)
    # A parse running longer is stopped (the daemon's parse worker process is ended and replaced)
    # and the message quarantined; the parsers also check it between their stages.
    parse_seconds: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)


class ParsingSettings(_Strict):
    """How buyers' words are read."""

    # The semantic layer (a multilingual sentence encoder, about 120 MB in the parse worker, and the issue model
    # trained on the examples). Off, the cue lexicons answer alone, with a confidence below the default
    # triage_threshold: every reading of buyer words goes to a person (README: Reading buyers).
    semantic: bool = True


class Remedy(_Strict):
    """One option offered to a buyer. ``type`` names what the seller does."""

    type: Literal[
        "partial_refund",  # buyer keeps the item, seller refunds percent
        "claim_code",  # buyer keeps the item, gets a discount code for percent off
        "next_order_discount",
        "cleaning_cost",
        "reissue",  # seller sends a new one
        "full_refund",
        "return_for_refund",
        "return_for_replacement",
        "resend_part",
        "refund_part",
        "exchange",
    ]
    percent: int | None = Field(default=None, ge=1, le=100)
    amount: float | None = Field(default=None, gt=0)


def _r(type_: str, percent: int | None = None) -> Remedy:
    return Remedy(type=type_, percent=percent)


def _default_remedies() -> dict[Issue, list[Remedy]]:
    return {
        Issue.WRONG_ITEM: [_r("claim_code", 60), _r("partial_refund", 40), _r("return_for_refund")],
        Issue.NOT_AS_DESCRIBED: [_r("partial_refund", 20), _r("return_for_replacement"), _r("return_for_refund")],
        Issue.QUALITY_DEFECT: [_r("partial_refund", 15), _r("next_order_discount", 10), _r("reissue"), _r("full_refund")],
        Issue.DAMAGED: [_r("reissue"), _r("full_refund")],
        Issue.MISSING_PARTS: [_r("resend_part"), _r("refund_part")],
        Issue.NOT_RECEIVED: [_r("reissue"), _r("full_refund")],
        Issue.EMPTY_PACKAGE: [_r("reissue"), _r("full_refund")],
        Issue.SIZE_FIT: [_r("exchange"), _r("return_for_refund")],
        Issue.EXCHANGE_REQUEST: [_r("exchange"), _r("return_for_refund")],
    }


def _default_delivery_days() -> dict[str, int]:
    # From the domain references: China Post small parcels 60 days, Brazil 90, ePacket 27.
    return {"default": 60, "china_post": 60, "china_post:BR": 90, "default:BR": 90, "epacket": 27}


def _default_deadlines() -> dict[str, float]:
    # Hours the platform allows for a seller's answer (each platform's package says its own).
    return {"default": 48, **default_deadlines()}


class PolicySettings(_Strict):
    """The seller's decisions: what to offer, how long delivery takes, how fast to answer."""

    seller_name: str = "Customer Service"
    shop_name: str = "our shop"
    default_language: str = "en"
    # The buyer languages answered in their own language; by default every one with letters (the others get default_language).
    languages: list[str] = Field(default_factory=lambda: list(TEMPLATE_LANGUAGES))
    marketplace_languages: dict[str, str] = Field(default_factory=dict)  # "amazon.de" = "de"
    auto_approve: list[str] = Field(default_factory=list)  # kinds or issues sent without approval
    triage_threshold: float = Field(default=0.55, ge=0, le=1)
    followup_days: int = Field(default=10, ge=1)
    # Order life-cycle mail drafted for imported orders that carry a buyer e-mail; none by default.
    lifecycle: list[Literal["shipped", "delivery_check", "feedback_request"]] = Field(default_factory=list)
    feedback_after_days: int = Field(default=7, ge=1)
    escalate_hours: float = Field(default=6.0, gt=0)  # sweep flags cases due within this
    currency: str = "USD"
    delivery_days: dict[str, int] = Field(default_factory=_default_delivery_days)
    deadlines_hours: dict[str, float] = Field(default_factory=_default_deadlines)
    # A message whose deadline had passed by more than this many days when disputed first saw it (a mailbox
    # connected with years of mail in it) is filed as history: kept, grouped, never drafted. By "platform.kind".
    history_after_days: dict[str, float] = Field(default_factory=lambda: {"default": 3.0})
    # Mail that reached the mailbox before this moment is history whatever its deadline (`disputed run --since`).
    history_before: datetime | None = None
    remedies: dict[Issue, list[Remedy]] = Field(default_factory=_default_remedies)

    @field_validator("history_before", mode="before")
    @classmethod
    def _moment(cls, value):
        """A TOML date (2026-01-01) means its midnight; a time without a zone is UTC."""
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value

    @field_validator("auto_approve")
    @classmethod
    def _known_names(cls, values: list[str]) -> list[str]:
        return _known(values, {k.value for k in Kind} | {i.value for i in Issue}, "a kind or issue")

    @model_validator(mode="after")
    def _merge_defaults(self) -> "PolicySettings":
        # A seller who overrides one issue's remedies keeps the defaults for the others.
        self.remedies = {**_default_remedies(), **self.remedies}
        self.delivery_days = {**_default_delivery_days(), **self.delivery_days}
        self.deadlines_hours = {**_default_deadlines(), **self.deadlines_hours}
        return self

    def promised_days(self, method: str | None, destination: str | None) -> int:
        method = (method or "default").lower().replace(" ", "_").replace("-", "_")
        dest = (destination or "").upper()
        for key in (f"{method}:{dest}", method, f"default:{dest}", "default"):
            if key in self.delivery_days:
                return self.delivery_days[key]
        return 60

    def deadline_hours(self, platform: str | None, kind: str) -> float:
        return self.deadlines_hours.get(f"{platform}.{kind}", self.deadlines_hours.get("default", 48))

    def history_days(self, platform: str | None, kind: str) -> float:
        return self.history_after_days.get(f"{platform}.{kind}", self.history_after_days.get("default", 3.0))


SIGNED_CHANNEL_TYPES = ("webhook", "dingtalk", "feishu")  # the types that sign with a shared secret


class AlertChannelSettings(_Strict):
    """One way the team is told ([[notify.channel]]): the mail digest or a webhook. A webhook's
    address is itself a secret for most services (its key or token is in it), so it may come from
    the environment like a password."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    type: Literal["email", "webhook", "slack", "teams", "wecom", "dingtalk", "feishu"]
    to: list[str] = Field(default_factory=list)  # email: the team's addresses
    url: SecretStr | None = None
    url_env: str | None = None
    secret: SecretStr | None = None  # signing secret: webhook (HMAC header), dingtalk, feishu
    secret_env: str | None = None
    signature_header: str = Field(default="X-Disputed-Signature", pattern=r"^[A-Za-z0-9-]{1,64}$")  # webhook
    language: Literal[_OPERATOR_CODES] = "en"
    urgent_only: bool = False  # this channel hears only what is urgent
    max_per_hour: int | None = Field(default=None, ge=1)  # default: [notify] max_per_hour
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)

    @model_validator(mode="after")
    def _type_needs(self) -> "AlertChannelSettings":
        if self.type == "email":
            if not self.to:
                raise ValueError('an email channel needs to = ["team@example.com"]')
            bad = [addr for addr in self.to if not re.fullmatch(r"[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+", addr)]
            if bad:
                raise ValueError(f"to: {bad[0]!r} is not an e-mail address")
            stray = sorted(k for k in ("url", "url_env", "secret", "secret_env") if k in self.model_fields_set)
            if stray:
                raise ValueError(f"{stray[0]} is for webhooks; an email channel goes through [smtp]")
            return self
        if self.to:
            raise ValueError(f"to is for email channels; a {self.type} channel posts to its url")
        if (self.url is None) == (self.url_env is None):
            raise ValueError(f"a {self.type} channel needs url = \"https://...\" or url_env = \"NAME\" (one of them)")
        if self.url is not None:
            problem = webhook_url_problem(self.url.get_secret_value())
            if problem:
                raise ValueError(f"url: {problem}")
        if self.type not in SIGNED_CHANNEL_TYPES and (self.secret is not None or self.secret_env is not None):
            raise ValueError(f"a {self.type} webhook is not signed; its url is the secret (secret is for {', '.join(SIGNED_CHANNEL_TYPES)})")
        if self.secret is not None and self.secret_env is not None:
            raise ValueError("give secret or secret_env, not both")
        return self

    def webhook_url(self) -> str:
        """The address, read from the named environment variable when given that way."""
        if self.url is not None:
            return self.url.get_secret_value()
        value = os.environ.get(self.url_env or "")
        if value is None:
            raise ConfigError(f"environment variable {self.url_env} (named by url_env) is not set")
        problem = webhook_url_problem(value)
        if problem:
            raise ConfigError(f"environment variable {self.url_env} (named by url_env): {problem}")
        return value

    def signing_secret(self) -> str | None:
        if self.secret is not None:
            return self.secret.get_secret_value()
        if self.secret_env:
            value = os.environ.get(self.secret_env)
            if not value:
                raise ConfigError(f"environment variable {self.secret_env} (named by secret_env) is not set")
            return value
        return None


def webhook_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be posted to, or None. The address is never quoted back: it holds a key."""
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?(/\S*)?", url.strip()):
        return "not an http(s) URL (https://host/path)"
    return None


class NotifySettings(_Strict):
    """Telling the team ([notify]): what counts as urgent, how events are batched, how often a channel
    may speak. See README: Operator notifications."""

    deadline_hours: list[float] = Field(default_factory=lambda: [24.0, 4.0])  # 0 tells when a deadline has passed
    urgent_kinds: list[str] = Field(default_factory=lambda: ["atoz_claim", "chargeback", "dispute"])
    urgent_hours: float = Field(default=96.0, ge=0)  # a case of an urgent kind due within this is urgent
    urgent_seconds: float = Field(default=30.0, gt=0, le=60)  # how often the daemon looks and sends what is urgent
    digest_minutes: float = Field(default=15.0, gt=0)  # the rest waits at most this long, collected into one message
    max_per_hour: int = Field(default=12, ge=1)  # messages per channel per hour
    max_items: int = Field(default=30, ge=1, le=200)  # events listed in one message; the rest are counted
    retry_base_seconds: float = Field(default=30.0, gt=0)
    retry_cap_seconds: float = Field(default=1800.0, gt=0)
    channel: list[AlertChannelSettings] = Field(default_factory=list)

    @field_validator("deadline_hours")
    @classmethod
    def _hours(cls, values: list[float]) -> list[float]:
        if any(value < 0 for value in values):
            raise ValueError("hours before a deadline cannot be negative")
        return sorted(set(values), reverse=True)

    @field_validator("urgent_kinds")
    @classmethod
    def _kinds(cls, values: list[str]) -> list[str]:
        return _known(values, {k.value for k in Kind}, "a kind")

    @model_validator(mode="after")
    def _unique_channels(self) -> "NotifySettings":
        _unique([c.name for c in self.channel], "channel")
        return self


def channel_problems(settings: "Settings", only: str | None = None) -> list[str]:
    """Each [[notify.channel]] (or only the one named) whose address or signing secret cannot be had, naming its key."""
    problems = []
    for n, channel in enumerate(settings.notify.channel):
        if only is not None and channel.name != only:
            continue
        where = f"notify.channel[{n}] ({channel.name})"
        for key, read in (("url_env", channel.webhook_url if channel.url_env else None), ("secret_env", channel.signing_secret)):
            if read is None:
                continue
            try:
                read()
            except ConfigError as exc:
                problems.append(f"{where}.{key}: {exc}")
    return problems


class TemplateSettings(_Strict):
    dir: Path | None = None  # seller overrides: <dir>/<lang>/<name>.txt shadows the shipped file


class WebSettings(_Strict):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8025, ge=0, le=65535)
    secret_key: SecretStr | None = None
    secret_key_env: str | None = None
    secure_cookies: bool = False
    # The address operators reach the page at, e.g. "https://disputed.example.com": the team's notifications
    # link each case to its page there, and the OAuth consent's redirect URI is built from it.
    # Default: no links in notifications, and the address the consent request came to.
    public_url: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    # Host names the page answers to (the Host header; stops DNS rebinding). Empty: localhost,
    # 127.0.0.1, ::1 and `host` itself when it is a name or a specific address.
    allowed_hosts: list[str] = Field(default_factory=list)
    # Reverse proxies whose X-Forwarded-For/-Proto is believed (uvicorn's forwarded_allow_ips):
    # addresses or networks such as "127.0.0.1" or "10.0.0.0/8". Empty: the socket's address counts.
    forwarded_allow_ips: list[str] = Field(default_factory=list)
    session_max_hours: float = Field(default=24.0, gt=0)  # a session ends this long after log-in, however busy
    password_checks_at_once: int = Field(default=2, ge=1, le=64)  # each argon2 check takes 64 MiB


class DaemonSettings(_Strict):
    instance_id: str = Field(default_factory=lambda: f"{os.uname().nodename}-{uuid.uuid4().hex[:6]}")
    lease_seconds: float = Field(default=30.0, gt=1)
    send_interval_seconds: float = Field(default=2.0, gt=0)
    sweep_interval_seconds: float = Field(default=60.0, gt=0)
    process_batch: int = Field(default=200, ge=1)
    idle_renew_seconds: float = Field(default=25 * 60, gt=0, le=29 * 60)
    reconnect_base_seconds: float = Field(default=1.0, gt=0)
    reconnect_cap_seconds: float = Field(default=300.0, gt=0)
    auth_retry_seconds: float = Field(default=60.0, gt=0)  # at least this long between refused logins
    # /healthz fails, and the team is told, when a mailbox has not completed a sync for this long.
    stale_sync_minutes: float = Field(default=10.0, gt=0)


class OAuthSettings(_Strict):
    """Where the key that encrypts stored refresh tokens comes from (a Fernet key:
    ``disputed mailbox new-key`` makes one). Only needed when a mailbox uses OAuth."""

    key_env: str = "DISPUTED_OAUTH_KEY"
    key_file: Path | None = None
    refresh_margin_seconds: float = Field(default=300.0, ge=0, le=3000)  # refresh this long before expiry

    def key(self) -> bytes:
        if self.key_file is not None:
            try:
                return self.key_file.read_bytes().strip()
            except OSError as exc:
                raise ConfigError(f"oauth.key_file: cannot read {self.key_file}: {exc.strerror}") from None
        value = os.environ.get(self.key_env)
        if not value:
            raise ConfigError(
                f"oauth.key_env: environment variable {self.key_env} is not set; a mailbox uses OAuth and its "
                "refresh token is stored encrypted with this key (make one with `disputed mailbox new-key`)"
            )
        return value.strip().encode()


class AttachmentSettings(_Strict):
    """Files on a case: the buyers' pictures the page shows, and the files operators send with a reply."""

    # Outgoing: what an operator may attach to one draft.
    max_files: int = Field(default=5, ge=0, le=50)  # 0: operators attach nothing
    max_file_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=50 * 1024 * 1024)
    max_total_bytes: int = Field(default=15 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)  # base64 adds a third on the wire
    # Incoming: a buyer's picture is decoded (and re-encoded) only within these bounds; past them it is a download.
    image_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, le=200 * 1024 * 1024)
    image_max_pixels: int = Field(default=40_000_000, ge=10_000, le=200_000_000)  # a decompression bomb stops here
    image_max_side: int = Field(default=4096, ge=64, le=20_000)  # the full-size view is scaled down to this
    thumbnail_side: int = Field(default=240, ge=32, le=1024)

    @model_validator(mode="after")
    def _consistent(self) -> "AttachmentSettings":
        if self.max_file_bytes > self.max_total_bytes:
            raise ValueError(f"attachments.max_file_bytes: {self.max_file_bytes} is more than attachments.max_total_bytes ({self.max_total_bytes})")
        if self.thumbnail_side > self.image_max_side:
            raise ValueError(f"attachments.thumbnail_side: {self.thumbnail_side} is more than attachments.image_max_side ({self.image_max_side})")
        return self


class Settings(_Strict):
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    mailbox: list[MailboxSettings] = Field(default_factory=list)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)
    parsing: ParsingSettings = Field(default_factory=ParsingSettings)
    policy: PolicySettings = Field(default_factory=PolicySettings)
    templates: TemplateSettings = Field(default_factory=TemplateSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    web: WebSettings = Field(default_factory=WebSettings)
    daemon: DaemonSettings = Field(default_factory=DaemonSettings)
    oauth: OAuthSettings = Field(default_factory=OAuthSettings)
    attachments: AttachmentSettings = Field(default_factory=AttachmentSettings)

    @model_validator(mode="after")
    def _unique_mailboxes(self) -> "Settings":
        _unique([m.name for m in self.mailbox], "mailbox")
        return self

    @model_validator(mode="after")
    def _smtp_grant(self) -> "Settings":
        smtp = self.smtp
        if smtp.auth != "oauth2":
            if smtp.oauth_mailbox is not None:
                raise ValueError('smtp.oauth_mailbox: set, but smtp.auth is not "oauth2"')
            return self
        mailbox = self.smtp_oauth_mailbox()
        if mailbox is None:
            raise ValueError('smtp.oauth_mailbox: smtp.auth = "oauth2" needs oauth_mailbox = "NAME", the name of a mailbox with auth = "oauth2"')
        if not smtp.username:
            smtp.username = mailbox.username
        endpoint = mailbox.provider().smtp
        if endpoint is not None:
            _fill_from_preset(smtp, endpoint)
        return self

    def smtp_oauth_mailbox(self) -> "MailboxSettings | None":
        """The mailbox whose OAuth grant SMTP logs in with, when smtp.auth = "oauth2"."""
        wanted = self.smtp.oauth_mailbox
        if wanted is None:
            oauth = [m for m in self.mailbox if m.auth == "oauth2"]
            return oauth[0] if len(oauth) == 1 else None
        return next((m for m in self.mailbox if m.name == wanted and m.auth == "oauth2"), None)

    def uses_oauth(self) -> bool:
        return any(m.auth == "oauth2" for m in self.mailbox)


def _known(values: list[str], known: set[str], what: str) -> list[str]:
    for value in values:
        if value not in known:
            raise ValueError(f"{value!r} is not {what} name (see README: Names)")
    return values


def _unique(names: list[str], what: str) -> None:
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"{what} names must be unique; repeated: {', '.join(dupes)}")


def load_settings(path: Path | str | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read ``path`` (or $DISPUTED_CONFIG), apply DISPUTED_SECTION__KEY overrides, validate."""
    environ = dict(os.environ if environ is None else environ)
    path = path or environ.get("DISPUTED_CONFIG")
    data: dict[str, Any] = {}
    text = ""
    if path:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such configuration file") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    overrides = _apply_env(data, environ)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, path, text, overrides)) from None


def _apply_env(data: dict[str, Any], environ: dict[str, str]) -> dict[tuple[str, str], str]:
    """DISPUTED_SMTP__PORT=2525 sets [smtp] port; DISPUTED_DATABASE__URL sets [database] url.
    Returns which (section, key) each variable set, so that an error in one names the variable, not the file."""
    overrides = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        if section == "mailbox":
            continue  # mailboxes are a list; set them in the file
        data.setdefault(section, {})[key] = value
        overrides[(section, key)] = name
    return overrides


def _explain(exc: ValidationError, path: Path | str | None, text: str, overrides: dict[tuple[str, str], str]) -> str:
    lines = [f"{path or 'configuration'}: {exc.error_count()} problem(s):"]
    for err in exc.errors():
        err = _placed(err)
        loc = _dotted(err["loc"])
        variable = overrides.get(tuple(err["loc"][:2])) if len(err["loc"]) >= 2 else None
        where = f" (from the environment variable {variable})" if variable else _line_of(text, err["loc"])
        got = f" (got {err['input']!r})" if _may_echo(err) else ""
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key; check its spelling against config/disputed.example.toml"
            got = ""
        lines.append(f"  {loc}{where}: {msg}{got}")
    return "\n".join(lines)


def _placed(err: dict) -> dict:
    """A check across sections (made on the whole file) names its key as "section.key: ..."; the
    error is then reported at that key, with its line, like any other. So is a check across the keys of one
    section (made on the section)."""
    found = re.match(r"^(?:Value error, )?([a-z_]+)\.([a-z_]+): ", err["msg"]) if len(err["loc"]) <= 1 else None
    if found is None or (err["loc"] and err["loc"][0] != found[1]):
        return err
    return {**err, "loc": (found[1], found[2]), "msg": err["msg"][found.end():]}


SECRET_KEYS = {"password", "secret_key", "url", "secret", "oauth_client_secret"}  # url: a database URL may carry its password, a webhook URL its key


def _may_echo(err: dict) -> bool:
    """Quote the rejected value back, unless it is (or may hold) a secret."""
    if "input" not in err or isinstance(err["input"], (dict, list)):
        return False
    return not any(part in SECRET_KEYS for part in err["loc"] if isinstance(part, str))


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_of(text: str, loc: tuple[Any, ...]) -> str:
    """The line where the offending key (or, failing that, its table) is written."""
    if not text or not loc or not isinstance(loc[0], str):
        return ""
    section = loc[0]
    if len(loc) > 2 and isinstance(loc[1], str) and isinstance(loc[2], int):  # [[notify.channel]]: a table's array
        section, loc = f"{loc[0]}.{loc[1]}", (f"{loc[0]}.{loc[1]}", *loc[2:])
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    rest = loc[2:] if index is not None else loc[1:]
    key = next((p for p in rest if isinstance(p, str)), None)
    found = _find_line(text.splitlines(), section, index, key)
    return f" (line {found})" if found else ""


def _find_line(lines: list[str], section: str, index: int | None, key: str | None) -> int | None:
    current: tuple[str, int | None] | None = None
    seen: dict[str, int] = {}
    header_line = None
    key_pattern = re.compile(rf"^\"?{re.escape(key)}\"?\s*=") if key else None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("[["):
            name = stripped.strip("[] ")
            seen[name] = seen.get(name, -1) + 1
            current = (name, seen[name])
        elif stripped.startswith("["):
            current = (stripped.strip("[] ").split(".")[0], None)
        else:
            if current and current[0] == section and (index is None or current[1] == index):
                if key_pattern and key_pattern.match(stripped):
                    return number
            continue
        if current[0] == section and (index is None or current[1] == index) and header_line is None:
            header_line = number
    return header_line


def secret_problems(settings: Settings) -> list[str]:
    """Every secret the configuration names but cannot have: an unset password_env or
    oauth_client_secret_env, an OAuth key that is missing or not a key. Each names its key."""
    problems = []
    for n, mailbox in enumerate(settings.mailbox):
        if mailbox.source != "imap":
            continue
        where = f"mailbox[{n}] ({mailbox.name})"
        if mailbox.auth == "password":
            problems += _problem(f"{where}.password_env", mailbox.secret)
        else:
            problems += _problem(f"{where}.oauth_client_secret_env", mailbox.client_secret)
    if settings.smtp.username and settings.smtp.auth == "password":
        problems += _problem("smtp.password_env", settings.smtp.secret)
    if settings.uses_oauth():
        from disputed.store.grants import cipher_for

        problems += _problem("", lambda: cipher_for(settings.oauth))
    return problems


def _problem(where: str, read) -> list[str]:
    try:
        read()
    except ConfigError as exc:
        return [f"{where}: {exc}" if where else str(exc)]
    return []


def check_secrets(settings: Settings) -> None:
    """Fail at start, naming the keys, when a secret the configuration names cannot be had."""
    problems = secret_problems(settings)
    if problems:
        raise ConfigError("\n".join(problems))


def insecure_transports(settings: Settings) -> list[str]:
    """Connections set up to send a password in the clear or to accept any certificate: allowed
    (a test server, a mail server on the same host) but said out loud at start."""
    found = []
    for n, mailbox in enumerate(settings.mailbox):
        if mailbox.source != "imap":
            continue
        where = f"mailbox[{n}] ({mailbox.name})"
        if mailbox.security == "none":
            what = "OAuth token" if mailbox.auth == "oauth2" else "IMAP password"
            found.append(f"{where}: security = \"none\" sends the {what} unencrypted to {mailbox.host}")
        elif not mailbox.verify_tls:
            found.append(f"{where}: verify_tls = false accepts any certificate from {mailbox.host}")
    smtp = settings.smtp
    if smtp.username and smtp.security == "none":
        what = "OAuth token" if smtp.auth == "oauth2" else "SMTP password"
        found.append(f"smtp: security = \"none\" sends the {what} unencrypted to {smtp.host}")
    elif smtp.security != "none" and not smtp.verify_tls:
        found.append(f"smtp: verify_tls = false accepts any certificate from {smtp.host}")
    return found
