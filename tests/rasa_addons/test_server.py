"""The tuned Rasa command line: what it sets up before Rasa starts serving."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from rasa_addons import extensions

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"


def test_the_served_model_runs_numpy_on_one_thread_with_the_schema_checked_once():
    script = f"""
import asyncio, json, sys
sys.argv = ["rasa_addons.server", "run", "--model", {str(MODEL)!r}]
sys.path.insert(0, {str(ROOT)!r})
from rasa_addons import extensions, server
extensions.install(server.model_argument(sys.argv[1:]))
import jsonschema
from rasa.core.agent import Agent
from threadpoolctl import threadpool_info
agent = Agent.load({str(MODEL)!r})
parsed = asyncio.run(agent.parse_message("how do I get my care file"))
blas = [pool["num_threads"] for pool in threadpool_info() if pool["internal_api"] == "openblas"]
print(json.dumps({{"intent": parsed["intent"]["name"], "blas_threads": blas,
                   "validate": jsonschema.validate.__module__}}))
"""
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["intent"] == "ask_care_file"
    assert result["blas_threads"] and set(result["blas_threads"]) == {1}
    assert result["validate"] == "rasa_addons.schema_checks"


async def test_what_loading_the_model_made_is_out_of_the_collectors_sight():
    async def load_model() -> list[list[int]]:
        return [[number] for number in range(1000)]

    try:
        model = await extensions.followed_by(load_model, extensions.collect_and_freeze)()
        in_sight = {id(thing) for thing in gc.get_objects()}
        assert gc.get_freeze_count() >= len(model)
        assert id(model) not in in_sight and not any(id(part) in in_sight for part in model)
    finally:
        gc.unfreeze()
