"""Every number in a fact (phone number, amount, age, date) is read in the stored text of its source.

A number is accepted only where its source says it and no number one digit away (or with two neighbouring
digits swapped) is there too, so that any such slip in the YAML is refused. Where a source holds close
numbers, the fact quotes the passages it rests on: each quote must be in the source, and the fact's numbers
must be the quotes' numbers in the same order, or each be in the quotes with no near number beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .schema import Contact, CouncilFile, NationalFile, Source, Topic
from .templates import FactTemplate, council_context, national_context, placeholders, render

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
HEADER = re.compile(r"^# (URL|Read|Title): (.+)$")
PHONE = re.compile(r"(?<![\d.,])(?:0\d{2,4}(?: \d{3,6}){1,2}|1\d\d \d{3})(?!\d)")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
TOKEN = re.compile(f"(?P<phone>{PHONE.pattern})|(?P<number>{NUMBER.pattern})")
TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u00a0": " "})


@dataclass(frozen=True)
class SourceText:
    """A stored source: where it is online, when it was read, and the passages facts rest on."""

    url: str
    read: str
    title: str
    body: str


@dataclass(frozen=True)
class Fact:
    """One piece of YAML that may hold numbers, with the source (and quotes) it must be checked against."""

    where: str
    text: str
    sources: tuple[str, ...]
    quotes: tuple[str, ...] = ()


def read_source_text(path: Path) -> SourceText:
    """Parse a stored source: '# URL:', '# Read:' and '# Title:' lines, a blank line, then the text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = {}
    for line in lines[:3]:
        found = HEADER.match(line)
        if found:
            header[found.group(1)] = found.group(2).strip()
    missing = [name for name in ("URL", "Read", "Title") if name not in header]
    if missing:
        raise ValueError(
            f"the first three lines must be '# URL: ...', '# Read: ...', '# Title: ...' (missing {missing})"
        )
    return SourceText(header["URL"], header["Read"], header["Title"], "\n".join(lines[3:]))


@lru_cache(maxsize=4096)
def normalised(text: str) -> str:
    """Curly quotes and dashes made plain and runs of white space made one space, for matching quotes."""
    return " ".join(text.translate(TYPOGRAPHY).split())


HALF = re.compile(r"(\d) (?:1/2|and a half)\b")


def _plain(number: str) -> str:
    number = number.replace(",", "")
    if "." in number:
        return number.rstrip("0").rstrip(".")
    return (number.lstrip("0") or "0") if len(number) <= 2 else number


@lru_cache(maxsize=4096)
def _numbers_of_source(body: str) -> frozenset[str]:
    return frozenset(numbers_in(body))


def numbers_in(text: str) -> list[str]:
    """The numbers in a text: a phone number as its digits, '£3,000' as 3000, '8.00pm' as 8, '17 1/2' as 17.5."""
    found = []
    for match in TOKEN.finditer(HALF.sub(r"\1.5", text)):
        phone, number = match.group("phone"), match.group("number")
        found.append(phone.replace(" ", "") if phone else _plain(number))
    return found


def variants(number: str) -> set[str]:
    """The numbers one slip away: one digit changed, or two neighbouring digits swapped."""
    near = set()
    for i, char in enumerate(number):
        if char.isdigit():
            near |= {number[:i] + d + number[i + 1 :] for d in "0123456789" if d != char}
        if i + 1 < len(number) and char.isdigit() and number[i + 1].isdigit() and char != number[i + 1]:
            near.add(number[:i] + number[i + 1] + char + number[i + 2 :])
    return {_plain(n) for n in near} - {number}


def check_fact(file: str, fact: Fact, sources: Mapping[str, Source], texts: Mapping[str, SourceText]) -> list[str]:
    """Problems with one fact's numbers: unread in its source, or not told apart from a near number there."""
    numbers = numbers_in(fact.text)
    known = [sources[key] for key in fact.sources if key in sources]
    if not numbers or not known:
        return []
    bodies = [normalised(texts[s.text].body) for s in known if s.text is not None and s.text in texts]
    if not bodies:
        names = ", ".join(f"'{key}'" for key in fact.sources)
        return [f"{file}: {fact.where}: {', '.join(numbers)} cannot be checked: no stored text for source {names}"]
    problems = [
        f"{file}: {fact.where}: quote not found in the source's text: '{quote}'"
        for quote in fact.quotes
        if not any(normalised(quote) in body for body in bodies)
    ]
    if fact.quotes:
        quoted = [n for quote in fact.quotes for n in numbers_in(quote)]
        if quoted == numbers:
            return problems
        return problems + _unmistakable(file, fact, numbers, set(quoted), "its quotes")
    scope = set().union(*(_numbers_of_source(body) for body in bodies))
    return problems + _unmistakable(file, fact, numbers, scope, _names(known))


def _unmistakable(file: str, fact: Fact, numbers: list[str], scope: set[str], where: str) -> list[str]:
    """Each number is in scope, and no number one slip away from it is."""
    problems = []
    for number in dict.fromkeys(numbers):
        if number not in scope:
            problems.append(f"{file}: {fact.where}: {number} is not in {where}")
        elif near := sorted(variants(number) & scope):
            hint = "give them in the quotes' order" if fact.quotes else "quote the passages it rests on"
            problems.append(f"{file}: {fact.where}: {number} cannot be told from {', '.join(near)} in {where}: {hint}")
    return problems


def _names(sources: Iterable[Source]) -> str:
    return ", ".join(f"knowledge/sources/{s.text}" for s in sources if s.text) or "no stored text"


def _filled(template: str, context: Mapping[str, object]) -> str:
    """A template filled in; one naming an unknown value (reported by the checks) keeps only its own words."""
    try:
        return render(template, context)
    except KeyError:
        return _literal(template)


def _literal(template: str | None) -> str:
    """A template's own words, placeholders left out: what it adds to the values it names."""
    return FactTemplate.pattern.sub(" ", template or "")


def _contact_facts(prefix: str, contacts: Mapping[str, Contact]) -> Iterator[Fact]:
    for key, contact in contacts.items():
        text = " ".join(v for v in (contact.name, contact.phone, contact.text, contact.address) if v)
        yield Fact(f"{prefix}.{key}", text, (contact.source,), tuple(contact.quotes))


def _topic_facts(topic_id: str, topic: Topic, context: Mapping[str, object]) -> Iterator[Fact]:
    where = f"topics.{topic_id}"
    used: set[str] = set()
    cited = tuple(dict.fromkeys([p.source for p in topic.points] + [c.source for c in topic.conflicts]))
    for i, point in enumerate(topic.points):
        used |= set(placeholders(point.text))
        yield Fact(f"{where}.points[{i}]", _filled(point.text, context), (point.source,), tuple(point.quotes))
    for i, conflict in enumerate(topic.conflicts):
        used |= set(placeholders(conflict.resolution))
        yield Fact(f"{where}.conflicts[{i}].claim", conflict.claim, (conflict.source,), tuple(conflict.quotes))
        backing = (conflict.supported_by or conflict.source,)
        resolution = _filled(conflict.resolution, context)
        yield Fact(f"{where}.conflicts[{i}].resolution", resolution, backing, tuple(conflict.support_quotes))
    for key, value in topic.values.items():
        evidence = topic.evidence.get(key)
        if evidence is not None:
            yield Fact(f"{where}.values.{key}", str(value), (evidence.source,), tuple(evidence.quotes))
        elif key not in used:
            yield Fact(f"{where}.values.{key}", str(value), cited or ("(no source: add evidence)",))
    for key, text in [("how", topic.how), *((f"outcomes.{k}", v) for k, v in topic.outcomes.items())]:
        yield Fact(f"{where}.{key}", _literal(text), cited)


def national_facts(national: NationalFile) -> Iterator[Fact]:
    """Every piece of national.yaml that may hold a number, with the source it must be checked against."""
    yield from _contact_facts("services", national.services)
    for topic_id, topic in national.topics.items():
        yield from _topic_facts(topic_id, topic, national_context(national, topic_id))


def council_facts(national: NationalFile, council: CouncilFile) -> Iterator[Fact]:
    """Every piece of a council file that may hold a number, with the source it must be checked against."""
    yield from _contact_facts("contacts", council.contacts)
    hours = council.service_hours
    backing = tuple(council.contacts[k].source for k in (hours.in_hours, hours.out_of_hours) if k in council.contacts)
    yield Fact("service_hours.note", hours.note or "", backing)
    for topic_id, topic in council.topics.items():
        yield from _topic_facts(topic_id, topic, council_context(national, council, topic_id))
    if council.charter is not None:
        for theme_id, theme in council.charter.themes.items():
            for i, pledge in enumerate(theme.pledges):
                yield Fact(f"charter.themes.{theme_id}.pledges[{i}]", pledge, (council.charter.source,))


def unsourced_value(file: str, fact: Fact) -> list[str]:
    """A value with a number in a topic that cites no source at all."""
    if fact.sources == ("(no source: add evidence)",) and numbers_in(fact.text):
        return [f"{file}: {fact.where}: a number with no source: add `evidence` naming the source that says it"]
    return []


def check_sources(file: str, sources: Mapping[str, Source], texts: Mapping[str, SourceText]) -> list[str]:
    """Each source's stored text exists and is the page its url names."""
    problems = []
    for key, source in sources.items():
        if source.text is None:
            continue
        stored = texts.get(source.text)
        if stored is None:
            problems.append(f"{file}: sources.{key}.text: no file knowledge/sources/{source.text}")
        elif stored.url != source.url:
            problems.append(f"{file}: sources.{key}.url: '{source.url}' is not the url of {source.text} ({stored.url})")
    return problems


def check_facts(
    file: str, facts: Iterable[Fact], sources: Mapping[str, Source], texts: Mapping[str, SourceText]
) -> list[str]:
    """Problems with the numbers of a file's facts."""
    problems = []
    for fact in facts:
        problems += unsourced_value(file, fact) or check_fact(file, fact, sources, texts)
    return problems


def load_source_texts(directory: Path = SOURCES_DIR) -> tuple[dict[str, SourceText], list[str]]:
    """Every stored source under directory, by file name, and the problems reading them."""
    texts, problems = {}, []
    for path in sorted(directory.glob("*.txt")):
        try:
            texts[path.name] = read_source_text(path)
        except (OSError, ValueError) as error:
            problems.append(f"knowledge/sources/{path.name}: (header): {error}")
    return texts, problems
