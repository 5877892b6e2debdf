"""The council tax questions: which council looked after you, how old you are, then the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from knowledge import Answer, Context, council_choices, council_tax_answer, needs_age, read_age
from knowledge.council_tax import TOPIC, council_tax_rule

from .common import TOPIC_PREFIX, WithContext, council_said, home_council, latest_intent, send
from .letters import letter_buttons
from .topics import send_topic, topics_in_message

# Intents that still count as an answer to the question asked; any other intent leaves the question for the
# rules to handle (a crisis, a different topic, "stop"), and the questions resume afterwards.
CRISIS = "crisis"  # never taken as an answer, even with an age in it: the crisis rule must answer it
ASKED = f"{TOPIC_PREFIX}{TOPIC}"  # the intent of the council tax question itself
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
            say(dispatcher, "Sorry, I didn't catch which council. Tap a button, or type its name.")
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
            say(dispatcher, "Sorry, I need your age as a number, like 19. I only use it for this answer.")
            return {"age": None}
        return {}


def say(dispatcher: CollectingDispatcher, text: str, buttons: list[dict] | None = None) -> None:
    """Send a line of the council tax questions, its payload saying the topic (so channels see what was asked)."""
    send(dispatcher, Answer(TOPIC, None, text), buttons or [])


def _first_reply(tracker: Tracker) -> bool:
    """Whether the assistant is replying to the council tax question itself, not to an answer to its questions."""
    return latest_intent(tracker) == ASKED


def _with_other_topics(
    context: Context, dispatcher: CollectingDispatcher, tracker: Tracker, council_tax_part: Callable[[], None]
) -> list:
    """Council tax's part, and on the first reply every other topic the message asked, each in the order asked."""
    topics = topics_in_message(context, tracker) if _first_reply(tracker) else [TOPIC]
    events = []
    for index, topic in enumerate(topics or [TOPIC]):
        if topic == TOPIC:
            council_tax_part()
        else:
            events += send_topic(context, dispatcher, tracker, topic, first=index == 0)
    return events


def _say_rule(context: Context, dispatcher: CollectingDispatcher, council: str | None) -> None:
    """A council's rule for its care leavers, where it has one, before asking what decides the person's case."""
    rule = council_tax_rule(context.kb, council)
    if rule is not None:
        send(dispatcher, rule)


class ActionAskCouncil(WithContext, Action):
    """Asks which council looked after them, with this council and 'another council' as buttons; the first time,
    after saying this council's rule (answer first, then ask)."""

    def name(self) -> str:
        """The ask action Rasa calls for the council slot."""
        return "action_ask_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Answer what can be answered, then ask the question."""
        home = home_council(self.context, tracker)
        events = []
        if _first_reply(tracker):
            events = _with_other_topics(
                self.context, dispatcher, tracker, lambda: _say_rule(self.context, dispatcher, home)
            )
        buttons = [{"title": title, "payload": payload} for title, payload in council_choices(self.context.kb, home)]
        say(dispatcher, "Which council looked after you when you were in care?", buttons)
        return events


class ActionAskAge(WithContext, Action):
    """Asks how old they are, saying why; first saying the rule of the council that looked after them, when this
    reply is the first or that council was just named and differs from this one."""

    def name(self) -> str:
        """The ask action Rasa calls for the age slot."""
        return "action_ask_age"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Answer what can be answered, then ask the question."""
        council = tracker.get_slot("council")
        newly_named = council_said(self.context, tracker) not in (None, home_council(self.context, tracker))
        if _first_reply(tracker) or newly_named:
            events = _with_other_topics(
                self.context, dispatcher, tracker, lambda: _say_rule(self.context, dispatcher, council)
            )
        else:
            events = []
        say(dispatcher, "How old are you? Just the number is fine; I only use it for this answer.")
        return events


class ActionAnswerCouncilTax(WithContext, Action):
    """Answers the council tax question from the council and age given (and, when they came with the question,
    every other topic it asked, in order)."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_council_tax"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the answer for the slots as they are now."""
        council, age = tracker.get_slot("council"), tracker.get_slot("age")
        events = _with_other_topics(
            self.context, dispatcher, tracker, lambda: send_council_tax(self.context, dispatcher, tracker, council, age)
        )
        return [*events, SlotSet("last_topic", TOPIC)]


def send_council_tax(
    context: Context, dispatcher: CollectingDispatcher, tracker: Tracker, looked_after_by: str, age: int | None
) -> None:
    """Send the council tax answer for the council that looked after them and their age."""
    buttons = letter_buttons(context, TOPIC) if looked_after_by in context.kb.councils else []
    send(dispatcher, council_tax_answer(context.kb, home_council(context, tracker), looked_after_by, age), buttons)
