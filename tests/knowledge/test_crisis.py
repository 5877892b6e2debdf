"""The crisis detector reads messy text, keeps near misses quiet, and its replies put 999 first where it matters."""

from datetime import datetime, timezone

import pytest

from knowledge import load_knowledge
from knowledge.contact_answers import crisis_answer, safe_reply
from knowledge.crisis import detect_crisis

KB = load_knowledge()
NIGHT = datetime(2026, 11, 28, 23, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I WANT TO KILL MYSELF", "suicide_self_harm"),  # capitals
        ("i want to kil myself", "suicide_self_harm"),  # typo
        ("i want to diiiieee", "suicide_self_harm"),  # repeated letters
        ("wanna kms rn", "suicide_self_harm"),  # text-speak
        ("i dont want to be alive anymore", "suicide_self_harm"),  # missing apostrophe
        ("i don\u2019t want to be alive anymore", "suicide_self_harm"),  # curly apostrophe
        ("💊💊 how many would it take", "suicide_self_harm"),  # emoji
        ("whats the point anymore", "suicide_self_harm"),  # indirect
        ("my boyfriend hits me", "abuse_violence"),
        ("i have nowhere to sleep tonight", "homeless_tonight"),
        ("no food and no money today", "no_food_or_money"),
        ("i dont feel safe here", "unsafe_or_missing"),
        ("my friend is unconscious", "medical_emergency"),
    ],
)
def test_detects_crisis_in_messy_text(text, category):
    signal = detect_crisis(KB, text)
    assert signal is not None and signal.category == category


@pytest.mark.parametrize(
    "text",
    [
        "council tax is killing me lol",
        "my phone died",
        "dying to know if i get a bursary",
        "i used to self harm but im doing much better now",
        "i was homeless 2 years ago but im fine now",
        "my parcel went missing",
        "",
        "😂😂😂",
    ],
)
def test_near_misses_do_not_raise_an_alarm(text):
    assert detect_crisis(KB, text) is None


def test_the_safe_word_alone_brings_up_emergency_contacts():
    signal = detect_crisis(KB, f"  {KB.crisis.safe_word.upper()} ")
    assert signal is not None and signal.category == "safe_word"
    text = crisis_answer(KB, "luton", NIGHT, signal.category).text
    assert all(KB.national.services[k].name in text for k in KB.national.crisis_lines if k != "emergency")


def test_life_at_risk_puts_999_first():
    text = crisis_answer(KB, "luton", NIGHT, "suicide_self_harm").text
    assert text.index("999") < text.index(KB.national.services["samaritans"].phone)
    assert KB.national.services["shout"].text in text
    assert text.splitlines()[-2].startswith("Next step:")


def test_nowhere_to_sleep_gives_the_out_of_hours_route_and_what_to_say():
    luton = KB.council("luton")
    text = crisis_answer(KB, "luton", NIGHT, "homeless_tonight").text
    assert luton.contacts["edt"].phone in text
    assert KB.crisis.categories["homeless_tonight"].script in text
    assert "Next step:" in text


def test_safe_reply_needs_only_knowledge_and_names_who_to_call_now():
    text = safe_reply(KB, "luton", NIGHT).text
    assert "something went wrong" in text
    assert KB.council("luton").contacts["edt"].phone in text
    assert "999" in text and KB.national.services["samaritans"].phone in text
