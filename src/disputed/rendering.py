"""Jinja2 templates, strict, per language, overridable by the seller.

A template file is ``<lang>/<name>.txt``: a ``Subject:`` line, a blank line, the
body. Buyer text reaches templates only as variable values; it is never compiled.
Where a seller has templates of their own, every template runs in Jinja2's sandbox,
which keeps them from reaching Python internals.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, Template, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment


class TemplateError(Exception):
    """A template is missing or failed to render; the message names it."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    language: str  # the language actually used (after fallback)


# How long a looked-up template (or its absence) is believed before the files are asked again.
RECHECK_SECONDS = 2.0
_UNSEEN = object()


class TemplateLibrary:
    def __init__(self, override_dir: Path | None = None, fallback_language: str = "en") -> None:
        loaders = []
        if override_dir is not None:
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("disputed", "templates"))
        self.fallback_language = fallback_language
        # The sandbox keeps a seller's own templates from reaching Python internals. Without
        # an override directory only the package's templates run, which are ours; they run
        # a third faster outside it.
        environment = SandboxedEnvironment if override_dir is not None else Environment
        self.env = environment(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=False,  # plain-text mail; nothing here is HTML
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # freshness is checked below, once per RECHECK_SECONDS, not per render and import
            finalize=_unknown_is_visible,
        )
        self._looked_up: dict[str, Template | None] = {}
        self._checked_at = time.monotonic()

    def _template(self, path: str) -> Template | None:
        """The compiled template at ``path``, None when there is none (both remembered).

        One library serves several threads (the web's requests, the daemon's drain and sweep):
        the table is read through a local name, so a concurrent refresh that replaces it costs
        at most a second look-up."""
        self._drop_if_stale()
        looked_up = self._looked_up
        found = looked_up.get(path, _UNSEEN)
        if found is _UNSEEN:
            try:
                found = self.env.get_template(path)
            except TemplateNotFound:
                found = None
            looked_up[path] = found
        return found

    def _drop_if_stale(self) -> None:
        """Every few seconds: forget everything when a file was edited, so a seller's edit (or a
        new override) shows without a restart. A batch of drafts does not stat every file per draft."""
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return
        self._checked_at = now
        if any(not template.is_up_to_date for template in list(self.env.cache.values())):
            self.env.cache.clear()
            self._looked_up.clear()
        else:  # a file that was missing may have been added since
            self._looked_up = {path: found for path, found in self._looked_up.items() if found is not None}

    def has(self, name: str, language: str) -> bool:
        return self._template(f"{language}/{name}.txt") is not None

    def language_for(self, name: str, wanted: str | None) -> str:
        for language in (wanted, self.fallback_language, "en"):
            if language and self.has(name, language):
                return language
        raise TemplateError(f"no template {name!r} in any language (looked for {wanted}, {self.fallback_language}, en)")

    def render(self, name: str, language: str | None, context: Mapping[str, Any]) -> Rendered:
        used = self.language_for(name, language)
        template = self._template(f"{used}/{name}.txt")
        if template is None:
            raise TemplateError(f"template {used}/{name}.txt not found")
        try:
            text = template.render(**context)
        except Exception as exc:  # StrictUndefined, sandbox violations, syntax errors in overrides
            raise TemplateError(f"template {used}/{name}.txt failed: {exc}") from exc
        subject, body = _split_subject(text)
        return Rendered(subject=subject, body=body, language=used)


# What a letter shows where it printed a value nobody knew (None): a place the operator must
# complete, which the readiness check finds, instead of the word "None" going out.
UNKNOWN_VALUE = "[[FILL IN: unknown value]]"


def _unknown_is_visible(value: Any) -> Any:
    return UNKNOWN_VALUE if value is None else value


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:") :].strip(), rest.lstrip("\n")
    return "", text
