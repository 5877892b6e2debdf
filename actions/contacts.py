"""Actions that point to a person: who to contact now, the crisis reply, help, and the fallbacks."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Context, cant_answer, contact_now_answer, crisis_answer
from knowledge.charter import topics_with_answers
from knowledge.contact_answers import did_you_mean, not_understood
from knowledge.crisis import CATEGORY_ENTITY
from knowledge.pa_not_answering import pa_not_answering_answer

from .common import (
    LANGUAGE_ENTITY,
    WithContext,
    home_council,
    latest_intent,
    send,
    send_in_language,
    send_notice,
    topic_button,
    topic_of,
    users_council,
)
from .council_tax import CRISIS
from .letters import letter_buttons
from .topics import send_topic

# Set by rasa_addons.crisis_categories on a message only its models read as a crisis: the topics it also asked.
ALSO_ASKED = "crisis_also_asked"

DID_YOU_MEAN = "action_did_you_mean"


def contacts_context(context: Context, tracker: Tracker) -> Context:
    """Whose teams to give: the person's council if we cover it, else the channel's (where they most likely are)."""
    return context.for_council(users_council(context, tracker) or home_council(context, tracker))


CHECK_IN = "distress"  # the crisis reply that asks "Are you safe right now?"
SOMETHING_ELSE = {"title": "Something else", "payload": "/out_of_scope"}
TALK_TO_SOMEONE = {"title": "Who can I talk to?", "payload": "/contact_pa"}


class ActionContactNow(WithContext, Action):
    """Who to contact right now: the leaving-care team in office hours, the Emergency Duty Team outside them."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_contact_now"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the contact for this moment."""
        here = contacts_context(self.context, tracker)
        send_in_language(self.context, dispatcher, tracker, contact_now_answer(here.kb, here.council_id, here.now()))
        return []


class ActionPaNotAnswering(WithContext, Action):
    """Can't reach their PA, or don't know who it is: who to call now, what to say, and where to go next."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_pa_not_answering"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the reply for this moment, with the complaint letter and the advocate answer one tap away."""
        here = contacts_context(self.context, tracker)
        flow = here.kb.pa_not_answering
        buttons = [*letter_buttons(here, "complaints"), topic_button(here, flow.advocacy_topic)]
        answer = pa_not_answering_answer(here.kb, here.council_id, here.now())
        send_in_language(self.context, dispatcher, tracker, answer, buttons)
        return []


class ActionCrisis(WithContext, Action):
    """The safety reply: 999 first, crisis lines, then the council's team for this moment."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the crisis contacts for the kind of crisis the detector found (all of them if none)."""
        category = next(tracker.get_latest_entity_values(CATEGORY_ENTITY), None)
        here = contacts_context(self.context, tracker)
        send_in_language(
            self.context, dispatcher, tracker, crisis_answer(here.kb, here.council_id, here.now(), category)
        )
        events: list = []
        for topic in tracker.latest_message.get(ALSO_ASKED) or []:
            if topic in self.context.kb.national.topics:
                events += send_topic(self.context, dispatcher, tracker, topic, first=False)
        return events


def _last_crisis_category(tracker: Tracker) -> str | None:
    """The category of the latest message read as a crisis, before this one."""
    users = [e for e in tracker.events if e.get("event") == "user"][:-1]
    for event in reversed(users):
        parsed = event.get("parse_data") or {}
        if (parsed.get("intent") or {}).get("name") == CRISIS:
            return next(
                (e.get("value") for e in parsed.get("entities") or [] if e.get("entity") == CATEGORY_ENTITY), None
            )
    return None


class ActionAfterCrisis(WithContext, Action):
    """A yes or no straight after a crisis reply: 'no' (not safe) brings every emergency line; 'yes' to the
    check-in is met with relief; any other yes gets the same crisis reply again, never small talk."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_after_crisis"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Answer the yes or no in the light of the crisis reply just given."""
        category = _last_crisis_category(tracker)
        if latest_intent(tracker) == "affirm" and category == CHECK_IN:
            dispatcher.utter_message(response="utter_glad_safe")
            return []
        shown = None if latest_intent(tracker) == "deny" else category
        here = contacts_context(self.context, tracker)
        send(dispatcher, crisis_answer(here.kb, here.council_id, here.now(), shown))
        return []


class ActionNotUnderstood(WithContext, Action):
    """A yes, no, thanks or goodbye that answers nothing the assistant said: never small talk, always who to call."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Say so, and who to contact now."""
        here = contacts_context(self.context, tracker)
        send(dispatcher, not_understood(here.kb, here.council_id, here.now()), [TALK_TO_SOMEONE])
        return []


class ActionCantAnswer(WithContext, Action):
    """'I can't answer that', with who can, right now. Never a dead end."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_cant_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the reply."""
        here = contacts_context(self.context, tracker)
        send(dispatcher, cant_answer(here.kb, here.council_id, here.now()))
        return []


class ActionDefaultFallback(WithContext, Action):
    """When no rule fits the conversation: say who can help, and forget the message that did not fit."""

    def name(self) -> str:
        """Replaces Rasa's default fallback, which would otherwise send a generic line or nothing."""
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the reply and revert the user's message so the conversation can go on."""
        here = contacts_context(self.context, tracker)
        send(dispatcher, cant_answer(here.kb, here.council_id, here.now()))
        return [UserUtteranceReverted()]


def _fell_back_last_turn(tracker: Tracker) -> bool:
    """Whether the assistant's previous turn was already a 'did you mean'."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name") == DID_YOU_MEAN
    return False


class ActionDidYouMean(WithContext, Action):
    """Low confidence: offer the two likeliest topics as buttons; the second time, say who can help instead."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return DID_YOU_MEAN

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Ask 'did you mean', or hand over to a person."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        topics = [t for t in (topic_of(self.context, r.get("name")) for r in ranking) if t][:2]
        if _fell_back_last_turn(tracker) or not topics:
            here = contacts_context(self.context, tracker)
            send(dispatcher, cant_answer(here.kb, here.council_id, here.now()), [TALK_TO_SOMEONE])
            return []
        buttons = [topic_button(self.context, t) for t in topics] + [SOMETHING_ELSE]
        here = contacts_context(self.context, tracker)
        send(dispatcher, did_you_mean(here.kb, here.council_id, here.now()), buttons)
        return []


class ActionOtherLanguage(WithContext, Action):
    """A message in another language that is not a crisis or a question we can answer: the notice alone."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Send the notice in the message's language (in English for a language with no file)."""
        language = next(tracker.get_latest_entity_values(LANGUAGE_ENTITY), None) or "und"
        send_notice(self.context, dispatcher, tracker, language, followed=False)
        return []


class ActionHelp(WithContext, Action):
    """What the assistant can do, with every topic as a button."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """List the topics."""
        here = contacts_context(self.context, tracker)
        council = here.kb.council(here.council_id)
        topics = topics_with_answers(here.kb, here.council_id)
        dispatcher.utter_message(
            text=(
                f"I can tell you what {council.council.short_name} and the law offer care leavers, and who to "
                "contact right now. Pick a topic, or just type your question in your own words.\n"
                f"Type {here.kb.crisis.safe_word.upper()} at any time to see emergency contacts."
            ),
            buttons=[topic_button(here, t) for t in topics] + [TALK_TO_SOMEONE],
        )
        return []
