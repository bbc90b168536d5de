"""Train the semantic layer's model from the shipped examples and write ``parsers/semantic_model.npz``.

    PYTHONPATH=src python -m disputed.parsers.semantic_training      # rewrites the model
    PYTHONPATH=src python -m disputed.parsers.semantic_training --check   # fails when it would change

Everything is deterministic (fixed folds, zero start, fixed steps), so regenerating gives
the same arrays; a test holds the shipped file to that.

1. Every example (``languages/<code>/examples.tsv``: issue, tab, text) is embedded.
2. Four folds by what an example says (``concept_folds``): an example joins the fold of the
   earlier examples that say nearly the same (its translations and close paraphrases, by cosine
   similarity), else the smallest fold; a softmax regression trained on the other three folds reads
   the fourth, so every example gets a held-out probability for each issue from a model that saw
   neither it nor its translations; the lexicon reads it too.
   The regression's probabilities are blended with the vote of the nearest examples of the other folds
   (``NEIGHBOUR_SHARE``), as the shipped model blends them with all the examples.
3. The lexicon's vote is added with the fixed weight LEXICON_WEIGHT.
4. The calibration: for each raw score (the combined answer's lead over the runner-up), the
   share of held-out answers at least that sure which were right, taken at the lower end
   of its one-sided 99% confidence interval (Wilson) so that a score seen on few examples promises
   little, and made non-decreasing.
5. The final regression is trained on all examples; the examples' vectors ship beside it (float16) for the neighbours' vote.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from disputed import languages
from disputed.parsers import semantic
from disputed.vocabulary import Issue

EXAMPLES_FILE = "examples.tsv"

ISSUES = tuple(Issue)
FOLDS = 4
# Two examples this close (cosine) say the same thing: translations of one sentence score 0.65-0.9 with this
# encoder, different complaints of one issue mostly below. Such examples share a fold.
SAME_CONCEPT = 0.65
STEPS = 1000
LEARNING_RATE = 4.0
MOMENTUM = 0.9
# Chosen on the development set (tests/parsers/dev_set): 1e-4 fits the examples' wording, 1e-3 blurs the issues.
L2 = 3e-4
# How much the lexicon's vote adds to the model's probabilities. Fixed, not chosen on the held-out examples: those
# are the model's own kind of text (8,525 short sentences, a third of them written to defeat cue words), and on them
# 0.25 came out ahead; on relayed mail the cues carry rules the examples do not teach ("where is it" with "two
# weeks" is a complaint). On the development sets 0.25 and 0.5 are within a message or four of each other (93.9 /
# 93.3% and 94.3 / 93.3%); on the fixture corpus 0.25 held a German lateness complaint as a tracking question; on
# the blind set 0.5 read 89.1% right against 87.4% (measured after the choice between the two was on the table, so
# that figure is not an independent one). 0.75 made more confident mistakes than 0.5 on the development set.
LEXICON_WEIGHT = 0.5
# The nearest examples' share of the model's probabilities (``semantic.ShippedModel``). Chosen on the development
# sets: on tests/parsers/dev_hard 0.3 read 89.0% right against 87.1% for the regression alone (0.5: 88.3%), on
# tests/parsers/dev_set 92.6% against 91.1%.
NEIGHBOUR_SHARE = 0.3
CALIBRATION_POINTS = 40
# One-sided 99%: buyers' mail is harder than these examples (more slang, longer stories), so a held-out
# precision is taken at the low end of a wide interval.
WILSON_Z = 2.326
MIN_ANSWERS = 10  # a raw score above which fewer answers were seen is not given its own point


@dataclass(frozen=True)
class Example:
    text: str
    issue: Issue
    language: str


def load_examples() -> list[Example]:
    """Every shipped example (``languages/<code>/examples.tsv``), languages in code order, lines in file order."""
    examples = []
    for language in sorted(languages.SERVED):
        entry = languages.folder(language).joinpath(EXAMPLES_FILE)
        if not entry.is_file():
            continue
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            issue, sep, text = line.partition("\t")
            if not sep or not text.strip():
                raise ValueError(f"{language}/{EXAMPLES_FILE}:{number}: expected 'issue<TAB>text'")
            examples.append(Example(text.strip(), Issue(issue.strip()), language))
    return examples


_NO_CALIBRATION = semantic.Calibration(np.zeros(1), np.zeros(1))


def concept_folds(vectors: np.ndarray) -> list[int]:
    """The fold of each example (in order): the fold of the earlier examples that say nearly the same
    (cosine similarity at least SAME_CONCEPT, votes weighted by similarity), else the smallest fold. A
    sentence and its translations land in one fold, so a held-out example is never read by a model that
    learnt its translation, and the folds stay about equal."""
    folds = np.full(len(vectors), -1)
    sizes = np.zeros(FOLDS)
    x = vectors.astype(np.float32)
    for index in range(len(x)):
        similarities = x[:index] @ x[index]
        close = np.nonzero(similarities >= SAME_CONCEPT)[0]
        if len(close):
            votes = np.bincount(folds[close], weights=similarities[close], minlength=FOLDS)
            fold = int(np.argmax(votes))
        else:
            fold = int(np.argmin(sizes))
        folds[index] = fold
        sizes[fold] += 1
    return folds.tolist()


def train_regression(vectors: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent with momentum, from zero."""
    count = len(labels)
    targets = np.zeros((count, len(ISSUES)))
    targets[np.arange(count), labels] = 1.0
    x = vectors.astype(np.float64)
    weights = np.zeros((len(ISSUES), x.shape[1]))
    bias = np.zeros(len(ISSUES))
    velocity_w = np.zeros_like(weights)
    velocity_b = np.zeros_like(bias)
    for _ in range(STEPS):
        error = semantic.softmax(x @ weights.T + bias) - targets
        gradient_w = error.T @ x / count + L2 * weights
        gradient_b = error.mean(axis=0)
        velocity_w = MOMENTUM * velocity_w - LEARNING_RATE * gradient_w
        velocity_b = MOMENTUM * velocity_b - LEARNING_RATE * gradient_b
        weights += velocity_w
        bias += velocity_b
    return weights, bias


def held_out_probabilities(vectors: np.ndarray, labels: np.ndarray, folds: list[int]) -> np.ndarray:
    """Each example read by a model trained without its fold: the regression and the neighbours' vote
    both learnt from the other folds only."""
    probabilities = np.zeros((len(labels), len(ISSUES)))
    fold_of = np.array(folds)
    for fold in sorted(set(folds)):
        train = fold_of != fold
        weights, bias = train_regression(vectors[train], labels[train])
        model = semantic.ShippedModel(ISSUES, weights.astype(np.float32), bias.astype(np.float32), 0.0, _NO_CALIBRATION,
                                      vectors[train].astype(np.float32), labels[train], NEIGHBOUR_SHARE)
        for index in np.nonzero(~train)[0]:
            probabilities[index] = model.probabilities(vectors[index].astype(np.float32))
    return probabilities


def wilson_lower(right: int, total: int) -> float:
    if total == 0:
        return 0.0
    share = right / total
    z2 = WILSON_Z * WILSON_Z
    centre = share + z2 / (2 * total)
    spread = WILSON_Z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total))
    return (centre - spread) / (1 + z2 / total)


def calibration(margins: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Raw points (ascending) and the monotone, conservative precision of answers at least that sure."""
    order = np.argsort(-margins, kind="stable")
    sorted_margins = margins[order]
    cumulative_right = np.cumsum(right[order])
    candidates = np.unique(np.quantile(margins, np.linspace(0.0, 1.0, CALIBRATION_POINTS)))
    points, precisions = [], []
    for point in candidates:
        above = int(np.searchsorted(-sorted_margins, -point, side="right"))  # answers with margin >= point
        if above < MIN_ANSWERS:
            break
        points.append(float(point))
        precisions.append(wilson_lower(int(cumulative_right[above - 1]), above))
    precisions_array = np.array(precisions)
    # A surer answer promises at least what a less sure one does: the running maximum from the bottom
    # (towards the top the counts shrink and the lower bound with them, not the precision).
    monotone = np.maximum.accumulate(precisions_array)
    return np.array(points), monotone


def lexicon_answers(examples: list[Example]) -> list[tuple[Issue | None, float]]:
    from disputed.parsers.classify import classify_lexically

    answers = []
    for example in examples:
        result = classify_lexically(example.text, example.language)
        answers.append((result.issue, result.confidence) if result.confidence > 0.1 else (None, 0.0))
    return answers


def train() -> dict[str, np.ndarray]:
    # One BLAS thread: the machine's other work is not slowed, and sums come out in one order.
    with threadpool_limits(limits=1):
        return _train()


def _train() -> dict[str, np.ndarray]:
    examples = load_examples()
    vectors = semantic.embed([example.text for example in examples])
    labels = np.array([ISSUES.index(example.issue) for example in examples])
    held_out = held_out_probabilities(vectors, labels, concept_folds(vectors))
    lexicon = lexicon_answers(examples)
    stub = semantic.ShippedModel(ISSUES, np.zeros((1, 1)), np.zeros(1), 0.0, _NO_CALIBRATION)

    def outcomes(weight: float) -> tuple[np.ndarray, np.ndarray]:
        margins, right = [], []
        for probabilities, (issue, confidence), label in zip(held_out, lexicon, labels):
            best, margin = semantic.lead(semantic.combined_scores(stub, probabilities, issue, confidence, weight))
            margins.append(margin)
            right.append(best == label)
        return np.array(margins), np.array(right)

    lexicon_weight = LEXICON_WEIGHT
    margins, right = outcomes(lexicon_weight)
    raw_points, precisions = calibration(margins, right)
    weights, bias = train_regression(vectors, labels)
    return {
        "issues": np.array([issue.value for issue in ISSUES]),
        "weights": weights.astype(np.float32),
        "bias": bias.astype(np.float32),
        "lexicon_weight": np.array(lexicon_weight),
        "example_vectors": vectors.astype(np.float16),
        "example_labels": labels.astype(np.int16),
        "neighbour_share": np.array(NEIGHBOUR_SHARE),
        "raw_points": raw_points,
        "precisions": precisions,
        "held_out_accuracy": np.array(right.mean()),
        "examples": np.array(len(examples)),
    }


def model_path() -> Path:
    return Path(str(files(semantic.MODEL_PACKAGE).joinpath(semantic.MODEL_FILE)))


def same_model(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    if a.keys() != b.keys():
        return False
    for name in a:
        if a[name].dtype.kind in "fc":
            if a[name].shape != b[name].shape or not np.allclose(a[name], b[name], atol=1e-4):
                return False
        elif not np.array_equal(a[name], b[name]):
            return False
    return True


def shipped_arrays() -> dict[str, np.ndarray]:
    with np.load(model_path()) as data:
        return {name: data[name] for name in data.files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the shipped model differs from a fresh one")
    args = parser.parse_args(argv)
    arrays = train()
    print(f"{int(arrays['examples'])} examples, held-out accuracy {float(arrays['held_out_accuracy']):.1%}, "
          f"lexicon weight {float(arrays['lexicon_weight'])}")
    if args.check:
        if not same_model(arrays, shipped_arrays()):
            print("the shipped model differs from a fresh one: run without --check", file=sys.stderr)
            return 1
        return 0
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    model_path().write_bytes(buffer.getvalue())
    semantic.shipped_model.cache_clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
