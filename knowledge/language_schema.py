"""The shape of a language file (data/languages/CODE.yaml), and the checks the schema alone cannot make."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field, constr, root_validator

from .schema import Strict, Text
from .templates import placeholders

if TYPE_CHECKING:
    # The type checker sees what each constrained type holds; pydantic checks the constraints on load.
    LanguageCode = str
    CategoryName = str
    Digits = str
else:
    LanguageCode = constr(regex=r"^[a-z]{2,3}$")
    CategoryName = constr(regex=r"^[a-z_]+$")
    Digits = constr(regex=r"^[0-9]*$")
Script = Literal["arabic", "bengali", "ethiopic", "latin"]
ReviewState = Literal["drafted", "checked"]
# The English crisis categories that every language file must give patterns for.
CRISIS_CATEGORIES = ("suicide_self_harm", "homeless_tonight", "no_food_or_money", "abuse_violence")
# What each notice text may name; the numbers themselves come from national.yaml and the council file.
PLACEHOLDERS = {
    "english_only": set(),
    "emergency": {"emergency"},
    "samaritans": {"samaritans"},
    "interpreter_in_hours": {"phone"},
    "interpreter_out_of_hours": {"phone"},
    "english_below": set(),
}
DIGITS = re.compile(r"\d{3}")
LATIN_WORD = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")  # Arabizi writes some letters as digits: 3 for ع, 7 for ح


class Reviewed(Strict):
    """Marks a translation as drafted, or checked by a fluent speaker (who, and when)."""

    review: ReviewState
    checked_by: Text | None = None
    checked_on: date | None = None

    @root_validator(skip_on_failure=True)
    def checked_says_by_whom(cls, fields: dict) -> dict:  # noqa: N805 - pydantic passes the class
        """A 'checked' text names who checked it and when; a 'drafted' one names nobody."""
        checked = fields["review"] == "checked"
        if checked and not (fields.get("checked_by") and fields.get("checked_on")):
            raise ValueError("a checked translation needs checked_by and checked_on")
        if not checked and (fields.get("checked_by") or fields.get("checked_on")):
            raise ValueError("checked_by and checked_on belong to a checked translation (review: checked)")
        return fields


class Translation(Reviewed):
    """One text of the notice, in the language, with its review state."""

    text: Text


class Notice(Strict):
    """What a message in this language is told first, sentence by sentence."""

    english_only: Translation
    emergency: Translation
    samaritans: Translation
    interpreter_in_hours: Translation
    interpreter_out_of_hours: Translation
    english_below: Translation


class CrisisPatterns(Reviewed):
    """Patterns in the language for one English crisis category."""

    patterns: list[Text] = Field(..., min_items=1)


class LanguageRefinement(Reviewed):
    """A closer crisis category the message's own words decide in this language, as crisis.yaml's refinements do
    in English: 'my husband' makes abuse domestic abuse. Each pattern of `when` is enough on its own."""

    category: CategoryName
    becomes: CategoryName
    when: list[Text] = Field(..., min_items=1)


class Romanised(Strict):
    """The language typed in Latin letters (Arabizi, Finglish, Roman Urdu): its common words and crisis patterns."""

    markers: list[Text] = Field(..., min_items=1)
    digits_as_letters: Digits = ""  # digits typed for letters inside a word: Arabizi's 3 for ع, 7 for ح
    crisis: dict[CategoryName, CrisisPatterns] = {}


class RenderedExample(Strict):
    """A message as a young person would type it in the language, with a faithful English rendering for staff."""

    text: Text
    english: Text


class LanguageExamples(Reviewed):
    """Messages in the language for the crisis model to learn from: of each kind of crisis, and ordinary ones."""

    categories: dict[CategoryName, list[RenderedExample]] = {}
    ordinary: list[RenderedExample] = []


class LanguageFile(Strict):
    """languages/CODE.yaml: how to recognise a language, the notice in it, and its crisis patterns."""

    code: LanguageCode
    name: Text
    native_name: Text
    also: list[LanguageCode] = []
    script: Script
    letters: str = ""
    markers: list[Text] = []
    notice: Notice
    crisis: dict[CategoryName, CrisisPatterns] = {}
    romanised: Romanised | None = None
    refinements: list[LanguageRefinement] = []
    examples: LanguageExamples | None = None


def _pattern_problem(pattern: str) -> str | None:
    parts = pattern.split()
    if not parts or parts[0] == "*" or parts[-1] == "*":
        return "a pattern cannot start or end with *"
    if any(alt.strip("_") == "" for part in parts if part != "*" for alt in part.split("|")):
        return "an empty alternative (check for || or a stray |)"
    return None


def check_language(file: str, stem: str, language: LanguageFile, crisis_categories: set[str]) -> list[str]:
    """Problems in one language file: its name, placeholders, numbers written out, crisis categories missing or
    unknown."""
    problems = []
    if language.code != stem:
        problems.append(f"{file}: code: '{language.code}' must match the file name '{stem}.yaml'")
    for key, allowed in PLACEHOLDERS.items():
        text = getattr(language.notice, key).text
        for name in placeholders(text):
            if name not in allowed:
                known = ", ".join("${" + a + "}" for a in sorted(allowed)) or "none"
                problems.append(f"{file}: notice.{key}.text: unknown placeholder ${{{name}}} (allowed: {known})")
        missing = allowed - set(placeholders(text))
        problems += [f"{file}: notice.{key}.text: needs the placeholder ${{{name}}}" for name in sorted(missing)]
        if DIGITS.search(text):
            problems.append(f"{file}: notice.{key}.text: write numbers as placeholders, never in the translation")
    if stem == "en":
        return problems
    for category in CRISIS_CATEGORIES:
        if category not in language.crisis:
            problems.append(f"{file}: crisis.{category}: every language needs patterns for this category")
    problems += _crisis_problems(file, "crisis", language.crisis, crisis_categories)
    problems += _refinement_problems(file, language.refinements, crisis_categories)
    if language.examples:
        for category in language.examples.categories:
            if category not in crisis_categories:
                known = ", ".join(sorted(crisis_categories))
                problems.append(f"{file}: examples.categories.{category}: unknown crisis category (known: {known})")
    if language.romanised:
        if language.script == "latin":
            problems.append(f"{file}: romanised: only a language in another script can be typed in Latin letters")
        romanised = language.romanised.crisis
        problems += _crisis_problems(file, "romanised.crisis", romanised, crisis_categories)
        for i, marker in enumerate(language.romanised.markers):
            if not LATIN_WORD.fullmatch(marker):
                problems.append(f"{file}: romanised.markers[{i}]: one word in Latin letters and digits: '{marker}'")
    return problems


def _patterns_problems(where: str, patterns: list[str]) -> list[str]:
    """Each badly written pattern of a list, named by where the list stands ('ro.yaml: crisis.x.patterns')."""
    problems = []
    for i, pattern in enumerate(patterns):
        problem = _pattern_problem(pattern)
        if problem:
            problems.append(f"{where}[{i}]: {problem}: '{pattern}'")
    return problems


def _refinement_problems(file: str, refinements: list[LanguageRefinement], known: set[str]) -> list[str]:
    problems = []
    for i, refinement in enumerate(refinements):
        for field in ("category", "becomes"):
            name = getattr(refinement, field)
            if name not in known:
                problems.append(f"{file}: refinements[{i}].{field}: unknown crisis category '{name}'")
        problems += _patterns_problems(f"{file}: refinements[{i}].when", refinement.when)
    return problems


def _crisis_problems(file: str, where: str, crisis: dict[str, CrisisPatterns], known: set[str]) -> list[str]:
    problems = []
    for category, entry in crisis.items():
        if category not in known:
            problems.append(f"{file}: {where}.{category}: unknown crisis category (known: {', '.join(sorted(known))})")
        problems += _patterns_problems(f"{file}: {where}.{category}.patterns", entry.patterns)
    return problems
