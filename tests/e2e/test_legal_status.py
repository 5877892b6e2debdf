"""What kind of care leaver am I, through the real Rasa server and action server."""


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def test_what_was_already_said_gets_the_status_at_once_and_a_correction_changes_it(stack):
    sender = "status-former-relevant"
    assert "How old" in texts(stack.say(sender, "what kind of care leaver am i"))
    answer = texts(stack.say(sender, "im 19, i was in foster care from when i was 14 until i turned 18"))
    assert "you're a former relevant care leaver" in answer and "PA can confirm" in answer
    corrected = texts(stack.say(sender, "actually i was 15"))
    assert "former relevant care leaver" not in corrected
    assert "special guardianship" in corrected


def test_one_question_at_a_time_with_buttons_to_eligible(stack):
    sender = "status-eligible"
    stack.say(sender, "am i even a care leaver")
    asked = stack.say(sender, "17")
    assert "in care now" in texts(asked)
    buttons = [b["title"] for r in asked for b in r.get("buttons", [])]
    assert buttons == ["Yes", "No", "Not sure"]
    assert "13 weeks" in texts(stack.say(sender, "yes"))
    answer = stack.say(sender, "yes")
    assert "you're an eligible care leaver" in texts(answer)
    assert "relevant care leaver" not in texts(answer).split("\n")[0]
