"""`python -m bench.cluster` (part of `make bench`): ours on one machine, one Rasa server on SQLite against
PostgreSQL + Redis, and one Rasa server against two behind the gateway, under the same load, one after the other.

PostgreSQL and Redis are Debian's, started by scripts/services.py with their data in bench/work and left as they
were found; each setup gets a database of its own, so no setup reads another's conversations.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.run import ROOT, WARM_UP_RATE, WARM_UP_S, WORK, Launch, Stack, load, record, under_load
from deployment.settings import load_settings
from scripts import services
from scripts.ports import free_port, free_ports_in_a_row

RATES = (5, 10, 20, 40, 80)
NAMED_RATE = 20  # the rate docs/scaling.md quotes p50 and p95 at


def service_env() -> dict[str, str]:
    """Where the benchmark's PostgreSQL and Redis run: their own ports and data, beside any others."""
    return {
        "POSTGRES_PORT": str(free_port()),
        "POSTGRES_DATA": str(WORK / "postgres"),
        "POSTGRES_USER": "rasa",
        "REDIS_PORT": str(free_port()),
        "REDIS_DATA": str(WORK / "redis"),
    }


CHAT = {"WEB_MESSAGES_PER_MINUTE": "100000"}  # a benchmark conversation is many people, not one too fast


def setup(name: str, shared: dict[str, str]) -> Launch:
    """One setup, made just before it runs (its ports free then): where its conversations are kept, how many
    Rasa servers, and what the load talks to (the gateway's chat when it spreads over servers)."""
    if name.startswith("sqlite"):
        return Launch(env=CHAT, through_gateway=name.endswith("gateway"))
    servers = int(name.split("-")[1])
    env = {**shared, **CHAT, "RASA_SERVERS": str(servers), "POSTGRES_DB": f"bench_{servers}_{secrets.token_hex(4)}"}
    return Launch("scripts.serve_cluster", env, name.endswith("gateway"), free_ports_in_a_row(servers))


SETUP_NAMES = {
    "sqlite-1": "1 Rasa server, SQLite, load on its REST channel",
    "sqlite-1-gateway": "1 Rasa server, SQLite, load through the gateway",
    "postgres-1": "1 Rasa server, PostgreSQL + Redis, load on its REST channel",
    "postgres-1-gateway": "1 Rasa server, PostgreSQL + Redis, through the gateway",
    "postgres-2-gateway": "2 Rasa servers, PostgreSQL + Redis, through the gateway",
}


def measure(model: Path, launch: Launch, load_name: str, seconds: float) -> dict:
    """One setup's figures under one load, with the memory of its processes."""
    stack = Stack(model, launch=launch)
    try:
        load("open", load_name, stack.url, WARM_UP_RATE, WARM_UP_S)  # not recorded: lazily built parts load
        figures = under_load(stack, load_name, seconds, RATES)
        figures["startup_s"] = round(stack.startup_s, 1)
        figures["rasa_rss_peak_mb"] = round(stack.peak["rasa_kb"] / 1024)
        figures["stack_rss_peak_mb"] = round(stack.peak["stack_kb"] / 1024)
    finally:
        stack.stop()
    return figures


def cluster(model: Path, seconds: float, load_name: str = "heldout") -> dict:
    """Every setup, one after the other, on services started for the run (and stopped after, if it started them)."""
    shared = service_env()
    settings = load_settings({**os.environ, **shared})
    started = services.start(settings)
    shared["POSTGRES_PASSWORD"] = services.postgres_password(settings)
    try:
        results = {}
        for name in SETUP_NAMES:
            print(f"Setup {name}...", flush=True)
            try:
                results[name] = measure(model, setup(name, shared), load_name, seconds)
            except RuntimeError as error:  # the others are still measured; the table says this one failed
                print(error, flush=True)
                results[name] = {"failed": str(error).splitlines()[0]}
            time.sleep(3)
    finally:
        services.stop(settings, started)
    return {"cores": os.cpu_count(), "load": load_name, "rates": RATES, "setups": results}


def cluster_section(run: dict) -> list[str]:
    """docs/benchmarks.md's cluster table: p50/p95 at 20 msg/s, SLO and saturation throughput, errors and memory."""
    at = str(NAMED_RATE)
    lines = [
        f"Run {run['when']}: `python -m bench.cluster`, the {run['load']} load, {run['seconds_per_load']:.0f} s "
        f"per rate ({', '.join(map(str, run['rates']))} msg/s), on {run['cores']} cores shared by every process "
        "(servers, PostgreSQL, Redis and the load generator). A safe reply counts as an error.",
        "",
        f"| setup | p50 at {at} msg/s | p95 at {at} msg/s | SLO throughput (msg/s) | saturation (answered msg/s) | "
        "errors at every rate | Rasa RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, figures in run["setups"].items():
        if "failed" in figures:
            lines.append(f"| {SETUP_NAMES.get(name, name)} | did not start: {figures['failed']} | | | | | |")
            continue
        named = figures["open_loop"][at]
        errors = ", ".join(str(f["errors"]) for f in figures["open_loop"].values())
        lines.append(
            f"| {SETUP_NAMES.get(name, name)} | {named['p50']} | {named['p95']} | {figures['slo_throughput']} | "
            f"{figures['saturation_throughput']} ({figures['saturation_errors']} errors) | {errors} | "
            f"{figures['rasa_rss_peak_mb']} |"
        )
    lines += ["", "p95 at every rate (ms):", "", "| setup | " + " | ".join(map(str, run["rates"])) + " |",
              "|---|" + "---|" * len(run["rates"])]  # fmt: skip
    for name, figures in run["setups"].items():
        if "failed" in figures:
            continue
        p95 = " | ".join(str(figures["open_loop"][str(rate)]["p95"]) for rate in run["rates"])
        lines.append(f"| {SETUP_NAMES.get(name, name)} | {p95} |")
    return lines


def main() -> int:
    """Run every setup on the trained model and write bench/results/cluster-*.json and docs/benchmarks.md."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    seconds = float(os.environ.get("BENCH_SECONDS", "20"))
    result = {"kind": "cluster", "when": stamp, "seconds_per_load": seconds,
              **cluster(ROOT / "models" / "assistant.tar.gz", seconds)}  # fmt: skip
    record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
