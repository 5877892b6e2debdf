"""The topic vocabulary: the topics a message names, in order, and a bad vocabulary file refused."""

from knowledge import load_knowledge
from knowledge.vocabulary import asks, plain_words, topics_asked, topics_named
from tests.knowledge.test_loader import problems_after

PHRASES = load_knowledge().vocabulary.topics


def test_two_topics_are_named_in_the_order_they_are_asked():
    assert topics_named(PHRASES, "two things - the gym and council tax") == ["leisure", "council_tax"]


def test_slang_and_punctuation_still_name_the_topic():
    assert topics_named(PHRASES, "cnt afford CTAX rn!!") == ["council_tax"]
    assert plain_words("Don't know, my P.A.") == "dont know my p a"


def test_a_phrase_must_be_a_whole_word():
    assert "driving" not in topics_named(PHRASES, "my cbtx app crashed")


def test_an_unknown_topic_is_refused_naming_the_field(data_dir):
    shown = problems_after(data_dir, "vocabulary.yaml", lambda d: d["topics"].update(gym_membership=["the gym"]))
    assert "vocabulary.yaml: topics.gym_membership: unknown topic 'gym_membership'" in shown


def test_a_phrase_in_two_topics_is_refused(data_dir):
    shown = problems_after(data_dir, "vocabulary.yaml", lambda d: d["topics"]["leisure"].append("council tax"))
    assert "'council tax' is also a phrase of council_tax" in shown


def test_a_phrase_with_capitals_or_punctuation_is_refused(data_dir):
    shown = problems_after(data_dir, "vocabulary.yaml", lambda d: d["topics"]["leisure"].append("Gym!"))
    assert "write 'Gym!' in lower case" in shown


def test_a_phrase_inside_a_longer_phrase_of_another_topic_does_not_count():
    assert topics_named(PHRASES, "how much is the setting up home grant") == ["setting_up_home"]


def test_topics_asked_are_those_named_that_the_classifier_finds_likely_in_the_order_named():
    ranked = ["council_tax", "leisure", "housing", "money", "driving"]
    assert topics_asked(PHRASES, "quick one about the gym, and also council tax", ranked) == ["leisure", "council_tax"]
    assert topics_asked(PHRASES, "the gym and my driving test", ranked) == ["leisure"]


def test_one_topic_named_alone_must_be_among_the_classifiers_first_two():
    assert topics_asked(PHRASES, "is there a free gym", ["housing", "leisure"]) == ["leisure"]
    assert topics_asked(PHRASES, "is there a free gym", ["housing", "money", "leisure"]) == []


def test_in_a_story_then_a_question_the_topic_asked_comes_before_the_topics_told():
    story = "the council placed me in a flat with black mould and my pa says its not them. how do i complain"
    assert topics_named(PHRASES, story)[0] == "complaints"


def test_two_questions_keep_their_order():
    both = "do i need a gp letter? and how do i get my driving licence"
    assert topics_named(PHRASES, both) == ["health", "driving"]
    assert asks("can i get a bus pass") and asks("i dont get how any of it works") and not asks("i moved in march.")


def test_a_question_after_a_comma_comes_before_the_story_told_before_it():
    story = "staff at my supported housing keep going in my room, where do i complain about that"
    assert topics_named(PHRASES, story) == ["complaints", "housing"]


def test_a_question_after_a_comma_that_names_no_topic_asks_about_the_story():
    told = "i want to see my care file; could you explain how. also is there a gym discount?"
    assert topics_named(PHRASES, told) == ["care_file", "leisure"]


def test_a_list_of_topics_before_a_question_keeps_its_order():
    assert topics_named(PHRASES, "council tax, and can i get the gym free?") == ["council_tax", "leisure"]
