"""Where Chromium is and how to launch it on these machines (headless, as root, no network side traffic)."""

from __future__ import annotations

import os

DEFAULT_CHROMIUM = "/usr/bin/chromium"

# --no-sandbox because tests run as root; the --disable-* flags stop Chromium from phoning home, which cannot
# work here (only package registries are reachable) and would only slow the tests down.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str | None:
    """$CHROMIUM if set, else the Debian package's /usr/bin/chromium; None when it is not installed."""
    candidate = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    return candidate if os.access(candidate, os.X_OK) else None


def chromium_args(*extra: str) -> list[str]:
    """Launch arguments that work here, plus any the test adds."""
    return [*CHROMIUM_ARGS, *extra]
