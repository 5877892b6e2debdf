"""The council tax questions: which council looked after you, how old you are, then the answer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from knowledge import Context, council_choices, council_tax_answer, needs_age, read_age
from knowledge.council_tax import TOPIC

from .common import WithContext, council_said, home_council, latest_intent, send

# Intents that still count as an answer to the question asked; any other intent leaves the question for the
# rules to handle (a crisis, a different topic, "stop"), and the questions resume afterwards.
CRISIS = "crisis"  # never taken as an answer, even with an age in it: the crisis rule must answer it
ANSWER_INTENTS = {"inform", "nlu_fallback", "out_of_scope", "affirm", "thanks", "greet"}


def _unclear(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot and latest_intent(tracker) in ANSWER_INTENTS


class ValidateCouncilTaxForm(WithContext, FormValidationAction):
    """Reads the council and the age from what was typed, and asks for only what the answer needs."""

    def name(self) -> str:
        """The validation action's name in domain.yml."""
        return "validate_council_tax_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Council always; age only when this council looked after them."""
        council = tracker.get_slot("council")
        if council is not None and not needs_age(self.context.kb, home_council(self.context, tracker), council):
            return ["council"]
        return domain_slots

    async def extract_council(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A council named in the message, or a kind re-ask when the council question got no answer."""
        if latest_intent(tracker) == CRISIS:
            return {}
        council = council_said(self.context, tracker)
        if council is not None:
            return {"council": council}
        if _unclear(tracker, "council"):
            dispatcher.utter_message(text="Sorry, I didn't catch which council. Tap a button, or type its name.")
            return {"council": None}
        return {}

    async def extract_age(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """An age in the message, or a kind re-ask when the age question got no answer."""
        if latest_intent(tracker) == CRISIS:
            return {}
        asked = tracker.get_slot("requested_slot") == "age"
        age = read_age(tracker.latest_message.get("text") or "", expected=asked)
        if age is not None:
            return {"age": age}
        if _unclear(tracker, "age"):
            dispatcher.utter_message(text="Sorry, I need your age as a number, like 19. I only use it for this answer.")
            return {"age": None}
        return {}


class ActionAskCouncil(WithContext, Action):
    """Asks which council looked after them, with this council and 'another council' as buttons."""

    def name(self) -> str:
        """The ask action Rasa calls for the council slot."""
        return "action_ask_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Ask the question."""
        choices = council_choices(self.context.kb, home_council(self.context, tracker))
        buttons = [{"title": title, "payload": payload} for title, payload in choices]
        dispatcher.utter_message(text="Which council looked after you when you were in care?", buttons=buttons)
        return []


class ActionAskAge(Action):
    """Asks how old they are, saying why."""

    def name(self) -> str:
        """The ask action Rasa calls for the age slot."""
        return "action_ask_age"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Ask the question."""
        dispatcher.utter_message(text="How old are you? Just the number is fine; I only use it for this answer.")
        return []


class ActionAnswerCouncilTax(WithContext, Action):
    """Answers the council tax question from the council and age given."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_council_tax"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the answer for the slots as they are now."""
        send_council_tax(self.context, dispatcher, tracker, tracker.get_slot("council"), tracker.get_slot("age"))
        return [SlotSet("last_topic", TOPIC)]


def send_council_tax(
    context: Context, dispatcher: CollectingDispatcher, tracker: Tracker, looked_after_by: str, age: int | None
) -> None:
    """Send the council tax answer for the council that looked after them and their age."""
    send(dispatcher, council_tax_answer(context.kb, home_council(context, tracker), looked_after_by, age))
