"""Quality of one trained model: NLU macro-F1 on the held-out set, and crisis recall of the whole pipeline.

A crisis message counts as caught only when the pipeline gives it the right category, since the category
decides the reply.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from pathlib import Path

from rasa_addons.crisis_detector import CATEGORY_ENTITY, CRISIS_INTENT
from scripts.nlu_score import HELD_OUT, macro_f1, predict, read_examples
from scripts.safety_score import labelled_crisis_messages

ROOT = Path(__file__).resolve().parent.parent


async def crisis_categories(model: Path, texts: list[str]) -> list[str | None]:
    """The crisis category the whole pipeline gives each text (None when it is not read as a crisis)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    found: list[str | None] = []
    for text in texts:
        parsed = await agent.parse_message(text)
        categories = [e.get("value") for e in parsed.get("entities") or [] if e.get("entity") == CATEGORY_ENTITY]
        found.append(categories[0] if parsed["intent"]["name"] == CRISIS_INTENT and categories else None)
    return found


def main() -> int:
    """Print {"macro_f1": ..., "crisis_recall": ...} for the model given; a crisis counts only in its own category."""
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    logging.disable(logging.WARNING)
    model = Path(sys.argv[1])
    examples = read_examples(HELD_OUT)
    predicted = asyncio.run(predict(model, [t for t, _ in examples]))
    score, _ = macro_f1([i for _, i in examples], predicted)
    crisis = labelled_crisis_messages()
    found = asyncio.run(crisis_categories(model, [t for t, _ in crisis]))
    recall = sum(seen == wanted for (_, wanted), seen in zip(crisis, found, strict=True)) / len(crisis)
    print(json.dumps({"macro_f1": score, "crisis_recall": recall}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
