"""What every action shares: the context it was given (knowledge base, council, clock), and sending answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import OTHER, Answer, Context, find_council, topic_title
from knowledge.context import METADATA_COUNCIL
from knowledge.language_replies import notice_answer

from . import SERVER_CONTEXT

TOPIC_PREFIX = "ask_"


class WithContext:
    """Gives an action its context: the action server's own, or the one a test passes in."""

    def __init__(self, context: Context | None = None) -> None:
        super().__init__()
        self.context = context or SERVER_CONTEXT


def home_council(context: Context, tracker: Tracker) -> str:
    """The council this conversation's channel serves: the one its message metadata names
    ({"council": "lancashire"}: a widget's data-council, a Telegram chat's /council choice), else the context's."""
    metadata = tracker.latest_message.get("metadata") or {}
    return context.for_council(metadata.get(METADATA_COUNCIL)).council_id


def users_council(context: Context, tracker: Tracker) -> str | None:
    """The council that looked after this person, if we cover it; None if they named one we do not cover.

    Until they say, it is the channel's council.
    """
    said = tracker.get_slot("council")
    if said is None:
        return home_council(context, tracker)
    return said if said in context.kb.councils else None


def council_said(context: Context, tracker: Tracker) -> str | None:
    """The council the latest message names: 'other' for "another council" or "not Luton", else the first
    council or town the place-name recogniser found (or, failing that, the knowledge base's own matcher)."""
    text = tracker.latest_message.get("text") or ""
    mention = find_council(context.kb, text, home_council(context, tracker))
    if mention is not None and mention.council_id == OTHER:
        return OTHER
    named = next(tracker.get_latest_entity_values("council"), None)
    return named or (mention.council_id if mention else None)


def council_name(context: Context, council_id: str | None) -> str | None:
    """A council's name from the register of English councils, if it is one."""
    entry = context.kb.registered(council_id)
    return entry.name if entry else None


def send(dispatcher: CollectingDispatcher, answer: Answer, buttons: Iterable[dict] = ()) -> None:
    """Send an answer: its text, any buttons, and the custom payload (topic, council, sources)."""
    dispatcher.utter_message(text=answer.text, buttons=list(buttons), json_message=answer.payload())


LANGUAGE_ENTITY = "language"


def send_in_language(
    context: Context,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    answer: Answer,
    buttons: Iterable[dict] = (),
    notice: bool = True,
) -> None:
    """Send an answer; a message in another language first gets the notice in that language (unless an earlier
    answer to the same message had it), and the answer's payload says the language."""
    language = next(tracker.get_latest_entity_values(LANGUAGE_ENTITY), None)
    if language:
        if notice:
            send_notice(context, dispatcher, tracker, language, followed=True)
        answer = replace(answer, language=language)
    send(dispatcher, answer, buttons)


def send_notice(
    context: Context, dispatcher: CollectingDispatcher, tracker: Tracker, language: str, followed: bool
) -> None:
    """The notice in the person's language: English only for now, 999, Samaritans, an interpreter by the clock."""
    here = context.for_council(home_council(context, tracker)).for_council(tracker.get_slot("council"))
    notice = notice_answer(here.kb, here.council_id, here.now(), language, followed)
    dispatcher.utter_message(text=notice.text, json_message=notice.payload())


def topic_of(context: Context, intent: str | None) -> str | None:
    """The knowledge topic an intent asks about (ask_housing -> housing), or None."""
    if intent and intent.startswith(TOPIC_PREFIX):
        topic = intent[len(TOPIC_PREFIX) :]
        return topic if topic in context.kb.national.topics else None
    return None


def topic_button(context: Context, topic: str) -> dict:
    """A button that asks about a topic."""
    return {"title": topic_title(context.kb, topic), "payload": f"/{TOPIC_PREFIX}{topic}"}


def latest_intent(tracker: Tracker) -> str | None:
    """The intent of the latest user message."""
    return (tracker.latest_message.get("intent") or {}).get("name")
