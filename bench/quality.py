"""Quality of one trained model: NLU macro-F1 on the held-out set, and crisis recall of the whole pipeline."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.nlu_score import HELD_OUT, macro_f1, predict, read_examples  # noqa: E402


def crisis_messages() -> list[str]:
    """Every message in the safety sets that must be treated as a crisis."""
    found = []
    for path in sorted((ROOT / "tests" / "safety").glob("*.yml")):
        for messages in (yaml.safe_load(path.read_text(encoding="utf-8")).get("crisis") or {}).values():
            found.extend(messages)
    return found


def main() -> int:
    """Print {"macro_f1": ..., "crisis_recall": ...} for the model given."""
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    logging.disable(logging.WARNING)
    model = Path(sys.argv[1])
    examples = read_examples(HELD_OUT)
    crisis = crisis_messages()
    predicted = asyncio.run(predict(model, [t for t, _ in examples] + crisis))
    score, _ = macro_f1([i for _, i in examples], predicted[: len(examples)])
    recall = sum(p == "crisis" for p in predicted[len(examples) :]) / len(crisis)
    print(json.dumps({"macro_f1": score, "crisis_recall": recall}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
