"""Answer a topic question from knowledge/: one action for every ask_* intent."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import answer, cant_answer, charter_answer, charter_themes, uncovered_answer
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


class ActionAnswerTopic(WithContext, Action):
    """Answers the topic the latest intent asks about, for the council this assistant serves."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the topic's answer and remember it as the last topic."""
        context = self.context
        topic = topic_of(context, latest_intent(tracker))
        council = users_council(context, tracker)
        if topic is None:
            here = context.for_council(council or home_council(context, tracker))
            send(dispatcher, cant_answer(here.kb, here.council_id, here.now()))
            return []
        if council is None:
            send_in_language(
                context,
                dispatcher,
                tracker,
                uncovered_answer(context.kb, topic, council_name(context, tracker.get_slot("council"))),
            )
            return [SlotSet("last_topic", topic)]
        if topic == CHARTER:
            theme = tracker.get_slot("charter_theme")
            buttons = [
                {"title": title, "payload": f'/ask_charter{{"charter_theme":"{key}"}}'}
                for key, title in charter_themes(context.kb, council)
                if key != theme
            ]
            send_in_language(context, dispatcher, tracker, charter_answer(context.kb, council, theme), buttons)
            return [SlotSet("last_topic", topic), SlotSet("charter_theme", None)]
        send_in_language(context, dispatcher, tracker, answer(context.kb, topic, council))
        return [SlotSet("last_topic", topic)]
