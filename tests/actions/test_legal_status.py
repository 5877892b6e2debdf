"""The care leaver status questions, run with rasa_sdk's Tracker against the real knowledge base."""

from actions.legal_status import ActionAnswerLegalStatus, AskCareAt16, ValidateLegalStatusForm
from tests.actions.conftest import DOMAIN, make_tracker

FORM = "legal_status_form"


async def validate(dispatcher, text, intent, slots=None):
    tracker = make_tracker(text, intent, slots=slots, active_loop=FORM)
    events = await ValidateLegalStatusForm().run(dispatcher, tracker, DOMAIN)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_what_was_already_said_decides_at_once(dispatcher):
    text = "im 19, i was in foster care from when i was 14 until i turned 18"
    slots = await validate(dispatcher, text, "inform", {"requested_slot": "status_age"})
    assert slots["status_age"] == 19 and slots["care_to_age"] == 18
    assert slots["requested_slot"] is None


async def test_only_the_next_question_still_needed_is_asked(dispatcher):
    slots = await validate(dispatcher, "what kind of care leaver am i, im 20", "ask_legal_status")
    assert slots == {"status_age": 20, "requested_slot": "care_at_16"}


async def test_a_correction_changes_the_question_still_needed(dispatcher):
    known = {"status_age": 19, "care_from_age": 14, "care_to_age": 18, "in_care_now": False}
    slots = await validate(dispatcher, "actually i was 15", "inform", known)
    assert slots["care_to_age"] == 15 and slots["requested_slot"] == "special_guardianship"


async def test_an_answer_that_says_nothing_gets_a_kind_re_ask(dispatcher):
    slots = await validate(dispatcher, "hmm", "nlu_fallback", {"requested_slot": "status_age"})
    assert slots["status_age"] is None and "didn't catch" in dispatcher.messages[0]["text"]


async def test_a_crisis_is_left_to_the_rules(dispatcher):
    slots = await validate(dispatcher, "im 17 and i want to die", "crisis", {"requested_slot": "status_age"})
    assert "status_age" not in slots and not dispatcher.messages


async def test_a_yes_or_no_question_comes_with_buttons(dispatcher):
    tracker = make_tracker("19", "inform", slots={"requested_slot": "care_at_16", "status_age": 19})
    await AskCareAt16().run(dispatcher, tracker, DOMAIN)
    message = dispatcher.messages[-1]
    assert [b["title"] for b in message["buttons"]] == ["Yes", "No", "Not sure"]
    assert message["custom"]["topic"] == "legal_status"


async def test_the_answer_names_the_status_for_the_channels_council(dispatcher):
    slots = {"status_age": 19, "care_from_age": 14, "care_to_age": 18, "in_care_now": False}
    await ActionAnswerLegalStatus().run(dispatcher, make_tracker("", "inform", slots=slots), DOMAIN)
    message = dispatcher.messages[-1]
    assert "former relevant care leaver" in message["text"]
    assert message["custom"]["topic"] == "legal_status" and message["custom"]["council"] == "luton"


async def test_a_council_we_do_not_cover_gets_the_national_answer_and_advice_line(dispatcher):
    slots = {"status_age": 20, "care_at_16": True, "care_13_weeks": False, "council": "manchester"}
    await ActionAnswerLegalStatus().run(dispatcher, make_tracker("", "inform", slots=slots), DOMAIN)
    text = dispatcher.messages[-1]["text"]
    assert "qualifying care leaver" in text and "I don't have" in text and "Luton" not in text
