"""Learn each kind of crisis from reviewed example messages, for the ones no pattern in crisis.yaml catches.

Patterns are precise but only catch the wording someone thought of; people in trouble rarely use it ("he said
i owe them for the phone and now i have to do a run"). Two models, each the same TF-IDF n-grams and calibrated
linear SVM as the intent classifier, learn from knowledge/data/crisis_examples.yaml and the examples in each
language file: the alarm model tells a crisis of any kind from an ordinary message (every other intent's
training examples, and ordinary messages that sound alarming), and the category model tells the kinds apart, on
the crisis examples alone. The component runs after the English and the other languages' patterns, so a pattern
always decides first, and it only raises an alarm when it is confident.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge import KnowledgeBase
from knowledge.crisis import detect_crisis, refine_category, ruled_out, says_not_a_crisis
from knowledge.language_text import refined

from .crisis_detector import CRISIS_INTENT, has_crisis_category, mark_crisis, take_next_intent
from .language_detector import in_other_language, keep_from_small_talk, language_of
from .linear_intents import FittedIntents, LinearIntentClassifier, fit
from .server_knowledge import server_knowledge
from .topics_asked import TOPIC_INTENT_PREFIX, TOPICS_ASKED

# On a message the models alone read as a crisis, the topics the classifier had read it as asking about: the
# crisis reply comes first, then their answers, so a false alarm still answers the question.
ALSO_ASKED = "crisis_also_asked"
ALARM_FILE = "crisis_alarm.npz"
CATEGORY_FILE = "crisis_categories.npz"
ORDINARY = "ordinary"


def training_pairs(knowledge: KnowledgeBase, training_data: TrainingData) -> list[tuple[str, str]]:
    """(text, category or 'ordinary'): the reviewed examples, those in other languages, and every intent example
    by what it is."""
    examples = knowledge.crisis_examples
    pairs = [(text, category) for category, texts in examples.categories.items() for text in texts]
    pairs += [(text, ORDINARY) for text in examples.ordinary]
    pairs += language_pairs(knowledge)
    for example in training_data.intent_examples:
        text, intent = example.get(TEXT), example.get(INTENT)
        if not text or not intent:
            continue
        if intent != CRISIS_INTENT:
            pairs.append((text, ORDINARY))
            continue
        signal = detect_crisis(knowledge, text)
        if signal is not None:
            pairs.append((text, signal.category))
    return pairs


def language_pairs(knowledge: KnowledgeBase) -> list[tuple[str, str]]:
    """(text, category or 'ordinary') for the example messages of every language file."""
    pairs = []
    for language in knowledge.languages.values():
        if language.examples is None:
            continue
        for category, examples in language.examples.categories.items():
            pairs += [(example.text, category) for example in examples]
        pairs += [(example.text, ORDINARY) for example in language.examples.ordinary]
    return pairs


def asked_topics(message: Message) -> list[str]:
    """The topics a message was read as asking about: those recorded on it, else its topic intent's."""
    recorded = list(message.get(TOPICS_ASKED) or [])
    intent = (message.get(INTENT) or {}).get("name") or ""
    if recorded or not intent.startswith(TOPIC_INTENT_PREFIX):
        return recorded
    return [intent[len(TOPIC_INTENT_PREFIX) :]]


def category_by_models(
    knowledge: KnowledgeBase, models: tuple[FittedIntents, FittedIntents], text: str, threshold: float
) -> str | None:
    """The crisis category the alarm and category models give a text when the alarm is at least `threshold`
    sure, unless the category's own words rule it out; refined by the message's words. None for no crisis."""
    alarm, category = models
    confidences = alarm.confidences([text])[0]
    if 1.0 - float(confidences[list(alarm.intents).index(ORDINARY)]) < threshold:
        return None
    likeliest = str(category.intents[int(np.argmax(category.confidences([text])[0]))])
    if ruled_out(knowledge, text, likeliest):
        return None
    return refine_category(knowledge, text, likeliest)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class CrisisCategoryClassifier(GraphComponent, IntentClassifier):
    """Marks a message as a crisis of one kind when the patterns missed it and the learnt model is confident;
    gives a kind to a crisis the intent classifier saw without one."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The intent classifier's n-grams and SVM, and how confident it must be to raise or to name a crisis."""
        return {
            **LinearIntentClassifier.get_default_config(),
            # A new alarm needs this confidence that the message is a crisis of some kind (docs/quality.md: the
            # false alarms on ordinary messages it costs).
            "alarm_threshold": 0.6,
            # The same for a message the language detector read as another language: it already gets 999 and
            # Samaritans in its language, and the models have far fewer examples in each language than in
            # English (docs/quality.md, "Three more writers' training messages": how 0.7 was chosen).
            "other_language_alarm_threshold": 0.7,
            # A crisis the intent classifier alone saw stands only with this much agreement ("i would kill for a
            # day off" is not one); below it, the classifier's next guess is taken.
            "confirm_threshold": 0.3,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        knowledge: KnowledgeBase,
        models: tuple[FittedIntents, FittedIntents] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage = model_storage
        self.resource = resource
        self.knowledge = knowledge
        self.models = models

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisCategoryClassifier:
        """An untrained classifier, with the checked knowledge base."""
        return cls(config, model_storage, resource, server_knowledge())

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on the reviewed crisis examples and the ordinary intent examples; save it in the model."""
        pairs = training_pairs(self.knowledge, training_data)
        alarm = fit([text for text, _ in pairs], np.array([label for _, label in pairs]), self.config)
        crisis = [(text, label) for text, label in pairs if label != ORDINARY]
        category = fit([text for text, _ in crisis], np.array([label for _, label in crisis]), self.config)
        self.models = (alarm, category)
        with self.model_storage.write_to(self.resource) as directory:
            alarm.save(directory / ALARM_FILE)
            category.save(directory / CATEGORY_FILE)
        return self.resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CrisisCategoryClassifier:
        """Load what training learnt."""
        component = cls(config, model_storage, resource, server_knowledge())
        with model_storage.read_from(resource) as directory:
            component.models = (
                FittedIntents.load(directory / ALARM_FILE, component.config),
                FittedIntents.load(directory / CATEGORY_FILE, component.config),
            )
        return component

    def threshold_for(self, message: Message, seen_as_crisis: bool) -> float:
        """How sure the models must be: to confirm the intent classifier's crisis, or to raise a new alarm."""
        if seen_as_crisis:
            return self.config["confirm_threshold"]
        if in_other_language(message):
            return self.config["other_language_alarm_threshold"]
        return self.config["alarm_threshold"]

    def category_for(self, message: Message, threshold: float) -> str | None:
        """The crisis category a message is, by the models at this confidence, or None for no crisis. In another
        language, its words refine it as they do that language's patterns (an age of 16 or 17, 'my husband')."""
        assert self.models is not None, "the classifier is used before it was trained or loaded"
        text = message.get(TEXT) or ""
        category = category_by_models(self.knowledge, self.models, text, threshold)
        code = language_of(message)
        if category is None or code is None:
            return category
        language = self.knowledge.languages.get(code)
        return refined(language.refinements if language else [], category, text)

    def process(self, messages: list[Message]) -> list[Message]:
        """Raise, name or set aside a crisis no pattern decided, by the models."""
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or has_crisis_category(message) or says_not_a_crisis(self.knowledge, text):
                continue
            seen_as_crisis = (message.get(INTENT) or {}).get("name") == CRISIS_INTENT
            category = self.category_for(message, self.threshold_for(message, seen_as_crisis))
            if category is not None:
                also_asked = [] if seen_as_crisis else asked_topics(message)
                mark_crisis(message, category, type(self).__name__)
                message.set(ALSO_ASKED, also_asked, add_to_output=True)
            elif seen_as_crisis:
                take_next_intent(message)
                if in_other_language(message):
                    keep_from_small_talk(message)
        return messages
