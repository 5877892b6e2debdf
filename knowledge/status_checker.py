"""Which kind of care leaver someone is (eligible, relevant, former relevant, qualifying), from the facts known so
far: the status, or the one question still needed, or what is missing when they are not sure.

The rules are those of the Children Act 1989 as amended by the Children (Leaving Care) Act 2000, as councils and
Coram's advice pages explain them; the ages and weeks come from the `legal_status` topic's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import Enum

from .loader import KnowledgeBase
from .schema import Value

TOPIC = "legal_status"
UNSURE = "unsure"  # a yes/no question answered "not sure": the decision says what is missing instead of guessing
Answered = bool | str | None  # True, False, UNSURE, or None when not asked yet


class Status(Enum):
    """What the checker can decide."""

    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former_relevant"
    QUALIFYING = "qualifying"
    IN_CARE = "in_care"  # 16 or 17, in care, under 13 weeks: a child in care, not yet a care leaver
    TOO_YOUNG = "too_young"  # under 16: no care leaver status yet
    TOO_OLD = "too_old"  # past the last age any status lasts to
    NONE = "none"  # none of the ways in applies


class Question(Enum):
    """Each question the checker can ask; the value is the form slot that holds the answer."""

    AGE = "status_age"
    IN_CARE_NOW = "in_care_now"
    THIRTEEN_WEEKS = "care_13_weeks"
    CARE_AT_16 = "care_at_16"
    CUSTODY_OR_HOSPITAL = "custody_or_hospital"
    SPECIAL_GUARDIANSHIP = "special_guardianship"
    PRIVATELY_FOSTERED = "privately_fostered"
    EDUCATION = "full_time_education"


@dataclass(frozen=True)
class Facts:
    """What the person has told us; None for what they have not said."""

    status_age: int | None = None
    in_care_now: Answered = None
    care_from_age: int | None = None
    care_to_age: int | None = None
    care_13_weeks: Answered = None
    care_at_16: Answered = None
    custody_or_hospital: Answered = None
    special_guardianship: Answered = None
    privately_fostered: Answered = None
    full_time_education: Answered = None

    @classmethod
    def of(cls, values: Mapping[str, object]) -> Facts:
        """Facts from slot values (unknown names ignored)."""
        return cls(**{f.name: values.get(f.name) for f in fields(cls)})  # type: ignore[arg-type]


FACT_NAMES = tuple(f.name for f in fields(Facts))


@dataclass(frozen=True)
class Limits:
    """The ages and weeks the rules turn on."""

    leaving_care_from: int  # 16
    adult_at: int  # 18
    qualifying_to: int  # 21
    support_to: int  # 25
    weeks: int  # 13
    counted_from: int  # 14

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Limits:
        """The limits recorded in the legal_status topic's values."""
        values = kb.national.topics[TOPIC].values
        return cls(*(_whole(values, key) for key in LIMIT_KEYS))


LIMIT_KEYS = (
    "leaving_care_from_age",
    "adult_age",
    "qualifying_to_age",
    "support_to_age",
    "weeks_in_care",
    "weeks_from_age",
)


def _whole(values: Mapping[str, Value], key: str) -> int:
    value = values[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"legal_status.values.{key} must be a whole number, not {value!r}")
    return value


@dataclass(frozen=True)
class Decision:
    """Exactly one of: the status decided, the next question, or the facts the person was not sure of."""

    status: Status | None = None
    question: Question | None = None
    missing: tuple[Question, ...] = ()


def _ask(question: Question) -> Decision:
    return Decision(question=question)


def _thirteen_weeks(facts: Facts, limits: Limits) -> Answered:
    """Their answer, else what the ages they gave settle: whole years in care since 14 are surely 13 weeks."""
    if facts.care_13_weeks is not None:
        return facts.care_13_weeks
    if facts.care_from_age is None:
        return None
    end = facts.care_to_age if facts.care_to_age is not None else facts.status_age
    if end is None:
        return None
    if end <= limits.counted_from:
        return False
    # "from 15 until 16" may be a few weeks; two birthdays apart is more than a year
    return True if end - max(facts.care_from_age, limits.counted_from) >= 2 else None


def _care_at_16(facts: Facts, limits: Limits) -> Answered:
    """Their answer, else what being in care now or the age they left settles."""
    if facts.care_at_16 is not None:
        return facts.care_at_16
    if facts.in_care_now is True and facts.status_age is not None and facts.status_age >= limits.leaving_care_from:
        return True
    if facts.care_to_age is not None:
        return facts.care_to_age >= limits.leaving_care_from
    return None


def _in_care_now(facts: Facts, limits: Limits) -> Answered:
    if facts.in_care_now is not None:
        return facts.in_care_now
    if facts.care_to_age is not None:
        return False
    return None


def decide(facts: Facts, limits: Limits) -> Decision:
    """The status these facts decide, or the single next question, or what they were not sure of."""
    age = facts.status_age
    if age is None:
        return _ask(Question.AGE)
    if age < limits.leaving_care_from:
        return Decision(Status.TOO_YOUNG)
    if age > limits.support_to:
        return Decision(Status.TOO_OLD)
    child = age < limits.adult_at
    weeks = _thirteen_weeks(facts, limits)
    if child:
        in_care = _in_care_now(facts, limits)
        if in_care is None:
            return _ask(Question.IN_CARE_NOW)
        if in_care is True:
            return _known(weeks, Question.THIRTEEN_WEEKS, Decision(Status.ELIGIBLE), Decision(Status.IN_CARE))
    at_16 = _care_at_16(facts, limits)
    full_support = Status.RELEVANT if child else Status.FORMER_RELEVANT
    if at_16 is None:
        return _ask(Question.CARE_AT_16)
    if at_16 is True:
        return _known(weeks, Question.THIRTEEN_WEEKS, Decision(full_support), _qualifying(facts, limits))
    if weeks is True:
        return _known(
            facts.custody_or_hospital, Question.CUSTODY_OR_HOSPITAL, Decision(full_support), _other_ways(facts, limits)
        )
    return _other_ways(facts, limits)


def _known(answer: Answered, question: Question, yes: Decision, no: Decision) -> Decision:
    """Ask the question while unanswered; 'not sure' leaves it missing."""
    if answer is None:
        return _ask(question)
    if answer == UNSURE:
        return Decision(missing=(question,))
    return yes if answer is True else no


def _other_ways(facts: Facts, limits: Limits) -> Decision:
    """Qualifying through a special guardianship order straight after care, or private fostering at 16 or 17."""
    for answer, question in (
        (facts.special_guardianship, Question.SPECIAL_GUARDIANSHIP),
        (facts.privately_fostered, Question.PRIVATELY_FOSTERED),
    ):
        if answer is None:
            return _ask(question)
        if answer is True:
            return _qualifying(facts, limits)
    unsure = tuple(
        q
        for answer, q in (
            (facts.care_at_16, Question.CARE_AT_16),
            (facts.care_13_weeks, Question.THIRTEEN_WEEKS),
            (facts.custody_or_hospital, Question.CUSTODY_OR_HOSPITAL),
            (facts.special_guardianship, Question.SPECIAL_GUARDIANSHIP),
            (facts.privately_fostered, Question.PRIVATELY_FOSTERED),
        )
        if answer == UNSURE
    )
    return Decision(missing=unsure) if unsure else Decision(Status.NONE)


def _qualifying(facts: Facts, limits: Limits) -> Decision:
    """Qualifying to 21, or to 25 in full-time education."""
    assert facts.status_age is not None
    if facts.status_age <= limits.qualifying_to:
        return Decision(Status.QUALIFYING)
    return _known(facts.full_time_education, Question.EDUCATION, Decision(Status.QUALIFYING), Decision(Status.TOO_OLD))
