"""Answer a topic question from knowledge/: one action for every ask_* intent."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import answer, cant_answer, charter_answer, charter_themes, uncovered_answer

from .common import council_name, home_council, knowledge, latest_intent, now, send, topic_of, users_council

CHARTER = "charter"


class ActionAnswerTopic(Action):
    """Answers the topic the latest intent asks about, for the council this assistant serves."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the topic's answer and remember it as the last topic."""
        topic = topic_of(latest_intent(tracker))
        council = users_council(tracker)
        if topic is None:
            send(dispatcher, cant_answer(knowledge(), council or home_council(tracker), now()))
            return []
        if council is None:
            send(
                dispatcher,
                uncovered_answer(knowledge(), topic, council_name(tracker.get_slot("council"))),
                tracker=tracker,
            )
            return [SlotSet("last_topic", topic)]
        if topic == CHARTER:
            theme = tracker.get_slot("charter_theme")
            buttons = [
                {"title": title, "payload": f'/ask_charter{{"charter_theme":"{key}"}}'}
                for key, title in charter_themes(knowledge(), council)
                if key != theme
            ]
            send(dispatcher, charter_answer(knowledge(), council, theme), buttons, tracker)
            return [SlotSet("last_topic", topic), SlotSet("charter_theme", None)]
        send(dispatcher, answer(knowledge(), topic, council), tracker=tracker)
        return [SlotSet("last_topic", topic)]
