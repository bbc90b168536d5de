"""Jinja2 templates, strict, per language, overridable by the seller.

A template file is ``<lang>/<name>.txt``: a ``Subject:`` line, a blank line, the
body. Buyer text reaches templates only as variable values; it is never compiled.
Where a seller has templates of their own, every template runs in Jinja2's sandbox,
which keeps them from reaching Python internals.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
)
from jinja2.compiler import CodeGenerator

if TYPE_CHECKING:
    from disputed.config.settings import Settings

from disputed import languages
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError


class TemplateError(Exception):
    """A template is missing or failed to render; the message names it."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    language: str  # the language actually used (after fallback)


# The most a sandboxed template may produce, and any string or list it builds on the way: a
# reply is a few kilobytes, and `'a' * 10**10` must be an error, not the end of the process.
MAX_OUTPUT_CHARS = 1_000_000
# Calls whose number arguments are sizes (a width, a padding, a count of pieces).
_SIZED = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate", "batch", "slice"})
_BIG_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d{7,}|\*)|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"{what} would exceed {MAX_OUTPUT_CHARS:,} characters, the most a template may produce")


def _check_call(name: str, receiver: Any, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse, before it runs, a call that would build something larger than the bound."""
    if name in _SIZED:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and abs(value) > MAX_OUTPUT_CHARS:
                raise _too_big(f"{name}({value:,})")
    elif name in ("format", "format_map") and isinstance(receiver, str) and _BIG_FORMAT_WIDTH.search(receiver):
        raise _too_big("a format width")
    elif name == "replace" and isinstance(receiver, str) and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[:2]
        most = (len(receiver) + 1) * len(new) + len(receiver) if not old else len(receiver) // len(old) * len(new) + len(receiver)
        if most > MAX_OUTPUT_CHARS:
            raise _too_big("a replace()")


def _bounded_filter(name: str, func):
    @functools.wraps(func)  # keeps Jinja's pass_context/pass_eval_context marks
    def bounded(*args, **kwargs):
        plain = [a for a in args if not isinstance(a, (Context, EvalContext, Environment))]
        if plain:
            _check_call(name, plain[0], tuple(plain[1:]), kwargs)
        return func(*args, **kwargs)

    return bounded


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a size-checked join: a loop doubling a string would outgrow memory."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus a bound on the size of what a template builds and outputs."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})  # also keeps them from being folded at compile time

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        sequences = (str, bytes, list, tuple)
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, sequences) and isinstance(count, int) and len(seq) * count > MAX_OUTPUT_CHARS:
                    raise _too_big("a repeated string or list")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right * abs(left).bit_length() > 64 * 1024:
            raise _too_big("a power")
        elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences) and len(left) + len(right) > MAX_OUTPUT_CHARS:
            raise _too_big("a sum")
        elif operator == "%":
            _check_call("format", left, (), {})
        return super().call_binop(context, operator, left, right)

    def bounded_concat(self, parts: tuple) -> str:
        texts = [str(part) for part in parts]
        if sum(map(len, texts)) > MAX_OUTPUT_CHARS:
            raise _too_big("a ~ concatenation")
        return "".join(texts)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own signature)
        name, receiver = getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None)
        _check_call(name, receiver, args, kwargs)
        if name == "join" and isinstance(receiver, str) and args:
            items = [str(item) for item in args[0]]
            if sum(map(len, items)) + len(receiver) * len(items) > MAX_OUTPUT_CHARS:
                raise _too_big("a join()")
            args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any):
        wrapped = super().wrap_str_format(value)  # str.format is wrapped when read, not when called
        if wrapped is not None:
            _check_call("format", value.__self__, (), {})
        return wrapped


def _render_within_bound(template: Template, context: Mapping[str, Any]) -> str:
    """Render through the stream, stopping as soon as the output passes the bound."""
    chunks, total = [], 0
    for chunk in template.generate(**context):
        total += len(chunk)
        if total > MAX_OUTPUT_CHARS:
            raise _too_big("the output")
        chunks.append(chunk)
    return "".join(chunks)


# How long a looked-up template (or its absence) is believed before the files are asked again.
RECHECK_SECONDS = 2.0
_UNSEEN = object()


def _shipped_templates() -> PrefixLoader:
    """The letters shipped in each language's folder, looked up as ``<lang>/<name>.txt``."""
    return PrefixLoader(
        {language: PackageLoader("disputed", f"languages/{language}/templates") for language in languages.with_templates()},
        delimiter="/",
    )


class TemplateLibrary:
    """The letter templates, compiled on first use. A process builds one at its start (``for_settings``: the
    daemon, the page, a command) and hands it down to every stage that renders."""

    @classmethod
    def for_settings(cls, settings: Settings) -> TemplateLibrary:
        return cls(settings.templates.dir, settings.policy.default_language)

    def __init__(self, override_dir: Path | None = None, fallback_language: str = "en") -> None:
        loaders = []
        if override_dir is not None:
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(_shipped_templates())
        self.fallback_language = fallback_language
        # The sandbox keeps a seller's own templates from reaching Python internals. Without
        # an override directory only the package's templates run, which are ours; they run
        # a third faster outside it.
        environment = BoundedSandbox if override_dir is not None else Environment
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
            text = _render_within_bound(template, context) if isinstance(self.env, BoundedSandbox) else template.render(**context)
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
