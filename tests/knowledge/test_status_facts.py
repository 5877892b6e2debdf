"""Reading the status checker's facts from what people type."""

import pytest

from knowledge.status_checker import UNSURE, Question
from knowledge.status_facts import read_status_facts


def test_age_and_a_span_in_care_at_once():
    facts = read_status_facts("im 19, i was in foster care from when i was 14 until i turned 18")
    assert facts == {"status_age": 19, "care_from_age": 14, "care_to_age": 18, "in_care_now": False}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i was in care between 15 and 17", {"care_from_age": 15, "care_to_age": 17, "in_care_now": False}),
        ("left care at 17", {"care_to_age": 17, "in_care_now": False}),
        ("i'm 16 and still in care since i was 14", {"status_age": 16, "care_from_age": 14, "in_care_now": True}),
        ("i have a special guardianship order", {"special_guardianship": True}),
        ("i was privately fostered", {"privately_fostered": True}),
    ],
)
def test_facts_said_in_passing(text, expected):
    assert read_status_facts(text) == expected


def test_the_leaving_age_is_not_taken_for_the_age_now():
    facts = read_status_facts("i left care when i turned 18, im 20 now")
    assert facts["status_age"] == 20 and facts["care_to_age"] == 18


def test_a_correction_changes_the_last_past_age_given():
    known = {"status_age": 19, "care_from_age": 14, "care_to_age": 18}
    assert read_status_facts("actually I was 15", known=known) == {"care_to_age": 15, "in_care_now": False}
    assert read_status_facts("actually im 17", known=known) == {"status_age": 17}


@pytest.mark.parametrize(("text", "answer"), [("yes", True), ("nah", False), ("not sure", UNSURE), ("idk", UNSURE)])
def test_a_yes_or_no_answers_the_question_asked(text, answer):
    assert read_status_facts(text, asked=Question.THIRTEEN_WEEKS.value) == {"care_13_weeks": answer}


def test_a_bare_number_answers_the_age_question_only():
    assert read_status_facts("19", asked=Question.AGE.value) == {"status_age": 19}
    assert read_status_facts("19", asked=Question.IN_CARE_NOW.value) == {}


def test_nothing_is_guessed_from_an_unrelated_message():
    assert read_status_facts("how do i get my care file") == {}
