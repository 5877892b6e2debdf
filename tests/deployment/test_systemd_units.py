"""The systemd files in deployment/systemd/ name only what the repository has and the settings it reads."""

import re
from collections.abc import Iterator
from pathlib import Path

from deployment.settings import DEFAULT_MODEL, DEFAULT_TRACKER_DB, ROOT, load_settings

UNITS = ROOT / "deployment" / "systemd"
INSTALL_ROOT = "/opt/care-leaver-assistant"
# Made when installing or running, never committed: the environment scripts/setup_venv.sh creates, and the
# directories of the settings' defaults (the tracker store, the trained model).
MADE_AT_INSTALL = {Path(".venv"), DEFAULT_TRACKER_DB.parent.relative_to(ROOT), DEFAULT_MODEL.parent.relative_to(ROOT)}


class RecordingEnvironment(dict[str, str]):
    """An empty environment that remembers every name asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(key)
        return default


def directives(unit: Path) -> Iterator[tuple[str, str]]:
    """Each (key, value) line of a unit file, comments and section headers left out."""
    for line in unit.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            yield key.strip(), value.strip()


def service() -> dict[str, list[str]]:
    """The service unit's directives, each key with all its values."""
    found: dict[str, list[str]] = {}
    for key, value in directives(UNITS / "care-leaver-assistant.service"):
        found.setdefault(key, []).append(value)
    return found


def settings_read() -> set[str]:
    """The environment variable names deployment/settings.py reads."""
    env = RecordingEnvironment()
    load_settings(env)
    return env.asked


def test_every_repository_path_the_unit_names_exists_or_is_made_at_install():
    text = (UNITS / "care-leaver-assistant.service").read_text(encoding="utf-8")
    named = {Path(p) for p in re.findall(rf"{INSTALL_ROOT}/(\S+)", text)}
    assert named
    missing = {
        p for p in named if not (ROOT / p).exists() and not any(p == d or d in p.parents for d in MADE_AT_INSTALL)
    }
    assert not missing


def test_the_unit_runs_the_launcher_from_the_checkout():
    unit = service()
    assert unit["WorkingDirectory"] == [INSTALL_ROOT]
    (command,) = unit["ExecStart"]
    python, flag, module = command.split()
    assert python == f"{INSTALL_ROOT}/.venv/bin/python" and flag == "-m"
    assert (ROOT / (module.replace(".", "/") + ".py")).is_file()
    assert "-m venv .venv" in (ROOT / "scripts" / "setup_venv.sh").read_text(encoding="utf-8")


def test_the_unit_may_write_only_where_the_settings_keep_data():
    unit = service()
    assert unit["ProtectSystem"] == ["strict"] and unit["NoNewPrivileges"] == ["yes"]
    writable = {Path(p).relative_to(INSTALL_ROOT) for p in " ".join(unit["ReadWritePaths"]).split()}
    assert writable == {DEFAULT_TRACKER_DB.parent.relative_to(ROOT), DEFAULT_MODEL.parent.relative_to(ROOT)}


def test_the_unit_runs_as_the_user_the_sysusers_file_creates():
    unit = service()
    entry = (UNITS / "care-leaver-assistant.sysusers").read_text(encoding="utf-8").splitlines()[-1].split()
    assert entry[0] == "u" and unit["User"] == [entry[1]] and unit["Group"] == [entry[1]]


def test_the_environment_file_names_only_settings_that_are_read():
    names = {key for key, _ in directives(UNITS / "assistant.env.example")}
    assert names
    assert names <= settings_read()
