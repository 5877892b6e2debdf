"""The Rasa command line (`python -m rasa_addons.server run --model M ...`), tuned for serving before Rasa starts.

Three changes, each measured in docs/benchmarks.md:
- a model with no TensorFlow component is served without importing TensorFlow (rasa_addons.without_tensorflow);
- jsonschema checks each schema once, not on every action call (rasa_addons.schema_checks);
- the objects that importing Rasa creates are frozen out of the garbage collector's sight, so a full collection
  no longer walks half a million objects that live for ever (about 200 ms each time on the reference machine).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from rasa_addons import schema_checks, without_tensorflow


def model_argument(argv: list[str]) -> Path | None:
    """The model file given with --model (or -m), if it is a file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model", "-m")
    model = parser.parse_known_args(argv)[0].model
    return Path(model) if model and Path(model).is_file() else None


def prepare(argv: list[str]) -> None:
    """Leave TensorFlow out if the model allows, install the once-only schema check, import Rasa and freeze."""
    model = model_argument(argv)
    if model is not None and "tensorflow" not in sys.modules and not without_tensorflow.needs_tensorflow(model):
        without_tensorflow.block()
        print(f"Serving {model.name} without TensorFlow: none of its components needs it.", flush=True)
    schema_checks.install()
    import rasa.core.agent  # noqa: F401, PLC0415  (Rasa's heavy imports, made here so that they are frozen)

    gc.freeze()


if __name__ == "__main__":
    prepare(sys.argv[1:])
    from rasa.__main__ import main  # noqa: PLC0415  (after prepare, which decides what may be imported)

    sys.exit(main())
