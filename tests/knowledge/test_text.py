"""Reading an age and a council from what people type."""

import pytest

from knowledge import OTHER, find_council, load_knowledge, read_age

KB = load_knowledge()


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("19", 19), ("im 22", 22), ("I'm 26 years old", 26), ("twenty one", 21), ("twenty-four", 24),
        ("actually im 26", 26), ("i turned 18 last month", 18), ("eighteen", 18),
        ("it costs £3000", None), ("at 5pm", None), ("I have 2 kids", None), ("luton", None), ("", None),
        ("150", None),
    ],
)  # fmt: skip
def test_reads_an_age(text, age):
    assert read_age(text) == age


def test_an_unasked_number_needs_to_say_it_is_an_age():
    assert read_age("i was in care for 12 years", expected=False) is None
    assert read_age("luton, im 19", expected=False) == 19


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("is council tax free for me? im 19 and was in luton care", 19), ("19yo care leaver", 19),
        ("im nineteen", 19), ("i turned 18 last month", 18), ("i'm twenty one now", 21),
        ("been in my flat 2 years, im 20", 20), ("im 17 and ive lived with them since i was 11", 17),
        ("im 15 weeks pregnant", None), ("im 3 hours away from luton", None), ("i was 16 when i left", None),
    ],
)  # fmt: skip
def test_an_age_said_in_a_longer_message_is_read_before_other_numbers(text, age):
    assert read_age(text, expected=False) == age


@pytest.mark.parametrize(
    ("text", "council"),
    [
        ("luton", "luton"), ("It was LUTON", "luton"), ("i was in care in bedford", "bedford"),
        ("manchester city council", "manchester"), ("central beds", "central_bedfordshire"),
        ("blackpool", "blackpool"), ("another council", OTHER), ("not luton", OTHER),
        ("i was in care in luton but live in bedford now", "luton"), ("hello", None), ("19", None),
        ("is council tax free for me? im 19 and was in luton care", "luton"), ("im 19 from preston", "lancashire"),
    ],
)  # fmt: skip
def test_finds_the_council_named(text, council):
    found = find_council(KB, text, home_council="luton")
    assert (found.council_id if found else None) == council
