"""An NLU component that reads the language of every message, applies that language's crisis patterns, and keeps
a message in another language from being taken as small talk."""

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
from knowledge.crisis import detect_crisis
from knowledge.language_detect import ENGLISH
from knowledge.language_replies import read_language
from knowledge.language_schema import LanguageFile

from .crisis_detector import (
    CRISIS_INTENT,
    FALLBACK_INTENT,
    CrisisDetector,
    clear_crisis,
    has_crisis_category,
    mark_crisis,
    marked_by_english_patterns,
)
from .server_knowledge import server_knowledge

LANGUAGE_ENTITY = "language"
OTHER_LANGUAGE_INTENT = "other_language"
# What a message in another language may still be taken as: a crisis, who to contact, and the topics
# action_answer_topic answers (it sends the notice first). Council tax asks questions in English, so not that.
KEPT_INTENTS = {CRISIS_INTENT, "contact_pa", "pa_not_answering", "out_of_hours"}
TOPIC_PREFIX, NOT_KEPT = "ask_", {"ask_council_tax"}


def _kept(intent: str | None) -> bool:
    if intent in KEPT_INTENTS:
        return True
    return bool(intent) and intent.startswith(TOPIC_PREFIX) and intent not in NOT_KEPT


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageDetector(GraphComponent, IntentClassifier):
    """Sets a 'language' entity on a message not in English; a crisis in its language becomes the crisis intent
    (with the English category), anything else but a topic or a contact question becomes 'other_language'.

    It runs after the crisis detector, so an English crisis pattern that matched is kept, and before the crisis
    models, so a pattern in the message's language decides before they do.
    """

    @classmethod
    def required_components(cls) -> list[type]:
        """It runs after the crisis detector."""
        return [CrisisDetector]

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        """Load the checked knowledge base (a bad language file stops the server here)."""
        return cls(server_knowledge())

    def process(self, messages: list[Message]) -> list[Message]:
        """Read each message's language; mark crises in other languages, and other-language small talk."""
        for message in messages:
            text = message.get(TEXT) or ""
            reading = read_language(self.knowledge, text)
            intent = (message.get(INTENT) or {}).get("name")
            if reading.language == ENGLISH:
                if intent == OTHER_LANGUAGE_INTENT:
                    _set_intent(message, FALLBACK_INTENT)  # taken for another language: not understood
                continue
            entity = {
                "entity": LANGUAGE_ENTITY,
                "value": reading.language,
                "start": 0,
                "end": len(text),
                "confidence": 1.0,
                "extractor": type(self).__name__,
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
            if marked_by_english_patterns(message):
                own_words = common_words(self.knowledge.languages.get(reading.language))
                if detect_crisis(self.knowledge, text, own_words) is None:
                    clear_crisis(message)  # only English text-speak read into this language's own words matched
            # The intent classifier may have read a crisis with no kind: the language's pattern gives it one.
            if reading.crisis is not None and not has_crisis_category(message):
                mark_crisis(message, reading.crisis.category, type(self).__name__)
            else:
                keep_from_small_talk(message)
        return messages


def common_words(language: LanguageFile | None) -> frozenset[str]:
    """The language's common words, as typed in Latin letters (its markers, and its romanised ones); none for a
    language with no file of its own."""
    if language is None:
        return frozenset()
    words = [*language.markers, *(language.romanised.markers if language.romanised else [])]
    return frozenset(word.lower() for word in words)


def language_of(message: Message) -> str | None:
    """The language the detector read the message as, when it is not English; else None."""
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") == LANGUAGE_ENTITY:
            return entity.get("value")
    return None


def in_other_language(message: Message) -> bool:
    """Whether the language detector read the message as a language other than English."""
    return language_of(message) is not None


def keep_from_small_talk(message: Message) -> None:
    """A message in another language stays a crisis, a contact question or a topic; anything else becomes
    'other_language' (never "Good." or "Take care" for words the assistant cannot read)."""
    if not _kept((message.get(INTENT) or {}).get("name")):
        _set_intent(message, OTHER_LANGUAGE_INTENT)


def _set_intent(message: Message, name: str) -> None:
    chosen = {"name": name, "confidence": 1.0}
    message.set(INTENT, chosen, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
