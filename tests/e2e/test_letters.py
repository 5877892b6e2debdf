"""Asking the real assistant for a letter gets the letter, for the council the channel names."""

from knowledge import load_knowledge
from knowledge.letters import write_letter

KB = load_knowledge()


def letters(replies: list[dict]) -> list[dict]:
    return [r["custom"]["letter"] for r in replies if "letter" in r.get("custom", {})]


def test_asking_for_a_care_file_letter_gets_it(stack):
    replies = stack.say("letter-user", "can you write me a letter to get my care file")
    [letter] = letters(replies)
    assert letter["text"] == write_letter(KB, "luton", "care_file").text
    assert letter["filename"] == "luton-care-file.txt"


def test_a_widget_set_up_for_lancashire_gets_lancashires_complaint_letter(stack):
    replies = stack.say_with("letter-lancs", "template letter complaint", {"council": "lancashire"})
    [letter] = letters(replies)
    assert letter["text"] == write_letter(KB, "lancashire", "complaints").text


def test_the_council_tax_answer_offers_the_letter_for_the_council_that_looked_after_them(stack):
    first = stack.say("letter-ct", "am i exempt from council tax")
    (question,) = [r for r in first if r.get("buttons")]
    lancashire = next(b for b in question["buttons"] if b["title"] == "Lancashire")
    stack.say("letter-ct", lancashire["payload"])
    answer = stack.say("letter-ct", "19")
    [offer] = [b for r in answer for b in r.get("buttons") or []]
    assert offer["title"] == KB.letters.letters["council_tax"].button
    [letter] = letters(stack.say("letter-ct", offer["payload"]))
    assert letter["text"] == write_letter(KB, "lancashire", "council_tax").text
