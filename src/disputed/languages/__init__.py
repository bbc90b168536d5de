"""What disputed knows about each language it serves, one folder per language.

``languages/<code>/`` holds, for one language: ``lexicon.py`` (the classifier's weighted cues and the
words of the option choices and messaging rules, when the language has one), ``examples.tsv`` (labelled
buyer sentences the semantic layer is trained on: issue, tab, text) and ``templates/`` (the letters, see
``TEMPLATES.md``). Adding a language is adding its folder; ``tests/languages`` walks every language.
"""

from __future__ import annotations

from importlib import import_module
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import ModuleType

# The buyer languages disputed reads and answers in (ISO 639-1), in the order they are shown.
SERVED = ("en", "de", "fr", "it", "es", "pt", "nl", "pl", "tr", "ru", "ja", "ko", "zh", "ar")
# The served languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar"})


def direction(language: str | None) -> str:
    """The HTML ``dir`` for text in ``language``: "rtl" or "ltr" when the language is known,
    "auto" (the text's first strong letter decides) when it is not."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    if code in RIGHT_TO_LEFT:
        return "rtl"
    return "ltr" if code else "auto"


def folder(language: str) -> Traversable:
    """The language's folder inside the installed package."""
    return files(__name__).joinpath(language)


def module(language: str, name: str) -> ModuleType | None:
    """``disputed.languages.<language>.<name>``, None when that language has no such module."""
    if not folder(language).joinpath(f"{name}.py").is_file():
        return None
    return import_module(f"{__name__}.{language}.{name}")


def with_templates() -> tuple[str, ...]:
    """The served languages that have letters of their own."""
    return tuple(language for language in SERVED if folder(language).joinpath("templates").is_dir())
