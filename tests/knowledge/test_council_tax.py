"""Council tax: exempt while a Luton care leaver under the age limit; otherwise say what to do instead."""

import pytest

from knowledge import council_tax_answer, load_knowledge
from knowledge.council_tax import decide

KB = load_knowledge()
LIMIT = KB.council("luton").topics["council_tax"].values["exempt_to_age"]
PAYABLE_FROM = KB.national.topics["council_tax"].values["payable_from_age"]


@pytest.mark.parametrize(
    ("age", "outcome"),
    [(PAYABLE_FROM - 1, "under_age"), (PAYABLE_FROM, "eligible"), (LIMIT - 1, "eligible"), (LIMIT, "too_old")],
)
def test_luton_care_leaver_outcome_by_age(age, outcome):
    assert decide(KB, "luton", "luton", age).outcome == outcome


def test_eligible_answer_says_yes_with_the_limit_and_how_to_apply():
    text = council_tax_answer(KB, "luton", "luton", LIMIT - 3).text
    assert text.startswith("Yes.")
    assert str(LIMIT) in text and "personal adviser helps you apply" in text
    assert "From Luton's Local Offer, checked" in text


def test_too_old_answer_says_no():
    text = council_tax_answer(KB, "luton", "luton", LIMIT + 1).text
    assert text.startswith("No")
    assert str(LIMIT) in text


@pytest.mark.parametrize("other", ["bedford", "other", "manchester"])
def test_other_councils_care_leavers_are_told_to_ask_their_own_council(other):
    reply = council_tax_answer(KB, "luton", other, None)
    assert "doesn't cover care leavers from other areas" in reply.text
    assert "Ask the council that looked after you" in reply.text
    assert reply.payload()["topic"] == "council_tax"


def test_age_is_needed_for_the_councils_own_care_leavers():
    with pytest.raises(ValueError):
        decide(KB, "luton", "luton", None)


def test_lancashires_grant_follows_its_care_leavers_anywhere():
    limit = KB.council("lancashire").topics["council_tax"].values["exempt_to_age"]
    decision = decide(KB, "luton", "lancashire", limit - 5)
    assert (decision.council_id, decision.outcome) == ("lancashire", "eligible")


def test_lutons_exemption_does_not_follow_its_care_leavers_elsewhere():
    decision = decide(KB, "lancashire", "luton", None)
    assert (decision.council_id, decision.outcome) == ("lancashire", "other_council")


def test_a_silent_offer_is_said_to_be_silent():
    assert decide(KB, "central_bedfordshire", "central_bedfordshire", None).outcome == "silent"
    text = council_tax_answer(KB, "central_bedfordshire", "central_bedfordshire", None).text
    assert "Central Bedfordshire's offer for care leavers doesn't say anything about council tax" in text


def test_an_uncovered_council_in_an_area_without_a_rule_gets_the_national_answer():
    assert decide(KB, "central_bedfordshire", "kent", None).outcome == "uncovered"
    assert (
        "I don't have Kent County Council's local offer yet"
        in council_tax_answer(KB, "central_bedfordshire", "kent", None).text
    )
