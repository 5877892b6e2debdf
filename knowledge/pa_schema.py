"""The shape of pa_not_answering.yaml (what to say when a care leaver can't reach their PA), and its checks."""

from __future__ import annotations

import re

from pydantic import Field

from .schema import Identifier, NationalFile, Strict, Text
from .templates import placeholders

DIGIT = re.compile(r"\d")
# The names each text may use; the answer fills them from the council's file, national.yaml and the clock.
NAMES = {
    "opening": {"council"},
    "bank_holiday": {"holiday", "team"},
    "in_hours": {"team"},
    "out_of_hours": {"team"},
    "danger": {"emergency"},
    "what_to_say": {"council"},
    "wait": {"by_when"},
    "manager_known": {"manager"},
    "manager_unknown": {"team"},
    "complaints_known": {"complaints"},
    "complaints_unknown": {"team"},
    "advocate": set(),
    "pledge": {"source", "pledge"},
}


class PaNotAnsweringFile(Strict):
    """pa_not_answering.yaml: the texts of the reply, the contacts it looks for and how long to wait."""

    title: Text
    manager_contact: Identifier
    complaints_contact: Identifier
    wait_working_days: int = Field(..., ge=1, le=5)
    opening: Text
    bank_holiday: Text
    in_hours: Text
    out_of_hours: Text
    danger: Text
    what_to_say: Text
    wait: Text
    manager_known: Text
    manager_unknown: Text
    complaints_known: Text
    complaints_unknown: Text
    advocate: Text
    advocacy_topic: Identifier
    pledge_phrases: list[Text] = Field(..., min_items=1)
    pledge_topic: Identifier
    pledge: Text


def check_pa_not_answering(file: str, flow: PaNotAnsweringFile, national: NationalFile) -> list[str]:
    """Problems in pa_not_answering.yaml: digits written in, unknown placeholders, unknown topics."""
    problems = []
    for field, names in NAMES.items():
        text = getattr(flow, field)
        if DIGIT.search(text):
            problems.append(f"{file}: {field}: write numbers as ${{placeholders}}, not digits")
        problems += [
            f"{file}: {field}: unknown placeholder ${{{name}}} (known here: {', '.join(sorted(names)) or 'none'})"
            for name in placeholders(text)
            if name not in names
        ]
    for field in ("advocacy_topic", "pledge_topic"):
        if getattr(flow, field) not in national.topics:
            problems.append(f"{file}: {field}: unknown topic '{getattr(flow, field)}'")
    advocacy = national.topics.get(flow.advocacy_topic)
    if advocacy is not None and not advocacy.points:
        problems.append(f"{file}: advocacy_topic: national topic '{flow.advocacy_topic}' has no points to quote")
    return problems
