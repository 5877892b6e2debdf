"""Council tax: the rule of the council that looked after them, what it means where they live, who to ask there."""

import re
from itertools import product

import pytest

from knowledge import OTHER, council_tax_answer, load_knowledge
from knowledge.council_tax import TAX_TEAM, decide, needs_age
from knowledge.tax_outcomes import Outcome
from knowledge.templates import council_context, render

KB = load_knowledge()
LIMIT = KB.council("luton").topics["council_tax"].values["exempt_to_age"]
PAYABLE_FROM = KB.national.topics["council_tax"].values["payable_from_age"]
COVERED = sorted(KB.councils)
SOMEWHERE_ELSE = "kent"  # a council in the register that we have no file for
PLACES = [*COVERED, SOMEWHERE_ELSE]
PHONE = re.compile(r"\b0\d{3} ?\d{3} ?\d{4}\b|\b0\d{4} ?\d{6}\b")


def age_for(lives_in, looked_after_by):
    if not needs_age(KB, lives_in, looked_after_by):
        return None
    return KB.council(looked_after_by).topics["council_tax"].values["exempt_to_age"] - 2


def reply_of(council_id, key, **extra):
    council = KB.council(council_id)
    context = council_context(KB.national, council, "council_tax", extra=list(extra.items()))
    return render(council.topics["council_tax"].outcomes[key], context)


def numbers_of(council_id):
    return {c.phone for c in KB.council(council_id).contacts.values() if c.phone}


@pytest.mark.parametrize(
    ("age", "outcome"),
    [
        (PAYABLE_FROM - 1, Outcome.UNDER_AGE),
        (PAYABLE_FROM, Outcome.ELIGIBLE),
        (LIMIT - 1, Outcome.ELIGIBLE),
        (LIMIT, Outcome.TOO_OLD),
    ],
)
def test_luton_care_leaver_outcome_by_age(age, outcome):
    assert decide(KB, "luton", "luton", age).outcome is outcome


def test_eligible_answer_says_yes_with_the_limit_and_how_to_apply():
    text = council_tax_answer(KB, "luton", "luton", LIMIT - 3).text
    assert text.startswith("Yes.")
    assert str(LIMIT) in text and "personal adviser helps you apply" in text
    assert "From Luton's Local Offer, checked" in text


def test_too_old_answer_says_no():
    text = council_tax_answer(KB, "luton", "luton", LIMIT + 1).text
    assert text.startswith("No")
    assert str(LIMIT) in text


def test_age_is_needed_for_the_councils_own_care_leavers():
    with pytest.raises(ValueError):
        decide(KB, "luton", "luton", None)


def test_a_luton_care_leaver_in_central_bedfordshire_hears_lutons_rule_and_who_to_ask_there():
    reply = council_tax_answer(KB, "central_bedfordshire", "luton", None)
    assert "doesn't say anything" not in reply.text
    assert reply.text.startswith(reply_of("luton", "elsewhere"))
    assert str(LIMIT) in reply.text and "while you live in Luton" in reply.text
    team = KB.council("central_bedfordshire").contacts[TAX_TEAM]
    assert f"Central Bedfordshire's {team.name}" in reply.text and team.phone in reply.text
    assert KB.council("luton").contacts["leaving_care"].phone in reply.text
    assert any("council tax" in source.short for source in reply.sources if "Central Bedfordshire" in source.short)


def test_lancashires_grant_follows_its_care_leavers_anywhere():
    limit = KB.council("lancashire").topics["council_tax"].values["exempt_to_age"]
    decision = decide(KB, "luton", "lancashire", limit - 5)
    assert (decision.council_id, decision.outcome) == ("lancashire", Outcome.ELIGIBLE)


def test_lutons_exemption_does_not_follow_its_care_leavers_elsewhere():
    decision = decide(KB, "lancashire", "luton", None)
    assert (decision.council_id, decision.outcome) == ("luton", Outcome.ELSEWHERE)
    text = council_tax_answer(KB, "lancashire", "luton", None).text
    assert reply_of("lancashire", "other_council") in text
    assert "district council" in text


def test_a_silent_offer_is_said_to_be_silent():
    assert decide(KB, "central_bedfordshire", "central_bedfordshire", None).outcome is Outcome.SILENT
    text = council_tax_answer(KB, "central_bedfordshire", "central_bedfordshire", None).text
    assert "Central Bedfordshire's offer for care leavers doesn't say anything about council tax" in text


@pytest.mark.parametrize("other", ["bedford", OTHER, "manchester"])
def test_other_councils_care_leavers_living_in_luton_are_told_lutons_exemption_is_not_theirs(other):
    reply = council_tax_answer(KB, "luton", other, None)
    assert reply_of("luton", "other_council") in reply.text
    assert KB.national.services["become"].phone in reply.text
    assert reply.payload()["topic"] == "council_tax"


@pytest.mark.parametrize(("looked_after_by", "lives_in"), list(product([*COVERED, OTHER], PLACES)))
def test_every_pair_of_councils_gets_the_rule_what_it_means_there_and_who_to_ask(looked_after_by, lives_in):
    reply = council_tax_answer(KB, lives_in, looked_after_by, age_for(lives_in, looked_after_by))
    text = reply.text
    rule = KB.councils[looked_after_by].topics.get("council_tax") if looked_after_by in KB.councils else None
    follows = needs_age(KB, lives_in, looked_after_by)
    # The rule of the council that looked after them, in its own words.
    if looked_after_by not in KB.councils:
        assert text.startswith("I don't have your council's local offer yet")
    elif rule is None:
        assert text.startswith(f"{KB.council(looked_after_by).council.short_name}'s offer for care leavers doesn't")
    elif follows:
        assert text.startswith(reply_of(looked_after_by, "eligible", age=age_for(lives_in, looked_after_by)))
    else:
        assert text.startswith(reply_of(looked_after_by, "elsewhere"))
    # What it means where they live, when the rule does not settle it.
    if not follows and lives_in != looked_after_by and lives_in in KB.councils:
        if "council_tax" in KB.council(lives_in).topics:
            assert reply_of(lives_in, "other_council") in text
        else:
            assert f"Where you live, {KB.council(lives_in).council.short_name}'s offer" in text
    # Who to ask where they live, with the number where we have it, and no third council's numbers.
    if lives_in in KB.councils and TAX_TEAM in KB.council(lives_in).contacts and lives_in != looked_after_by:
        assert KB.council(lives_in).contacts[TAX_TEAM].phone in text
    elif lives_in not in KB.councils:
        assert "the council tax team of the council where you live" in text
    involved = {c for c in (looked_after_by, lives_in) if c in KB.councils}
    for third in set(COVERED) - involved:
        assert not (numbers_of(third) - set().union(*(numbers_of(c) for c in involved))) & set(PHONE.findall(text))
    assert text.splitlines()[-1].startswith("From ")


def test_an_uncovered_council_in_an_area_without_a_rule_gets_the_national_answer():
    assert decide(KB, "central_bedfordshire", SOMEWHERE_ELSE, None).outcome is Outcome.UNCOVERED
    text = council_tax_answer(KB, "central_bedfordshire", SOMEWHERE_ELSE, None).text
    assert "I don't have Kent County Council's local offer yet" in text
    assert "Everywhere in England" in text
