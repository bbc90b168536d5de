"""What disputed knows about each OAuth provider: endpoints, the scopes mail needs, and
the IMAP and SMTP servers that accept its tokens. Knowledge about one provider lives here.

Google's device flow does not grant the Gmail scope (it is not among the scopes allowed for
limited-input devices), so Google has no device endpoint here and the CLI falls back to
pasting the code. Microsoft's endpoints carry the tenant in their path.
"""

from __future__ import annotations

from dataclasses import dataclass

Endpoint = tuple[str, int, str]  # host, port, security ("ssl" | "starttls" | "none")


@dataclass(frozen=True)
class Provider:
    name: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]
    device_url: str | None = None
    revoke_url: str | None = None
    imap: Endpoint | None = None
    smtp: Endpoint | None = None
    # Extra parameters of the authorization request: Google hands out a refresh token only
    # with access_type=offline, and again on a repeated consent only with prompt=consent.
    authorize_params: tuple[tuple[str, str], ...] = ()
    # Microsoft runs the device flow for "public client" applications only and refuses a
    # client secret there (AADSTS700025), while the web page's consent needs one.
    device_flow_public: bool = False


GOOGLE = Provider(
    name="google",
    authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
    token_url="https://oauth2.googleapis.com/token",
    revoke_url="https://oauth2.googleapis.com/revoke",
    scopes=("https://mail.google.com/",),
    imap=("imap.gmail.com", 993, "ssl"),
    smtp=("smtp.gmail.com", 465, "ssl"),
    authorize_params=(("access_type", "offline"), ("prompt", "consent")),
)

_MICROSOFT_BASE = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0"


def microsoft(tenant: str) -> Provider:
    base = _MICROSOFT_BASE.format(tenant=tenant)
    return Provider(
        name="microsoft",
        authorize_url=f"{base}/authorize",
        token_url=f"{base}/token",
        device_url=f"{base}/devicecode",
        # offline_access is what makes Microsoft return a refresh token.
        scopes=("https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send", "offline_access"),
        imap=("outlook.office365.com", 993, "ssl"),
        smtp=("smtp.office365.com", 587, "starttls"),
        device_flow_public=True,
    )


PRESETS = {"google": GOOGLE, "microsoft": microsoft("organizations")}


def provider_for(mailbox) -> Provider:
    """The preset named by the mailbox's ``oauth_provider``, with every endpoint the
    configuration sets taking the preset's place (for ``generic``, all of them)."""
    if mailbox.oauth_provider == "google":
        base = GOOGLE
    elif mailbox.oauth_provider == "microsoft":
        base = microsoft(mailbox.oauth_tenant)
    else:
        base = Provider(name="generic", authorize_url="", token_url="", scopes=())
    return Provider(
        name=base.name,
        authorize_url=mailbox.oauth_authorize_url or base.authorize_url,
        token_url=mailbox.oauth_token_url or base.token_url,
        device_url=mailbox.oauth_device_url or base.device_url,
        revoke_url=mailbox.oauth_revoke_url or base.revoke_url,
        scopes=tuple(mailbox.oauth_scopes) if mailbox.oauth_scopes else base.scopes,
        imap=base.imap,
        smtp=base.smtp,
        authorize_params=base.authorize_params,
        device_flow_public=base.device_flow_public,
    )
