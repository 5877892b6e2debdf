"""What every action shares: the knowledge base, the council this assistant serves, the clock, sending answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import OTHER, Answer, KnowledgeBase, find_council, get_knowledge, topic_title
from knowledge.language_replies import notice_answer
from knowledge.runtime import configured_council, current_time

TOPIC_PREFIX = "ask_"


def knowledge() -> KnowledgeBase:
    """The checked knowledge base (loaded once; a bad file stops the action server with its problems)."""
    return get_knowledge()


def home_council(tracker: Tracker | None = None) -> str:
    """The council this conversation's channel serves: the widget's or bot's configured council.

    A channel may say so in the message metadata ({"council": "lancashire"}); otherwise ASSISTANT_COUNCIL.
    """
    if tracker is not None:
        metadata = tracker.latest_message.get("metadata") or {}
        council = metadata.get("council")
        if council in knowledge().councils:
            return council
    return configured_council(knowledge())


def users_council(tracker: Tracker) -> str | None:
    """The council that looked after this person, if we cover it; None if they named one we do not cover.

    Until they say, it is the channel's council.
    """
    said = tracker.get_slot("council")
    if said is None:
        return home_council(tracker)
    return said if said in knowledge().councils else None


def council_said(tracker: Tracker) -> str | None:
    """The council the latest message names: 'other' for "another council" or "not Luton", else the first
    council or town the place-name recogniser found (or, failing that, the knowledge base's own matcher)."""
    text = tracker.latest_message.get("text") or ""
    mention = find_council(knowledge(), text, home_council(tracker))
    if mention is not None and mention.council_id == OTHER:
        return OTHER
    named = next(tracker.get_latest_entity_values("council"), None)
    return named or (mention.council_id if mention else None)


def council_name(council_id: str | None) -> str | None:
    """A council's name from the register of English councils, if it is one."""
    entry = knowledge().registered(council_id)
    return entry.name if entry else None


def now() -> datetime:
    """The current time, or ASSISTANT_CLOCK when set."""
    return current_time()


LANGUAGE_ENTITY = "language"


def send(
    dispatcher: CollectingDispatcher, answer: Answer, buttons: Iterable[dict] = (), tracker: Tracker | None = None
) -> None:
    """Send an answer: its text, any buttons, and the custom payload (topic, council, sources).

    With the tracker, a message in another language first gets the notice in that language, and the answer's
    payload says the language.
    """
    language = next(tracker.get_latest_entity_values(LANGUAGE_ENTITY), None) if tracker else None
    if language:
        send_notice(dispatcher, tracker, language, followed=True)
        answer = replace(answer, language=language)
    dispatcher.utter_message(text=answer.text, buttons=list(buttons), json_message=answer.payload())


def send_notice(dispatcher: CollectingDispatcher, tracker: Tracker, language: str, followed: bool) -> None:
    """The notice in the person's language: English only for now, 999, Samaritans, an interpreter by the clock."""
    council = tracker.get_slot("council")
    council = council if council in knowledge().councils else home_council(tracker)
    notice = notice_answer(knowledge(), council, now(), language, followed)
    dispatcher.utter_message(text=notice.text, json_message=notice.payload())


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
