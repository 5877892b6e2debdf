"""Council tax: exempt while a Luton care leaver under the age limit; otherwise say what to do instead."""

import pytest

from knowledge import council_tax_answer, get_knowledge
from knowledge.council_tax import council_tax_outcome

KB = get_knowledge()
LIMIT = KB.council("luton").topics["council_tax"].values["exempt_to_age"]
PAYABLE_FROM = KB.national.topics["council_tax"].values["payable_from_age"]


@pytest.mark.parametrize(
    ("age", "outcome"),
    [(PAYABLE_FROM - 1, "under_age"), (PAYABLE_FROM, "eligible"), (LIMIT - 1, "eligible"), (LIMIT, "too_old")],
)
def test_luton_care_leaver_outcome_by_age(age, outcome):
    assert council_tax_outcome(KB, "luton", "luton", age) == outcome


def test_eligible_answer_says_yes_with_the_limit_and_how_to_apply():
    text = council_tax_answer(KB, "luton", "luton", LIMIT - 3).text
    assert text.startswith("Yes.")
    assert str(LIMIT) in text and "personal adviser helps you apply" in text
    assert "From Luton's Local Offer, checked" in text


def test_too_old_answer_says_no():
    text = council_tax_answer(KB, "luton", "luton", LIMIT + 1).text
    assert text.startswith("No")
    assert str(LIMIT) in text


@pytest.mark.parametrize("other", ["bedford", "other"])
def test_other_councils_care_leavers_are_told_to_ask_their_own_council(other):
    reply = council_tax_answer(KB, "luton", other, None)
    assert "doesn't cover care leavers from other areas" in reply.text
    assert "Ask the council that looked after you" in reply.text
    assert reply.payload()["topic"] == "council_tax"


def test_age_is_needed_for_the_councils_own_care_leavers():
    with pytest.raises(ValueError):
        council_tax_outcome(KB, "luton", "luton", None)
