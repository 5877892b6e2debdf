"""Details given outside a question ('actually I'm 26'): remember them, and re-answer if they change an answer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import needs_age, read_age
from knowledge.contact_answers import not_understood

from .common import WithContext, council_said, home_council, send
from .contacts import contacts_context
from .council_tax import TOPIC as COUNCIL_TAX
from .council_tax import say, send_council_tax


class ActionUpdateDetails(WithContext, Action):
    """Updates the council and age from the message; re-answers council tax if that was the last answer."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_update_details"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        """Remember what was said and say what changed."""
        text = tracker.latest_message.get("text") or ""
        said = council_said(self.context, tracker)
        age = read_age(text)
        council = said or tracker.get_slot("council")
        age = age if age is not None else tracker.get_slot("age")
        events = []
        if said:
            events.append(SlotSet("council", council))
        if age is not None and age != tracker.get_slot("age"):
            events.append(SlotSet("age", age))
        if not events:
            here = contacts_context(self.context, tracker)
            send(dispatcher, not_understood(here.kb, here.council_id, here.now()))
            return []
        if tracker.get_slot("last_topic") == COUNCIL_TAX and council is not None:
            if needs_age(self.context.kb, home_council(self.context, tracker), council) and age is None:
                return [*events, FollowupAction("council_tax_form")]
            say(dispatcher, "Thanks, I've updated that.")
            send_council_tax(self.context, dispatcher, tracker, council, age)
            return events
        dispatcher.utter_message(text="Thanks, I'll keep that in mind for the rest of this chat.")
        return events
