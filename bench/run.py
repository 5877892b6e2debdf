"""`make bench`: train and run our assistant and a stock-Rasa baseline one after the other, then the floor (a
fixed reply on the same path), repeated in pairs, under the same loads, and record every figure. `--soak` runs
ours for ten minutes at 10 messages/s instead; `--ab OTHER` runs ours from this checkout and from another one
in turns at 20 messages/s, to weigh a change the other checkout has."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx
import rasa.cli

from bench.load import body
from scripts.ports import free_port, free_ports_besides
from scripts.supervisor import started

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
RASA = str(Path(sys.executable).parent / "rasa")
RATES = (2, 5, 10, 20, 40, 80)
LOADS = ("heldout", "blind")  # bench/load.py: our own short held-out messages; the blind set's English messages
AB_RATE = 20
SLO_P95_MS = 100
RASA_PORTS_HELD = 4  # RASA_PORT and the ports after it, kept clear for a cluster's Rasa servers
WARM_UP_RATE, WARM_UP_S = 5, 10
# The words both safe-reply log lines share (bot/rasa_client.py: Rasa did not answer; rasa_addons/safe_rest.py: the
# turn failed): a safe reply is a turn the assistant could not answer, so the load counts it as an error.
SAFE_REPLY_LOGGED = "sending the safe reply"
# What `pip install rasa==3.6.21` chooses for the one package our lock pins differently (requirements.in says why).
STOCK_PACKAGES = ["jsonschema==4.17.3"]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))] if ordered else float("nan")


def systems() -> dict[str, dict]:
    """Ours (config.yml, started by scripts/serve.py as `make run` does) and the baseline: the same data and
    domain with rasa init's config.yml, started with plain `rasa run` and rasa init's server settings."""
    WORK.mkdir(parents=True, exist_ok=True)
    initial = Path(rasa.cli.__file__).parent / "initial_project"
    shutil.copy(initial / "config.yml", WORK / "baseline-config.yml")
    (WORK / "baseline-credentials.yml").write_text("rest:\n")
    return {
        "ours": {"config": ROOT / "config.yml", "kind": "ours"},
        "baseline": {"config": WORK / "baseline-config.yml", "kind": "stock"},
        "floor": {"kind": "floor"},
    }


def train(name: str, config: Path) -> float:
    """Train from scratch (no cache); the seconds it took."""
    subprocess.run([PY, "-m", "scripts.build_places"], cwd=ROOT, check=True, capture_output=True)
    shutil.rmtree(ROOT / ".rasa" / "cache", ignore_errors=True)
    started = time.monotonic()
    command = [RASA, "train", "--config", str(config), "--domain", "domain.yml", "--data", "data",
               "--out", str(WORK), "--fixed-model-name", name, "--force"]  # fmt: skip
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.monotonic() - started


def stock_packages() -> Path:
    """A folder with the packages a stock install of Rasa 3.6.21 has where our lock differs, put first on the
    baseline Rasa server's path."""
    folder = WORK / "stock-packages"
    if not (folder / ".installed").exists():
        command = [PY, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder), *STOCK_PACKAGES]
        subprocess.run(command, check=True)
        (folder / ".installed").write_text(" ".join(STOCK_PACKAGES))
    return folder


@dataclass(frozen=True)
class Launch:
    """How ours is started: the launcher module, what it adds to the environment, and where the load is sent (the
    Rasa server's REST channel, or the gateway's chat, which spreads conversations over several Rasa servers)."""

    module: str = "scripts.serve"
    env: dict[str, str] = field(default_factory=dict)
    through_gateway: bool = False
    rasa_port: int | None = None  # the first of the Rasa servers' ports; a free one when None


OURS = Launch()


def rss_kb(pid: int) -> int:
    """Resident memory of one process, in kB (0 if it has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"VmRSS:\s+(\d+)", status)
    return int(found.group(1)) if found else 0


class Stack:
    """One system running (ours under a checkout's scripts/serve.py, stock Rasa, or the floor), with its memory
    sampled."""

    def __init__(self, model: Path | None, kind: str = "ours", root: Path = ROOT, launch: Launch = OURS) -> None:
        rasa_port = launch.rasa_port or free_port()
        action_port, gateway_port = free_ports_besides(range(rasa_port, rasa_port + RASA_PORTS_HELD), 2)
        self.ports = {"RASA_PORT": rasa_port, "ACTION_PORT": action_port, "GATEWAY_PORT": gateway_port}
        self.started = time.monotonic()
        self.pids: dict[str, int] = {}
        self.peak = {"rasa_kb": 0, "stack_kb": 0}
        self.samples: list[tuple[float, int]] = []
        self.safe_replies = 0
        if kind == "floor":
            self.processes = self._start_floor()
        elif kind == "stock":
            self.processes = self._start_stock(model)
        else:
            self.processes = self._start_ours(model, root, launch)
        if launch.through_gateway:
            self.url = f"http://127.0.0.1:{self.ports['GATEWAY_PORT']}/chat"
        else:
            self.url = f"http://127.0.0.1:{self.ports['RASA_PORT']}/webhooks/rest/webhook"
        self.startup_s = self._first_answer()
        self.sampling = True
        threading.Thread(target=self._sample, daemon=True).start()

    def _start_ours(self, model: Path, root: Path, launch: Launch) -> list[subprocess.Popen]:
        env = {**os.environ, **{k: str(v) for k, v in self.ports.items()}, "RASA_MODEL": str(model),
               "TRACKER_DB": str(WORK / f"tracker-{model.stem}.db"), **launch.env}  # fmt: skip
        Path(env["TRACKER_DB"]).unlink(missing_ok=True)
        launcher = subprocess.Popen([PY, "-u", "-m", launch.module], cwd=root, env=env, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
        said: deque[str] = deque(maxlen=20)
        for line in launcher.stdout:
            said.append(line)
            found = started(line)
            if found:
                self.pids[found[0]] = found[1]
            if "The assistant is ready." in line:
                break
        else:
            raise RuntimeError(f"{launch.module} stopped before it was ready:\n{''.join(said)}")
        threading.Thread(target=self._drain, args=(launcher,), daemon=True).start()
        self.pids["launcher"] = launcher.pid
        return [launcher]

    def _start_stock(self, model: Path) -> list[subprocess.Popen]:
        """rasa init's endpoints with the action server added, no tracker or lock store, and the packages a stock
        install of Rasa chooses: Rasa's defaults."""
        endpoints = WORK / "baseline-endpoints.yml"
        endpoints.write_text(f"action_endpoint:\n  url: http://127.0.0.1:{self.ports['ACTION_PORT']}/webhook\n")
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": f"{stock_packages()}:{ROOT}"}
        commands = {
            "action server": [PY, "-m", "rasa_sdk", "--actions", "actions", "-p", str(self.ports["ACTION_PORT"])],
            "Rasa server": [RASA, "run", "--model", str(model), "--port", str(self.ports["RASA_PORT"]),
                            "--credentials", str(WORK / "baseline-credentials.yml"), "--endpoints", str(endpoints)],
        }  # fmt: skip
        processes = []
        for name, command in commands.items():
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       start_new_session=True)  # fmt: skip
            self.pids[name] = process.pid
            processes.append(process)
        return processes

    def _start_floor(self) -> list[subprocess.Popen]:
        command = [PY, "-m", "bench.floor", str(self.ports["RASA_PORT"])]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pids["floor server"] = process.pid
        return [process]

    def _drain(self, process: subprocess.Popen) -> None:
        """Read the servers' log to its end, counting the safe replies they sent (each is a failed turn)."""
        for line in process.stdout:
            if SAFE_REPLY_LOGGED in line:
                self.safe_replies += 1

    def _first_answer(self) -> float:
        while True:
            try:
                reply = httpx.post(self.url, json=body(self.url, "startup-0", "hi"), timeout=30)
                if reply.status_code == 200 and reply.json():
                    return time.monotonic() - self.started
            except httpx.HTTPError:
                time.sleep(0.2)

    def _sample(self) -> None:
        while self.sampling:
            rasa = sum(rss_kb(pid) for name, pid in self.pids.items() if name.startswith("Rasa server"))
            stack = sum(rss_kb(p) for p in self.pids.values())
            self.peak["rasa_kb"] = max(self.peak["rasa_kb"], rasa)
            self.peak["stack_kb"] = max(self.peak["stack_kb"], stack)
            self.samples.append((time.monotonic() - self.started, rasa))
            time.sleep(0.5)

    def stop(self) -> None:
        """Ctrl-C every process started, and wait."""
        self.sampling = False
        for process in self.processes:
            process.send_signal(signal.SIGINT)
        for process in self.processes:
            process.wait(timeout=60)


def load(*args: object) -> dict:
    """Run the load generator in its own process and read its result."""
    done = subprocess.run([PY, "-m", "bench.load", *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    return json.loads(done.stdout)


def summary(latencies: list[float]) -> dict:
    """p50, p95 and p99 in ms."""
    return {f"p{q}": round(percentile(latencies, q), 1) for q in (50, 95, 99)}


def counted(stack: Stack, *args: object) -> dict:
    """One load on a running system, its errors including the safe replies the servers logged meanwhile."""
    before = stack.safe_replies
    run = load(*args)
    time.sleep(0.5)  # the last lines of the log reach the reader
    run["safe_replies"] = stack.safe_replies - before
    run["errors"] += run["safe_replies"]
    return run


def settle(url: str, limit_s: float = 180) -> None:
    """Wait until the system has worked off what an earlier load left queued: a new conversation's first message is
    answered within a second. A gateway gives up on a slow Rasa server after RASA_TIMEOUT while the server still
    works through its queue, so without this the next load would start on a backlog."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        sent = time.monotonic()
        try:
            httpx.post(url, json=body(url, f"settle-{time.time_ns()}", "hi"), timeout=30)
            if time.monotonic() - sent < 1.0:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)


def under_load(stack: Stack, load_name: str, seconds: float, rates: tuple[int, ...] = RATES) -> dict:
    """One load's figures for a running system: latency at every rate, SLO and saturation throughput."""
    figures: dict = {"open_loop": {}}
    for rate in rates:
        run = counted(stack, "open", load_name, stack.url, rate, seconds)
        figures["open_loop"][rate] = {**summary(run["latencies_ms"]), "errors": run["errors"],
                                      "safe_replies": run["safe_replies"],
                                      "messages": len(run["latencies_ms"])}  # fmt: skip
        settle(stack.url)
        time.sleep(3)
    ok = [r for r, f in figures["open_loop"].items() if f["p95"] < SLO_P95_MS and not f["errors"]]
    figures["slo_throughput"] = max(ok) if ok else 0
    saturation = counted(stack, "saturate", load_name, stack.url, 50, seconds)
    # Answered turns per second: a safe reply is quick to send, so it must not raise the throughput.
    answered = saturation["messages"] - saturation["errors"]
    figures["saturation_throughput"] = round(answered / saturation["seconds"], 1)
    figures["saturation_errors"] = saturation["errors"]
    return figures


def measure(name: str, spec: dict, seconds: float) -> dict:
    """Every figure for one system (the floor has no model, so no training, quality or Rasa server)."""
    result: dict = {}
    model = None
    if spec["kind"] != "floor":
        model = WORK / f"{name}.tar.gz"
        result["training_s"] = round(train(name, spec["config"]), 1)
        quality = subprocess.run([PY, "-m", "bench.quality", str(model)], cwd=ROOT, capture_output=True, text=True)
        result.update(json.loads(quality.stdout.strip().splitlines()[-1]))
    stack = Stack(model, spec["kind"])
    try:
        result["startup_s"] = round(stack.startup_s, 1)
        result["loads"] = {}
        for load_name in LOADS:
            load("open", load_name, stack.url, WARM_UP_RATE, WARM_UP_S)  # not recorded: lazily built parts load
            result["loads"][load_name] = under_load(stack, load_name, seconds)
        if spec["kind"] != "floor":
            result["rasa_rss_peak_mb"] = round(stack.peak["rasa_kb"] / 1024)
        result["stack_rss_peak_mb"] = round(stack.peak["stack_kb"] / 1024)
    finally:
        stack.stop()
    return result


def ab(other: Path, seconds: float, rounds: int) -> dict:
    """Ours from this checkout (A) and from another (B), on this checkout's trained model, started in turns
    (A B, then B A, ...): p95 at AB_RATE on each load, every run kept."""
    model = ROOT / "models" / "assistant.tar.gz"
    runs: dict[str, dict[str, list[float]]] = {v: {n: [] for n in LOADS} for v in ("A", "B")}
    for index in range(rounds):
        for variant in ("A", "B") if index % 2 == 0 else ("B", "A"):
            stack = Stack(model, root=ROOT if variant == "A" else other)
            try:
                for load_name in LOADS:
                    load("open", load_name, stack.url, WARM_UP_RATE, WARM_UP_S)
                    run = load("open", load_name, stack.url, AB_RATE, seconds)
                    runs[variant][load_name].append(summary(run["latencies_ms"])["p95"])
            finally:
                stack.stop()
            time.sleep(3)
    return {"rate": AB_RATE, "seconds_per_load": seconds, "A": str(ROOT), "B": str(other), "p95": runs}


def soak(minutes: float, rate: float) -> dict:
    """Ours at a steady rate, with two long conversations, watching memory and p95 minute by minute.

    Memory growth is judged from the end of the first minute, once the tracker cache holds its hundred
    conversations (the model's loading leftovers are collected before serving, so nothing else hides that
    filling); the growth from the first answer is recorded beside it."""
    stack = Stack(ROOT / "models" / "assistant.tar.gz")
    try:
        loaded_at = time.monotonic() - stack.started
        run = load("open", "heldout", stack.url, rate, minutes * 60, 0.1)
        rasa_start = next(kb for t, kb in stack.samples if t >= stack.startup_s)
        rasa_end = stack.samples[-1][1]
    finally:
        stack.stop()
    rss_per_minute = {}
    for at, kb in stack.samples:
        if at >= loaded_at:
            rss_per_minute.setdefault(int((at - loaded_at) // 60), kb)
    warm = rss_per_minute.get(1, rasa_start)
    per_minute = {}
    for at, latency in run["timeline"]:
        per_minute.setdefault(int(at // 60), []).append(latency)
    long_turns = run["long_turns"]
    return {
        "minutes": minutes, "rate": rate, "errors": run["errors"], "messages": len(run["latencies_ms"]),
        "p95_per_minute": {m: round(percentile(v, 95), 1) for m, v in sorted(per_minute.items())},
        "rasa_rss_mb": {"start": round(rasa_start / 1024), "after_first_minute": round(warm / 1024),
                        "end": round(rasa_end / 1024)},
        "rasa_rss_mb_per_minute": {m: round(kb / 1024) for m, kb in sorted(rss_per_minute.items())},
        "memory_growth_from_start": round((rasa_end - rasa_start) / rasa_start, 3),
        "memory_growth": round((rasa_end - warm) / warm, 3),
        "long_conversation_turns": max((t for t, _ in long_turns), default=0) + 1,
        "long_p50_first_50_turns": round(percentile([lat for t, lat in long_turns if t < 50], 50), 1),
        "long_p50_after_200_turns": round(percentile([lat for t, lat in long_turns if t >= 200], 50), 1),
    }  # fmt: skip


def record(result: dict) -> None:
    """Keep one run's result as bench/results/KIND-WHEN.json and rewrite docs/benchmarks.md from the results."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{result['kind']}-{result['when']}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"Results: {path.relative_to(ROOT)}")
    subprocess.run([PY, "-m", "bench.report"], cwd=ROOT, check=True)


def main() -> int:
    """Run the benchmark (or the soak) and write bench/results/*.json and docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--ab", type=Path, metavar="OTHER", help="another checkout of the project, to compare")
    args = parser.parse_args()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    seconds = float(os.environ.get("BENCH_SECONDS", "20"))
    pairs = int(os.environ.get("BENCH_PAIRS", "2"))
    if args.soak:
        result = {"kind": "soak", "when": stamp, **soak(float(os.environ.get("SOAK_MINUTES", "10")), 10)}
    elif args.ab:
        result = {"kind": "ab", "when": stamp, **ab(args.ab.resolve(), seconds, 2 * pairs)}
    else:
        specs = systems()
        result = {"kind": "bench", "when": stamp, "seconds_per_load": seconds, "rates": RATES, "loads": LOADS,
                  "pairs": []}  # fmt: skip
        for index in range(pairs):
            print(f"Pair {index + 1} of {pairs}...", flush=True)
            result["pairs"].append({name: measure(name, spec, seconds) for name, spec in specs.items()})
    record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
