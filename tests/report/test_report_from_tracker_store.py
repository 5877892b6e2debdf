"""A report built from a database written by Rasa's own SQL tracker store."""

import asyncio
from datetime import datetime, timedelta, timezone

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge import Context, fixed_clock, load_knowledge
from report.build import report_page
from report.events import database_url

TODAY = datetime(2026, 12, 3, 12, tzinfo=timezone.utc)
KB = load_knowledge()


def _turn(text: str, intent: str, topic: str, when: datetime) -> list:
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=when.timestamp()),
        BotUttered("a reply", {"custom": {"topic": topic}}, timestamp=when.timestamp() + 1),
    ]


def _save(store: SQLTrackerStore, sender: str, events: list) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def test_the_report_counts_questions_and_shows_no_personal_data(tmp_path):
    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    last_week = TODAY - timedelta(days=7)
    for n in range(3):
        _save(
            store,
            f"person-{n}",
            [
                *_turn("can i get a tv licence", "nlu_fallback", "fallback", TODAY),
                *_turn("am i exempt from council tax", "ask_council_tax", "council_tax", last_week),
            ],
        )
    _save(
        store,
        "secret-conversation-id",
        [
            *_turn("my name is Jade Smith, 07700 900123, LU1 1HH, help", "nlu_fallback", "fallback", TODAY),
            *_turn("i want to kill myself", "crisis", "crisis", TODAY),
        ],
    )
    page = report_page(Context(KB, "luton", fixed_clock(TODAY)), database_url(str(db)), weeks=4, k=3)
    assert "can i get a tv licence" in page
    for personal in ("Jade", "Smith", "07700", "LU1 1HH", "kill myself", "secret-conversation-id", "person-0"):
        assert personal not in page
    assert "7 questions in 4 conversations; 43% answered" in page  # 3 answered, 4 not; the crisis apart
    assert "Crisis messages (never shown)</th><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td>" in page
    assert "1 other unanswered messages are counted but not shown" in page
