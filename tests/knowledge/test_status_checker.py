"""The care leaver status checker: each status, the next question when facts are missing, and 'not sure'."""

import pytest

from knowledge import load_knowledge
from knowledge.status_answer import question_buttons, question_text, status_answer
from knowledge.status_checker import UNSURE, Decision, Facts, Limits, Question, Status, decide

KB = load_knowledge()
LIMITS = Limits.of(KB)
CHILD = LIMITS.leaving_care_from + 1  # 17
ADULT = LIMITS.adult_at + 1  # 19
PAST_QUALIFYING = LIMITS.qualifying_to + 1  # 22


def status(**facts) -> Status | None:
    return decide(Facts(**facts), LIMITS).status


def question(**facts) -> Question | None:
    return decide(Facts(**facts), LIMITS).question


def test_eligible_in_care_now_with_13_weeks():
    assert status(status_age=CHILD, in_care_now=True, care_13_weeks=True) is Status.ELIGIBLE


def test_in_care_without_13_weeks_is_not_yet_a_care_leaver():
    assert status(status_age=CHILD, in_care_now=True, care_13_weeks=False) is Status.IN_CARE


def test_relevant_left_care_at_16_or_17_with_13_weeks():
    assert status(status_age=CHILD, care_from_age=14, care_to_age=CHILD) is Status.RELEVANT


def test_relevant_when_in_custody_or_hospital_at_16_after_care():
    facts = dict(status_age=CHILD, in_care_now=False, care_at_16=False, care_13_weeks=True)
    assert question(**facts) is Question.CUSTODY_OR_HOSPITAL
    assert status(**facts, custody_or_hospital=True) is Status.RELEVANT


def test_former_relevant_from_14_until_18():
    assert status(status_age=ADULT, care_from_age=14, care_to_age=LIMITS.adult_at) is Status.FORMER_RELEVANT


def test_qualifying_in_care_after_16_for_less_than_13_weeks():
    assert status(status_age=ADULT, care_at_16=True, care_13_weeks=False) is Status.QUALIFYING


@pytest.mark.parametrize("way", ["special_guardianship", "privately_fostered"])
def test_qualifying_by_special_guardianship_or_private_fostering(way):
    facts = {"status_age": CHILD, "in_care_now": False, "care_at_16": False, "care_13_weeks": False}
    if way == "privately_fostered":
        facts["special_guardianship"] = False
    assert status(**facts, **{way: True}) is Status.QUALIFYING


def test_qualifying_past_21_only_in_full_time_education():
    facts = dict(status_age=PAST_QUALIFYING, care_at_16=True, care_13_weeks=False)
    assert question(**facts) is Question.EDUCATION
    assert status(**facts, full_time_education=True) is Status.QUALIFYING
    assert status(**facts, full_time_education=False) is Status.TOO_OLD


def test_no_status_without_care_at_16_guardianship_or_private_fostering():
    facts = dict(status_age=ADULT, care_at_16=False, care_13_weeks=False)
    assert status(**facts, special_guardianship=False, privately_fostered=False) is Status.NONE


def test_ages_outside_the_statuses():
    assert status(status_age=LIMITS.leaving_care_from - 1) is Status.TOO_YOUNG
    assert status(status_age=LIMITS.support_to + 1) is Status.TOO_OLD


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({}, Question.AGE),
        ({"status_age": CHILD}, Question.IN_CARE_NOW),
        ({"status_age": CHILD, "in_care_now": True}, Question.THIRTEEN_WEEKS),
        ({"status_age": ADULT}, Question.CARE_AT_16),
        ({"status_age": ADULT, "care_at_16": True}, Question.THIRTEEN_WEEKS),
        ({"status_age": ADULT, "care_at_16": False, "care_13_weeks": False}, Question.SPECIAL_GUARDIANSHIP),
    ],
)
def test_asks_one_question_at_a_time_for_what_is_missing(facts, expected):
    decision = decide(Facts(**facts), LIMITS)
    assert decision == Decision(question=expected)


def test_a_short_spell_leaves_the_13_weeks_to_be_asked():
    assert question(status_age=CHILD, care_from_age=CHILD - 1, care_to_age=CHILD) is Question.THIRTEEN_WEEKS


def test_not_sure_says_what_is_missing():
    decision = decide(Facts(status_age=ADULT, care_at_16=True, care_13_weeks=UNSURE), LIMITS)
    assert decision.status is None and decision.missing == (Question.THIRTEEN_WEEKS,)
    reply = status_answer(KB, "luton", decision).text
    assert "can't tell" in reply and f"{LIMITS.weeks} weeks" in reply
    assert KB.council("luton").contacts["leaving_care"].phone in reply


@pytest.mark.parametrize("council_id", sorted(KB.councils))
@pytest.mark.parametrize("decided", [Status.ELIGIBLE, Status.RELEVANT, Status.FORMER_RELEVANT, Status.QUALIFYING])
def test_the_result_names_only_the_status_decided_with_what_it_means(council_id, decided):
    reply = status_answer(KB, council_id, Decision(decided))
    names = {"eligible": "an eligible", "relevant": "a relevant", "former_relevant": "a former relevant",
             "qualifying": "a qualifying"}  # fmt: skip
    assert f"you're {names[decided.value]} care leaver" in reply.text
    others = [n for key, n in names.items() if key != decided.value]
    assert not any(f"you're {other} care leaver" in reply.text for other in others)
    assert "PA can confirm" in reply.text and "Everywhere in England:" in reply.text
    assert reply.payload()["topic"] == "legal_status" and reply.sources
    ask = KB.council(council_id).topics.get("legal_status")
    contact = KB.council(council_id).contacts[ask.ask if ask and ask.ask else "leaving_care"]
    assert (contact.phone or contact.email) in reply.text


def test_former_relevant_result_gives_pa_to_25_bursary_and_housing():
    text = status_answer(KB, "lancashire", Decision(Status.FORMER_RELEVANT)).text
    assert f"until you turn {LIMITS.support_to}" in text
    assert "higher education bursary" in text and "priority need" in text
    assert "In Lancashire:" in text


def test_every_question_is_answerable_in_a_word_or_a_button():
    for asked in Question:
        assert "?" in question_text(asked, LIMITS)
        titles = [title for title, _ in question_buttons(asked)]
        assert titles == ([] if asked is Question.AGE else ["Yes", "No", "Not sure"])
