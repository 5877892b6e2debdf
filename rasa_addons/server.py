"""The Rasa command line (`python -m rasa_addons.server run --model M ...`), tuned for serving before Rasa starts.

Five changes, each measured in docs/benchmarks.md:
- NumPy's BLAS runs on the calling thread only: by default OpenBLAS starts a worker per core that spins while
  it waits for work, and for the classifier's small products that spinning took a core from the action server;
- a model with no TensorFlow component is served without importing TensorFlow (rasa_addons.without_tensorflow);
- jsonschema checks each schema once, not on every action call (rasa_addons.schema_checks);
- calls to the action server reuse one session and its open connections (rasa_addons.keep_alive);
- the objects that importing Rasa and loading the model create are frozen out of the garbage collector's sight,
  so a full collection no longer walks half a million objects that live for ever (about 200 ms each time on the
  reference machine when only the imports were frozen; 45 ms with the model still in sight).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read once, when NumPy is first imported (just below)

from rasa_addons import keep_alive, schema_checks, without_tensorflow  # noqa: E402


def model_argument(argv: list[str]) -> Path | None:
    """The model file given with --model (or -m), if it is a file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model", "-m")
    model = parser.parse_known_args(argv)[0].model
    return Path(model) if model and Path(model).is_file() else None


def prepare(argv: list[str]) -> None:
    """Leave TensorFlow out if the model allows, install the schema check and keep-alive, import Rasa and freeze
    (again once the model is loaded), and close the kept-alive sessions when the server stops."""
    model = model_argument(argv)
    if model is not None and "tensorflow" not in sys.modules and not without_tensorflow.needs_tensorflow(model):
        without_tensorflow.block()
        print(f"Serving {model.name} without TensorFlow: none of its components needs it.", flush=True)
    schema_checks.install()
    keep_alive.install()
    import rasa.core.agent  # noqa: F401, PLC0415  (Rasa's heavy imports, made here so that they are frozen)
    import rasa.core.run  # noqa: PLC0415

    gc.freeze()
    rasa.core.run.load_agent_on_start = followed_by(rasa.core.run.load_agent_on_start, collect_and_freeze)
    rasa.core.run.close_resources = followed_by(rasa.core.run.close_resources, keep_alive.close_all)


async def collect_and_freeze() -> None:
    """Collect, then freeze what is left: the model, loaded once, lives as long as the server."""
    gc.collect()
    gc.freeze()


def followed_by(
    first: Callable[..., Awaitable[Any]], then: Callable[[], Awaitable[None]]
) -> Callable[..., Awaitable[Any]]:
    """One of Rasa's server listeners, with `then` run after it."""

    @functools.wraps(first)
    async def both(*args: Any, **kwargs: Any) -> Any:
        result = await first(*args, **kwargs)
        await then()
        return result

    return both


if __name__ == "__main__":
    prepare(sys.argv[1:])
    from rasa.__main__ import main  # noqa: PLC0415  (after prepare, which decides what may be imported)

    sys.exit(main())
