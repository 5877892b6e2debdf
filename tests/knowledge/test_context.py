"""The context: a knowledge base, a council and a clock, handed to every reply."""

from datetime import datetime, timedelta, timezone

import pytest

from knowledge import Context, fixed_clock, load_knowledge, system_clock

KB = load_knowledge()
MOMENT = datetime(2026, 12, 2, 10, 30, tzinfo=timezone.utc)


def test_a_fixed_clock_always_says_its_moment():
    context = Context(KB, "luton", fixed_clock(MOMENT))
    assert context.now() == MOMENT == context.now()


def test_a_fixed_clock_needs_an_offset():
    with pytest.raises(ValueError, match="UTC offset"):
        fixed_clock(datetime(2026, 12, 2, 10, 30))


def test_the_system_clock_is_timezone_aware():
    now = system_clock()()
    assert now.tzinfo is not None
    assert abs(now - datetime.now(timezone.utc)) < timedelta(minutes=1)


@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_for_council_switches_to_a_covered_council_and_keeps_the_clock(council_id):
    context = Context(KB, "luton", fixed_clock(MOMENT)).for_council(council_id)
    assert context.council_id == council_id
    assert context.now() == MOMENT


@pytest.mark.parametrize("asked", [None, "", "other", "kent", "../luton"])
def test_for_council_keeps_its_own_council_when_the_one_asked_for_is_not_covered(asked):
    context = Context(KB, "lancashire", fixed_clock(MOMENT))
    assert context.for_council(asked).council_id == "lancashire"


def test_a_context_refuses_a_council_it_has_no_file_for():
    with pytest.raises(ValueError, match="kent"):
        Context(KB, "kent", fixed_clock(MOMENT))
