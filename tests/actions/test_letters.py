"""The letter action and the letter buttons under topic answers, against the real knowledge base."""

import pytest

from actions.letters import ActionSendLetter, letter_payload
from actions.topics import ActionAnswerTopic
from knowledge.letters import write_letter
from tests.actions.conftest import DOMAIN, IN_HOURS, KB, context_at, make_tracker


async def run(action, dispatcher, tracker):
    return await action.run(dispatcher, tracker, DOMAIN)


async def test_asking_for_a_care_file_letter_sends_the_councils_letter(dispatcher):
    action = ActionSendLetter(context_at(IN_HOURS, "lancashire"))
    await run(action, dispatcher, make_tracker("can you write me a letter to get my care file", "request_letter"))
    [message] = dispatcher.messages
    assert message["custom"]["letter"]["text"] == write_letter(KB, "lancashire", "care_file").text
    assert message["custom"]["council"] == "lancashire"


async def test_the_letter_button_under_a_topic_answer_writes_that_letter(dispatcher):
    await run(ActionAnswerTopic(context_at(IN_HOURS)), dispatcher, make_tracker("how do i complain", "ask_complaints"))
    [button] = dispatcher.messages[0]["buttons"]
    assert button["payload"] == letter_payload("complaints")
    assert button["title"] == KB.letters.letters["complaints"].button


@pytest.mark.parametrize("topic", ["care_file", "setting_up_home", "complaints"])
async def test_each_topic_with_a_letter_offers_it(dispatcher, topic):
    await run(ActionAnswerTopic(context_at(IN_HOURS)), dispatcher, make_tracker("", f"ask_{topic}"))
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [letter_payload(topic)]


async def test_a_letter_with_no_topic_named_follows_the_last_topic(dispatcher):
    tracker = make_tracker("write me a letter for this", "request_letter", slots={"last_topic": "setting_up_home"})
    await run(ActionSendLetter(context_at(IN_HOURS)), dispatcher, tracker)
    assert dispatcher.messages[0]["custom"]["letter"]["id"] == "setting_up_home"


async def test_an_unclear_letter_request_offers_every_letter(dispatcher):
    await run(ActionSendLetter(context_at(IN_HOURS)), dispatcher, make_tracker("a letter pls", "request_letter"))
    [message] = dispatcher.messages
    assert "letter" not in message["custom"]
    assert [b["payload"] for b in message["buttons"]] == [letter_payload(key) for key in KB.letters.letters]


async def test_a_council_we_do_not_cover_gets_no_letter_but_an_honest_answer(dispatcher):
    tracker = make_tracker("letter for council tax exemption", "request_letter", slots={"council": "bedford"})
    await run(ActionSendLetter(context_at(IN_HOURS)), dispatcher, tracker)
    [message] = dispatcher.messages
    assert "letter" not in message["custom"]
    assert "I don't have" in message["text"]
