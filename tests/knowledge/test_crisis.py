"""The crisis detector reads messy text, keeps near misses quiet, and its replies put 999 first where it matters."""

from datetime import datetime, timezone

import pytest

from knowledge import load_knowledge
from knowledge.checks import check_crisis
from knowledge.contact_answers import crisis_answer, safe_reply
from knowledge.crisis import detect_crisis, says_not_a_crisis

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
        ("whats the point anymore", "distress"),  # struggling, not clearly a crisis
        ("everyone would be better off without me", "suicide_self_harm"),  # indirect
        ("i give up", "suicide_self_harm"),  # indirect
        ("no point being here", "suicide_self_harm"),  # indirect
        ("im done", "distress"),
        ("i took 20 paracetamol an hour ago", "medical_emergency"),
        ("took 37 of my tablets", "medical_emergency"),  # any number
        ("my little brother drank bleach", "medical_emergency"),
        ("my partner strangled me last night", "domestic_abuse"),
        ("they make me carry packages to other towns cos i owe them", "exploitation"),
        ("he says i have to sleep with his mates because i owe him", "sexual_exploitation"),
        ("im 17 and my foster carer told me not to come back tonight", "child_told_to_leave"),
        ("my boyfriend hits me", "domestic_abuse"),
        ("my stepdad hits me", "abuse_violence"),
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
        "how many paracetamol can i take in a day",
        "whats the point of a pathway plan",
        "my boyfriend threw me a surprise party",
        "my PA made me carry all the boxes to my new flat",
        "im 17, when do i have to leave my placement",
        "my mate is cooking tonight",
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


def test_an_overdose_is_told_to_call_999_now_even_if_they_feel_fine():
    message = "i took 20 paracetamol an hour ago"
    answer = crisis_answer(KB, "luton", NIGHT, detect_crisis(KB, message).category)
    emergency, nhs_111 = (KB.national.services[k].phone for k in ("emergency", "nhs_111"))
    first = answer.text.splitlines()[0]
    assert first.startswith(f"Call {emergency} now") and "A&E" in first
    assert "even if you feel fine" in answer.text
    assert f"If it's not an emergency, call {nhs_111}" in answer.text
    assert answer.text.index(emergency) < answer.text.index(nhs_111)
    assert any(".nhs.uk/" in (s.url or "") for s in answer.sources)


@pytest.mark.parametrize("category", sorted(KB.crisis.categories))
def test_every_crisis_reply_says_what_to_do_now_and_carries_its_category(category):
    answer = crisis_answer(KB, "lancashire", NIGHT, category)
    assert answer.payload()["topic"] == "crisis" and answer.payload()["category"] == category
    assert answer.text.splitlines()[-2].startswith("Next step: ")
    assert KB.council("lancashire").contacts["edt"].phone in answer.text
    if KB.crisis.categories[category].life_at_risk:
        assert KB.national.services["emergency"].phone in answer.text.splitlines()[0]


def test_domestic_abuse_gives_the_national_helpline():
    text = crisis_answer(KB, "luton", NIGHT, "domestic_abuse").text
    assert KB.national.services["domestic_abuse_helpline"].phone in text


def test_distress_asks_if_they_are_safe_with_samaritans_and_999_not_a_goodbye():
    text = crisis_answer(KB, "central_bedfordshire", NIGHT, detect_crisis(KB, "cant do this anymore").category).text
    assert "Are you safe right now?" in text.splitlines()[0]
    assert KB.national.services["samaritans"].phone in text and KB.national.services["emergency"].phone in text
    assert "Take care" not in text


def test_a_pattern_with_the_end_of_message_as_an_alternative_is_refused():
    category = KB.crisis.categories["distress"]
    broken = category.copy(update={"patterns": ["i_am_done $|i_am_so_done"]})
    crisis = KB.crisis.copy(update={"categories": {"distress": broken}})
    assert any("never as one of the alternatives" in p for p in check_crisis("crisis.yaml", crisis, KB.national))


def test_the_age_in_the_message_makes_nowhere_to_sleep_a_child_told_to_leave():
    assert detect_crisis(KB, "got nowhere to sleep tonight").category == "homeless_tonight"
    assert detect_crisis(KB, "got nowhere to sleep tonight and im 17").category == "child_told_to_leave"


def test_a_figure_of_speech_sets_aside_only_a_guess_never_a_pattern():
    assert says_not_a_crisis(KB, "i really shot myself in the foot with that missed appointment")
    assert not says_not_a_crisis(KB, "i want to end it all")


def test_a_crisis_no_pattern_named_is_answered_with_every_line_as_unspecified():
    answer = crisis_answer(KB, "luton", NIGHT)
    assert answer.category == "unspecified"
    assert KB.national.services["emergency"].phone in answer.text
