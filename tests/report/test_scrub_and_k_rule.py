from datetime import date, datetime, timezone

import pytest

from report.aggregate import build_report
from report.events import Question
from report.scrub import normalise, scrub

PERSONAL = [
    ("my name is jade smith, can i get help", ["jade", "smith"]),
    ("ring me on 07700 900123 please", ["07700", "900123"]),
    ("or +44 7700 900 123", ["7700", "900 123"]),
    ("email me at jade.s@example.com", ["jade.s", "example.com"]),
    ("I live at 42 Bury Park Road LU1 1HH", ["42 Bury", "LU1 1HH"]),
    ("my dob is 12/03/2006", ["12/03/2006"]),
    ("born on 3rd March 2006", ["3rd March"]),
    ("Hi, my PA Sarah Jones wont answer", ["Sarah", "Jones"]),
]


@pytest.mark.parametrize(("message", "personal"), PERSONAL)
def test_personal_data_is_scrubbed(message, personal):
    scrubbed = scrub(message)
    assert all(part.lower() not in scrubbed.lower() for part in personal), scrubbed


def test_ordinary_words_survive():
    assert normalise(scrub("can I get help with Council Tax in Luton", ["Luton"])) == (
        "can i get help with council tax in luton"
    )


def _unanswered(conversation: str, text: str) -> Question:
    return Question(conversation, datetime(2026, 12, 1, 12, tzinfo=timezone.utc), text, "nlu_fallback", ["fallback"])


def test_a_message_is_shown_only_when_k_conversations_sent_it():
    asked = [_unanswered(f"c{n}", "Can I get a TV licence?") for n in range(3)]
    asked += [_unanswered("c9", "can i get a tv licence"), _unanswered("solo", "my cat Tibbles is ill")]
    report = build_report(asked, date(2026, 12, 3), weeks=2, k=3)
    assert [(u.text, u.conversations) for u in report.unanswered_shown] == [("can i get a tv licence", 4)]
    assert report.unanswered_held_back == 1
    asked = asked[:2]
    assert build_report(asked, date(2026, 12, 3), weeks=2, k=3).unanswered_shown == []
