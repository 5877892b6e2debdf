"""The model is retrained whenever what it learns from changes, the crisis examples included."""

from pathlib import Path

from scripts.train import ROOT, training_inputs

LEARNT_FROM_KNOWLEDGE = ["vocabulary.yaml", "crisis_examples.yaml", "crisis.yaml"]


def test_every_knowledge_file_the_model_learns_from_is_in_its_stamp():
    inputs = {path.relative_to(ROOT) for path in training_inputs()}
    for name in LEARNT_FROM_KNOWLEDGE:
        assert Path("knowledge", "data", name) in inputs


def test_every_training_input_exists():
    assert [path for path in training_inputs() if not path.is_file()] == []
