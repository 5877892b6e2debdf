"""The held-out score: macro-F1 over the intents people asked, a fallback counted as a miss."""

from scripts.nlu_score import macro_f1

GOLD = ["ask_housing", "ask_housing", "ask_council_tax", "crisis"]


def test_every_intent_right_scores_one():
    score, per_intent = macro_f1(GOLD, GOLD)
    assert score == 1.0 and set(per_intent) == set(GOLD)


def test_a_fallback_is_a_miss_for_the_intent_asked_and_lowers_the_average():
    predicted = ["ask_housing", "ask_housing", "nlu_fallback", "crisis"]
    score, per_intent = macro_f1(GOLD, predicted)
    assert per_intent["ask_council_tax"] == 0.0
    assert per_intent["ask_housing"] == per_intent["crisis"] == 1.0
    assert "nlu_fallback" not in per_intent
    assert score == sum(per_intent.values()) / len(per_intent)


def test_a_wrong_intent_costs_both_the_intent_asked_and_the_one_given():
    predicted = ["ask_housing", "ask_council_tax", "ask_council_tax", "crisis"]
    _, per_intent = macro_f1(GOLD, predicted)
    assert 0.0 < per_intent["ask_housing"] < 1.0 and 0.0 < per_intent["ask_council_tax"] < 1.0
