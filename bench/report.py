"""Write docs/benchmarks.md (tables) and docs/bench-p95.png (p95 against offered rate) from bench/results/."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import matplotlib

from bench.cluster import cluster_section

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
CHART = ROOT / "docs" / "bench-p95.png"
NOTES = ROOT / "docs" / "benchmark-levers.md"
FIGURES = [
    ("rasa_rss_peak_mb", "Rasa server peak RSS (MB)", False),
    ("stack_rss_peak_mb", "Whole stack peak RSS (MB)", False),
    ("startup_s", "Start to first answer (s)", False),
    ("training_s", "Full training (s)", False),
    ("macro_f1", "NLU macro-F1 (held-out)", True),
    ("crisis_recall", "Crisis recall (whole pipeline)", True),
]
LOAD_FIGURES = [
    ("slo_throughput", "SLO throughput (msg/s at p95 < 100 ms)"),
    ("saturation_throughput", "Saturation throughput (msg/s, 50 conversations)"),
]
LOAD_NAMES = {"heldout": "our held-out messages", "blind": "the blind set's English messages"}
SYSTEMS = {"ours": "#00703c", "baseline": "#d4351c", "floor": "#505a5f"}


def latest(kind: str) -> dict | None:
    """The newest result file of a kind."""
    files = sorted(RESULTS.glob(f"{kind}-*.json"))
    return json.loads(files[-1].read_text()) if files else None


def mean(pairs: list[dict], system: str, key: str, load: str | None = None) -> float:
    """A figure averaged over the pairs (one load's, when a load is named)."""
    return statistics.mean(float((pair[system]["loads"][load] if load else pair[system])[key]) for pair in pairs)


def p95_at(pairs: list[dict], system: str, load: str, rate: int) -> float:
    """The p95 at one offered rate under one load, averaged over the pairs."""
    return statistics.mean(pair[system]["loads"][load]["open_loop"][str(rate)]["p95"] for pair in pairs)


def ratio(ours: float, other: float) -> str:
    """ours / other, or n/a when other is 0."""
    return f"{ours / other:.2f}" if other else "n/a"


def load_targets(bench: dict, load: str) -> list[tuple[str, str, bool]]:
    """The targets judged on one load, as ratios measured in the same run."""
    pairs = bench["pairs"]
    slo = mean(pairs, "ours", "slo_throughput", load), mean(pairs, "baseline", "slo_throughput", load)
    saturation = (
        mean(pairs, "ours", "saturation_throughput", load),
        mean(pairs, "baseline", "saturation_throughput", load),
    )
    p95_10 = p95_at(pairs, "ours", load, 10), p95_at(pairs, "baseline", load, 10)
    stock_slo = f"{slo[1]:.4g} msg/s" if slo[1] else f"0 (p95 over 100 ms already at {bench['rates'][0]} msg/s)"
    return [
        (f"{load}: SLO throughput at least 3 times the baseline's", f"{slo[0]:.4g} msg/s against {stock_slo}",
         slo[0] >= 3 * slo[1] and slo[0] > 0),
        (f"{load}: p95 at 10 msg/s at most a quarter of the baseline's", f"{p95_10[0]:.1f} against {p95_10[1]:.1f} "
         f"ms ({p95_10[0] / p95_10[1]:.2f})", p95_10[0] <= 0.25 * p95_10[1]),
        (f"{load}: saturation throughput at least 2 times the baseline's", f"{saturation[0]:.4g} against "
         f"{saturation[1]:.4g} msg/s", saturation[0] >= 2 * saturation[1]),
    ]  # fmt: skip


def targets_section(bench: dict) -> list[str]:
    """Each target of the tuning, the figures it compares, and whether it is met (means over the pairs)."""
    pairs = bench["pairs"]

    def both(key: str) -> tuple[float, float]:
        return mean(pairs, "ours", key), mean(pairs, "baseline", key)

    rss, startup, f1 = (both(k) for k in ("rasa_rss_peak_mb", "startup_s", "macro_f1"))
    training = mean(pairs, "ours", "training_s")
    rows = [row for load in bench["loads"] for row in load_targets(bench, load)]
    rows += [
        ("Rasa server RSS at most 60% of the baseline's", f"{rss[0]:.0f} against {rss[1]:.0f} MB "
         f"({rss[0] / rss[1]:.0%})", rss[0] <= 0.6 * rss[1]),
        ("startup at most 50% of the baseline's", f"{startup[0]:.1f} against {startup[1]:.1f} s "
         f"({startup[0] / startup[1]:.0%})", startup[0] <= 0.5 * startup[1]),
        ("full training at most 90 s", f"{training:.1f} s", training <= 90),
        ("macro-F1 no lower than the baseline's", f"{f1[0]:.3f} against {f1[1]:.3f}", f1[0] >= f1[1]),
    ]  # fmt: skip
    lines = ["| target | measured (ours against baseline, means) | met? |", "|---|---|---|"]
    lines += [f"| {target} | {figures} | {'yes' if met else '**no**'} |" for target, figures, met in rows]
    return lines


def ratios_section(bench: dict) -> list[str]:
    """p95 at every rate under each load, for the three systems, and ours over the floor and over the baseline."""
    pairs = bench["pairs"]
    lines = ["| load | rate (msg/s) | ours p95 | baseline p95 | floor p95 | ours / floor | ours / baseline |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for load in bench["loads"]:
        for rate in bench["rates"]:
            ours, base, floor = (p95_at(pairs, s, load, rate) for s in SYSTEMS)
            lines.append(f"| {load} | {rate} | {ours:.1f} | {base:.1f} | {floor:.1f} | {ratio(ours, floor)} | "
                         f"{ratio(ours, base)} |")  # fmt: skip
    return lines


def chart(bench: dict) -> None:
    """docs/bench-p95.png: p95 against offered rate, each system under each load."""
    figure, axes = plt.subplots(figsize=(7, 4))
    for system, colour in SYSTEMS.items():
        for load, style in zip(bench["loads"], ("-", ":"), strict=False):
            p95 = [p95_at(bench["pairs"], system, load, r) for r in bench["rates"]]
            axes.plot(bench["rates"], p95, marker="o", linestyle=style, color=colour, label=f"{system}, {load}")
    axes.axhline(100, linestyle="--", color="#b1b4b6", label="p95 = 100 ms")
    axes.set(xscale="log", yscale="log", xlabel="offered rate (messages/s)", ylabel="p95 latency (ms)")
    axes.set_xticks(bench["rates"], [str(r) for r in bench["rates"]])
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(CHART, dpi=120)


def bench_section(bench: dict) -> list[str]:
    """The comparison table, the latency tables and the chart."""
    pairs = bench["pairs"]
    lines = [
        f"Run {bench['when']}: {len(pairs)} pair(s), {bench['seconds_per_load']:.0f} s per load and rate, on this "
        "machine, shared with other work while it ran.",
        "",
        "| figure | ours | baseline | ours / baseline | each pair (ours; baseline) |",
        "|---|---|---|---|---|",
    ]
    rows = [
        (label, lambda s, k=key, n=load: mean(pairs, s, k, n), key, load)
        for load in bench["loads"]
        for key, label in LOAD_FIGURES
        for label in [f"{label}, {load}"]
    ]
    rows += [(label, lambda s, k=key: mean(pairs, s, k), key, None) for key, label, _ in FIGURES]  # fmt: skip
    for label, figure, key, load in rows:
        ours, base = figure("ours"), figure("baseline")
        each = "; ".join(
            f"{(p['ours']['loads'][load] if load else p['ours'])[key]:.4g} / "
            f"{(p['baseline']['loads'][load] if load else p['baseline'])[key]:.4g}"
            for p in pairs
        )
        lines.append(f"| {label} | {ours:.4g} | {base:.4g} | {ratio(ours, base)} | {each} |")
    for load in bench["loads"]:
        lines += ["", f"Open-loop latency under {LOAD_NAMES.get(load, load)} ({load}), means over the pairs (ms, "
                  "from each message's scheduled send time):", "",
                  "| rate (msg/s) | ours p50 | ours p95 | ours p99 | baseline p50 | baseline p95 | baseline p99 | "
                  "floor p50 | floor p95 |",
                  "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for rate in bench["rates"]:

            def at(system: str, q: str, r: int = rate, n: str = load) -> str:
                return f"{statistics.mean(p[system]['loads'][n]['open_loop'][str(r)][q] for p in pairs):.1f}"

            lines.append(f"| {rate} | {at('ours', 'p50')} | {at('ours', 'p95')} | {at('ours', 'p99')} | "
                         f"{at('baseline', 'p50')} | {at('baseline', 'p95')} | {at('baseline', 'p99')} | "
                         f"{at('floor', 'p50')} | {at('floor', 'p95')} |")  # fmt: skip
    chart(bench)
    return [*lines, "", f"![p95 against offered rate]({CHART.name})"]


def nlu_cost_section(cost: dict) -> list[str]:
    """The NLU pipeline's cost per message in process, before and after."""
    lines = [f"Run {cost['when']}: `python -m bench.nlu_cost`, {cost['messages']} messages ({cost['what']}), each "
             "parsed alone by the trained model in one process, after one warm-up pass.", "",
             "| pipeline | median (ms) | p95 (ms) |", "|---|---|---|"]  # fmt: skip
    lines += [f"| {name} | {figures['p50']} | {figures['p95']} |" for name, figures in cost["pipelines"].items()]
    return lines


def rss_lines(soak: dict) -> list[str]:
    """The Rasa server's memory through the soak (older results recorded only its start and end)."""
    rss = soak["rasa_rss_mb"]
    if "after_first_minute" not in rss:
        return [f"- Rasa server RSS: {rss['start']} MB after start, {rss['end']} MB at the end "
                f"({soak['memory_growth']:.1%} growth)."]  # fmt: skip
    per_minute = ", ".join(f"{m}: {v}" for m, v in soak["rasa_rss_mb_per_minute"].items())
    return [
        f"- Rasa server RSS: {rss['after_first_minute']} MB after the first minute (the tracker cache full), "
        f"{rss['end']} MB at the end: {soak['memory_growth']:.1%} growth ({rss['start']} MB at the first answer: "
        f"{soak['memory_growth_from_start']:.1%} from there).",
        f"- Rasa server RSS per minute (MB): {per_minute}.",
    ]


def soak_section(soak: dict) -> list[str]:
    """The soak figures."""
    minutes = ", ".join(f"{m}: {v}" for m, v in soak["p95_per_minute"].items())
    return [
        f"Run {soak['when']}: {soak['minutes']:.0f} minutes at {soak['rate']} msg/s, {soak['messages']} messages, "
        f"{soak['errors']} errors.",
        "",
        *rss_lines(soak),
        f"- p95 per minute (ms): {minutes}.",
        f"- Long conversations reached {soak['long_conversation_turns']} turns; their median latency was "
        f"{soak['long_p50_first_50_turns']} ms in the first 50 turns and {soak['long_p50_after_200_turns']} ms "
        "after turn 200.",
    ]


def main() -> int:
    """Rewrite the benchmark document from the newest results."""
    bench, soak, cost, cluster = latest("bench"), latest("soak"), latest("nlu-cost"), latest("cluster")
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (and `make soak`) from `bench/results/`; do not edit by hand.",
        "Our assistant, started by `scripts/serve.py` as `make run` starts it, against a baseline: the same data",
        "and domain trained with the stock `rasa init` config.yml and started with plain `rasa run` and rasa init's",
        "server settings (REST channel, in-memory tracker store). Both run with the action server, one after the",
        "other on the same machine, with the same installed packages, then the floor: a server on the same",
        "loopback path answering every message with a fixed reply (`bench/floor.py`), the limit of the path and",
        "the load generator. The load generator is a separate process. Two loads: our own short held-out messages",
        "(crises left out), and the blind set's English messages (long, phrased by other people, crises in; only",
        "loaded by code, never printed). Absolute times move with the machine, so targets are ratios in one run.",
        "",
    ]
    if bench:
        lines += ["## Targets", "", *targets_section(bench), ""]
        lines += ["## Ratios: ours against the floor and stock Rasa (p95, ms)", "", *ratios_section(bench), ""]
        lines += ["## Ours against stock Rasa", "", *bench_section(bench), ""]
    if cluster:
        lines += ["## One machine, several Rasa servers (read in docs/scaling.md)", "", *cluster_section(cluster), ""]
    if cost:
        lines += ["## NLU cost per message", "", *nlu_cost_section(cost), ""]
    if soak:
        lines += ["## Soak", "", *soak_section(soak), ""]
    if NOTES.exists():
        lines += [NOTES.read_text().strip(), ""]
    DOC.write_text("\n".join(lines))
    print(f"Wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
