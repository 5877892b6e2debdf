"""Helpers for the language tests: our own English messages, and a language file changed to see it refused."""

import re
from pathlib import Path

import pytest
import yaml

from knowledge import KnowledgeError, load_knowledge
from knowledge.loader import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def english_examples() -> list[str]:
    """Every example in the English NLU files of the repository, annotations removed."""
    found = []
    for path in [*sorted((ROOT / "data" / "nlu").glob("*.yml")), ROOT / "tests" / "nlu" / "heldout.yml"]:
        if path.name == "languages.yml":
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in (item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.append(ANNOTATION.sub(r"\1", line.strip()[2:]))
    return found


def own_english_messages() -> list[str]:
    """Every English message of our own sets: NLU examples, held-out, safety sets and the crisis examples."""
    found = english_examples()
    for path in [*sorted((ROOT / "tests" / "safety").glob("*.yml")), DATA_DIR / "crisis_examples.yaml"]:
        found += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def problems_after(data_dir: Path, code: str, change) -> str:
    """The startup error after change(data) is made to languages/CODE.yaml in a copy of the data."""
    path = data_dir / "languages" / f"{code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_dir)
    return str(caught.value)
