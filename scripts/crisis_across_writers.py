"""Whether the crisis alarm model learns across writers: trained as `make train` trains it, then with two blind
writers' tuning halves added, and scored on the third writer's tuning half each time.

    python -m scripts.crisis_across_writers [--thresholds 0.5,0.6]

It prints, per held-out writer and threshold, the share of that writer's crisis messages the alarm model alone
raises (no patterns) and the share of its ordinary messages it alarms on. Only the tuning halves are read; the
sealed halves never are. It measures; the assistant never learns from a test set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from rasa.shared.nlu.training_data.loading import load_data

from bench.blind import TUNING_HALVES, Item, load_half
from knowledge import load_knowledge
from rasa_addons.crisis_categories import ORDINARY, training_pairs
from rasa_addons.linear_intents import FittedIntents, LinearIntentClassifier, fit

ROOT = Path(__file__).resolve().parent.parent


def alarm_rates(alarm: FittedIntents, items: list[Item], threshold: float) -> tuple[float, float]:
    """(share of crisis messages raised, share of ordinary messages alarmed) by the alarm model alone."""
    ordinary_column = list(alarm.intents).index(ORDINARY)
    alarmed = 1.0 - alarm.confidences([item.text for item in items])[:, ordinary_column] >= threshold
    crisis = np.array([item.crisis is not None for item in items])
    return float(alarmed[crisis].mean()), float(alarmed[~crisis].mean())


def main() -> int:
    """Print the alarm model's figures on each held-out writer, without and with the other writers' messages."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--thresholds", default="0.5,0.6")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    config = LinearIntentClassifier.get_default_config()
    as_trained = training_pairs(load_knowledge(), load_data(str(ROOT / "data" / "nlu")))
    writers = {half: [item for item in load_half(half) if item.english] for half in TUNING_HALVES}
    for held_out, items in writers.items():
        added = [(i.text, i.crisis or ORDINARY) for half, its in writers.items() if half != held_out for i in its]
        for name, pairs in (("as trained", as_trained), ("with the other writers", as_trained + added)):
            alarm = fit([text for text, _ in pairs], np.array([label for _, label in pairs]), config)
            figures = [(t, *alarm_rates(alarm, items, t)) for t in thresholds]
            shown = ", ".join(f"at {t:.2f} recall {r:.3f} false alarms {f:.3f}" for t, r, f in figures)
            print(f"{held_out} held out, {name}: {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
