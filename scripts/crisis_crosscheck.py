"""How the crisis models do on reviewed examples they did not learn from, at several alarm thresholds.

    python -m scripts.crisis_crosscheck [--folds 5] [--thresholds 0.5,0.6,0.75]

The reviewed examples of knowledge/data/crisis_examples.yaml are split at random into folds; the alarm and
category models (rasa_addons/crisis_categories.py, with data/nlu's examples as ordinary) learn from all but one
fold and read that one, after the patterns as in the assistant. It prints, per threshold: the share of held-out
crisis examples that get a crisis reply, the share that get the right kind, false alarms on the held-out near
misses, and false alarms on the blind set's tuning half (its English ordinary messages; the sealed half is never
read). Use it before changing the threshold or a refinement in crisis.yaml.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np
from rasa.shared.nlu.training_data.loading import load_data

from bench.blind import load_half
from knowledge import KnowledgeBase, load_knowledge
from knowledge.crisis import detect_crisis, says_not_a_crisis
from rasa_addons.crisis_categories import ORDINARY, category_by_models, training_pairs
from rasa_addons.linear_intents import FittedIntents, LinearIntentClassifier, fit

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026


def kind_raised(
    kb: KnowledgeBase, models: tuple[FittedIntents, FittedIntents], text: str, threshold: float
) -> str | None:
    """The crisis kind the assistant would give a message: a pattern's, else the models' when confident enough."""
    signal = detect_crisis(kb, text)
    if signal is not None:
        return signal.category
    if says_not_a_crisis(kb, text):
        return None
    return category_by_models(kb, models, text, threshold)


def main() -> int:
    """Print the held-out figures per threshold."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--thresholds", default="0.5,0.6,0.75")
    args = parser.parse_args()
    kb = load_knowledge()
    config = LinearIntentClassifier.get_default_config()
    examples = [(t, c) for c, texts in kb.crisis_examples.categories.items() for t in texts]
    examples += [(t, ORDINARY) for t in kb.crisis_examples.ordinary]
    random.Random(SEED).shuffle(examples)
    held_out = {t for t, _ in examples}
    others = [p for p in training_pairs(kb, load_data(str(ROOT / "data" / "nlu"))) if p[0] not in held_out]
    ordinary = [i.text for i in load_half("tuning") if i.english and i.crisis is None]
    thresholds = [float(t) for t in args.thresholds.split(",")]
    tally = {t: {"crisis": 0, "any": 0, "right": 0, "near": 0, "near_alarms": 0, "alarms": 0} for t in thresholds}
    for fold in range(args.folds):
        test = examples[fold :: args.folds]
        learn = [p for i, p in enumerate(examples) if i % args.folds != fold] + others
        alarm = fit([t for t, _ in learn], np.array([c for _, c in learn]), config)
        crisis = [(t, c) for t, c in learn if c != ORDINARY]
        models = (alarm, fit([t for t, _ in crisis], np.array([c for _, c in crisis]), config))
        for threshold in thresholds:
            counts = tally[threshold]
            for text, wanted in test:
                got = kind_raised(kb, models, text, threshold)
                if wanted == ORDINARY:
                    counts["near"] += 1
                    counts["near_alarms"] += got is not None
                    continue
                counts["crisis"] += 1
                counts["any"] += got is not None
                counts["right"] += got == wanted or (wanted == "distress" and got is not None)
            counts["alarms"] += sum(kind_raised(kb, models, text, threshold) is not None for text in ordinary)
    print(f"{len(examples)} reviewed examples in {args.folds} folds; {len(ordinary)} tuning-half ordinary messages")
    for threshold, c in tally.items():
        print(f"  threshold {threshold:.2f}: a crisis reply {c['any'] / c['crisis']:.3f}, the right kind "
              f"{c['right'] / c['crisis']:.3f}, near misses alarmed {c['near_alarms'] / c['near']:.3f}, "
              f"tuning-half false alarms {c['alarms'] / (len(ordinary) * args.folds):.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
