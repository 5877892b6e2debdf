"""Every council: its own figures, towns in free text, switching council, a council we do not cover."""

import pytest

from knowledge import load_knowledge
from knowledge.templates import council_context, render

KB = load_knowledge()


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def key_fact(council_id: str, topic: str) -> str:
    council = KB.council(council_id)
    return render(council.topics[topic].points[0].text, council_context(KB.national, council, topic))


def first_text(replies: list[dict]) -> str:
    return next(r["text"] for r in replies if r.get("text"))


@pytest.mark.parametrize("council_id", sorted(KB.councils))
@pytest.mark.parametrize("topic,question", [("setting_up_home", "how much is the setting up home grant"),
                                            ("special_occasions", "do i get birthday money")])  # fmt: skip
def test_the_same_question_is_answered_with_each_councils_own_figures(stack, council_id, topic, question):
    sender = f"each-{council_id}-{topic}"
    stack.say(sender, f'/inform{{"council":"{council_id}"}}')
    answer = first_text(stack.say(sender, question))
    name = KB.council(council_id).council.short_name
    assert name in answer, "the answer says which council it is about"
    if topic in KB.council(council_id).topics:
        assert answer.startswith(key_fact(council_id, topic))
    else:
        assert "doesn't say anything about" in answer
    for other in KB.councils:
        if other != council_id and topic in KB.council(other).topics:
            assert key_fact(other, topic) not in answer, "never another council's figure"


def test_a_widget_can_set_its_council(stack):
    replies = stack.say_with("widget-lancs", "how much is the setting up home grant", {"council": "lancashire"})
    assert first_text(replies).startswith(key_fact("lancashire", "setting_up_home"))


def test_towns_in_free_text_pick_the_council(stack):
    answer = first_text(stack.say("town-user", "im from leighton buzzard, can i get a council flat"))
    assert "Central Bedfordshire" in answer


def test_switching_council_mid_conversation(stack):
    stack.say("switch-user", "i was in care in luton")
    luton = first_text(stack.say("switch-user", "do i get birthday money"))
    assert luton.startswith(key_fact("luton", "special_occasions"))
    stack.say("switch-user", "sorry it was lancashire")
    lancashire = first_text(stack.say("switch-user", "do i get birthday money"))
    assert lancashire.startswith(key_fact("lancashire", "special_occasions"))


@pytest.mark.parametrize("place,name", [("kent", "Kent County Council"), ("blackpool", "Blackpool Council")])
def test_a_council_we_do_not_cover_gets_an_honest_answer_and_the_national_rights(stack, place, name):
    sender = f"uncovered-{place}"
    stack.say(sender, f"i was in care in {place}")
    answer = first_text(stack.say(sender, "how much is the setting up home grant"))
    assert f"I don't have {name}'s local offer yet" in answer
    assert "Everywhere in England" in answer
    assert KB.national.services["become"].phone in answer


def test_lancashires_grant_applies_wherever_its_care_leavers_live(stack):
    sender = "cross-lancs"
    stack.say(sender, "do i have to pay council tax")
    stack.say(sender, "lancashire")
    answer = first_text(stack.say(sender, "20"))
    assert answer.startswith("Yes")
    assert "wherever" in answer


def council_tax_reply(council_id: str, key: str) -> str:
    council = KB.council(council_id)
    return render(council.topics["council_tax"].outcomes[key], council_context(KB.national, council, "council_tax"))


def test_lutons_exemption_does_not_follow_its_care_leavers_to_lancashire(stack):
    sender = "cross-luton"
    metadata = {"council": "lancashire"}
    stack.say_with(sender, "do i have to pay council tax", metadata)
    answer = first_text(stack.say_with(sender, "luton", metadata))
    assert "How old" not in answer
    assert answer.startswith(council_tax_reply("luton", "elsewhere"))
    assert council_tax_reply("lancashire", "other_council") in answer


def test_a_luton_care_leaver_in_central_bedfordshire_is_told_lutons_rule_and_who_to_ask_there(stack):
    sender = "cross-luton-cb"
    metadata = {"council": "central_bedfordshire"}
    stack.say_with(sender, "am i exempt from council tax", metadata)
    answer = first_text(stack.say_with(sender, "luton", metadata))
    assert "doesn't say anything about council tax" not in answer.splitlines()[0]
    assert answer.startswith(council_tax_reply("luton", "elsewhere"))
    assert KB.council("central_bedfordshire").contacts["council_tax"].phone in answer
