"""The real action server and Rasa server, started by scripts/serve.py, answering over the REST channel."""

import os
import signal
import socket
import time

import httpx
import pytest

from knowledge import load_knowledge
from tests.stack import contact_now, start_stack

KB = load_knowledge()
LUTON = KB.council("luton")
LIMIT = LUTON.topics["council_tax"].values["exempt_to_age"]


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def topics(replies: list[dict]) -> list[str]:
    return [r["custom"]["topic"] for r in replies if "custom" in r]


def test_council_tax_flow_asks_only_what_it_needs_and_can_be_corrected(stack):
    first = stack.say("ct-user", "am i exempt from council tax")
    assert "Which council looked after you" in texts(first)
    (question,) = [r for r in first if r.get("buttons")]
    titles = [b["title"] for b in question["buttons"]]
    assert titles[0] == "Luton" and titles[-1] == "Another council"
    second = stack.say("ct-user", question["buttons"][0]["payload"])
    assert "How old are you" in texts(second)
    third = stack.say("ct-user", "19")
    assert texts(third).startswith("Yes.")
    assert str(LIMIT) in texts(third)
    assert topics(third) == ["council_tax"]
    corrected = stack.say("ct-user", f"actually im {LIMIT + 1}")
    assert "No, not any more" in texts(corrected)
    again = stack.say("ct-user", "do i have to pay council tax")
    assert "No, not any more" in texts(again), "the council and age are remembered"


def test_the_first_council_tax_reply_says_the_rule_then_asks(stack):
    first = stack.say("ct-first", "do care leavers have to pay council tax")
    assert f"until you turn {LIMIT}" in first[0]["text"]
    assert texts(first).index(f"until you turn {LIMIT}") < texts(first).index("Which council looked after you")
    assert topics(first) == ["council_tax", "council_tax"], "the rule and the question both say their topic"


def test_age_and_council_in_the_question_are_answered_in_one_reply(stack):
    replies = stack.say("ct-at-once", "is council tax free for me? im 19 and was in luton care")
    assert texts(replies).startswith("Yes.")
    assert "How old" not in texts(replies) and "Which council" not in texts(replies)
    assert topics(replies) == ["council_tax"]


def test_two_questions_in_one_message_are_both_answered_in_order(stack):
    replies = stack.say("two-topics", "do i get help with driving lessons and my passport")
    assert topics(replies) == ["driving", "id_documents"]


def test_council_tax_and_another_topic_are_answered_in_the_order_asked(stack):
    replies = stack.say("two-with-tax", "quick q about the gym, and also council tax")
    assert topics(replies)[:2] == ["leisure", "council_tax"]
    last_text = [r["text"] for r in replies if r.get("text")][-1]
    assert "Which council looked after you" in last_text, "the question comes after the answers"


def test_a_different_question_mid_flow_is_answered_then_the_flow_resumes(stack):
    stack.say("ct-detour", "am i exempt from council tax")
    detour = stack.say("ct-detour", "wait what about driving lessons")
    assert topics(detour) == ["driving", "council_tax"], "the answer, then the council tax question again"
    assert "Which council looked after you" in texts(detour)
    assert texts(stack.say("ct-detour", "luton im 20")).startswith("Yes.")


def test_another_councils_care_leaver_is_not_asked_their_age(stack):
    stack.say("ct-other", "council tax exemption?")
    reply = stack.say("ct-other", "i was in care in bedford")
    assert "doesn't cover care leavers from other areas" in texts(reply)
    assert "How old" not in texts(reply)


def test_setting_up_allowance_carries_the_fact_and_its_sources(stack):
    replies = stack.say("home-user", "how much do i get to set up my first flat")
    assert LUTON.topics["setting_up_home"].values["allowance"] == "£3,000"
    assert "£3,000" in texts(replies)
    assert topics(replies) == ["setting_up_home"]
    assert len(replies) == 2, "one text message, then its payload"
    source_line = replies[0]["text"].splitlines()[-1]
    assert source_line.startswith("From ") and " (checked " in source_line
    payload = replies[1]["custom"]
    assert payload["council"] == "luton"
    assert any("Local Offer" in s["title"] for s in payload["sources"])


def test_out_of_hours_gives_the_emergency_duty_team(stack):
    replies = stack.say("night-user", "who do i call at the weekend the office is shut")
    assert contact_now("luton", stack.clock).phone in texts(replies)
    assert "999" in texts(replies)
    assert topics(replies) == ["contact"]


def test_care_file_route(stack):
    replies = stack.say("file-user", "how do i get my care file")
    assert topics(replies) == ["care_file"]
    assert "complaints" in texts(replies)


def test_bot_challenge_is_answered_honestly(stack):
    replies = stack.say("bot-user", "am i talking to a real person")
    assert "not a person" in texts(replies)


def test_crisis_message_gets_crisis_contacts(stack):
    replies = stack.say("crisis-user", "i want to kill myself")
    assert topics(replies) == ["crisis"]
    assert texts(replies).index("999") < texts(replies).index("116 123")


def test_crisis_mid_flow_gets_the_crisis_reply_then_the_flow_resumes(stack):
    stack.say("ct-crisis", "am i exempt from council tax")
    stack.say("ct-crisis", "luton")
    crisis = stack.say("ct-crisis", "honestly whats the point anymore")
    assert topics(crisis) == ["crisis", "council_tax"], "the crisis reply first, then the question again"
    assert texts(crisis).index("999") < texts(crisis).index("116 123")
    assert "How old are you" in texts(crisis), "the question is asked again after the crisis reply"
    assert texts(stack.say("ct-crisis", "20")).startswith("Yes.")


def test_the_safe_word_brings_up_emergency_contacts(stack):
    replies = stack.say("safe-word-user", KB.crisis.safe_word)
    assert topics(replies) == ["crisis"]
    assert contact_now("luton", stack.clock).phone in texts(replies)


def test_http_api_is_off(stack):
    response = httpx.get(f"http://127.0.0.1:{stack.rasa_port}/conversations/ct-user/tracker", timeout=10)
    assert response.status_code == 404


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_every_process(tmp_path, stop_signal):
    own = start_stack(tmp_path)
    ports = [own.rasa_port, own.action_port, own.gateway_port]
    assert all(port_open(p) for p in ports)
    own.process.send_signal(stop_signal)
    assert own.process.wait(timeout=30) == 0
    assert not any(port_open(p) for p in ports), "the Rasa server, action server and gateway all stopped"


def test_action_server_down_still_gets_a_safe_reply_and_it_comes_back(tmp_path):
    own = start_stack(tmp_path)
    try:
        (first_pid,) = own.pids("action server")
        os.killpg(first_pid, signal.SIGKILL)
        replies = own.say("down-user", "how much is the setting up grant")
        assert topics(replies) == ["safe_fallback"]
        assert contact_now("luton", own.clock).phone in texts(replies) and "999" in texts(replies)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and topics(own.say("down-user", "is the gym free")) != ["leisure"]:
            time.sleep(1)
        assert len(own.pids("action server")) == 2, "the launcher restarted the action server"
        assert topics(own.say("down-user", "how much is the setting up grant")) == ["setting_up_home"]
    finally:
        own.process.send_signal(signal.SIGINT)
        own.process.wait(timeout=30)
