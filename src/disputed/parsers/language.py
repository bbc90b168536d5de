"""Tell which language a buyer or a notification writes in.

Scripts decide first, because they are certain and cheap: kana means Japanese,
Han characters without kana mean Chinese, Hangul means Korean, Arabic script
means Arabic (the only served language written in it). Latin (and
other) text goes to py3langid, restricted to the served languages plus
a few neighbours so that a German message is not called Luxembourgish. Very
short text ("Danke!", "Option 2 bitte") carries too few n-grams for a
statistical model, so a handful of unmistakable buyer words vote as well and
the caller's ``hint`` (the marketplace's language) breaks ties.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from disputed.languages import SERVED, gathered

# The languages the product serves (``disputed.languages.SERVED``), then neighbours that are easily
# confused with them and are worth telling apart rather than misfiling.
SERVED_LANGUAGES = SERVED
NEIGHBOUR_LANGUAGES = ("sv", "da", "no", "cs", "ro")
IDENTIFIED_LANGUAGES = SERVED_LANGUAGES + NEIGHBOUR_LANGUAGES

# Below this many letters the model's guess is only trusted when it is clear.
SHORT_TEXT_LETTERS = 25
# The normalised probability a guess needs before it is believed; on short text
# it must also lead the runner-up by this factor.
MIN_PROBABILITY_SHORT = 0.40
MIN_LEAD_SHORT = 2.0
MIN_PROBABILITY_LONG = 0.30
# On short text, the hint wins when its probability is within this factor of the best.
HINT_TIE_FACTOR = 0.35

# What is not language: each alternative with the literal text it cannot match without.
_NOISE_PARTS = (
    ("http", r"https?://\S+"),  # links
    ("www.", r"www\.\S+"),
    # An address is only tried from the start of its run of characters: tried from every position of
    # a long run with no "@" (hostile text), the match would cost time quadratic in its length.
    ("@", r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+"),
    ("", r"\b[A-Z0-9]{10,}\b"),  # ASINs, tracking numbers
    ("", r"[\d#№\-/.,:;()+%€$£¥]+"),  # order ids, amounts, dates
)
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_EAST_ASIAN = re.compile(f"{_KANA.pattern}|{_HAN.pattern}|{_HANGUL.pattern}")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_COMBINING_ACCENTS = re.compile(r"[\u0300-\u036f]")
_SUBTAG = re.compile(r"[-_]")

# Words a buyer writes that belong to one language only (accents stripped, lower case): each
# language's ``LANGUAGE_MARKERS`` in its bundle. They matter for the short messages where n-grams say little.
_MARKERS = {lang: frozenset(words.split()) for lang, words in gathered("LANGUAGE_MARKERS").items()}
# Word -> the languages it marks, in SERVED's order (one look-up per word instead of one per language).
_MARKER_LANGUAGES = {word: tuple(lang for lang, markers in _MARKERS.items() if word in markers)
                     for markers in _MARKERS.values() for word in markers}
_MARKER_WEIGHT = 0.6


def detect_language(text: str, hint: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it cannot be told.

    ``hint`` (for example the marketplace's language) decides between close
    candidates on very short text, and stands in when a short text gives the
    model nothing to go on. It never overrides a clear script or a clear guess.
    """
    hint = _base_code(hint)
    cleaned = _without_noise(text or "")
    script_language = _language_from_script(cleaned)
    if script_language is not None:
        return script_language
    words = _WORD.findall(cleaned)
    letters = sum(len(word) for word in words)
    if letters < 2:
        return None
    markers = _marker_counts(words)
    if letters >= SHORT_TEXT_LETTERS and (clear := _clear_from_markers(markers)) is not None:
        return clear
    probabilities = _probabilities(" ".join(words))
    _add_marker_votes(probabilities, markers)
    return _decide(probabilities, letters, hint)


def _without_noise(text: str) -> str:
    """``_NOISE`` replaced by spaces. Alternatives that cannot match (no "@" in the text, no "http")
    are left out of the search: at every position the same alternative wins, and a scan is cheaper."""
    present = tuple(not literal or literal in text for literal, _ in _NOISE_PARTS)
    return _noise_pattern(present).sub(" ", text)


@lru_cache(maxsize=None)
def _noise_pattern(present: tuple[bool, ...]) -> re.Pattern[str]:
    return re.compile("|".join(pattern for (_, pattern), used in zip(_NOISE_PARTS, present) if used))


def _base_code(code: str | None) -> str | None:
    """'zh-TW', 'pt_BR', 'DE' -> 'zh', 'pt', 'de'."""
    if not code:
        return None
    return _SUBTAG.split(code.strip().lower(), maxsplit=1)[0] or None


def _language_from_script(text: str) -> str | None:
    """ja/zh/ko when East Asian script dominates the text, ar when Arabic script does, else None."""
    if text.isascii():
        return None
    if _ARABIC_SCRIPT.search(text):
        arabic = len(_ARABIC_SCRIPT.findall(text))
        # Letters against letters: an Arabic message under an English notification line is still Arabic.
        if arabic * 2 >= len(_LETTER.findall(text)):
            return "ar"
    if not _EAST_ASIAN.search(text):  # most text: one scan instead of four
        return None
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    hangul = len(_HANGUL.findall(text))
    east_asian = kana + han + hangul
    if east_asian == 0:
        return None
    other_letters = len(_LETTER.findall(text)) - east_asian
    # One East Asian character carries about a word; a Latin word is about five letters.
    if east_asian * 5 < other_letters:
        return None
    if hangul > kana + han:
        return "ko"
    if kana:
        return "ja"
    return "zh"


def load_model() -> None:
    """Load the language model now rather than on the first text that needs it (about a second)."""
    _identifier()


def _identifier():
    """py3langid's model, loaded once and restricted to the languages above."""
    with _LOADING:  # two threads asking first (the daemon's warm-up and a drain) load it once
        return _loaded_identifier()


_LOADING = threading.Lock()


@lru_cache(maxsize=1)
def _loaded_identifier():
    from py3langid import langid

    if hasattr(langid.LanguageIdentifier, "from_model_file"):  # py3langid >= 0.3
        identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    else:
        identifier = langid.LanguageIdentifier.from_pickled_model(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(IDENTIFIED_LANGUAGES))
    if hasattr(identifier, "_full_model"):
        # py3langid keeps the unrestricted tables (~27 MB) to allow another set_languages;
        # nothing here restricts twice.
        identifier._full_model = None
    if hasattr(identifier.nb_ptc, "flags") and not identifier.nb_ptc.flags.c_contiguous:
        # The restricted table comes out column-major: a feature's row then lies spread over the
        # whole table and each text costs a cache miss per feature and language. Row-major it is
        # one read per feature; the rows gathered, and every score, are the same.
        import numpy

        identifier.nb_ptc = numpy.ascontiguousarray(identifier.nb_ptc)
    return identifier


def _probabilities(text: str) -> dict[str, float]:
    return dict(_identifier().rank(text))


def _marker_counts(words: list[str]) -> dict[str, int]:
    """How many unmistakable words of each language the text holds (accents stripped, lower case)."""
    folded = " ".join(words).casefold()
    if not folded.isascii():
        folded = _COMBINING_ACCENTS.sub("", unicodedata.normalize("NFD", folded))
    counts: dict[str, int] = {}
    for word in folded.split():
        for lang in _MARKER_LANGUAGES.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def _clear_from_markers(markers: dict[str, int]) -> str | None:
    """The language whose marker words decide a long text whatever py3langid says, or None.

    The model's probabilities are at most 1 each and sum to 1; each marker word adds
    _MARKER_WEIGHT before everything is renormalised. A language whose votes exceed any
    other's by more than 1 therefore ranks first for any model answer, and when its votes
    alone are MIN_PROBABILITY_LONG of the total it is believed (``_decide`` on long text).
    The small margins cover float rounding; the model is not asked when its answer cannot matter.
    """
    if not markers:
        return None
    votes = {lang: count * _MARKER_WEIGHT for lang, count in markers.items()}
    best = max(votes, key=votes.__getitem__)
    runner_up = max((v for lang, v in votes.items() if lang != best), default=0.0)
    total = 1.0 + sum(votes.values())
    if votes[best] >= runner_up + 1.0 + 1e-5 and votes[best] >= MIN_PROBABILITY_LONG * total + 1e-5:
        return best
    return None


def _add_marker_votes(probabilities: dict[str, float], markers: dict[str, int]) -> None:
    """Raise the languages whose unmistakable words appear, then renormalise."""
    for lang, count in markers.items():
        for _ in range(count):  # one addition a word, as the votes were always counted
            probabilities[lang] = probabilities.get(lang, 0.0) + _MARKER_WEIGHT
    total = sum(probabilities.values()) or 1.0
    for lang in probabilities:
        probabilities[lang] /= total


def _decide(probabilities: dict[str, float], letters: int, hint: str | None) -> str | None:
    ranked = sorted(probabilities.items(), key=lambda item: item[1], reverse=True)
    (best, best_probability), runner_up = ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0
    short = letters < SHORT_TEXT_LETTERS
    if short and hint is not None:
        hint_probability = probabilities.get(hint, 0.0)
        uniform = 1.0 / len(probabilities)
        if hint_probability >= best_probability * HINT_TIE_FACTOR or best_probability <= uniform * 1.5:
            return hint
    if short:
        clear = best_probability >= MIN_PROBABILITY_SHORT and best_probability >= runner_up * MIN_LEAD_SHORT
        return best if clear else hint
    return best if best_probability >= MIN_PROBABILITY_LONG else None
