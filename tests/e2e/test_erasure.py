"""Erasure through the real servers: the Rasa server's store erases, asked by the gateway with the secret only; on
SQLite (`make run`) and on PostgreSQL shared by two Rasa servers (`make run-cluster`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from tests.stack import ROOT, SATURDAY_NIGHT, Stack, free_port, start_cluster, start_stack, stop_stack

STORES = ["sqlite", "postgresql"]


@pytest.fixture(params=STORES)
def assistant(request) -> Stack:
    """The session's assistant on SQLite, or its cluster on PostgreSQL."""
    return request.getfixturevalue("stack" if request.param == "sqlite" else "cluster")


def events(stack: Stack, sender: str | None = None) -> int:
    """How many events the store holds for one conversation (or for all of them)."""
    return stack.count_events(sender)


def erase(stack: Stack, route: str, body: dict, authorization: str | None) -> httpx.Response:
    headers = {"Authorization": authorization} if authorization is not None else {}
    url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/erasure/{route}"
    return httpx.post(url, json=body, headers=headers, timeout=30)


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-secret", "not even a bearer"])
@pytest.mark.parametrize(("route", "body"), [("forget", None), ("older_than", {"cutoff": 4102444800})])
def test_an_erase_call_without_the_secret_is_refused_and_erases_nothing(assistant, authorization, route, body):
    stack = assistant
    sender = f"keep-{uuid.uuid4()}"
    stack.say(sender, "is the gym free")
    before = events(stack, sender)

    response = erase(stack, route, body or {"sender": sender}, authorization)

    assert response.status_code in {401, 403}
    assert events(stack, sender) == before > 0


def test_forget_with_the_secret_erases_that_conversation_only(assistant):
    stack = assistant
    gone, kept = f"gone-{uuid.uuid4()}", f"kept-{uuid.uuid4()}"
    stack.say_with(gone, "how do i get my care file", {"council": "luton"})
    stack.say(kept, "is the gym free")

    response = erase(stack, "forget", {"sender": gone}, f"Bearer {stack.erasure_secret}")

    assert response.status_code == 200 and response.json()["removed"] > 0
    assert events(stack, gone) == 0 and events(stack, kept) > 0
    assert stack.say(gone, "is the gym free"), "a forgotten conversation can start again"


def chat(stack: Stack, conversation: str, message: str) -> list[dict]:
    body = {"conversation": conversation, "message": message, "council": "lancashire"}
    response = httpx.post(f"{stack.gateway}/chat", json=body, timeout=30)
    response.raise_for_status()
    return response.json()["replies"]


def run_gateway_sweep(stack: Stack, retention_days: int) -> str:
    """A second gateway, sharing the stack's secret: it sweeps once when it starts; its log."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "RASA_PORT": str(stack.rasa_port),
        "GATEWAY_PORT": str(port),
        "ERASURE_SECRET": stack.erasure_secret,
        "RETENTION_DAYS": str(retention_days),
    }
    gateway = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        time.sleep(1)  # the sweep is the first thing it does once up
    finally:
        gateway.terminate()
        log, _ = gateway.communicate(timeout=30)
    return log


@pytest.mark.parametrize("store", STORES)
def test_the_retention_sweep_erases_old_conversations_and_the_server_forgets_them(request, tmp_path, store):
    if store == "sqlite":
        own = start_stack(tmp_path, SATURDAY_NIGHT)
    else:
        own = start_cluster(tmp_path, request.getfixturevalue("postgres_and_redis"), SATURDAY_NIGHT)
    conversation = str(uuid.uuid4())
    try:
        chat(own, conversation, "am i exempt from council tax")
        asked = chat(own, conversation, "lancashire")
        assert "How old are you" in " ".join(r["text"] for r in asked)
        kept_log = run_gateway_sweep(own, retention_days=30)
        assert events(own) > 0, f"nothing is older than 30 days: {kept_log}"

        run_gateway_sweep(own, retention_days=0)

        assert events(own) == 0
        after = chat(own, conversation, "20")
        assert "council_tax" not in [r["topic"] for r in after], "the half-answered question was forgotten too"
    finally:
        stop_stack(own)
