"""The one door through which this project changes Rasa's own behaviour, opened only for the pinned Rasa.

Each change below reaches into Rasa 3.6 internals that a release may move or rename without notice, so
`install` first checks the installed Rasa against the version pinned in requirements.lock and refuses to
start, naming both, when they differ. What each change is worth is in docs/benchmark-levers.md:
- a model with no TensorFlow component is served without importing TensorFlow (rasa_addons.without_tensorflow);
- jsonschema checks each schema once, not on every action call (rasa_addons.schema_checks);
- RulePolicy remembers which rules the last states of a conversation allow (rasa_addons.rule_matching);
- the objects that importing Rasa and loading the model create are frozen out of the garbage collector's sight,
  so a full collection no longer walks half a million objects that live for ever (about 200 ms each time on the
  reference machine when only the imports were frozen; 45 ms with the model still in sight): Rasa's
  `load_agent_on_start` listener is followed by a collection and a freeze.
CachedSQLTrackerStore uses Rasa's private `_additional_events`, so it makes the same version check when built.
"""

from __future__ import annotations

import functools
import gc
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import rasa

from rasa_addons import rule_matching, schema_checks, without_tensorflow

LOCK = Path(__file__).resolve().parents[1] / "requirements.lock"


class RasaVersionError(RuntimeError):
    """The installed Rasa is not the version the extensions were written and measured against."""


def pinned_rasa_version(lock: Path = LOCK) -> str:
    """The Rasa version pinned in the lock file."""
    match = re.search(r"^rasa==(\S+)\s*$", lock.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise RasaVersionError(f"{lock.name} pins no rasa version (expected a line rasa==X.Y.Z)")
    return match.group(1)


def check_rasa_version(installed: str | None = None, pinned: str | None = None) -> None:
    """Refuse, naming both versions, when the installed Rasa is not the pinned one."""
    installed = installed or rasa.__version__
    pinned = pinned or pinned_rasa_version()
    if installed != pinned:
        raise RasaVersionError(
            f"Rasa {installed} is installed, but rasa_addons changes the internals of Rasa {pinned} "
            f"(pinned in {LOCK.name}). Install the pinned version (make install), or check every change in "
            f"rasa_addons/extensions.py against Rasa {installed} before moving the pin."
        )


def install(model: Path | None, installed: str | None = None) -> None:
    """Check the Rasa version, then make every change: TensorFlow left out if the model allows, schemas checked
    once, rule matching remembered, Rasa's imports frozen and the model frozen again once loaded."""
    check_rasa_version(installed)
    if model is not None and "tensorflow" not in sys.modules and not without_tensorflow.needs_tensorflow(model):
        without_tensorflow.block()
        print(f"Serving {model.name} without TensorFlow: none of its components needs it.", flush=True)
    schema_checks.install()
    rule_matching.install()
    import rasa.core.agent  # noqa: F401, PLC0415  (Rasa's heavy imports, made here so that they are frozen)
    import rasa.core.run  # noqa: PLC0415

    gc.freeze()
    rasa.core.run.load_agent_on_start = followed_by(rasa.core.run.load_agent_on_start, collect_and_freeze)


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
