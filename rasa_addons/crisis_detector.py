"""An NLU component that runs knowledge.detect_crisis on every message and, when it fires, overrides the intent;
and that sets aside the classifier's own crisis guess where the message says it is not one."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge import KnowledgeBase
from knowledge.crisis import CATEGORY_ENTITY, detect_crisis, says_not_a_crisis

from .server_knowledge import server_knowledge

CRISIS_INTENT = "crisis"
FALLBACK_INTENT = "nlu_fallback"


def mark_crisis(message: Message, category: str, extractor: str) -> None:
    """Set the intent to 'crisis' (confidence 1, first in the ranking) with the category as an entity."""
    text = message.get(TEXT) or ""
    crisis = {"name": CRISIS_INTENT, "confidence": 1.0}
    message.set(INTENT, crisis, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
    message.set(INTENT_RANKING_KEY, [crisis, *ranking], add_to_output=True)
    entity = {
        "entity": CATEGORY_ENTITY,
        "value": category,
        "start": 0,
        "end": len(text),
        "confidence": 1.0,
        "extractor": extractor,
    }
    message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisDetector(GraphComponent, IntentClassifier):
    """Sets the intent to 'crisis' (confidence 1) with a crisis_category entity when a message signals risk.

    It runs last in the pipeline, so it overrides whatever the classifier or the fallback decided.
    """

    @classmethod
    def required_components(cls) -> list[type]:
        """It runs after an intent classifier."""
        return [IntentClassifier]

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisDetector:
        """Load the checked knowledge base (a bad crisis file stops the server here)."""
        return cls(server_knowledge())

    def process(self, messages: list[Message]) -> list[Message]:
        """Mark every message that signals risk as a crisis, with its category."""
        for message in messages:
            text = message.get(TEXT) or ""
            signal = detect_crisis(self.knowledge, text)
            if signal is not None:
                mark_crisis(message, signal.category, type(self).__name__)
            elif (message.get(INTENT) or {}).get("name") == CRISIS_INTENT and says_not_a_crisis(self.knowledge, text):
                take_next_intent(message)
        return messages


def has_crisis_category(message: Message) -> bool:
    """Whether a pattern or a model has already given the message a crisis category."""
    return any(entity.get("entity") == CATEGORY_ENTITY for entity in message.get(ENTITIES) or [])


def marked_by_english_patterns(message: Message) -> bool:
    """Whether the English crisis patterns gave the message its crisis category."""
    return any(
        entity.get("entity") == CATEGORY_ENTITY and entity.get("extractor") == CrisisDetector.__name__
        for entity in message.get(ENTITIES) or []
    )


def clear_crisis(message: Message) -> None:
    """Take back a crisis: no category, and the classifier's next guess for the intent."""
    kept = [entity for entity in message.get(ENTITIES) or [] if entity.get("entity") != CATEGORY_ENTITY]
    message.set(ENTITIES, kept, add_to_output=True)
    take_next_intent(message)


def take_next_intent(message: Message) -> None:
    """The classifier's next guess instead of 'crisis' ('shot myself in the foot' is about a missed appointment)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
    message.set(INTENT, ranking[0] if ranking else {"name": FALLBACK_INTENT, "confidence": 1.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
