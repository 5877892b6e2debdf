"""Answer a topic question from knowledge/: one action for every ask_* intent, each topic asked in its turn."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Context, answer, cant_answer, charter_answer, charter_themes, uncovered_answer
from knowledge.charter import TOPIC as CHARTER

from .common import (
    WithContext,
    council_name,
    home_council,
    latest_intent,
    send,
    send_in_language,
    topic_of,
    users_council,
)
from .letters import letter_buttons

TOPICS_ASKED = "topics_asked"  # set on a message by rasa_addons.topics_asked: every topic it asks, in order


def topics_in_message(context: Context, tracker: Tracker) -> list[str]:
    """The topics the latest message asks about, in order: those recorded on it, else its intent's topic."""
    recorded = [t for t in tracker.latest_message.get(TOPICS_ASKED) or [] if t in context.kb.national.topics]
    topic = topic_of(context, latest_intent(tracker))
    return recorded or ([topic] if topic else [])


def send_topic(
    context: Context, dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, first: bool = True
) -> list:
    """Send one topic's answer for this person's council; only the first answer of a turn repeats the notice
    in another language. Returns the events that remember it."""
    council = users_council(context, tracker)
    if council is None:
        named = council_name(context, tracker.get_slot("council"))
        send_in_language(context, dispatcher, tracker, uncovered_answer(context.kb, topic, named), notice=first)
        return [SlotSet("last_topic", topic)]
    if topic == CHARTER:
        theme = tracker.get_slot("charter_theme")
        buttons = [
            {"title": title, "payload": f'/ask_charter{{"charter_theme":"{key}"}}'}
            for key, title in charter_themes(context.kb, council)
            if key != theme
        ]
        charter = charter_answer(context.kb, council, theme)
        send_in_language(context, dispatcher, tracker, charter, buttons, notice=first)
        return [SlotSet("last_topic", topic), SlotSet("charter_theme", None)]
    buttons = letter_buttons(context, topic)
    send_in_language(context, dispatcher, tracker, answer(context.kb, topic, council), buttons, notice=first)
    return [SlotSet("last_topic", topic)]


class ActionAnswerTopic(WithContext, Action):
    """Answers each topic the latest message asks about, in order, for the council this assistant serves."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send each topic's answer and remember the last one."""
        context = self.context
        topics = topics_in_message(context, tracker)
        if not topics:
            here = context.for_council(users_council(context, tracker) or home_council(context, tracker))
            send(dispatcher, cant_answer(here.kb, here.council_id, here.now()))
            return []
        events = []
        for index, topic in enumerate(topics):
            events += send_topic(context, dispatcher, tracker, topic, first=index == 0)
        return events
