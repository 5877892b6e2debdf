"""Through the real servers: "my PA isn't answering" or "I don't know who my PA is" gets who to call now (by the
stack's clock) for the council the channel names, what to say, and where to go next."""

from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.pa_not_answering import TOPIC, pa_not_answering_answer
from tests.stack import KB, TEST_CLOCK, contact_now, other_councils_numbers

COUNCILS = sorted(KB.councils)


def answered(replies: list[dict]) -> dict:
    """The one reply's text message (with its buttons): REST sends it just before its payload."""
    [at] = [i for i, r in enumerate(replies) if r.get("custom", {}).get("topic") == TOPIC]
    return replies[at - 1]


def test_a_pa_who_isnt_answering_gets_the_reply_for_this_moment_with_next_steps(stack):
    reply = answered(stack.say("pa-quiet", "my pa isnt answering me"))
    assert reply["text"] == pa_not_answering_answer(KB, "luton", datetime.fromisoformat(TEST_CLOCK)).text
    titles = [b["title"] for b in reply.get("buttons") or []]
    assert titles == [KB.letters.letters["complaints"].button, KB.national.topics["advocacy"].title]


@pytest.mark.parametrize("council_id", COUNCILS)
def test_not_knowing_who_the_pa_is_gets_the_channels_council_and_only_its_numbers(stack, council_id):
    replies = stack.say_with(f"pa-unknown-{council_id}", "i dont know who my pa is", {"council": council_id})
    reply = answered(replies)
    text = reply["text"]
    now = contact_now(council_id)
    hours = KB.council(council_id).service_hours
    pair = [KB.council(council_id).contacts[key] for key in (hours.in_hours, hours.out_of_hours)]
    [other] = [c for c in pair if c != now]
    assert text.index(now.phone) < text.index(other.phone), text
    assert KB.national.services["emergency"].phone in text
    assert not {n for n in other_councils_numbers(council_id) if n in text}, text


def test_the_complaint_letter_button_writes_the_letter(stack):
    reply = answered(stack.say("pa-letter", "havent heard from my worker in weeks"))
    [letter_button] = [b for b in reply["buttons"] if b["title"] == KB.letters.letters["complaints"].button]
    letters = [
        r["custom"]["letter"]
        for r in stack.say("pa-letter", letter_button["payload"])
        if "letter" in r.get("custom", {})
    ]
    assert [letter["filename"] for letter in letters] == ["luton-complaints.txt"]


def test_asking_how_to_contact_the_pa_is_still_the_contact_answer(stack):
    topics = [r["custom"]["topic"] for r in stack.say("pa-how", "how do i contact my pa") if "custom" in r]
    assert topics == ["contact"]
