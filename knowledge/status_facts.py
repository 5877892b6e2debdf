"""Read the facts the status checker needs from what people type: their age, when they were in care, whether they
still are, a special guardianship order, private fostering, custody or hospital, college or university.

No guessing: a fact is returned only when the message says it, or when it plainly answers the question asked.
"""

from __future__ import annotations

import re

from .status_checker import UNSURE, Question
from .text import normalise, read_age

AGE = r"(\d{1,2}|fourteen|fifteen|sixteen|seventeen|eighteen|thirteen|twelve|eleven|ten)"
WORD_AGES = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
}  # fmt: skip
AT = r"(?:at|aged?|when i was|when i turned|after i turned|at age|at the age of|on my)\s+"
# "from (when i was) 14 until (i turned) 18", "between 14 and 18", "14 to 18"
SPAN = re.compile(
    rf"\b(?:from|since)\s+(?:when i was\s+|i was\s+|the age of\s+|age\s+|aged\s+)?{AGE}(?:th)?\b"
    rf"[a-z ]*?\b(?:until|till|til|to|up to)\s+(?:when i\s+(?:was|turned)\s+|i\s+(?:was|turned)\s+|age\s+|"
    rf"my\s+)?{AGE}(?:th)?\b"
    rf"|\bbetween\s+{AGE}\s+and\s+{AGE}\b"
)
SINCE = re.compile(rf"\b(?:since|from)\s+(?:when i was\s+|i was\s+|the age of\s+|age\s+|aged\s+)?{AGE}\b")
LEFT = re.compile(
    rf"\b(?:left|leaving|moved out of|came out of|out of)\s+(?:care\s+|foster care\s+|my placement\s+)?{AT}{AGE}\b"
)
CORRECTION = re.compile(rf"\b(?:actually|no|sorry|wait|i mean|correction)\b.*?\bi was\s+{AGE}\b|^i was\s+{AGE}$")
STILL_IN_CARE = re.compile(
    r"\b(still in (?:care|foster care)|in care now|i'?m in care|i am in care|currently in care|"
    r"live with (?:my )?foster carers?|looked after now|"
    r"in (?:a|my) (?:foster|care|children'?s) (?:home|placement) now)\b"
)
NOT_IN_CARE = re.compile(r"\b(not in care|left care|no longer in care|out of care|care ended|moved out of care)\b")
GUARDIANSHIP = re.compile(r"\b(special guardian(?:ship)?|sgo)\b")
PRIVATELY = re.compile(r"\b(privately fostered|private foster(?:ing|ed)?|private fostering arrangement)\b")
CUSTODY = re.compile(
    r"\b(custody|prison|young offenders?|yoi|secure (?:unit|home|training centre)|locked up|hospital)\b"
)
STUDYING = re.compile(r"\b(at uni|at university|at college|full.time education|studying|doing a degree|in education)\b")
YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ye|y|ya|course|of course|i was|i am|i did|it did|correct|true|defo|definitely)\b"
)
NO = re.compile(r"^(no|nah|nope|n|not really|never|i wasn'?t|i'?m not|i am not|i didn'?t|it didn'?t|none)\b")
NOT_SURE = re.compile(r"\b(not sure|dunno|don'?t know|dont know|idk|no idea|can'?t remember|unsure|maybe)\b")

Facts = dict[str, object]


def _age(word: str) -> int:
    return int(word) if word.isdigit() else WORD_AGES[word]


def _yes_no(plain: str) -> bool | str | None:
    if NOT_SURE.search(plain):
        return UNSURE
    if NO.search(plain):
        return False
    if YES.search(plain):
        return True
    return None


def read_status_facts(text: str, asked: str | None = None, known: Facts | None = None) -> Facts:
    """The facts a message states, as slot values; `asked` is the question's slot just asked (a bare number or a
    yes/no answers it), `known` what was said before (a lone "actually I was 15" corrects the last past age)."""
    plain = normalise(text).replace(",", " ").replace(".", " ")
    plain = re.sub(r"\s+", " ", plain).strip()
    facts: Facts = {}
    rest = _past_ages(plain, facts, known or {})
    if facts.get("care_to_age") is not None:
        facts["in_care_now"] = False
    if STILL_IN_CARE.search(plain):
        facts["in_care_now"] = True
        facts.pop("care_to_age", None)
    elif NOT_IN_CARE.search(plain):
        facts["in_care_now"] = False
    for pattern, slot in ((GUARDIANSHIP, "special_guardianship"), (PRIVATELY, "privately_fostered")):
        if pattern.search(plain) and not NO.search(plain):
            facts[slot] = True
    if asked == Question.CUSTODY_OR_HOSPITAL.value and CUSTODY.search(plain):
        facts[asked] = True
    if asked == Question.EDUCATION.value and STUDYING.search(plain):
        facts[asked] = True
    age = read_age(rest, expected=asked == Question.AGE.value)
    if age is not None:
        facts[Question.AGE.value] = age
    if asked and asked != Question.AGE.value and asked not in facts:
        answer = _yes_no(plain)
        if answer is not None:
            facts[asked] = answer
    return facts


def _past_ages(plain: str, facts: Facts, known: Facts) -> str:
    """Record the ages in care the message gives (from, until, left at), and return the text without them."""
    span = SPAN.search(plain)
    if span:
        start, end = [g for g in span.groups() if g][:2]
        facts["care_from_age"], facts["care_to_age"] = _age(start), _age(end)
        return plain.replace(span.group(), " ")
    left = LEFT.search(plain)
    if left:
        facts["care_to_age"] = _age(left.group(1))
        plain = plain.replace(left.group(), " ")
    since = SINCE.search(plain)
    if since:
        facts["care_from_age"] = _age(since.group(1))
        plain = plain.replace(since.group(), " ")
    correction = CORRECTION.search(plain)
    if correction and not left and not since:
        said = _age(correction.group(1) or correction.group(2))
        corrected = "care_to_age" if known.get("care_to_age") is not None else "care_from_age"
        facts[corrected] = said
        plain = plain.replace(correction.group(), " ")
    return plain
