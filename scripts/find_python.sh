#!/usr/bin/env bash
# Print the path of a Python 3.10 (Rasa 3.6 needs Python < 3.11), or explain how to get one and fail.
set -u
works() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }
if [ -n "${PYTHON310:-}" ] && works "$PYTHON310"; then echo "$PYTHON310"; exit 0; fi
if command -v python3.10 >/dev/null 2>&1 && works python3.10; then command -v python3.10; exit 0; fi
if command -v pyenv >/dev/null 2>&1; then
  for candidate in $(ls -d "$(pyenv root)"/versions/3.10.* 2>/dev/null | sort -V -r); do
    if works "$candidate/bin/python"; then echo "$candidate/bin/python"; exit 0; fi
  done
fi
cat >&2 <<'MSG'
No Python 3.10 found. Rasa 3.6 needs Python 3.10 (it does not run on 3.11 or newer).
Install one, then run the command again:
  - Debian/Ubuntu: sudo apt-get install python3.10 python3.10-venv   (where your release has it)
  - pyenv:         pyenv install 3.10.13
  - or set PYTHON310=/path/to/python3.10
MSG
exit 1
