"""The Rasa command line (`python -m rasa_addons.server run --model M ...`), tuned for serving before Rasa starts.

NumPy's BLAS runs on the calling thread only: by default OpenBLAS starts a worker per core that spins while it
waits for work, and for the classifier's small products that spinning took a core from the action server. Every
change to Rasa's own behaviour is made by rasa_addons.extensions, which refuses a Rasa other than the pinned one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read once, when NumPy is first imported (just below)

from rasa_addons import extensions  # noqa: E402


def model_argument(argv: list[str]) -> Path | None:
    """The model file given with --model (or -m), if it is a file."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model", "-m")
    model = parser.parse_known_args(argv)[0].model
    return Path(model) if model and Path(model).is_file() else None


def main(argv: list[str]) -> int:
    """Install the extensions for the model given, then run Rasa's own command line; 2 when Rasa is not pinned."""
    try:
        extensions.install(model_argument(argv))
    except extensions.RasaVersionError as error:
        print(f"Not starting: {error}", file=sys.stderr, flush=True)
        return 2
    from rasa.__main__ import main as rasa_main  # noqa: PLC0415  (after install, which decides what may be imported)

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
