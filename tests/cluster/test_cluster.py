"""`make run-cluster` with the real servers: two Rasa servers sharing PostgreSQL and Redis behind one gateway."""

from __future__ import annotations

import os
import signal
import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx

from bot.conversations import sender_id
from bot.rasa_servers import RasaServers
from bot.web_chat import CHANNEL
from tests.stack import Stack, contact_now, services

COUNCIL = "lancashire"
COUNCIL_TAX_QUESTIONS = ("am i exempt from council tax", COUNCIL, "20")


def chat(stack: Stack, conversation: str, message: str) -> list[dict]:
    """One widget message through the gateway; its replies."""
    body = {"conversation": conversation, "message": message, "council": COUNCIL}
    response = httpx.post(f"{stack.gateway}/chat", json=body, timeout=60)
    response.raise_for_status()
    return response.json()["replies"]


def say_to(stack: Stack, port: int, sender: str, message: str) -> list[dict]:
    """One message straight to one Rasa server's REST channel."""
    body = {"sender": sender, "message": message, "metadata": {"council": COUNCIL}}
    response = httpx.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook", json=body, timeout=60)
    response.raise_for_status()
    return response.json()


def text(replies: list[dict]) -> str:
    return " ".join(reply.get("text") or "" for reply in replies)


def topics(replies: list[dict]) -> list[str | None]:
    """The topics of the gateway's replies, or of the REST channel's (in their custom payload)."""
    return [reply.get("topic") or (reply.get("custom") or {}).get("topic") for reply in replies]


def rasa_ports(stack: Stack) -> list[int]:
    return [stack.rasa_port, stack.rasa_port + 1]


def own_server(stack: Stack, conversation: str) -> int:
    """The port of the Rasa server the gateway sends this widget conversation to while it is up."""
    servers = RasaServers(tuple(f"http://127.0.0.1:{port}" for port in rasa_ports(stack)))
    first = servers.in_order(sender_id(CHANNEL, conversation, "cluster-tests"))[0]
    return int(first.rsplit(":", 1)[1])


def wait_until_up(port: int, timeout_s: float = 240) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the Rasa server on {port} did not come back")


def wait_until_refused(port: int, timeout_s: float = 10) -> None:
    """Until the port refuses connections: a killed server's sockets close only once the kernel has torn the
    process down, and a message sent in that instant may reach it and get the safe reply (never a resend)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return
        time.sleep(0.01)
    raise AssertionError(f"the Rasa server on {port} is still accepting connections")


def answered_for_age_20(replies: list[dict]) -> bool:
    """Whether the council-tax answer for a 20-year-old came (not the question again, not the safe reply)."""
    return "council_tax" in topics(replies) and "How old are you" not in text(replies) and "20" in text(replies)


def test_twenty_conversations_at_once_are_each_answered_in_order_over_both_servers(cluster):
    conversations = [str(uuid.uuid4()) for _ in range(20)]

    def converse(conversation: str) -> list[list[dict]]:
        return [chat(cluster, conversation, message) for message in COUNCIL_TAX_QUESTIONS]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = dict(zip(conversations, pool.map(converse, conversations), strict=True))

    assert {own_server(cluster, c) for c in conversations} == set(rasa_ports(cluster)), "both servers had some"
    for conversation, replies in results.items():
        assert "How old are you" in text(replies[1]), conversation
        assert answered_for_age_20(replies[2]), replies[2]
        sender = sender_id(CHANNEL, conversation, "cluster-tests")
        assert cluster.user_texts(sender) == list(COUNCIL_TAX_QUESTIONS), "each message stored once, in order"


def test_a_server_never_answers_from_a_tracker_another_server_has_since_extended(cluster):
    first, second = rasa_ports(cluster)
    sender = f"shared-{uuid.uuid4()}"
    say_to(cluster, first, sender, COUNCIL_TAX_QUESTIONS[0])  # the first server now holds the tracker in memory
    asked = say_to(cluster, second, sender, COUNCIL_TAX_QUESTIONS[1])
    assert "How old are you" in text(asked)

    answered = say_to(cluster, first, sender, COUNCIL_TAX_QUESTIONS[2])

    assert answered_for_age_20(answered), "the first server saw the council the second server was told"
    assert cluster.user_texts(sender) == list(COUNCIL_TAX_QUESTIONS)


def test_a_forgotten_conversation_is_forgotten_by_both_servers(cluster):
    first, second = rasa_ports(cluster)
    sender = f"forget-{uuid.uuid4()}"
    say_to(cluster, first, sender, COUNCIL_TAX_QUESTIONS[0])
    say_to(cluster, second, sender, COUNCIL_TAX_QUESTIONS[1])
    url = f"http://127.0.0.1:{first}/webhooks/erasure/forget"
    headers = {"Authorization": f"Bearer {cluster.erasure_secret}"}
    assert httpx.post(url, json={"sender": sender}, headers=headers, timeout=30).json()["removed"] > 0

    after = say_to(cluster, second, sender, "20")

    assert not answered_for_age_20(after), "the second server did not answer from its memory of the erased form"
    assert cluster.user_texts(sender) == ["20"]


def test_with_redis_stopped_people_get_the_safe_reply_and_the_log_says_why_then_it_recovers(cluster):
    conversation = str(uuid.uuid4())
    stopped = services("stop", cluster.postgres or {}, "Redis")
    assert stopped.returncode == 0, stopped.stderr
    try:
        replies = chat(cluster, conversation, COUNCIL_TAX_QUESTIONS[0])

        assert topics(replies) == ["safe_fallback"]
        assert contact_now(COUNCIL, cluster.clock).phone in text(replies)
        assert "The conversation could not be locked" in cluster.log_path.read_text()
    finally:
        started = services("start", cluster.postgres or {})
    assert started.returncode == 0, started.stderr

    assert "council_tax" in topics(chat(cluster, conversation, COUNCIL_TAX_QUESTIONS[0]))


def test_a_conversation_whose_server_is_killed_mid_form_goes_on_on_the_other_with_its_answers(cluster):
    conversation = str(uuid.uuid4())
    chat(cluster, conversation, COUNCIL_TAX_QUESTIONS[0])
    assert "How old are you" in text(chat(cluster, conversation, COUNCIL_TAX_QUESTIONS[1]))
    port = own_server(cluster, conversation)
    name = f"Rasa server {rasa_ports(cluster).index(port) + 1}"
    os.kill(cluster.pids(name)[-1], signal.SIGKILL)
    wait_until_refused(port)

    answered = chat(cluster, conversation, COUNCIL_TAX_QUESTIONS[2])

    assert answered_for_age_20(answered), answered
    sender = sender_id(CHANNEL, conversation, "cluster-tests")
    assert cluster.user_texts(sender) == list(COUNCIL_TAX_QUESTIONS), "nothing lost, nothing answered twice"
    assert f"The Rasa server at http://127.0.0.1:{port} is not answering" in cluster.log_path.read_text()
    wait_until_up(port)
    assert f"The {name} stopped" in cluster.log_path.read_text(), "the launcher restarted it"
    assert "council_tax" in topics(chat(cluster, conversation, "am i exempt from council tax"))
