"""The report as one self-contained HTML page: tables, an inline SVG chart, no script, nothing fetched."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape

from .aggregate import Report

COLOURS = ("#1b5e9a", "#d9822b", "#2e8540", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d")
CHART_TOPICS = len(COLOURS) - 1  # the rest go together as "other topics"
WIDTH, HEIGHT, MARGIN, LEGEND = 640, 260, 40, 170

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}
.note{background:#f3f3f3;border-left:4px solid #1b5e9a;padding:.5rem 1rem}
"""


def _week(start: date) -> str:
    return start.strftime("%d %b")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "none asked"


def chart_series(report: Report) -> dict[str, list[int]]:
    """The most asked topics, each with its weekly counts, and the rest together."""
    ranked = sorted(report.per_topic, key=lambda t: (-sum(report.per_topic[t]), t))
    series = {topic: report.per_topic[topic] for topic in ranked[:CHART_TOPICS]}
    rest = ranked[CHART_TOPICS:]
    if rest:
        series["other topics"] = [sum(report.per_topic[t][w] for t in rest) for w in range(len(report.weeks))]
    return series


def chart(report: Report, title: Callable[[str], str]) -> str:
    """Stacked bars, one per week, one colour per topic, with a legend; each bar part names its count."""
    series = chart_series(report)
    weeks = len(report.weeks)
    totals = [sum(values[w] for values in series.values()) for w in range(weeks)]
    top = max(totals + [1])
    plot_w, plot_h = WIDTH - LEGEND - MARGIN, HEIGHT - 2 * MARGIN
    bar = plot_w / weeks
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">Questions per topic per week</title>',
        f'<line x1="{MARGIN}" y1="{MARGIN + plot_h}" x2="{MARGIN + plot_w}" y2="{MARGIN + plot_h}" stroke="#333"/>',
        f'<text x="{MARGIN - 6}" y="{MARGIN + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{MARGIN - 6}" y="{MARGIN + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for w, start in enumerate(report.weeks):
        x = MARGIN + w * bar + bar * 0.15
        y = float(MARGIN + plot_h)
        for (topic, values), colour in zip(series.items(), COLOURS, strict=False):
            height = plot_h * values[w] / top
            if height:
                y -= height
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar * 0.7:.1f}" height="{height:.1f}" fill="{colour}">'
                    f"<title>{escape(title(topic))}, week of {_week(start)}: {values[w]}</title></rect>"
                )
        parts.append(
            f'<text x="{x + bar * 0.35:.1f}" y="{MARGIN + plot_h + 16}" text-anchor="middle" font-size="11">'
            f"{_week(start)}</text>"
        )
    for i, (topic, colour) in enumerate(zip(series, COLOURS, strict=False)):
        y = MARGIN + i * 20
        parts.append(f'<rect x="{WIDTH - LEGEND + 10}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{WIDTH - LEGEND + 28}" y="{y + 11}" font-size="12">{escape(title(topic))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _weekly_table(report: Report, title: Callable[[str], str]) -> str:
    head = "".join(f"<th scope='col'>{_week(w)}</th>" for w in report.weeks)
    rows = [
        f"<tr><th scope='row'>{escape(title(topic))}</th>{''.join(f'<td>{n}</td>' for n in counts)}"
        f"<td>{sum(counts)}</td></tr>"
        for topic, counts in sorted(report.per_topic.items(), key=lambda item: (-sum(item[1]), item[0]))
    ]
    share = "".join(f"<td>{_percent(a, q)}</td>" for a, q in zip(report.answered, report.questions, strict=True))
    totals = "".join(f"<td>{n}</td>" for n in report.questions)
    crisis = "".join(f"<td>{n}</td>" for n in report.crisis)
    return (
        "<table><caption>Questions per topic, week starting</caption>"
        f"<tr><th scope='col'>Topic</th>{head}<th scope='col'>All weeks</th></tr>{''.join(rows)}"
        f"<tr><th scope='row'>All questions</th>{totals}<td>{sum(report.questions)}</td></tr>"
        f"<tr><th scope='row'>Share answered</th>{share}"
        f"<td>{_percent(sum(report.answered), sum(report.questions))}</td></tr>"
        f"<tr><th scope='row'>Crisis messages (never shown)</th>{crisis}<td>{sum(report.crisis)}</td></tr></table>"
    )


def _unanswered(report: Report) -> str:
    rule = (
        f"<p class='note'>A message is shown only when at least {report.k} different conversations sent the same "
        "words once names, phone numbers, emails, postcodes, addresses and dates are taken out (shown as [name], "
        "[phone] and so on), so nothing here can be a message only one person could have written about "
        "themselves. Every other unanswered message is only counted. Crisis messages are never shown, only "
        "counted above. No conversation id is shown.</p>"
    )
    rows = "".join(
        f"<tr><td>{escape(u.text)}</td><td>{u.conversations}</td><td>{u.messages}</td></tr>"
        for u in report.unanswered_shown
    )
    table = (
        "<table><caption>Unanswered, asked by several people</caption><tr><th scope='col'>Message (scrubbed)</th>"
        f"<th scope='col'>Conversations</th><th scope='col'>Times</th></tr>{rows}</table>"
        if rows
        else "<p>No unanswered message was asked in the same words by enough people to be shown.</p>"
    )
    held = f"<p>{report.unanswered_held_back} other unanswered messages are counted but not shown.</p>"
    return f"<h2>What it could not answer ({report.unanswered})</h2>{rule}{table}{held}"


def render(report: Report, council: str, today: date, titles: Mapping[str, str]) -> str:
    """The whole page, for a council, as of `today`; `titles` names each topic id as people read it."""

    def title(topic: str) -> str:
        return titles.get(topic, topic.replace("_", " ").capitalize())

    period = f"{report.weeks[0].strftime('%d %B %Y')} to {today.strftime('%d %B %Y')}"
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>What care leavers asked: {escape(council)}</title><style>{STYLE}</style></head><body>"
        f"<h1>What care leavers asked the assistant: {escape(council)}</h1>"
        f"<p>{period}, weeks starting on Monday (UK time). {sum(report.questions)} questions in "
        f"{report.conversations} conversations; {_percent(sum(report.answered), sum(report.questions))} answered. "
        "Greetings, thanks and yes or no replies are not counted as questions. Conversations are erased after "
        "the retention period, so older weeks may be missing.</p>"
        f"<h2>Questions per week</h2>{chart(report, title)}{_weekly_table(report, title)}{_unanswered(report)}"
        "</body></html>\n"
    )
