"""What every action shares: the knowledge base, the council this assistant serves, the clock, sending answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Answer, KnowledgeBase, get_knowledge, topic_title
from knowledge.runtime import configured_council, current_time

TOPIC_PREFIX = "ask_"


def knowledge() -> KnowledgeBase:
    """The checked knowledge base (loaded once; a bad file stops the action server with its problems)."""
    return get_knowledge()


def home_council() -> str:
    """The council this assistant answers for (ASSISTANT_COUNCIL, default luton)."""
    return configured_council(knowledge())


def now() -> datetime:
    """The current time, or ASSISTANT_CLOCK when set."""
    return current_time()


def send(dispatcher: CollectingDispatcher, answer: Answer, buttons: Iterable[dict] = ()) -> None:
    """Send an answer: its text, any buttons, and the custom payload (topic, council, sources)."""
    dispatcher.utter_message(text=answer.text, buttons=list(buttons), json_message=answer.payload())


def topic_of(intent: str | None) -> str | None:
    """The knowledge topic an intent asks about (ask_housing -> housing), or None."""
    if intent and intent.startswith(TOPIC_PREFIX):
        topic = intent[len(TOPIC_PREFIX) :]
        return topic if topic in knowledge().national.topics else None
    return None


def topic_button(topic: str) -> dict:
    """A button that asks about a topic."""
    return {"title": topic_title(knowledge(), topic), "payload": f"/{TOPIC_PREFIX}{topic}"}


def latest_intent(tracker: Tracker) -> str | None:
    """The intent of the latest user message."""
    return (tracker.latest_message.get("intent") or {}).get("name")
