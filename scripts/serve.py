"""Start the action server, the Rasa server and the gateway on loopback, wait until all three answer, and keep
them running until Ctrl-C (or SIGTERM), then stop them.

Whichever stops is restarted, after a back-off that grows while it keeps failing (scripts/supervisor.py):
meanwhile the Rasa server answers with the safe reply when the action server is away, and the gateway when the
Rasa server is. If the launcher itself is killed, the kernel stops the services with it.

Ports and paths come from the deployment's settings (deployment/settings.py, which names each variable and its
default): RASA_PORT, ACTION_PORT, GATEWAY_PORT, TRACKER_DB, RASA_MODEL, RASA_CREDENTIALS, RASA_ENDPOINTS,
ASSISTANT_HOST, START_TIMEOUT (seconds to wait for every server to answer), and ERASURE_SECRET (the gateway's key
to erase conversations in the Rasa server; a new random one each start when unset).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from deployment.settings import load_settings
from knowledge import KnowledgeError, load_knowledge
from scripts import build_places
from scripts.supervisor import Supervisor

ROOT = Path(__file__).resolve().parent.parent

BIN = Path(sys.executable).parent
ACTIONS, RASA, GATEWAY = "action server", "Rasa server", "gateway"
READY = "The assistant is ready."


def settings() -> dict[str, str]:
    """Ports, host and paths, from the deployment's settings."""
    loaded = load_settings()
    return {
        "host": loaded.host,
        "rasa_port": str(loaded.rasa_port),
        "action_port": str(loaded.action_port),
        "gateway_port": str(loaded.gateway_port),
        "tracker_db": str(loaded.tracker_db),
        "model": str(loaded.model),
        "credentials": str(loaded.credentials),
        "endpoints": str(loaded.endpoints),
        "erasure_secret": loaded.erasure_secret,
        "start_timeout_s": str(loaded.start_timeout_s),
        "telegram": loaded.telegram_mode or "",
    }


def child_env(config: dict[str, str]) -> dict[str, str]:
    """The environment the servers run with: telemetry off, endpoints filled in, the erasure secret shared."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        SANIC_HOST=config["host"],
        ACTION_SERVER_URL=f"http://{config['host']}:{config['action_port']}/webhook",
        TRACKER_DB=config["tracker_db"],
        ERASURE_SECRET=config["erasure_secret"] or secrets.token_urlsafe(32),
        PYTHONPATH=str(ROOT),
    )
    return env


def commands(config: dict[str, str]) -> dict[str, list[str]]:
    """The three server commands; the Rasa HTTP API stays off (no --enable-api), only the REST channel is on."""
    return {
        ACTIONS: [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "-p", config["action_port"]],
        RASA: [
            str(BIN / "python"), "-m", "rasa_addons.server", "run", "--model", config["model"],
            "--interface", config["host"], "--port", config["rasa_port"],
            "--credentials", config["credentials"], "--endpoints", config["endpoints"],
        ],
        GATEWAY: [str(BIN / "python"), "-m", "bot"],
    }  # fmt: skip


def answers(url: str) -> bool:
    """Whether an HTTP GET to url succeeds."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def telegram_status(mode: str) -> str:
    """One line on whether Telegram is on (mode "webhook" or "polling", "" when off), and how to turn it on."""
    if mode:
        return f"Telegram: on ({mode})."
    return "Telegram: off. To turn it on, get a token from @BotFather and run: TELEGRAM_BOT_TOKEN=... make run"


def wait_until_ready(supervisor: Supervisor, urls: dict[str, str], timeout_s: float) -> str | None:
    """Wait for every server to answer; what went wrong if one stopped or timed out, else None."""
    deadline = time.monotonic() + timeout_s
    pending = dict(urls)
    while pending:
        stopped = supervisor.stopped()
        if stopped:
            return f"the {stopped[0].name} stopped (exit code {stopped[0].process.returncode})"
        for name, url in list(pending.items()):
            if answers(url):
                del pending[name]
        if time.monotonic() > deadline:
            return f"{', '.join(pending)} did not answer within {timeout_s:.0f}s"
        time.sleep(0.1)
    return None


def prepared(config: dict[str, str]) -> bool:
    """Check the knowledge files, rebuild the place names if they changed and check there is a model; say why not."""
    try:
        kb = load_knowledge()
    except KnowledgeError as error:
        print("The knowledge files have problems, so the assistant will not start:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in error.problems), file=sys.stderr)
        return False
    # Place names come from knowledge/, which may have changed without a retrain. Rebuilt in a separate process,
    # so this launcher, which stays up as long as the servers, never holds spaCy (and TensorFlow, which spaCy imports).
    if not build_places.up_to_date(kb):
        subprocess.run([str(BIN / "python"), "-m", "scripts.build_places"], cwd=ROOT, check=True)
    if not Path(config["model"]).exists():
        print(f"No trained model at {config['model']}: run `make run` (it trains first).", file=sys.stderr)
        return False
    return True


def stop_on_sigterm() -> None:
    """Ctrl-C and SIGTERM both stop the launcher the same way (KeyboardInterrupt)."""

    def on_signal(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)


def run(
    supervisor: Supervisor, urls: dict[str, str], ready: str, timeout_s: float, check: Callable[[], None] = lambda: None
) -> int:
    """Start every service, wait (up to timeout_s) until each url answers, print `ready`, and keep them running
    until Ctrl-C (calling `check` every few seconds)."""
    try:
        supervisor.start_all()
        problem = wait_until_ready(supervisor, urls, timeout_s)
        if problem:
            print(f"Could not start the assistant: {problem}.", file=sys.stderr)
            return 1
        print(ready, flush=True)
        ticks = 0
        while True:
            supervisor.keep_running(time.monotonic())
            time.sleep(0.5)
            ticks += 1
            if ticks % 10 == 0:
                check()
    except KeyboardInterrupt:
        print("\nStopping the assistant...", flush=True)
        return 0
    finally:
        supervisor.stop_all()


def main() -> int:
    """Run every server in the foreground, restarting whichever stops, until Ctrl-C (or SIGTERM); then stop them."""
    config = settings()
    if not prepared(config):
        return 1
    Path(config["tracker_db"]).parent.mkdir(parents=True, exist_ok=True)
    stop_on_sigterm()
    base = f"http://{config['host']}"
    urls = {
        ACTIONS: f"{base}:{config['action_port']}/health",
        RASA: f"{base}:{config['rasa_port']}/",
        GATEWAY: f"{base}:{config['gateway_port']}/health",
    }
    ready = (
        f"\n{READY}\n"
        f"  {telegram_status(config['telegram'])}\n"
        f"  Gateway (the public front door): {base}:{config['gateway_port']}/health\n"
        f"  Talk to it in this terminal: open another terminal and run `make chat`.\n"
        f"  Or POST to its REST channel: curl -s {base}:{config['rasa_port']}/webhooks/rest/webhook "
        f'-H \'Content-Type: application/json\' -d \'{{"sender": "me", "message": "hi"}}\'\n'
        f"  Press Ctrl-C to stop.\n"
    )
    supervisor = Supervisor(commands(config), ROOT, child_env(config))
    return run(supervisor, urls, ready, float(config["start_timeout_s"]))


if __name__ == "__main__":
    sys.exit(main())
