"""The action for "my PA isn't answering": the number for this moment first, for the person's own council, with
the complaint letter and the advocate answer as buttons."""

from actions.contacts import ActionPaNotAnswering
from knowledge.pa_not_answering import TOPIC
from tests.actions.conftest import DOMAIN, KB, make_tracker

LUTON = KB.council("luton")


async def reply(context, dispatcher, **tracker):
    await ActionPaNotAnswering(context).run(dispatcher, make_tracker(**tracker), DOMAIN)
    (message,) = dispatcher.messages
    return message


async def test_in_office_hours_the_team_comes_first(dispatcher, in_hours):
    message = await reply(in_hours, dispatcher, text="my pa isnt answering", intent="pa_not_answering")
    text = message["text"]
    assert text.index(LUTON.contacts["leaving_care"].phone) < text.index(LUTON.contacts["edt"].phone)
    assert message["custom"]["topic"] == TOPIC


async def test_out_of_hours_the_emergency_duty_team_comes_first(dispatcher, out_of_hours):
    message = await reply(out_of_hours, dispatcher, text="who is my pa", intent="pa_not_answering")
    text = message["text"]
    assert text.index(LUTON.contacts["edt"].phone) < text.index(LUTON.contacts["leaving_care"].phone)
    assert [b["title"] for b in message["buttons"]] == [
        KB.letters.letters["complaints"].button,
        KB.national.topics["advocacy"].title,
    ]


async def test_the_council_that_looked_after_them_gives_its_own_numbers(dispatcher, in_hours):
    lancashire = KB.council("lancashire")
    message = await reply(
        in_hours,
        dispatcher,
        text="i dont know who my pa is",
        intent="pa_not_answering",
        slots={"council": "lancashire"},
    )
    assert lancashire.contacts["leaving_care"].phone in message["text"]
    assert LUTON.contacts["leaving_care"].phone not in message["text"]
    assert message["custom"]["council"] == "lancashire"
