"""An NLU component that records on each message the topics it asks about, in order, and settles its intent.

The topic vocabulary (knowledge/data/vocabulary.yaml) says which topics a message names and in what order; the
classifier's ranking says which of them are likely. A message naming two topics ("council tax and the gym") often
scores two intents close, and the FallbackClassifier's ambiguity check sends it to nlu_fallback: here it gets the
first topic's intent (council tax's when it is one of them, as that flow asks questions), and `topics_asked` lists
every topic, so the answer covers each in the order asked.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge import KnowledgeBase
from knowledge.council_tax import TOPIC as COUNCIL_TAX
from knowledge.vocabulary import topics_asked

from .server_knowledge import server_knowledge

TOPICS_ASKED = "topics_asked"
TOPIC_INTENT_PREFIX = "ask_"
FALLBACK_INTENT = "nlu_fallback"
# Intents a named topic may replace: the classifier unsure, or "a detail" when the detail comes with a question.
UNSETTLED = {FALLBACK_INTENT, "inform"}
# A classifier this sure of one topic is not overruled: a message asking two things splits its confidence.
SURE = 0.8


def _topic(intent: str) -> str | None:
    return intent[len(TOPIC_INTENT_PREFIX) :] if intent.startswith(TOPIC_INTENT_PREFIX) else None


def settle_same_answer(message: Message, groups: list[list[str]], sure_together: float) -> None:
    """Take the classifier's first guess where it was unsure only between intents that get the same help.

    "my pa isnt answering - who do i call out of hours" scores pa_not_answering and out_of_hours close; both
    replies give who to call now, so asking "did you mean" would only delay it.
    """
    if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT:
        return
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != FALLBACK_INTENT]
    if len(ranking) < 2:
        return
    first, second = ranking[0], ranking[1]
    same = any(first["name"] in group and second["name"] in group for group in groups)
    if same and first["confidence"] + second["confidence"] >= sure_together:
        message.set(INTENT, first, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def settle_topics(knowledge: KnowledgeBase, message: Message) -> None:
    """Record the topics the message asks about and set its intent to the one that answers them."""
    intent = (message.get(INTENT) or {}).get("name") or ""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != FALLBACK_INTENT]
    ranked = [topic for topic in (_topic(r["name"]) for r in ranking) if topic]
    asked = topics_asked(knowledge.vocabulary.topics, message.get(TEXT) or "", ranked)
    if not asked or (intent not in UNSETTLED and _topic(intent) not in asked):
        return
    if intent not in UNSETTLED and (len(asked) == 1 or (message.get(INTENT) or {}).get("confidence", 0) >= SURE):
        return
    chosen = f"{TOPIC_INTENT_PREFIX}{COUNCIL_TAX if COUNCIL_TAX in asked else asked[0]}"
    first = next(r for r in ranking if r["name"] == chosen)
    message.set(INTENT, first, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [first, *(r for r in ranking if r is not first)], add_to_output=True)
    message.set(TOPICS_ASKED, asked, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TopicsAsked(GraphComponent, IntentClassifier):
    """Records `topics_asked` on a message naming topics the classifier finds likely, and settles its intent."""

    @classmethod
    def required_components(cls) -> list[type]:
        """It reads the ranking an intent classifier made."""
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No groups of intents that get the same help, unless config.yml names them."""
        return {"same_answer": [], "sure_together": 0.3}

    def __init__(self, knowledge: KnowledgeBase, config: dict[str, Any] | None = None) -> None:
        self.knowledge = knowledge
        self.config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicsAsked:
        """Load the checked knowledge base, whose vocabulary names the topics."""
        return cls(server_knowledge(), config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Settle each message's topics."""
        for message in messages:
            settle_same_answer(message, self.config["same_answer"], self.config["sure_together"])
            settle_topics(self.knowledge, message)
        return messages
