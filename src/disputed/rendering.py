"""Jinja2 templates, sandboxed, strict, per language, overridable by the seller.

A template file is ``<lang>/<name>.txt``: a ``Subject:`` line, a blank line, the
body. Buyer text reaches templates only as variable values; it is never compiled,
and the sandbox keeps a seller's own templates from reaching Python internals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment


class TemplateError(Exception):
    """A template is missing or failed to render; the message names it."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    language: str  # the language actually used (after fallback)


class TemplateLibrary:
    def __init__(self, override_dir: Path | None = None, fallback_language: str = "en") -> None:
        loaders = []
        if override_dir is not None:
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("disputed", "templates"))
        self.fallback_language = fallback_language
        self.env = SandboxedEnvironment(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=False,  # plain-text mail; nothing here is HTML
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def has(self, name: str, language: str) -> bool:
        try:
            self.env.get_template(f"{language}/{name}.txt")
            return True
        except TemplateNotFound:
            return False

    def language_for(self, name: str, wanted: str | None) -> str:
        for language in (wanted, self.fallback_language, "en"):
            if language and self.has(name, language):
                return language
        raise TemplateError(f"no template {name!r} in any language (looked for {wanted}, {self.fallback_language}, en)")

    def render(self, name: str, language: str | None, context: Mapping[str, Any]) -> Rendered:
        used = self.language_for(name, language)
        try:
            text = self.env.get_template(f"{used}/{name}.txt").render(**context)
        except TemplateNotFound as exc:
            raise TemplateError(f"template {used}/{name}.txt not found") from exc
        except Exception as exc:  # StrictUndefined, sandbox violations, syntax errors in overrides
            raise TemplateError(f"template {used}/{name}.txt failed: {exc}") from exc
        subject, body = _split_subject(text)
        return Rendered(subject=subject, body=body, language=used)


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:") :].strip(), rest.lstrip("\n")
    return "", text
