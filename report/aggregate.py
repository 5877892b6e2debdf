"""Count the questions per topic per week, the share answered and the crisis messages, and choose which
unanswered messages may be shown: only those that at least k different conversations asked in the same words."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from .events import TOPIC_INTENT_PREFIX, Question
from .scrub import normalise, scrub

LONDON = ZoneInfo("Europe/London")
K_CONVERSATIONS = 3
CRISIS = "crisis"
# Reply topics that mean the question was not answered.
NOT_ANSWERED = {"fallback", "safe_fallback", "language_notice"}
# Intents that ask nothing: their replies are not counted as questions.
SMALL_TALK = {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "inform"}
UNSURE_INTENTS = {"nlu_fallback", "out_of_scope", "other_language"}
NOT_UNDERSTOOD = "not understood"


@dataclass(frozen=True)
class Unanswered:
    """An unanswered message as it may be shown: scrubbed and normalised, with how many asked it."""

    text: str
    conversations: int
    messages: int


@dataclass
class Report:
    """What the page shows, every figure already counted."""

    weeks: list[date]
    k: int
    per_topic: dict[str, list[int]] = field(default_factory=dict)
    questions: list[int] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    crisis: list[int] = field(default_factory=list)
    conversations: int = 0
    unanswered_shown: list[Unanswered] = field(default_factory=list)
    unanswered_held_back: int = 0

    @property
    def unanswered(self) -> int:
        """Every unanswered question in the period, shown or not."""
        return sum(self.questions) - sum(self.answered)


def week_starts(today: date, weeks: int) -> list[date]:
    """The Mondays of the `weeks` weeks up to and including the one that holds `today`, oldest first."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in reversed(range(weeks))]


def is_crisis_message(question: Question, detector: Callable[[str], bool]) -> bool:
    """Read as a crisis when it was sent, or by the crisis patterns as they are now."""
    return question.intent == CRISIS or CRISIS in question.reply_topics or detector(question.text)


def topics_of(question: Question) -> tuple[list[str], bool]:
    """The topics a question was about and whether it was answered; ([], False) for small talk."""
    answered = [t for t in question.reply_topics if t not in NOT_ANSWERED]
    if answered:
        return answered, True
    intent = question.intent or ""
    if intent in SMALL_TALK:
        return [], False
    if intent.startswith(TOPIC_INTENT_PREFIX):
        return [intent[len(TOPIC_INTENT_PREFIX) :]], False
    if intent in UNSURE_INTENTS or question.reply_topics or not question.replied:
        return [NOT_UNDERSTOOD], False
    return [], False


def shown_unanswered(
    unanswered: Iterable[Question], k: int, allowed_words: Iterable[str]
) -> tuple[list[Unanswered], int]:
    """The unanswered messages that at least k conversations asked in the same scrubbed words, most asked first,
    and how many messages were held back."""
    allowed = list(allowed_words)
    conversations: dict[str, set[str]] = defaultdict(set)
    messages: Counter[str] = Counter()
    for question in unanswered:
        text = normalise(scrub(question.text, allowed))
        conversations[text].add(question.conversation)
        messages[text] += 1
    shown = [Unanswered(t, len(c), messages[t]) for t, c in conversations.items() if t and len(c) >= k]
    shown.sort(key=lambda u: (-u.conversations, -u.messages, u.text))
    return shown, sum(messages.values()) - sum(u.messages for u in shown)


def build_report(
    questions: Iterable[Question],
    today: date,
    weeks: int = 8,
    k: int = K_CONVERSATIONS,
    detector: Callable[[str], bool] = lambda _text: False,
    allowed_words: Iterable[str] = (),
) -> Report:
    """Count the questions of the weeks up to `today` (weeks start on Monday, London time)."""
    starts = week_starts(today, weeks)
    report = Report(starts, k, questions=[0] * weeks, answered=[0] * weeks, crisis=[0] * weeks)
    unanswered: list[Question] = []
    seen: set[str] = set()
    for question in questions:
        week = (question.sent.astimezone(LONDON).date() - starts[0]).days // 7
        if not 0 <= week < weeks:
            continue
        seen.add(question.conversation)
        if is_crisis_message(question, detector):
            report.crisis[week] += 1
            continue
        topics, answered = topics_of(question)
        if not topics:
            continue
        report.questions[week] += 1
        report.answered[week] += answered
        for topic in topics:
            report.per_topic.setdefault(topic, [0] * weeks)[week] += 1
        if not answered and not question.text.startswith("/"):
            unanswered.append(question)
    report.conversations = len(seen)
    report.unanswered_shown, report.unanswered_held_back = shown_unanswered(unanswered, k, allowed_words)
    return report
