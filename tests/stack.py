"""Start the real assistant (action server and Rasa server) with the project's own launcher, on loopback."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import psycopg2

from knowledge import load_knowledge, who_to_contact
from knowledge.schema import Contact
from scripts.ports import free_port, free_ports_besides, free_ports_in_a_row
from scripts.supervisor import started

ROOT = Path(__file__).resolve().parents[1]
READY = "The assistant is ready."
SATURDAY_NIGHT = "2026-11-28T23:15:00+00:00"
# Every stack and gateway the tests start runs on this clock: ASSISTANT_CLOCK when set (`make test-clock`).
TEST_CLOCK = os.environ.get("ASSISTANT_CLOCK") or SATURDAY_NIGHT
ALLOWED_ORIGIN = "https://www.council.example"
KB = load_knowledge()


def contact_now(council_id: str, clock: str = TEST_CLOCK) -> Contact:
    """The contact a council's replies must name at this clock."""
    return who_to_contact(KB.council(council_id), datetime.fromisoformat(clock)).contact


def other_councils_numbers(council_id: str) -> set[str]:
    """Phone numbers of the other covered councils that this council does not share."""
    own = {c.phone for c in KB.council(council_id).contacts.values() if c.phone}
    others = {c.phone for key, f in KB.councils.items() if key != council_id for c in f.contacts.values() if c.phone}
    return others - own


@dataclass
class Stack:
    process: subprocess.Popen
    rasa_port: int
    action_port: int
    log_path: Path
    tracker_db: Path
    gateway_port: int
    clock: str
    erasure_secret: str
    postgres: dict[str, str] | None = None  # the tracker store's connection settings when it is PostgreSQL

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def pids(self, server: str) -> list[int]:
        """The pids the launcher reported for a server, oldest first."""
        found = (started(line) for line in self.log_path.read_text().splitlines())
        return [pid for name, pid in filter(None, found) if name == server]

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def count_events(self, sender: str | None = None) -> int:
        """How many events the tracker store holds for one conversation (or for all of them)."""
        args = (sender,) if sender else ()
        if self.postgres is None:
            where = "WHERE sender_id = ?" if sender else ""
            with sqlite3.connect(self.tracker_db) as connection:
                return connection.execute(f"SELECT COUNT(*) FROM events {where}", args).fetchone()[0]  # noqa: S608
        where = "WHERE sender_id = %s" if sender else ""
        with postgres_connection(self.postgres) as connection, connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM events {where}", args)  # noqa: S608
            return cursor.fetchone()[0]

    def user_texts(self, sender: str) -> list[str]:
        """What the user said in one conversation, in the order the store holds it (PostgreSQL)."""
        assert self.postgres is not None
        with postgres_connection(self.postgres) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id", (sender,))
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]

    def say(self, sender: str, message: str) -> list[dict]:
        return self.say_with(sender, message, {})

    def say_with(self, sender: str, message: str, metadata: dict) -> list[dict]:
        body = {"sender": sender, "message": message, "metadata": metadata}
        response = httpx.post(self.webhook, json=body, timeout=30)
        response.raise_for_status()
        return response.json()


def drain(stream, log) -> None:
    """Keep reading the servers' output so that a full pipe never blocks them."""
    for line in stream:
        log.write(line)
        log.flush()


@contextlib.contextmanager
def postgres_connection(settings: dict[str, str]):
    """A connection to the tracker store's PostgreSQL database, from the launcher's settings; closed after."""
    connection = psycopg2.connect(
        host="127.0.0.1", port=settings["POSTGRES_PORT"], dbname=settings["POSTGRES_DB"],
        user=settings["POSTGRES_USER"], password=settings["POSTGRES_PASSWORD"],
    )  # fmt: skip
    try:
        yield connection
    finally:
        connection.close()


def start_cluster(tmp_path: Path, services: dict[str, str], clock: str = TEST_CLOCK, **extra: str) -> Stack:
    """`make run-cluster`'s launcher (two Rasa servers on PostgreSQL and Redis) on free ports, on the services given
    (started already, so the launcher leaves them running), with a database of its own."""
    database = {**services, "POSTGRES_DB": f"rasa_{secrets.token_hex(6)}", "POSTGRES_USER": "rasa"}
    rasa_port = free_ports_in_a_row(2)
    action_port, gateway_port = free_ports_besides({rasa_port, rasa_port + 1}, 2)
    running = start_stack(
        tmp_path, clock, (rasa_port, action_port, gateway_port), "scripts.serve_cluster",
        RASA_SERVERS="2", RASA_TIMEOUT="30", **database, **extra,
    )  # fmt: skip
    running.postgres = database
    return running


def start_stack(
    tmp_path: Path,
    clock: str = TEST_CLOCK,
    ports: tuple[int, int, int] | None = None,
    launcher: str = "scripts.serve",
    **extra: str,
) -> Stack:
    """The launcher with its servers on the given (Rasa, action server, gateway) ports, or on free ones, its clock
    fixed; extra sets more of its environment."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    rasa_port, action_port, gateway_port = ports or (free_port(), free_port(), free_port())
    erasure_secret = secrets.token_urlsafe(16)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "GATEWAY_PORT": str(gateway_port),
        "WIDGET_ORIGINS": ALLOWED_ORIGIN,
        "TRACKER_DB": str(tmp_path / "tracker.db"),
        "ASSISTANT_CLOCK": clock,
        "ERASURE_SECRET": erasure_secret,
        **extra,
    }
    log = open(tmp_path / "serve.log", "a")  # noqa: SIM115 - kept open for the stack's lifetime
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", launcher], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    for line in process.stdout:
        log.write(line)
        log.flush()
        if READY in line:
            threading.Thread(target=drain, args=(process.stdout, log), daemon=True).start()
            return Stack(
                process, rasa_port, action_port, tmp_path / "serve.log", tmp_path / "tracker.db", gateway_port,
                clock, erasure_secret,
            )  # fmt: skip
    process.wait(timeout=30)
    raise RuntimeError(f"the assistant did not start: see {tmp_path / 'serve.log'}")


def services_env(root: Path) -> dict[str, str]:
    """Settings for a PostgreSQL and a Redis of the tests' own, on free ports, their data under `root`."""
    return {
        "POSTGRES_PORT": str(free_port()),
        "POSTGRES_DATA": str(root / "postgres"),
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
        "REDIS_PORT": str(free_port()),
        "REDIS_DATA": str(root / "redis"),
    }


def services(command: str, settings: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    """`python -m scripts.services <command> [names]` with these settings (it installs what is missing on start)."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.services", command, *names], cwd=ROOT, env={**os.environ, **settings},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def stop_stack(running: Stack) -> None:
    """Ctrl-C the launcher and wait for it."""
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGINT)
        running.process.wait(timeout=60)
