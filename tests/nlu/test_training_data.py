"""Every topic can be asked about: an intent, a rule, enough training examples, and held-out ones never trained on."""

from pathlib import Path

import pytest
import yaml

from knowledge import load_knowledge
from scripts.nlu_score import read_examples

ROOT = Path(__file__).resolve().parents[2]
TOPICS = sorted(load_knowledge().national.topics)
TRAINING = [pair for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for pair in read_examples(path)]
HELD_OUT = read_examples(ROOT / "tests" / "nlu" / "heldout.yml")
RULES = yaml.safe_load((ROOT / "data" / "stories" / "topics.yml").read_text(encoding="utf-8"))["rules"]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    return " ".join(text.lower().split())


def test_no_held_out_message_is_trained_on():
    trained = {plain(text) for text, _ in TRAINING}
    assert [text for text, _ in HELD_OUT if plain(text) in trained] == []


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_is_an_intent_answered_by_the_topic_action(topic):
    # council tax and the care leaver status ask their own questions first (data/stories/council_tax.yml,
    # data/stories/legal_status.yml)
    intent = f"ask_{topic}"
    assert intent in DOMAIN["intents"]
    answered = {rule["steps"][0]["intent"] for rule in RULES if rule["steps"][1]["action"] == "action_answer_topic"}
    assert intent in answered or topic in ("council_tax", "charter", "legal_status")


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_varied_training_and_held_out_examples(topic):
    intent = f"ask_{topic}"
    assert sum(1 for _, label in TRAINING if label == intent) >= 20
    assert sum(1 for _, label in HELD_OUT if label == intent) >= 4
