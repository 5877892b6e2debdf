"""Score the trained model on the held-out NLU set: per-intent F1 and macro-F1; exit 1 below the floor."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

import yaml
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ROOT / "tests" / "nlu" / "heldout.yml"
MODEL = ROOT / "models" / "assistant.tar.gz"


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((text, block["intent"]))
    return pairs


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the gold intents, and each intent's F1 (a prediction of any other label is a miss)."""
    intents = sorted(set(gold))
    scores = f1_score(gold, predicted, labels=intents, average=None, zero_division=0)
    per_intent = {intent: float(score) for intent, score in zip(intents, scores, strict=True)}
    return float(scores.mean()), per_intent


async def predict(model: Path, texts: list[str]) -> list[str]:
    """The intent the trained model gives each text (nlu_fallback counts as a miss)."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    return [(await agent.parse_message(t))["intent"]["name"] for t in texts]


def main() -> int:
    """Print the scores; exit 1 if macro-F1 is below --floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--data", type=Path, default=HELD_OUT)
    parser.add_argument("--floor", type=float, default=0.85)
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    examples = read_examples(args.data)
    gold = [intent for _, intent in examples]
    predicted = asyncio.run(predict(args.model, [text for text, _ in examples]))
    score, per_intent = macro_f1(gold, predicted)
    for intent, f1 in sorted(per_intent.items(), key=lambda item: item[1]):
        if f1 < 1.0:
            print(f"  {intent:32s} F1 {f1:.2f}")
    for (text, g), p in zip(examples, predicted, strict=True):
        if g != p:
            print(f"  miss: {text!r}: expected {g}, got {p}")
    print(
        f"NLU held-out set: {len(examples)} messages, {len(per_intent)} intents, macro-F1 {score:.3f} "
        f"(floor {args.floor})"
    )
    return 0 if score >= args.floor else 1


if __name__ == "__main__":
    sys.exit(main())
