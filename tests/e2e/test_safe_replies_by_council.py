"""When a part is down, each council's widget still gets its own council's numbers, in office hours and out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from tests.stack import (
    KB,
    ROOT,
    SATURDAY_NIGHT,
    contact_now,
    free_port,
    other_councils_numbers,
    start_stack,
    stop_stack,
)

WEDNESDAY_MORNING = "2026-12-02T10:30:00+00:00"
CLOCKS = {"office-hours": WEDNESDAY_MORNING, "out-of-hours": SATURDAY_NIGHT}
COUNCILS = sorted(KB.councils)


def ask_widget(gateway: str, council_id: str, message: str) -> list[dict]:
    body = {"conversation": str(uuid.uuid4()), "message": message, "council": council_id}
    response = httpx.post(f"{gateway}/chat", json=body, timeout=30)
    response.raise_for_status()
    return response.json()["replies"]


def assert_only_own_numbers(text: str, council_id: str, clock: str) -> None:
    assert contact_now(council_id, clock).phone in text, text
    assert KB.national.services["emergency"].phone in text
    assert not {n for n in other_councils_numbers(council_id) if n in text}, text


@pytest.fixture(scope="module", params=CLOCKS.values(), ids=CLOCKS.keys())
def actions_unreachable(request, tmp_path_factory):
    """The real stack, its Rasa server told to call an action server on a closed loopback port."""
    tmp_path = tmp_path_factory.mktemp("actions-down")
    endpoints = (ROOT / "endpoints.yml").read_text().replace("${ACTION_SERVER_URL}", f"http://127.0.0.1:{free_port()}")
    (tmp_path / "endpoints.yml").write_text(endpoints)
    running = start_stack(tmp_path, request.param, RASA_ENDPOINTS=str(tmp_path / "endpoints.yml"))
    yield running
    stop_stack(running)


@pytest.fixture(scope="module", params=CLOCKS.values(), ids=CLOCKS.keys())
def rasa_down(request, tmp_path_factory):
    """The gateway alone (`python -m bot`), pointed at a Rasa port where nothing listens."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "RASA_PORT": str(free_port()),
        "GATEWAY_PORT": str(port),
        "ASSISTANT_CLOCK": request.param,
        "TRACKER_DB": str(tmp_path_factory.mktemp("rasa-down") / "tracker.db"),
    }
    process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"{url}/health", timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield url, request.param
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.parametrize("council_id", COUNCILS)
def test_action_server_unreachable_gives_the_widgets_own_council(actions_unreachable, council_id):
    replies = ask_widget(actions_unreachable.gateway, council_id, "how much is the setting up home grant")
    assert [r["topic"] for r in replies] == ["safe_fallback"]
    assert_only_own_numbers(replies[0]["text"], council_id, actions_unreachable.clock)


@pytest.mark.parametrize("council_id", COUNCILS)
def test_rest_channel_safe_reply_follows_the_metadata_council(actions_unreachable, council_id):
    replies = actions_unreachable.say_with(f"rest-{council_id}", "is the gym free", {"council": council_id})
    assert replies[-1]["custom"]["council"] == council_id
    assert_only_own_numbers(replies[0]["text"], council_id, actions_unreachable.clock)


@pytest.mark.parametrize("council_id", COUNCILS)
def test_rasa_down_gives_the_widgets_own_council(rasa_down, council_id):
    gateway, clock = rasa_down
    replies = ask_widget(gateway, council_id, "who do i call")
    assert [r["topic"] for r in replies] == ["safe_fallback"]
    assert_only_own_numbers(replies[0]["text"], council_id, clock)


@pytest.mark.parametrize("council_id", COUNCILS)
def test_always_visible_contacts_are_the_widgets_own_council(rasa_down, council_id):
    gateway, clock = rasa_down
    config = httpx.get(f"{gateway}/widget/config.json", params={"council": council_id}, timeout=10).json()
    line = " ".join(item["how"] for item in config["emergency_line"])
    assert_only_own_numbers(line, council_id, clock)
    behind_a_tap = " ".join(item["how"] for item in config["contacts"])
    assert_only_own_numbers(line + " " + behind_a_tap, council_id, clock)
    page = httpx.get(f"{gateway}/", params={"council": council_id}, timeout=10).text
    assert_only_own_numbers(page, council_id, clock)
