"""Checks across fields and files that the schema alone cannot make: references, placeholders, flow needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .schema import (
    CouncilFile,
    CouncilRegister,
    CrisisCategory,
    CrisisExamplesFile,
    CrisisFile,
    NationalFile,
    Topic,
    VocabularyFile,
)
from .tax_outcomes import replies_needed
from .templates import contact_names, council_context, national_context, placeholders
from .vocabulary import plain_words

COUNCIL_TAX_VALUES = {"exempt_to_age": int}
RUNTIME_NAMES = {"age"}


# The crisis model learns each category from its examples, and calibrates itself by cross-validation on them.
MIN_CRISIS_EXAMPLES = 5


def _unknown(kind: str, key: str, known: Iterable[str]) -> str:
    return f"unknown {kind} '{key}' (known: {', '.join(sorted(known)) or 'none'})"


def _check_text(file: str, field: str, text: str | None, names: Mapping[str, object]) -> list[str]:
    if text is None:
        return []
    return [
        f"{file}: {field}: unknown placeholder ${{{name}}} (it must name a value, contact or service)"
        for name in placeholders(text)
        if name not in names
    ]


def _check_topic(file: str, topic_id: str, topic: Topic, sources: Mapping, names: Mapping[str, object]) -> list[str]:
    problems = []
    where = f"topics.{topic_id}"
    for i, point in enumerate(topic.points):
        if point.source not in sources:
            problems.append(f"{file}: {where}.points[{i}].source: {_unknown('source', point.source, sources)}")
        problems += _check_text(file, f"{where}.points[{i}].text", point.text, names)
    problems += _check_text(file, f"{where}.how", topic.how, names)
    runtime = {**names, **{n: None for n in RUNTIME_NAMES}}
    for key, text in topic.outcomes.items():
        problems += _check_text(file, f"{where}.outcomes.{key}", text, runtime)
    for i, conflict in enumerate(topic.conflicts):
        for field in ("source", "supported_by"):
            key = getattr(conflict, field)
            if key is not None and key not in sources:
                problems.append(f"{file}: {where}.conflicts[{i}].{field}: {_unknown('source', key, sources)}")
        problems += _check_text(file, f"{where}.conflicts[{i}].resolution", conflict.resolution, names)
    for key, evidence in topic.evidence.items():
        if key not in topic.values:
            problems.append(f"{file}: {where}.evidence.{key}: no value '{key}' in this topic")
        if evidence.source not in sources:
            problems.append(f"{file}: {where}.evidence.{key}.source: {_unknown('source', evidence.source, sources)}")
    return problems


def check_national(file: str, national: NationalFile) -> list[str]:
    """Problems in national.yaml: dangling sources, unknown placeholders, untitled topics."""
    problems = []
    for key, service in national.services.items():
        if service.source not in national.sources:
            problems.append(f"{file}: services.{key}.source: {_unknown('source', service.source, national.sources)}")
    for i, key in enumerate(national.crisis_lines):
        if key not in national.services:
            problems.append(f"{file}: crisis_lines[{i}]: {_unknown('service', key, national.services)}")
    if "emergency" not in national.services:
        problems.append(f"{file}: services.emergency: the emergency number is needed for every safety reply")
    for topic_id, topic in national.topics.items():
        if topic.title is None:
            problems.append(f"{file}: topics.{topic_id}.title: every national topic needs a title")
        if topic.ask is not None:
            problems.append(f"{file}: topics.{topic_id}.ask: national topics have no contact; set it per council")
        names = national_context(national, topic_id)
        problems += _check_topic(file, topic_id, topic, national.sources, names)
    return problems


def check_council(
    file: str, stem: str, council: CouncilFile, national: NationalFile, register: CouncilRegister | None
) -> list[str]:
    """Problems in one council file, checked against national.yaml and the council register."""
    problems = []
    if council.council.id != stem:
        problems.append(f"{file}: council.id: '{council.council.id}' must match the file name '{stem}.yaml'")
    if register is not None and stem not in {c.id for c in register.councils}:
        problems.append(f"{file}: council.id: '{stem}' is not in england_councils.yaml")
    for key, contact in council.contacts.items():
        if contact.source not in council.sources:
            problems.append(f"{file}: contacts.{key}.source: {_unknown('source', contact.source, council.sources)}")
    for field in ("in_hours", "out_of_hours"):
        key = getattr(council.service_hours, field)
        if key not in council.contacts:
            problems.append(f"{file}: service_hours.{field}: {_unknown('contact', key, council.contacts)}")
    for topic_id, topic in council.topics.items():
        if topic_id not in national.topics:
            problems.append(f"{file}: topics.{topic_id}: {_unknown('topic', topic_id, national.topics)}")
            continue
        if topic.title is not None:
            problems.append(f"{file}: topics.{topic_id}.title: titles live in national.yaml")
        for field in ("ask", "letter_to"):
            key = getattr(topic, field)
            if key is not None and key not in council.contacts:
                problems.append(f"{file}: topics.{topic_id}.{field}: {_unknown('contact', key, council.contacts)}")
        names = council_context(national, council, topic_id)
        problems += _check_topic(file, topic_id, topic, council.sources, names)
    if "council_tax" in council.topics:
        problems += _check_council_tax(file, council.topics["council_tax"])
    if council.charter is not None and council.charter.source not in council.sources:
        problems.append(f"{file}: charter.source: {_unknown('source', council.charter.source, council.sources)}")
    return problems


def _check_council_tax(file: str, topic: Topic) -> list[str]:
    problems = []
    for key, kind in COUNCIL_TAX_VALUES.items():
        value = topic.values.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            problems.append(f"{file}: topics.council_tax.values.{key}: the council tax questions need a whole number")
    for key in replies_needed(topic.values):
        if key not in topic.outcomes:
            problems.append(f"{file}: topics.council_tax.outcomes.{key}: the council tax questions need this reply")
    return problems


def check_register(file: str, register: CouncilRegister) -> list[str]:
    """Problems in england_councils.yaml: an id or a name used twice."""
    problems = []
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for i, entry in enumerate(register.councils):
        if entry.id in seen_ids:
            problems.append(f"{file}: councils[{i}].id: '{entry.id}' is listed twice")
        seen_ids.add(entry.id)
        for name in entry.names:
            key = name.lower()
            if key in seen_names and seen_names[key] != entry.id:
                problems.append(f"{file}: councils[{i}].names: '{name}' is also a name of {seen_names[key]}")
            seen_names[key] = entry.id
    return problems


def _pattern_problem(pattern: str) -> str | None:
    parts = pattern.split()
    if not parts or parts[0] in ("*", "$") or parts[-1] == "*":
        return "a pattern cannot start with * or $, or end with *"
    if "$" in parts[:-1]:
        return "$ (the end of the message) can only come last"
    alternatives = [alt for part in parts if part not in ("*", "$") for alt in part.split("|")]
    if any(alt.strip("_") == "" for alt in alternatives):
        return "an empty alternative (check for || or a stray |)"
    if any(alt in ("*", "$") for alt in alternatives):
        return "* and $ stand alone, between spaces, never as one of the alternatives split by |"
    return None


def _patterns_of(category: CrisisCategory) -> list[tuple[str, str]]:
    found = [(f"unless[{i}]", text) for i, text in enumerate(category.unless)]
    for i, entry in enumerate(category.patterns):
        if isinstance(entry, str):
            found.append((f"patterns[{i}]", entry))
        else:
            found.append((f"patterns[{i}].match", entry.match))
            found += [(f"patterns[{i}].unless[{j}]", text) for j, text in enumerate(entry.unless)]
    return found


def _crisis_text_problems(file: str, key: str, category: CrisisCategory, national: NationalFile) -> list[str]:
    names = contact_names("services", national.services)
    problems = []
    for field in ("opening", "advice", "script", "next_step"):
        problems += _check_text(file, f"categories.{key}.{field}", getattr(category, field), names)
    for i, source in enumerate(category.sources):
        if source not in national.sources:
            problems.append(f"{file}: categories.{key}.sources[{i}]: {_unknown('source', source, national.sources)}")
    return problems


def check_crisis(file: str, crisis: CrisisFile, national: NationalFile) -> list[str]:
    """Problems in crisis.yaml: unknown services, sources or placeholders, and malformed patterns."""
    problems = []
    for key, category in crisis.categories.items():
        for i, line in enumerate(category.lines):
            if line not in national.services:
                problems.append(f"{file}: categories.{key}.lines[{i}]: {_unknown('service', line, national.services)}")
        problems += _crisis_text_problems(file, key, category, national)
        for field, pattern in _patterns_of(category):
            problem = _pattern_problem(pattern)
            if problem:
                problems.append(f"{file}: categories.{key}.{field}: {problem}: '{pattern}'")
    return problems


def check_crisis_examples(file: str, examples: CrisisExamplesFile, crisis: CrisisFile) -> list[str]:
    """Problems in crisis_examples.yaml: a category crisis.yaml does not have, or one with too few examples."""
    problems = []
    for key in examples.categories:
        if key not in crisis.categories:
            problems.append(f"{file}: categories.{key}: {_unknown('crisis category', key, crisis.categories)}")
    for key in crisis.categories:
        if len(examples.categories.get(key, [])) < MIN_CRISIS_EXAMPLES:
            problems.append(f"{file}: categories.{key}: at least {MIN_CRISIS_EXAMPLES} examples are needed")
    if len(examples.ordinary) < MIN_CRISIS_EXAMPLES:
        problems.append(f"{file}: ordinary: at least {MIN_CRISIS_EXAMPLES} examples are needed")
    return problems


def check_vocabulary(file: str, vocabulary: VocabularyFile, national: NationalFile) -> list[str]:
    """Problems in vocabulary.yaml: unknown topics, phrases not written plainly, a phrase in two topics."""
    problems = []
    owner: dict[str, str] = {}
    for topic_id, phrases in vocabulary.topics.items():
        if topic_id not in national.topics:
            problems.append(f"{file}: topics.{topic_id}: {_unknown('topic', topic_id, national.topics)}")
        for i, phrase in enumerate(phrases):
            where = f"{file}: topics.{topic_id}[{i}]"
            if plain_words(phrase) != phrase:
                problems.append(f"{where}: write '{phrase}' in lower case, letters, digits and single spaces only")
            elif phrase in owner and owner[phrase] != topic_id:
                problems.append(f"{where}: '{phrase}' is also a phrase of {owner[phrase]}")
            owner.setdefault(phrase, topic_id)
    return problems
