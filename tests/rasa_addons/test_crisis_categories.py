"""The crisis model: it raises the crisis the patterns missed, names the one the classifier saw, and keeps out of
the way of ordinary messages and of what the patterns decided."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge import load_knowledge
from knowledge.crisis import CATEGORY_ENTITY, detect_crisis
from knowledge.language_replies import read_language
from rasa_addons.crisis_categories import CrisisCategoryClassifier, training_pairs
from rasa_addons.crisis_detector import mark_crisis
from rasa_addons.language_detector import LANGUAGE_ENTITY
from scripts.nlu_score import read_examples
from scripts.safety_score import load_sets

ROOT = Path(__file__).resolve().parents[2]
KB = load_knowledge()
EXAMPLES = KB.crisis_examples
WITH_EXAMPLES = sorted(code for code, language in KB.languages.items() if language.examples)


def plain(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def classifier(tmp_path_factory) -> CrisisCategoryClassifier:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("crisis_categories")
    context = ExecutionContext(GraphSchema({}), "test")
    # The assistant's own NLU training data, as `make train` gives it, so the ordinary side is as wide as in use.
    data = load_data(str(ROOT / "data" / "nlu"))
    CrisisCategoryClassifier.create({}, storage, resource, context).train(data)
    return CrisisCategoryClassifier.load({}, storage, resource, context)


def read(
    classifier: CrisisCategoryClassifier, text: str, intent: str = "nlu_fallback", language: str | None = None
) -> Message:
    message = Message.build(text)
    message.set("intent", {"name": intent, "confidence": 0.4})
    if language is not None:  # as the language detector, before the classifier, marks it
        message.set("entities", [{"entity": LANGUAGE_ENTITY, "value": language}])
    classifier.process([message])
    return message


def category_of(message: Message) -> str | None:
    return next((e["value"] for e in message.get("entities") or [] if e["entity"] == CATEGORY_ENTITY), None)


def test_no_message_of_a_test_set_is_learnt_from():
    learnt = {plain(text) for text, _ in training_pairs(KB, TrainingData())}
    crisis, ordinary = load_sets()
    safety = [text for texts in crisis.values() for text in texts] + ordinary
    held_out = [text for text, _ in read_examples(ROOT / "tests" / "nlu" / "heldout.yml")]
    assert [text for text in safety + held_out if plain(text) in learnt] == []
    halves = sorted((ROOT / "tests" / "blind").glob("*.yml"))
    assert len(halves) >= 10
    for half in halves:
        items = yaml.safe_load(half.read_text(encoding="utf-8"))["messages"]
        # Only ids are shown: the sealed halves' messages are never printed.
        assert [item["id"] for item in items if plain(item["text"]) in learnt] == [], half.name


@pytest.mark.parametrize("category", sorted(EXAMPLES.categories))
def test_most_wording_no_pattern_catches_is_raised_as_its_category(classifier, category):
    unmatched = [text for text in EXAMPLES.categories[category] if detect_crisis(KB, text) is None]
    assert unmatched, f"every {category} example is caught by a pattern already"
    messages = [read(classifier, text) for text in unmatched]
    raised = [m for m in messages if m.get("intent")["name"] == "crisis" and category_of(m) == category]
    assert len(raised) >= len(unmatched) / 2


def test_most_languages_give_examples_to_learn_from():
    assert len(WITH_EXAMPLES) >= len(KB.languages) / 2


@pytest.mark.parametrize("code", WITH_EXAMPLES)
def test_most_crisis_wording_in_a_language_no_pattern_catches_is_raised(classifier, code):
    examples = KB.languages[code].examples
    texts = [example.text for examples in examples.categories.values() for example in examples]
    unmatched = [text for text in texts if read_language(KB, text).crisis is None]
    assert unmatched, f"every {code} crisis example is caught by a pattern already"
    raised = [text for text in unmatched if read(classifier, text, language=code).get("intent")["name"] == "crisis"]
    assert len(raised) >= len(unmatched) / 2


@pytest.mark.parametrize("code", WITH_EXAMPLES)
def test_ordinary_messages_in_a_language_are_mostly_left_alone(classifier, code):
    ordinary = [example.text for example in KB.languages[code].examples.ordinary]
    raised = [text for text in ordinary if category_of(read(classifier, text, "other_language", code))]
    assert len(raised) <= len(ordinary) / 10


@pytest.mark.parametrize("text", [*EXAMPLES.ordinary[:5], "how do i get my care file", "hiya", "im 16", "i am 17"])
def test_an_ordinary_message_is_left_alone(classifier, text):
    message = read(classifier, text, intent="ask_care_file")
    assert message.get("intent")["name"] == "ask_care_file"
    assert category_of(message) is None


def test_a_category_the_patterns_decided_is_kept(classifier):
    text = EXAMPLES.categories["no_food_or_money"][0]
    message = Message.build(text)
    mark_crisis(message, "medical_emergency", "CrisisDetector")
    classifier.process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == CATEGORY_ENTITY] == ["medical_emergency"]


def test_a_crisis_the_intent_classifier_saw_is_given_its_category(classifier):
    text = next(t for t in EXAMPLES.categories["exploitation"] if detect_crisis(KB, t) is None)
    message = read(classifier, text, intent="crisis")
    assert category_of(message) in {"exploitation", "sexual_exploitation"}


def test_a_message_that_says_it_is_not_a_crisis_is_left_alone(classifier):
    message = read(classifier, "i shot myself in the foot missing that appointment", intent="crisis")
    assert category_of(message) is None


def test_nowhere_to_sleep_at_16_or_17_in_another_language_is_a_child_told_to_leave(classifier):
    homeless = [
        (code, example.text)
        for code in WITH_EXAMPLES
        for example in KB.languages[code].examples.categories.get("homeless_tonight", [])
        if read_language(KB, example.text).crisis is None
    ]
    read_as_homeless = [
        (code, text)
        for code, text in homeless
        if category_of(read(classifier, text, language=code)) == "homeless_tonight"
    ]
    assert read_as_homeless, "the models read no other-language homeless example as homeless tonight"
    for code, text in read_as_homeless:
        assert category_of(read(classifier, f"{text} 17", language=code)) == "child_told_to_leave", code
        assert category_of(read(classifier, f"{text} 17:30", language=code)) != "child_told_to_leave", code


def test_abuse_the_models_found_in_another_language_is_domestic_abuse_when_a_partner_is_named(classifier):
    abuse = [
        (code, example.text)
        for code in WITH_EXAMPLES
        for example in KB.languages[code].examples.categories.get("abuse_violence", [])
        if read_language(KB, example.text).crisis is None and KB.languages[code].refinements
    ]
    read_as_abuse = [
        (code, text) for code, text in abuse if category_of(read(classifier, text, language=code)) == "abuse_violence"
    ]
    assert read_as_abuse, "the models read no other-language abuse example as abuse"
    for code, text in read_as_abuse:
        partner = KB.languages[code].refinements[0].when[0].split("|")[0].replace("_", " ")
        assert category_of(read(classifier, f"{text} {partner}", language=code)) == "domestic_abuse", code
