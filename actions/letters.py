"""Send a ready-made letter for the person's council: the one they named, pressed or were just reading about."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Answer, Context, uncovered_answer
from knowledge.letters import TOPIC, letter_answer, letter_button, letter_choices, letter_for_topic, letter_named

from .common import WithContext, council_name, send_in_language, users_council

LETTER_ENTITY = "letter"
REQUEST_INTENT = "request_letter"


def letter_payload(letter_id: str) -> str:
    """What pressing a letter button sends."""
    return f'/{REQUEST_INTENT}{{"{LETTER_ENTITY}":"{letter_id}"}}'


def letter_buttons(context: Context, topic: str) -> list[dict]:
    """The button under a topic's answer that writes the letter about it (none if there is no such letter)."""
    letter_id = letter_for_topic(context.kb, topic)
    if letter_id is None:
        return []
    title, key = letter_button(context.kb, letter_id)
    return [{"title": title, "payload": letter_payload(key)}]


def letter_wanted(context: Context, tracker: Tracker) -> str | None:
    """The letter asked for: a pressed button's, else the one the message names, else the last topic's."""
    pressed = next(tracker.get_latest_entity_values(LETTER_ENTITY), None)
    if pressed in context.kb.letters.letters:
        return pressed
    named = letter_named(context.kb, tracker.latest_message.get("text") or "")
    return named or letter_for_topic(context.kb, tracker.get_slot("last_topic") or "")


class ActionSendLetter(WithContext, Action):
    """Sends the letter asked for, written for the council that looked after the person; asks which if unclear."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_send_letter"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the letter, or the letters to choose from."""
        context = self.context
        letter_id = letter_wanted(context, tracker)
        if letter_id is None:
            buttons = [{"title": title, "payload": letter_payload(key)} for title, key in letter_choices(context.kb)]
            ask = Answer(TOPIC, None, "I can write one of these letters for you to send. Which one do you need?")
            send_in_language(context, dispatcher, tracker, ask, buttons)
            return []
        council = users_council(context, tracker)
        if council is None:
            topic = context.kb.letters.letters[letter_id].topic
            named = council_name(context, tracker.get_slot("council"))
            send_in_language(context, dispatcher, tracker, uncovered_answer(context.kb, topic, named))
            return []
        send_in_language(context, dispatcher, tracker, letter_answer(context.kb, council, letter_id))
        return []
