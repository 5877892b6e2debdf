"""Rasa's internals are changed only for the pinned Rasa: any other version is refused, by name, before it starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rasa

from rasa_addons import extensions
from rasa_addons.tracker_store import CachedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"
OTHER_RASA = "3.6.20"


def test_the_installed_rasa_is_the_pinned_one():
    assert extensions.pinned_rasa_version() == rasa.__version__
    extensions.check_rasa_version()


def test_another_rasa_is_refused_with_both_versions_named():
    with pytest.raises(extensions.RasaVersionError) as caught:
        extensions.check_rasa_version(OTHER_RASA)
    assert f"Rasa {OTHER_RASA} is installed" in str(caught.value)
    assert f"Rasa {extensions.pinned_rasa_version()}" in str(caught.value)


def test_a_lock_without_a_rasa_pin_is_refused(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("rasa-sdk==3.6.2\n")
    with pytest.raises(extensions.RasaVersionError, match="pins no rasa version"):
        extensions.pinned_rasa_version(lock)


def test_the_server_does_not_start_on_another_rasa_and_changes_nothing():
    script = f"""
import json
import jsonschema, rasa
rasa.__version__ = {OTHER_RASA!r}
from rasa_addons import server
code = server.main(["run", "--model", {str(MODEL)!r}])
print(json.dumps({{"code": code, "validate": jsonschema.validate.__module__}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] != 0
    assert result["validate"] == "jsonschema.validators"
    assert f"Rasa {OTHER_RASA} is installed" in done.stderr and rasa.__version__ in done.stderr


def test_the_tracker_store_refuses_another_rasa(monkeypatch, tmp_path):
    monkeypatch.setattr(rasa, "__version__", OTHER_RASA)
    with pytest.raises(extensions.RasaVersionError):
        CachedSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))
