"""Build the page from the tracker store, with what the knowledge base knows: topic titles, place names (which
are not personal names) and the crisis patterns as they are now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from knowledge import Context, KnowledgeBase
from knowledge.crisis import detect_crisis

from .aggregate import LONDON, build_report, week_starts
from .events import questions, read_rows
from .page import render


def allowed_words(kb: KnowledgeBase) -> list[str]:
    """Capitalised words that are not people's names: council and town names, topic titles, contact names."""
    places = [name for council in kb.register.councils for name in [council.name, *council.names]]
    titles = [topic.title or "" for topic in kb.national.topics.values()]
    teams = [contact.name for council in kb.councils.values() for contact in council.contacts.values()]
    return [*places, *titles, *teams]


def report_date(context: Context) -> date:
    """The day the report is for: the context's today in London."""
    return context.now().astimezone(LONDON).date()


def report_page(context: Context, url: str, weeks: int, k: int) -> str:
    """The report of the `weeks` weeks up to the context's today, for its council, from the database at `url`."""
    kb = context.kb
    today = report_date(context)
    since = datetime.combine(week_starts(today, weeks)[0] - timedelta(days=1), time(), LONDON).timestamp()
    asked = questions(read_rows(url, since))
    report = build_report(
        asked,
        today,
        weeks=weeks,
        k=k,
        detector=lambda text: detect_crisis(kb, text) is not None,
        allowed_words=allowed_words(kb),
    )
    titles = {topic_id: topic.title or topic_id for topic_id, topic in kb.national.topics.items()}
    titles.update(contact="Who to contact", crisis="Crisis")
    return render(report, kb.council(context.council_id).council.name, today, titles)
