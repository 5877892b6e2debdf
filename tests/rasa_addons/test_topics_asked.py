"""The topics a message asks about, recorded on the message, and the intent that answers them."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge import load_knowledge
from rasa_addons.topics_asked import TOPICS_ASKED, settle_topics

KB = load_knowledge()


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    ranks = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={TEXT: text})
    message.set(INTENT, ranks[0])
    message.set(INTENT_RANKING_KEY, ranks)
    settle_topics(KB, message)
    return message


def test_two_close_topics_sent_to_the_fallback_become_both_in_the_order_asked():
    ranking = [("nlu_fallback", 0.7), ("ask_driving", 0.41), ("ask_id_documents", 0.39), ("ask_money", 0.1)]
    message = classified("help with driving lessons and my passport", ranking)
    assert message.get(TOPICS_ASKED) == ["driving", "id_documents"]
    assert message.get(INTENT)["name"] == "ask_driving"
    assert "nlu_fallback" not in [r["name"] for r in message.get(INTENT_RANKING_KEY)]


def test_council_tax_among_the_topics_starts_its_questions_whatever_its_place():
    ranking = [("ask_leisure", 0.45), ("ask_council_tax", 0.44), ("ask_money", 0.05)]
    message = classified("the gym, and council tax", ranking)
    assert message.get(TOPICS_ASKED) == ["leisure", "council_tax"]
    assert message.get(INTENT)["name"] == "ask_council_tax"


def test_a_confident_single_topic_is_left_alone():
    ranking = [("ask_leisure", 0.9), ("ask_money", 0.05), ("ask_housing", 0.02)]
    message = classified("a grant for the gym", ranking)
    assert message.get(TOPICS_ASKED) is None and message.get(INTENT)["name"] == "ask_leisure"


def test_an_intent_that_is_not_a_topic_is_left_alone():
    ranking = [("contact_pa", 0.6), ("ask_leisure", 0.2), ("ask_council_tax", 0.1)]
    message = classified("the gym and council tax, who do i ring", ranking)
    assert message.get(INTENT)["name"] == "contact_pa"


def test_a_question_the_classifier_could_not_settle_gets_the_one_topic_it_names():
    ranking = [("nlu_fallback", 0.7), ("ask_council_tax", 0.35), ("inform", 0.33)]
    message = classified("is council tax free for me? im 19 and was in luton care", ranking)
    assert message.get(INTENT)["name"] == "ask_council_tax"
