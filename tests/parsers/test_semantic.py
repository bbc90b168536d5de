"""The semantic layer: the shipped model is what its examples make, and the encoder needs no network."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap

import pytest

from disputed.parsers import semantic, semantic_training
from disputed.parsers.semantic_training import load_examples
from disputed.parsers.classify import classify_issue
from disputed.vocabulary import Issue

LANGUAGES = ("en", "de", "fr", "it", "es", "pt", "nl", "pl", "tr", "ru", "ja", "ko", "zh", "ar")


@pytest.mark.slow  # it embeds every example again (8,525, about 45 s)
def test_regenerating_the_model_gives_the_shipped_one():
    assert semantic_training.same_model(semantic_training.train(), semantic_training.shipped_arrays())


def test_every_language_has_examples_of_every_issue():
    examples = semantic_training.load_examples()
    for language in LANGUAGES:
        issues = {example.issue for example in examples if example.language == language}
        assert issues == set(Issue), (language, set(Issue) - issues)


def test_the_encoder_loads_and_reads_with_the_network_closed():
    script = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network closed for this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from disputed.parsers import semantic
        semantic.load_encoder()
        vector = semantic.embed(["Das Paket ist nie angekommen."])[0]
        print(round(float(vector @ vector), 3))
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1.0"


def test_the_same_complaint_is_read_alike_in_languages_the_lexicons_do_not_know():
    for text, language in [("Paczka w ogóle nie dotarła, czekam od dwóch miesięcy.", "pl"),
                           ("Kargom iki aydır gelmedi.", "tr"),
                           ("택배가 두 달째 오지 않았어요.", "ko"),
                           ("لم يصل الطرد منذ شهرين.", "ar")]:
        assert classify_issue(text, language).issue is Issue.NOT_RECEIVED, text


def test_calibration_anchors_the_threshold_on_precision():
    assert semantic.precision_to_confidence(semantic.ANCHOR_PRECISION) == semantic.ANCHOR_CONFIDENCE
    assert semantic.precision_to_confidence(0.97) < semantic.ANCHOR_CONFIDENCE
    assert semantic.precision_to_confidence(1.0) == 1.0
    points = semantic.shipped_model().calibration.precisions
    assert list(points) == sorted(points)


def test_the_nearest_examples_vote_beside_the_regression():
    """The shipped model carries every example's vector and label, and their vote moves the probabilities: an
    example's own text is read as its label more surely with the vote than by the regression alone."""
    model = semantic.shipped_model()
    examples = load_examples()
    assert model.example_vectors.shape == (len(examples), semantic.DIMENSIONS)
    assert 0 < model.neighbour_share < 1
    alone = dataclasses.replace(model, neighbour_share=0.0)
    sample = examples[:: max(1, len(examples) // 40)]
    vectors = semantic.embed([example.text for example in sample])
    issues = list(model.issues)
    with_vote = [model.probabilities(vector)[issues.index(example.issue)] for vector, example in zip(vectors, sample)]
    without = [alone.probabilities(vector)[issues.index(example.issue)] for vector, example in zip(vectors, sample)]
    assert sum(with_vote) > sum(without)
