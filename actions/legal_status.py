"""The care leaver status questions: what kind of care leaver am I? Only what is still needed, one question at a
time, taking what the person already said and any correction, then the status and what it means."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from knowledge import Answer, Context
from knowledge.status_answer import question_buttons, question_text, status_answer
from knowledge.status_checker import FACT_NAMES, TOPIC, Decision, Facts, Limits, Question, decide
from knowledge.status_facts import read_status_facts

from .common import TOPIC_PREFIX, WithContext, council_name, home_council, latest_intent, send, users_council

ASKED = f"{TOPIC_PREFIX}{TOPIC}"
# Intents a reply to the questions may be read as; any other (a crisis, another topic) is left to the rules.
ANSWER_INTENTS = {"inform", "nlu_fallback", "out_of_scope", "affirm", "deny", "thanks", "greet", ASKED}
REQUESTED = "requested_slot"


def _decision(context: Context, tracker: Tracker) -> Decision:
    return decide(Facts.of({name: tracker.get_slot(name) for name in FACT_NAMES}), Limits.of(context.kb))


def say(dispatcher: CollectingDispatcher, text: str, buttons: list[dict] | None = None) -> None:
    """Send a line of the status questions, its payload saying the topic."""
    send(dispatcher, Answer(TOPIC, None, text), buttons or [])


class ValidateLegalStatusForm(WithContext, FormValidationAction):
    """Reads every fact the message gives (and corrections), then asks for the one the decision still needs."""

    def name(self) -> str:
        """The validation action's name in domain.yml."""
        return "validate_legal_status_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """The one question the decision still needs, or none when it is decided."""
        question = _decision(self.context, tracker).question
        return [question.value] if question else []

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list:
        """The facts in the latest message, or a kind re-ask when it answered nothing."""
        if latest_intent(tracker) not in ANSWER_INTENTS:
            return []
        known = {name: tracker.get_slot(name) for name in FACT_NAMES}
        asked = tracker.get_slot(REQUESTED)
        facts = read_status_facts(tracker.latest_message.get("text") or "", asked, known)
        if not facts and asked and latest_intent(tracker) != ASKED:
            say(dispatcher, "Sorry, I didn't catch that. A number or a tap on a button is all I need.")
            return [SlotSet(asked, None)]
        return [SlotSet(name, value) for name, value in facts.items()]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list:
        """Every fact read (not only the question asked), then the next question or the end of the questions."""
        events = await self.get_extraction_events(dispatcher, tracker, domain)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return [*events, next_slot] if next_slot else events


class AskStatusQuestion(WithContext, Action, ABC):
    """Asks one of the status questions, with Yes / No / Not sure buttons where it is a yes or no."""

    @property
    @abstractmethod
    def question(self) -> Question:
        """The question this action asks."""

    def name(self) -> str:
        """The ask action Rasa calls for this question's slot."""
        return f"action_ask_{self.question.value}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Ask the question; the first time, say what the questions are for."""
        if latest_intent(tracker) == ASKED and tracker.get_slot(REQUESTED) == self.question.value:
            say(dispatcher, "I can work out which kind of care leaver you are with a few quick questions.")
        buttons = [{"title": title, "payload": sent} for title, sent in question_buttons(self.question)]
        say(dispatcher, question_text(self.question, Limits.of(self.context.kb)), buttons)
        return []


class AskStatusAge(AskStatusQuestion):
    """How old they are."""

    question = Question.AGE


class AskInCareNow(AskStatusQuestion):
    """Whether they are in care now."""

    question = Question.IN_CARE_NOW


class AskThirteenWeeks(AskStatusQuestion):
    """Whether they were in care 13 weeks or more since 14."""

    question = Question.THIRTEEN_WEEKS


class AskCareAt16(AskStatusQuestion):
    """Whether they were in care on or after their 16th birthday."""

    question = Question.CARE_AT_16


class AskCustodyOrHospital(AskStatusQuestion):
    """Whether they were in custody or hospital on their 16th birthday."""

    question = Question.CUSTODY_OR_HOSPITAL


class AskSpecialGuardianship(AskStatusQuestion):
    """Whether a special guardianship order followed care."""

    question = Question.SPECIAL_GUARDIANSHIP


class AskPrivatelyFostered(AskStatusQuestion):
    """Whether they were privately fostered at 16 or 17."""

    question = Question.PRIVATELY_FOSTERED


class AskEducation(AskStatusQuestion):
    """Whether they are in full-time education."""

    question = Question.EDUCATION


class ActionAnswerLegalStatus(WithContext, Action):
    """Says the status the facts decide, what it means, and who to ask; or what is still missing."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_legal_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the result for the facts as they are now."""
        council = users_council(self.context, tracker)
        named = None if council else council_name(self.context, tracker.get_slot("council"))
        if council is None and named is None:
            council = home_council(self.context, tracker)
        send(dispatcher, status_answer(self.context.kb, council, _decision(self.context, tracker), named))
        return [SlotSet("last_topic", TOPIC)]
