"""Where a council does not publish its hours, no reply states them as fact, and both numbers are given."""

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from knowledge import cant_answer, contact_now_answer, load_knowledge
from knowledge.contact_answers import crisis_answer, safe_reply

KB = load_knowledge()
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
TUESDAY_NIGHT = datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc)
SATURDAY_AFTERNOON = datetime(2026, 11, 28, 14, 0, tzinfo=timezone.utc)
MOMENTS = [TUESDAY_MORNING, TUESDAY_NIGHT, SATURDAY_AFTERNOON]
STATED_AS_FACT = ("is open now", "is closed now", "opens again")


def replies(kb, council_id, now):
    return {
        "contact": contact_now_answer(kb, council_id, now).text,
        "cant_answer": cant_answer(kb, council_id, now).text,
        "safe_reply": safe_reply(kb, council_id, now).text,
        "crisis": crisis_answer(kb, council_id, now).text,
    }


def numbers(council_id):
    council = KB.council(council_id)
    hours = council.service_hours
    return council.contacts[hours.in_hours].phone, council.contacts[hours.out_of_hours].phone


def test_every_covered_council_has_assumed_hours_today():
    # If a council publishes its hours, the tests below still hold for the others; this says which are covered.
    assert all(c.service_hours.assumed for c in KB.councils.values())


@pytest.mark.parametrize("now", MOMENTS, ids=["weekday-morning", "weekday-night", "saturday"])
@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_assumed_hours_are_never_stated_as_fact(council_id, now):
    for kind, text in replies(KB, council_id, now).items():
        for claim in STATED_AS_FACT:
            assert claim not in text, (kind, text)
        assert "usually" in text and "aren't published" in text, (kind, text)


@pytest.mark.parametrize("now", MOMENTS, ids=["weekday-morning", "weekday-night", "saturday"])
@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_assumed_hours_give_the_daytime_and_the_out_of_hours_number(council_id, now):
    daytime, out_of_hours = numbers(council_id)
    for kind, text in replies(KB, council_id, now).items():
        assert daytime in text and out_of_hours in text, (kind, text)


def test_the_hours_note_says_they_are_assumed():
    text = contact_now_answer(KB, "luton", TUESDAY_MORNING).text
    assert "Usual office hours (assumed, not published):" in text


def test_published_hours_are_stated_plainly():
    luton = KB.council("luton")
    published = luton.copy(update={"service_hours": luton.service_hours.copy(update={"assumed": False})})
    kb = replace(KB, councils={**KB.councils, "luton": published})
    day = contact_now_answer(kb, "luton", TUESDAY_MORNING).text
    night = contact_now_answer(kb, "luton", TUESDAY_NIGHT).text
    assert "is open now" in day
    assert "is closed now (it opens again Wednesday at" in night
    assert "assumed" not in day
