"""Build the spaCy pipeline that finds council and town names: a blank English pipeline with an EntityRuler
whose patterns come from knowledge/data/england_councils.yaml, saved to models/places for Rasa's SpacyNLP.

The patterns' hash is kept beside the pipeline, so an unchanged pipeline is not rebuilt (nor spaCy imported)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from knowledge import KnowledgeBase, load_knowledge
from knowledge.places import place_patterns

ROOT = Path(__file__).resolve().parent.parent

PLACES = ROOT / "models" / "places"
STAMP_NAME = "patterns.sha256"


def _digest(patterns: list[dict]) -> str:
    return hashlib.sha256(json.dumps(patterns, sort_keys=True).encode()).hexdigest()


def _built_from(target: Path, digest: str) -> bool:
    stamp = target / STAMP_NAME
    return stamp.exists() and stamp.read_text() == digest


def up_to_date(kb: KnowledgeBase, target: Path = PLACES) -> bool:
    """Whether target holds a pipeline built from the place names the knowledge base has now."""
    return _built_from(target, _digest(place_patterns(kb)))


def build(kb: KnowledgeBase, target: Path = PLACES) -> int:
    """Write the pipeline to target unless it is already built from the same patterns; the number of patterns."""
    patterns = place_patterns(kb)
    digest = _digest(patterns)
    if _built_from(target, digest):
        return len(patterns)
    import spacy  # noqa: PLC0415  (only when there is something to build: importing spaCy takes seconds)

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    (target / STAMP_NAME).write_text(digest)
    return len(patterns)


if __name__ == "__main__":
    print(f"Place names: {build(load_knowledge())} patterns saved to {PLACES.relative_to(ROOT)}.")
