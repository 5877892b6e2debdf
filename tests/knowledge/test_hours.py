"""Who to contact depends on the clock in Europe/London, weekends and bank holidays."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from knowledge import load_knowledge, who_to_contact
from knowledge.contact_answers import contact_now_answer, emergency_line

KB = load_knowledge()
LUTON = KB.council("luton")
LONDON = ZoneInfo("Europe/London")
TEAM = LUTON.contacts[LUTON.service_hours.in_hours]
EDT = LUTON.contacts[LUTON.service_hours.out_of_hours]


def at(text: str, zone=LONDON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-24 10:00", TEAM),  # a Tuesday morning
        ("2026-11-24 17:30", EDT),  # Tuesday evening
        ("2026-11-27 16:50", EDT),  # Friday, after the early close
        ("2026-11-27 16:40", TEAM),  # Friday, before it
        ("2026-11-28 11:00", EDT),  # Saturday
        ("2026-12-25 10:00", EDT),  # Christmas Day, a Friday
        ("2026-04-06 10:00", EDT),  # Easter Monday
        ("2026-11-24 03:00", EDT),  # the small hours
    ],
)
def test_team_in_hours_edt_outside(moment, expected):
    assert who_to_contact(LUTON, at(moment)).contact == expected


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        ("2026-03-30 07:50", TEAM),  # Monday after the spring change: 08:50 BST
        ("2026-03-30 07:40", EDT),  # 08:40 BST, not yet open
        ("2026-10-26 08:50", TEAM),  # Monday after the autumn change: 08:50 GMT
        ("2026-03-29 01:30", EDT),  # the spring clock-change night
        ("2026-10-25 01:30", EDT),  # the autumn clock-change night (01:30 happens twice)
    ],
)
def test_hours_follow_london_time_across_clock_changes(utc, expected):
    assert who_to_contact(LUTON, at(utc, timezone.utc)).contact == expected


def test_out_of_hours_says_when_the_team_reopens():
    advice = who_to_contact(LUTON, at("2026-11-27 18:00"))
    assert advice.opens_next == at("2026-11-30 08:45")


def test_hours_are_marked_as_assumed_in_the_answer():
    text = contact_now_answer(KB, "luton", at("2026-11-24 23:00")).text
    assert EDT.phone in text
    assert LUTON.service_hours.note in text
    assert KB.national.services["emergency"].phone in text


@pytest.mark.parametrize(("moment", "expected"), [("2026-11-24 10:00", TEAM), ("2026-11-24 23:00", EDT)])
def test_the_always_visible_line_gives_999_then_the_team_for_the_moment(moment, expected):
    numbers = [number for _, number in emergency_line(KB, "luton", at(moment))]
    assert numbers == [KB.national.services["emergency"].phone, expected.phone]


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ValueError):
        who_to_contact(LUTON, datetime(2026, 11, 24, 10, 0))
