"""Serving without TensorFlow: decided from the model itself, and the assistant understands the same."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from rasa_addons import without_tensorflow

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"


def model_using(tmp_path: Path, *components: str) -> Path:
    """A model archive whose metadata names the given components (all a model needs for the decision)."""
    nodes = {f"node{i}": {"uses": component} for i, component in enumerate(components)}
    data = json.dumps({"predict_schema": {"nodes": nodes}}).encode()
    path = tmp_path / "model.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, BytesIO(data))
    return path


def test_our_model_needs_no_tensorflow():
    assert not without_tensorflow.needs_tensorflow(MODEL)


@pytest.mark.parametrize(
    "component",
    ["rasa.nlu.classifiers.diet_classifier.DIETClassifier", "rasa.core.policies.ted_policy.TEDPolicy"],
)
def test_a_model_with_a_tensorflow_component_keeps_it(tmp_path, component):
    model = model_using(tmp_path, "rasa.core.policies.rule_policy.RulePolicy", component)
    assert without_tensorflow.needs_tensorflow(model)


def test_the_model_understands_the_same_without_tensorflow():
    script = f"""
import asyncio, json, sys
sys.path.insert(0, {str(ROOT)!r})
from rasa_addons import without_tensorflow
without_tensorflow.block()
from rasa.core.agent import Agent
agent = Agent.load({str(MODEL)!r})
parsed = asyncio.run(agent.parse_message("am I exempt from council tax?"))
print(json.dumps({{"intent": parsed["intent"]["name"], "tensorflow": sys.modules.get("tensorflow") is not None}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"intent": "ask_council_tax", "tensorflow": False}


def test_a_stand_in_refuses_to_run():
    script = """
from rasa_addons import without_tensorflow
without_tensorflow.block()
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
try:
    DIETClassifier()
except without_tensorflow.TensorFlowNotLoadedError as error:
    print(error)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "DIETClassifier needs TensorFlow" in done.stdout
