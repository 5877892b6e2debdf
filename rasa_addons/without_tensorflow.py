"""Serve a model that has no TensorFlow component without importing TensorFlow at all.

Rasa 3.6 imports TensorFlow on every start, whatever the model: its policies import rasa.utils.train_utils,
which imports two modules used only in training (the Keras callbacks and the batch data generator), and loading
any model imports the training-time config validator, which imports the three TensorFlow components to compare
against. Importing TensorFlow costs about 440 MB of memory and two seconds. When no component the model predicts
with imports TensorFlow itself, rasa_addons.extensions blocks it and puts stand-ins in place of those five modules.
A stand-in class can be named and compared with, but making one raises at once, so nothing can quietly run
without what it needs.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tarfile
import types
from pathlib import Path

# Each module that imports TensorFlow on the way to serving a model, with the names Rasa 3.6 takes from it there.
STAND_INS = {
    "rasa.utils.tensorflow.callback": ("RasaTrainingLogger", "RasaModelCheckpoint"),
    "rasa.utils.tensorflow.data_generator": ("RasaBatchDataGenerator",),
    "rasa.nlu.classifiers.diet_classifier": ("DIETClassifier",),
    "rasa.nlu.selectors.response_selector": ("ResponseSelector",),
    "rasa.core.policies.ted_policy": ("TEDPolicy",),
}
IMPORTS_TENSORFLOW = re.compile(r"^\s*(import|from)\s+tensorflow\b", re.MULTILINE)


class TensorFlowNotLoadedError(RuntimeError):
    """A training-only part of Rasa was used in a server started without TensorFlow."""


def model_components(model: Path) -> set[str]:
    """The dotted class paths of every component the trained model runs when it predicts."""
    with tarfile.open(model, "r:gz") as archive:
        member = next(m for m in archive.getmembers() if m.name.lstrip("./") == "metadata.json")
        metadata = json.load(archive.extractfile(member))
    return {node["uses"] for node in metadata["predict_schema"]["nodes"].values()}


def imports_tensorflow(class_path: str) -> bool:
    """Whether the module defining class_path imports TensorFlow itself (read from its source, not imported)."""
    spec = importlib.util.find_spec(class_path.rpartition(".")[0])
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return True  # cannot tell, so assume it does
    return bool(IMPORTS_TENSORFLOW.search(Path(spec.origin).read_text(encoding="utf-8")))


def needs_tensorflow(model: Path) -> bool:
    """Whether any component of the model imports TensorFlow."""
    return any(imports_tensorflow(component) for component in model_components(model))


def _stand_in(name: str) -> type:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise TensorFlowNotLoadedError(f"{name} needs TensorFlow, and this server was started without it.")

    return type(name, (), {"__init__": refuse})


def block() -> None:
    """Make `import tensorflow` fail in this process, and stand in for the modules that would import it."""
    sys.modules["tensorflow"] = None  # type: ignore[assignment]  # Python's own way to make an import fail
    for module_name, names in STAND_INS.items():
        module = types.ModuleType(module_name, "Stand-in: this server runs without TensorFlow.")
        for name in names:
            setattr(module, name, _stand_in(name))
        sys.modules[module_name] = module
