"""Write docs/benchmarks.md (tables) and docs/bench-p95.png (p95 against offered rate) from bench/results/."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
CHART = ROOT / "docs" / "bench-p95.png"
NOTES = ROOT / "docs" / "benchmark-levers.md"
FIGURES = [
    ("slo_throughput", "SLO throughput (msg/s at p95 < 100 ms)", True),
    ("saturation_throughput", "Saturation throughput (msg/s, 50 conversations)", True),
    ("rasa_rss_peak_mb", "Rasa server peak RSS (MB)", False),
    ("stack_rss_peak_mb", "Whole stack peak RSS (MB)", False),
    ("startup_s", "Start to first answer (s)", False),
    ("training_s", "Full training (s)", False),
    ("macro_f1", "NLU macro-F1 (held-out)", True),
    ("crisis_recall", "Crisis recall (whole pipeline)", True),
]


def latest(kind: str) -> dict | None:
    """The newest result file of a kind."""
    files = sorted(RESULTS.glob(f"{kind}-*.json"))
    return json.loads(files[-1].read_text()) if files else None


def mean(pairs: list[dict], system: str, key: str) -> float:
    """A figure averaged over the pairs."""
    return statistics.mean(float(pair[system][key]) for pair in pairs)


def p95_at(pairs: list[dict], system: str, rate: int) -> float:
    """The p95 at one offered rate, averaged over the pairs."""
    return statistics.mean(pair[system]["open_loop"][str(rate)]["p95"] for pair in pairs)


def targets_section(bench: dict) -> list[str]:
    """Each target of the tuning, the figures it compares, and whether it is met (means over the pairs)."""
    pairs = bench["pairs"]

    def both(key: str) -> tuple[float, float]:
        return mean(pairs, "ours", key), mean(pairs, "baseline", key)

    slo, saturation, rss, startup, f1 = (both(k) for k in
                                         ("slo_throughput", "saturation_throughput", "rasa_rss_peak_mb", "startup_s",
                                          "macro_f1"))  # fmt: skip
    training = mean(pairs, "ours", "training_s")
    p95_20 = p95_at(pairs, "ours", 20)
    rows = [
        ("SLO throughput at least 3 times the baseline's", f"{slo[0]:.4g} against {slo[1]:.4g} msg/s",
         slo[0] >= 3 * slo[1] and slo[0] > 0),
        ("p95 at most 50 ms at 20 msg/s", f"{p95_20:.1f} ms", p95_20 <= 50),
        ("saturation throughput at least 2 times the baseline's", f"{saturation[0]:.4g} against "
         f"{saturation[1]:.4g} msg/s", saturation[0] >= 2 * saturation[1]),
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


def bench_section(bench: dict) -> list[str]:
    """The comparison table, the latency table and the chart."""
    pairs = bench["pairs"]
    lines = [
        f"Run {bench['when']}: {len(pairs)} pairs, {bench['seconds_per_load']:.0f} s per load, on this machine.",
        "",
        "| figure | ours | baseline | ours / baseline | each pair (ours; baseline) |",
        "|---|---|---|---|---|",
    ]
    for key, label, _ in FIGURES:
        ours, base = mean(pairs, "ours", key), mean(pairs, "baseline", key)
        ratio = f"{ours / base:.2f}" if base else "n/a"
        each = "; ".join(f"{p['ours'][key]:.4g} / {p['baseline'][key]:.4g}" for p in pairs)
        lines.append(f"| {label} | {ours:.4g} | {base:.4g} | {ratio} | {each} |")
    lines += ["", "Open-loop latency, first pair (ms, from each message's scheduled send time):", "",
              "| rate (msg/s) | ours p50 | ours p95 | ours p99 | baseline p50 | baseline p95 | baseline p99 |",
              "|---|---|---|---|---|---|---|"]  # fmt: skip
    first = pairs[0]
    for rate in bench["rates"]:
        o, b = first["ours"]["open_loop"][str(rate)], first["baseline"]["open_loop"][str(rate)]
        lines.append(f"| {rate} | {o['p50']} | {o['p95']} | {o['p99']} | {b['p50']} | {b['p95']} | {b['p99']} |")
    figure, axes = plt.subplots(figsize=(7, 4))
    for system in ("ours", "baseline"):
        for index, pair in enumerate(pairs):
            p95 = [pair[system]["open_loop"][str(r)]["p95"] for r in bench["rates"]]
            axes.plot(bench["rates"], p95, marker="o", label=f"{system} (pair {index + 1})",
                      color="#00703c" if system == "ours" else "#d4351c", alpha=1 - 0.35 * index)  # fmt: skip
    axes.axhline(100, linestyle="--", color="#505a5f", label="p95 = 100 ms")
    axes.set(xscale="log", yscale="log", xlabel="offered rate (messages/s)", ylabel="p95 latency (ms)")
    axes.set_xticks(bench["rates"], [str(r) for r in bench["rates"]])
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(CHART, dpi=120)
    return [*lines, "", f"![p95 against offered rate]({CHART.name})"]


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
    bench, soak = latest("bench"), latest("soak")
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (and `make soak`) from `bench/results/`; do not edit by hand.",
        "Our assistant, started by `scripts/serve.py` as `make run` starts it, against a baseline: the same data",
        "and domain trained with the stock `rasa init` config.yml and started with plain `rasa run` and rasa init's",
        "server settings (REST channel, in-memory tracker store). Both run with the action server, one after the",
        "other on the same machine, with the same installed packages. The load generator is a separate process.",
        "",
    ]
    if bench:
        lines += ["## Targets", "", *targets_section(bench), ""]
        lines += ["## Ours against stock Rasa", "", *bench_section(bench), ""]
    if soak:
        lines += ["## Soak", "", *soak_section(soak), ""]
    if NOTES.exists():
        lines += [NOTES.read_text().strip(), ""]
    DOC.write_text("\n".join(lines))
    print(f"Wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
