"""Train the model only when data/, domain.yml, config.yml, rasa_addons/, the topic vocabulary or the crisis
examples changed since the last model (a content stamp)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deployment.settings import DEFAULT_MODEL
from knowledge import load_knowledge
from scripts.build_places import build as build_places

ROOT = Path(__file__).resolve().parent.parent

MODEL = DEFAULT_MODEL
STAMP = ROOT / "models" / "assistant.stamp"


def training_inputs() -> list[Path]:
    """Every file the model is trained from, in a stable order."""
    files = [ROOT / "domain.yml", ROOT / "config.yml"]
    files += sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())
    files += sorted((ROOT / "rasa_addons").glob("*.py"))  # the model's own components are trained and saved too
    files.append(ROOT / "knowledge" / "data" / "vocabulary.yaml")  # the classifier learns from the topic words too
    # The crisis models learn from the reviewed examples, and crisis.yaml's patterns sort the crisis intent's.
    files.append(ROOT / "knowledge" / "data" / "crisis_examples.yaml")
    files.append(ROOT / "knowledge" / "data" / "crisis.yaml")
    files += sorted((ROOT / "knowledge" / "data" / "languages").glob("*.yaml"))  # their crisis examples too
    return files


def fingerprint() -> str:
    """A hash of the training inputs' names and contents."""
    digest = hashlib.sha256()
    for path in training_inputs():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def main() -> int:
    """Build the place-name pipeline; train if the stamp is missing or stale, then write the stamp."""
    print(f"Place names: {build_places(load_knowledge())} patterns.")
    current = fingerprint()
    if MODEL.exists() and STAMP.exists() and STAMP.read_text().strip() == current:
        print(f"Model is up to date ({MODEL.relative_to(ROOT)}).")
        return 0
    print("Training the model (data/, domain.yml or config.yml changed)...", flush=True)
    started = time.monotonic()
    rasa = Path(sys.executable).parent / "rasa"
    # Rasa's training cache keys a component by its config and the training data alone: the crisis models and the
    # vocabulary examples learn from knowledge/data too, so a cached component could miss an edit there (an example
    # taken out of crisis_examples.yaml was still learnt). Every training starts from nothing.
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_MAX_CACHE_SIZE": "0"}
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    # Built beside the model and moved into place in one step: a server that starts (or is restarted) while a
    # model is trained loads the old model or the new one, never half of one.
    with tempfile.TemporaryDirectory(dir=MODEL.parent) as out:
        name = MODEL.stem.removesuffix(".tar")
        result = subprocess.run([str(rasa), "train", "--fixed-model-name", name, "--out", out], cwd=ROOT, env=env)
        built = Path(out) / MODEL.name
        if result.returncode != 0 or not built.exists():
            print("Training failed; see the messages above.", file=sys.stderr)
            return 1
        os.replace(built, MODEL)
    STAMP.write_text(current + "\n")
    print(f"Trained in {time.monotonic() - started:.0f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
