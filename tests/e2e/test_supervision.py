"""The launcher supervises its services: one that stops is restarted, and none outlives the launcher."""

from __future__ import annotations

import os
import signal
import socket
import time
import uuid
from pathlib import Path

import httpx

from knowledge import load_knowledge
from scripts.serve import answers
from tests.stack import SATURDAY_NIGHT, Stack, start_stack, stop_stack

KB = load_knowledge()
SERVICES = ("action server", "Rasa server", "gateway")


def chat(stack: Stack, conversation: str, message: str) -> list[dict]:
    """One widget message through the gateway; its replies."""
    body = {"conversation": conversation, "message": message, "council": "luton"}
    response = httpx.post(f"{stack.gateway}/chat", json=body, timeout=30)
    response.raise_for_status()
    return response.json()["replies"]


def topics(replies: list[dict]) -> list[str | None]:
    return [reply["topic"] for reply in replies]


def gone(pid: int) -> bool:
    """Whether a process has exited (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return check()


def test_rasa_killed_mid_conversation_gets_the_safe_reply_then_answers_again(tmp_path):
    own = start_stack(tmp_path, SATURDAY_NIGHT)
    conversation = str(uuid.uuid4())
    try:
        assert topics(chat(own, conversation, "is the gym free")) == ["leisure"]
        (rasa_pid,) = own.pids("Rasa server")
        os.killpg(rasa_pid, signal.SIGKILL)

        fallback = chat(own, conversation, "how much is the setting up home grant")
        assert topics(fallback) == ["safe_fallback"]
        assert "999" in fallback[0]["text"]
        assert any(c.phone and c.phone in fallback[0]["text"] for c in KB.council("luton").contacts.values())

        # Waiting on the Rasa server itself: polling the chat would be a person sending twice a second, which the
        # gateway's rate limit rightly refuses.
        assert wait_for(lambda: answers(f"http://127.0.0.1:{own.rasa_port}/"), 180)
        assert topics(chat(own, conversation, "is the gym free")) == ["leisure"]
        assert len(own.pids("Rasa server")) == 2, "the launcher started the Rasa server again"
        assert "The Rasa server stopped" in own.log_path.read_text()
        assert topics(chat(own, conversation, "how much is the setting up home grant")) == ["setting_up_home"]
    finally:
        stop_stack(own)


def test_a_killed_launcher_leaves_no_service_running_and_a_new_one_starts(tmp_path):
    own = start_stack(tmp_path / "first", SATURDAY_NIGHT)
    ports = (own.rasa_port, own.action_port, own.gateway_port)
    pids = [pid for service in SERVICES for pid in own.pids(service)]
    assert len(pids) == len(SERVICES)

    own.process.send_signal(signal.SIGKILL)
    own.process.wait(timeout=10)

    assert wait_for(lambda: all(gone(pid) for pid in pids), 30), "every service stopped with the launcher"
    assert wait_for(lambda: not any(port_open(port) for port in ports), 30), "every port is free again"
    again = start_stack(tmp_path / "second", SATURDAY_NIGHT, ports)
    try:
        assert topics(chat(again, str(uuid.uuid4()), "is the gym free")) == ["leisure"]
    finally:
        stop_stack(again)
