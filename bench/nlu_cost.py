"""The NLU pipeline's cost per message, in process: each message parsed alone by a trained model, after one
warm-up pass, before (another checkout, e.g. an earlier commit exported with `git archive`) and after (this one).

Usage: python -m bench.nlu_cost BEFORE_CHECKOUT
Writes bench/results/nlu-cost-*.json (figures only) and rewrites docs/benchmarks.md. The messages go to each
timing process on its standard input and are never printed or stored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
MODEL = Path("models") / "assistant.tar.gz"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def parse_times(model: str, texts: list[str]) -> list[float]:
    """Milliseconds for the model's NLU pipeline to parse each text (after one untimed pass over them all)."""
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    for text in texts:
        await agent.parse_message(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        await agent.parse_message(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def timed_in(checkout: Path, texts: list[str]) -> dict:
    """Train the checkout's model (its own scripts.train, which skips an up-to-date model) and time its
    pipeline in a process running that checkout's code."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run([PY, "-m", "scripts.train"], cwd=checkout, env=env, check=True, capture_output=True)
    command = [PY, str(Path(__file__).resolve()), "--time", str(checkout / MODEL)]
    done = subprocess.run(command, cwd=checkout, env=env, input=json.dumps(texts), capture_output=True, text=True)
    done.check_returncode()
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return {"p50": round(statistics.median(times), 2), "p95": round(percentile(times, 95), 2)}


def main() -> int:
    """Time the pipeline before and after, record the figures and rewrite the benchmark document."""
    if sys.argv[1] == "--time":
        logging.disable(logging.WARNING)
        texts = json.loads(sys.stdin.read())
        print(json.dumps(asyncio.run(parse_times(sys.argv[2], texts))))
        return 0
    from bench.load import blind_messages, heldout_messages

    before = Path(sys.argv[1]).resolve()
    texts = heldout_messages() + blind_messages()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result = {
        "kind": "nlu-cost",
        "when": stamp,
        "messages": len(texts),
        "what": "the held-out set's ordinary messages and the blind set's English messages",
        "pipelines": {
            f"before ({before.name})": timed_in(before, texts),
            "after (this checkout)": timed_in(ROOT, texts),
        },
    }
    from bench.run import record  # here, not above: a checkout timed as "before" runs this file without it

    record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
