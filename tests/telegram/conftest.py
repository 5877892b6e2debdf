"""The gateway with Telegram on, started as `python -m bot`, talking to a fake Bot API and the real assistant."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.stack import ROOT, Stack, free_port
from tests.telegram.fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-token-not-real"
CHAT_INTERVAL = 0.3


@dataclass
class Gateway:
    process: subprocess.Popen
    port: int
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def start_gateway(tmp_path: Path, api: FakeBotApi, stack: Stack, **extra: str) -> Gateway:
    """`python -m bot` with Telegram on, talking to the stack's Rasa server on the stack's fixed clock."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "TELEGRAM_CHAT_INTERVAL": str(CHAT_INTERVAL),
        "RASA_PORT": str(stack.rasa_port),
        "GATEWAY_PORT": str(port),
        "ERASURE_SECRET": stack.erasure_secret,
        "ASSISTANT_CLOCK": stack.clock,
        **extra,
    }
    log_path = tmp_path / f"gateway-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - the process writes to it until it stops
    process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return Gateway(process, port, log_path)
        except httpx.HTTPError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"the gateway did not start: {log_path.read_text()}")


@pytest.fixture
def api() -> FakeBotApi:
    fake = FakeBotApi()
    fake.start(free_port())
    yield fake
    fake.stop()


@pytest.fixture
def gateway(tmp_path, api, stack: Stack) -> Gateway:
    running = start_gateway(tmp_path, api, stack)
    yield running
    running.stop()
