"""Build the spaCy pipeline that finds council and town names: a blank English pipeline with an EntityRuler
whose patterns come from knowledge/data/england_councils.yaml, saved to models/places for Rasa's SpacyNLP."""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import get_knowledge  # noqa: E402
from knowledge.places import place_patterns  # noqa: E402

PLACES = ROOT / "models" / "places"


def build(target: Path = PLACES) -> int:
    """Write the pipeline to target; the number of patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = place_patterns(get_knowledge())
    ruler.add_patterns(patterns)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return len(patterns)


if __name__ == "__main__":
    print(f"Place names: {build()} patterns saved to {PLACES.relative_to(ROOT)}.")
