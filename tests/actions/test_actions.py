"""The actions, run with rasa_sdk's Tracker and CollectingDispatcher against the real knowledge base."""

import importlib
import inspect
import pkgutil

import pytest
from rasa_sdk import Action

import actions
from actions.contacts import (
    ActionAfterCrisis,
    ActionCantAnswer,
    ActionContactNow,
    ActionCrisis,
    ActionDidYouMean,
    ActionHelp,
    ActionNotUnderstood,
)
from actions.council_tax import ActionAnswerCouncilTax, ActionAskAge, ActionAskCouncil, ValidateCouncilTaxForm
from actions.details import ActionUpdateDetails
from actions.topics import ActionAnswerTopic
from tests.actions.conftest import DOMAIN, IN_HOURS, KB, OUT_OF_HOURS, context_at, make_tracker

LUTON = KB.council("luton")
LIMIT = LUTON.topics["council_tax"].values["exempt_to_age"]


def all_action_classes() -> list[type]:
    for module in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{module.name}")
    found, todo = [], list(Action.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("actions.") and not inspect.isabstract(cls):
            found.append(cls)
    return found


def test_action_names_are_unique_and_match_the_domain():
    names = [cls().name() for cls in all_action_classes()]
    assert len(names) == len(set(names)), names
    assert set(names) == set(DOMAIN["actions"])


async def run(action, dispatcher, tracker):
    return await action.run(dispatcher, tracker, DOMAIN)


async def test_topic_answer_carries_text_and_payload(dispatcher):
    events = await run(
        ActionAnswerTopic(), dispatcher, make_tracker("how much is the setting up grant", "ask_setting_up_home")
    )
    (message,) = dispatcher.messages
    assert LUTON.topics["setting_up_home"].values["allowance"] in message["text"]
    assert message["custom"]["topic"] == "setting_up_home"
    assert message["custom"]["council"] == "luton"
    assert message["custom"]["sources"]
    assert {"event": "slot", "name": "last_topic", "value": "setting_up_home", "timestamp": None} in events


async def test_charter_answer_offers_its_themes_as_buttons(dispatcher):
    await run(ActionAnswerTopic(), dispatcher, make_tracker("what does the charter promise", "ask_charter"))
    (message,) = dispatcher.messages
    assert [b["title"] for b in message["buttons"]] == [t.title for t in LUTON.charter.themes.values()]


async def test_contact_in_hours_gives_the_leaving_care_team(dispatcher, in_hours):
    await run(ActionContactNow(in_hours), dispatcher, make_tracker("how do i contact my pa", "contact_pa"))
    text = dispatcher.messages[0]["text"]
    # The hours are assumed, so the out-of-hours number comes too, after the team's.
    assert text.index(LUTON.contacts["leaving_care"].phone) < text.index(LUTON.contacts["edt"].phone)


async def test_contact_out_of_hours_gives_the_edt_and_999(dispatcher, out_of_hours):
    await run(ActionContactNow(out_of_hours), dispatcher, make_tracker("who do i ring at night", "out_of_hours"))
    text = dispatcher.messages[0]["text"]
    assert LUTON.contacts["edt"].phone in text
    assert "call 999" in text
    assert dispatcher.messages[0]["custom"]["topic"] == "contact"


async def test_crisis_reply_puts_999_first(dispatcher, out_of_hours):
    await run(ActionCrisis(out_of_hours), dispatcher, make_tracker("i want to end it all", "crisis"))
    text = dispatcher.messages[0]["text"]
    assert text.index("999") < text.index(KB.national.services["samaritans"].phone)
    assert KB.national.services["shout"].text in text
    assert LUTON.contacts["edt"].phone in text


async def test_out_of_scope_is_never_a_dead_end(dispatcher, in_hours):
    await run(ActionCantAnswer(in_hours), dispatcher, make_tracker("whats the weather", "out_of_scope"))
    assert LUTON.contacts["leaving_care"].phone in dispatcher.messages[0]["text"]


async def test_did_you_mean_offers_the_two_likeliest_topics(dispatcher):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "greet", "confidence": 0.3},
        {"name": "ask_driving", "confidence": 0.2},
        {"name": "ask_id_documents", "confidence": 0.15},
        {"name": "ask_housing", "confidence": 0.1},
    ]
    await run(ActionDidYouMean(), dispatcher, make_tracker("lisence thing", "nlu_fallback", ranking=ranking))
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/ask_driving", "/ask_id_documents", "/out_of_scope"]


async def test_the_first_did_you_mean_still_ends_with_who_to_contact_now(dispatcher, in_hours):
    ranking = [{"name": "ask_driving", "confidence": 0.3}]
    await run(ActionDidYouMean(), dispatcher, make_tracker("lisence thing", "nlu_fallback", ranking=ranking))
    lines = dispatcher.messages[0]["text"].splitlines()
    assert LUTON.contacts["leaving_care"].phone in lines[-3]
    assert "999" in lines[-2]


async def test_a_yes_or_thanks_that_answers_nothing_gets_who_to_contact_not_small_talk(dispatcher, out_of_hours):
    await run(ActionNotUnderstood(), dispatcher, make_tracker("yeah", "affirm"))
    text = dispatcher.messages[0]["text"]
    assert not text.startswith(("Good", "Thanks", "Take care"))
    assert LUTON.contacts["edt"].phone in text and "999" in text


async def test_an_inform_with_no_details_is_not_thanked(dispatcher, in_hours):
    await run(ActionUpdateDetails(), dispatcher, make_tracker("my placement", "inform"))
    text = dispatcher.messages[0]["text"]
    assert not text.startswith("Thanks")
    assert LUTON.contacts["leaving_care"].phone in text


def after_a_crisis(category: str, reply: str, intent: str):
    crisis = {
        "text": "...",
        "intent": {"name": "crisis"},
        "entities": [{"entity": "crisis_category", "value": category}],
    }
    events = [
        {"event": "user", "text": "...", "parse_data": crisis},
        {"event": "action", "name": "action_crisis"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": reply, "parse_data": {"text": reply, "intent": {"name": intent}, "entities": []}},
    ]
    return make_tracker(reply, intent, events=events)


async def test_no_to_are_you_safe_brings_every_emergency_line(dispatcher, out_of_hours):
    await run(ActionAfterCrisis(), dispatcher, after_a_crisis("distress", "no", "deny"))
    text = dispatcher.messages[0]["text"]
    assert "999" in text.splitlines()[0]
    assert all(KB.national.services[k].name in text for k in KB.national.crisis_lines if k != "emergency")


async def test_yes_to_are_you_safe_is_met_with_relief(dispatcher, out_of_hours):
    await run(ActionAfterCrisis(), dispatcher, after_a_crisis("distress", "yes", "affirm"))
    assert dispatcher.messages[0]["response"] == "utter_glad_safe"


async def test_yes_after_another_crisis_reply_repeats_that_reply(dispatcher, out_of_hours):
    await run(ActionAfterCrisis(), dispatcher, after_a_crisis("homeless_tonight", "yeah", "affirm"))
    assert KB.crisis.categories["homeless_tonight"].script in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["custom"]["category"] == "homeless_tonight"


async def test_second_fallback_in_a_row_hands_over_to_a_person(dispatcher, in_hours):
    events = [
        {"event": "user", "text": "blah"},
        {"event": "action", "name": "action_did_you_mean"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "blah blah"},
    ]
    ranking = [{"name": "ask_driving", "confidence": 0.3}]
    tracker = make_tracker("blah blah", "nlu_fallback", events=events, ranking=ranking)
    await run(ActionDidYouMean(in_hours), dispatcher, tracker)
    assert "can't answer" in dispatcher.messages[0]["text"]
    assert LUTON.contacts["leaving_care"].phone in dispatcher.messages[0]["text"]


async def test_help_lists_every_topic_as_a_button(dispatcher):
    await run(ActionHelp(), dispatcher, make_tracker("what can you do", "help"))
    payloads = {b["payload"] for b in dispatcher.messages[0]["buttons"]}
    assert {f"/ask_{t}" for t in LUTON.topics} <= payloads
    assert "/ask_charter" in payloads


async def test_ask_council_offers_this_council_first_then_the_others_and_another(dispatcher):
    await run(ActionAskCouncil(), dispatcher, make_tracker())
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles[0] == "Luton" and titles[-1] == "Another council"
    assert sorted(titles[1:-1]) == sorted(c.council.short_name for k, c in KB.councils.items() if k != "luton")


async def test_a_widget_set_to_another_council_answers_for_it(dispatcher):
    tracker = make_tracker("how much is the setting up grant", "ask_setting_up_home")
    tracker.latest_message["metadata"] = {"council": "lancashire"}
    await run(ActionAnswerTopic(), dispatcher, tracker)
    assert dispatcher.messages[0]["custom"]["council"] == "lancashire"


async def test_a_council_we_do_not_cover_gets_the_national_answer(dispatcher):
    tracker = make_tracker("how much is the setting up grant", "ask_setting_up_home", slots={"council": "kent"})
    await run(ActionAnswerTopic(), dispatcher, tracker)
    assert "I don't have Kent County Council's local offer yet" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["custom"]["council"] is None


async def validate(dispatcher, text, intent, slots):
    tracker = make_tracker(text, intent, slots=slots, active_loop="council_tax_form")
    events = await ValidateCouncilTaxForm().run(dispatcher, tracker, DOMAIN)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_form_takes_council_and_age_from_one_message(dispatcher):
    slots = await validate(dispatcher, "luton and im 19", "inform", {"requested_slot": "council"})
    assert slots["council"] == "luton" and slots["age"] == 19
    assert slots.get("requested_slot") is None


async def test_form_does_not_ask_the_age_of_another_councils_care_leaver(dispatcher):
    slots = await validate(dispatcher, "i was in care in bedford", "inform", {"requested_slot": "council"})
    assert slots["council"] == "bedford"
    assert slots.get("requested_slot") is None


async def test_form_asks_again_kindly_when_the_answer_is_unclear(dispatcher):
    slots = await validate(dispatcher, "umm not sure", "nlu_fallback", {"requested_slot": "age", "council": "luton"})
    assert slots["age"] is None
    assert "age as a number" in dispatcher.messages[0]["text"]


async def test_form_leaves_other_questions_to_the_rules(dispatcher):
    slots = await validate(dispatcher, "i want to die", "crisis", {"requested_slot": "age", "council": "luton"})
    assert "age" not in slots and not dispatcher.messages


async def test_form_leaves_a_crisis_to_the_rules_even_with_an_age_in_it(dispatcher):
    slots = await validate(
        dispatcher, "im 19 and i want to die", "crisis", {"requested_slot": "age", "council": "luton"}
    )
    assert "age" not in slots


async def test_council_tax_answer_uses_the_slots(dispatcher):
    tracker = make_tracker(slots={"council": "luton", "age": LIMIT - 2})
    await run(ActionAnswerCouncilTax(), dispatcher, tracker)
    assert dispatcher.messages[0]["text"].startswith("Yes.")
    assert dispatcher.messages[0]["custom"]["topic"] == "council_tax"


async def test_the_first_council_tax_reply_says_this_councils_rule_before_asking(dispatcher):
    tracker = make_tracker("do care leavers pay council tax", "ask_council_tax", active_loop="council_tax_form")
    await run(ActionAskCouncil(), dispatcher, tracker)
    rule, question = dispatcher.messages
    assert f"until you turn {LIMIT}" in rule["text"] and rule["custom"]["sources"]
    assert question["buttons"]
    assert all(m["custom"]["topic"] == "council_tax" for m in dispatcher.messages)


async def test_a_council_question_asked_again_does_not_repeat_the_rule(dispatcher):
    await run(ActionAskCouncil(), dispatcher, make_tracker("umm", "nlu_fallback", active_loop="council_tax_form"))
    (question,) = dispatcher.messages
    assert question["buttons"] and question["custom"]["topic"] == "council_tax"


async def test_a_council_named_with_the_question_gets_its_rule_then_the_age_question(dispatcher):
    slots = {"council": "lancashire"}
    tracker = make_tracker("council tax? i was in care in preston", "ask_council_tax", slots, active_loop="c")
    await run(ActionAskAge(), dispatcher, tracker)
    rule, question = dispatcher.messages
    assert rule["custom"]["council"] == "lancashire" and "grant" in rule["text"]
    assert "How old are you" in question["text"] and question["custom"]["topic"] == "council_tax"


async def test_two_topics_in_one_message_are_answered_in_the_order_asked(dispatcher):
    tracker = make_tracker("two things - the gym and housing", "ask_leisure")
    tracker.latest_message["topics_asked"] = ["leisure", "housing"]
    await run(ActionAnswerTopic(), dispatcher, tracker)
    assert [m["custom"]["topic"] for m in dispatcher.messages] == ["leisure", "housing"]


async def test_council_tax_asked_with_another_topic_answers_both_in_order(dispatcher):
    slots = {"council": "luton", "age": LIMIT - 2}
    tracker = make_tracker("the gym, and council tax? im 23 from luton", "ask_council_tax", slots)
    tracker.latest_message["topics_asked"] = ["leisure", "council_tax"]
    await run(ActionAnswerCouncilTax(), dispatcher, tracker)
    assert [m["custom"]["topic"] for m in dispatcher.messages] == ["leisure", "council_tax"]
    assert dispatcher.messages[1]["text"].startswith("Yes.")


async def test_correcting_the_age_re_answers_council_tax(dispatcher):
    slots = {"council": "luton", "age": LIMIT - 3, "last_topic": "council_tax"}
    events = await run(ActionUpdateDetails(), dispatcher, make_tracker(f"actually im {LIMIT + 1}", "inform", slots))
    assert {"event": "slot", "name": "age", "value": LIMIT + 1, "timestamp": None} in events
    assert dispatcher.messages[-1]["text"].startswith("No")


async def test_details_outside_a_question_are_remembered(dispatcher):
    events = await run(ActionUpdateDetails(), dispatcher, make_tracker("im 20", "inform"))
    assert {"event": "slot", "name": "age", "value": 20, "timestamp": None} in events


async def test_crisis_reply_follows_the_detected_category(dispatcher, out_of_hours):
    tracker = make_tracker("nowhere to sleep tonight", "crisis")
    tracker.latest_message["entities"] = [{"entity": "crisis_category", "value": "homeless_tonight"}]
    await run(ActionCrisis(out_of_hours), dispatcher, tracker)
    assert KB.crisis.categories["homeless_tonight"].script in dispatcher.messages[0]["text"]
    custom = dispatcher.messages[0]["custom"]
    assert (custom["topic"], custom["category"]) == ("crisis", "homeless_tonight")


async def test_help_shows_the_safe_word(dispatcher):
    await run(ActionHelp(), dispatcher, make_tracker("help", "help"))
    assert KB.crisis.safe_word.upper() in dispatcher.messages[0]["text"]


def other_councils_numbers(council_id: str) -> set[str]:
    own = {c.phone for c in KB.council(council_id).contacts.values() if c.phone}
    return {
        c.phone for key, f in KB.councils.items() if key != council_id for c in f.contacts.values() if c.phone
    } - own


@pytest.mark.parametrize("moment", [IN_HOURS, OUT_OF_HOURS], ids=["in-hours", "out-of-hours"])
@pytest.mark.parametrize("council_id", sorted(KB.councils))
@pytest.mark.parametrize(
    ("action", "intent"),
    [(ActionContactNow, "contact_pa"), (ActionCrisis, "crisis"), (ActionCantAnswer, "out_of_scope")],
)
async def test_the_council_the_channel_asks_for_gets_its_own_numbers(dispatcher, action, intent, council_id, moment):
    # The action server's own council is Luton; the widget on another council's site says which it is for.
    tracker = make_tracker("help", intent, metadata={"council": council_id})
    await run(action(context_at(moment)), dispatcher, tracker)
    text = dispatcher.messages[0]["text"]
    council = KB.council(council_id)
    hours = council.service_hours
    expected = council.contacts[hours.in_hours if moment == IN_HOURS else hours.out_of_hours].phone
    assert expected in text
    assert not {n for n in other_councils_numbers(council_id) if n in text}, text
    assert dispatcher.messages[0]["custom"]["council"] == council_id


async def test_a_council_the_channel_asks_for_that_is_not_covered_gets_the_servers_own(dispatcher):
    tracker = make_tracker("who do i call", "contact_pa", metadata={"council": "kent"})
    await run(ActionContactNow(context_at(IN_HOURS, "lancashire")), dispatcher, tracker)
    assert dispatcher.messages[0]["custom"]["council"] == "lancashire"
