#!/usr/bin/env bash
# Create .venv with a Python 3.10 and install the pinned lock file into it.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find_python.sh)
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
  echo "Replacing .venv: it is not Python 3.10."
  rm -rf .venv
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip==24.0"
.venv/bin/python -m pip install --quiet --requirement requirements.lock
# The project itself, editable: its packages import from this checkout, with no path tricks in the scripts.
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation --editable .
.venv/bin/python -m pip check
