"""What a letter is made of for one council (who it goes to, the names its paragraphs use), and its checks."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .letter_schema import Letter, LettersFile, Paragraph
from .provenance import Fact, SourceText, check_fact, normalised
from .schema import Contact, CouncilFile, NationalFile, Source
from .templates import council_context, placeholders

CITES = "cites"
DIGIT = re.compile(r"\d")
# Names every letter may use beside its council's facts; they are filled when the letter is written.
LETTER_NAMES = ("council_name", "recipient")


def recipient_key(letter: Letter, council: CouncilFile) -> str:
    """The contact a letter goes to: the topic's own `letter_to`, else the first of the letter's send_to the
    council has, else the topic's `ask`, else the team that answers in office hours."""
    topic = council.topics.get(letter.topic)
    first, then = (topic.letter_to, topic.ask) if topic else (None, None)
    wanted = [key for key in (first, *letter.send_to, then, council.service_hours.in_hours) if key]
    return next(key for key in wanted if key in council.contacts)


def postal_lines(contact: Contact) -> list[str]:
    """Where a letter to a contact is sent: its address (one line per part) and email, as far as it has them."""
    lines = [part.strip() for part in (contact.address or "").split(",") if part.strip()]
    return lines + ([contact.email] if contact.email else [])


def letter_names(national: NationalFile, council: CouncilFile, letter: Letter) -> dict[str, object]:
    """The names a letter's paragraphs may use for a council: the topic's facts, the council, the laws cited."""
    names = council_context(national, council, letter.topic)
    names.update(
        {"council_name": council.council.name, "recipient": council.contacts[recipient_key(letter, council)].name}
    )
    names.update({f"{CITES}.{key}": citation.law for key, citation in letter.cites.items()})
    return names


def applies(paragraph: Paragraph, names: Mapping[str, object]) -> bool:
    """Whether a paragraph is part of the letter: every `when` value present and not false, no `unless` one."""
    present = {name for name, value in names.items() if value is not False}
    return set(paragraph.when) <= present and not set(paragraph.unless) & present


def check_letters(
    file: str,
    letters: LettersFile,
    national: NationalFile,
    councils: Mapping[str, CouncilFile],
    texts: Mapping[str, SourceText],
) -> list[str]:
    """Problems in letters.yaml: unknown topics or sources, numbers written in, laws not in their sources, and
    placeholders a council's letter could not fill."""
    problems = _check_frame(file, letters)
    for letter_id, letter in letters.letters.items():
        where = f"letters.{letter_id}"
        if letter.topic not in national.topics:
            problems.append(f"{file}: {where}.topic: unknown topic '{letter.topic}'")
            continue
        for key in [*letter.sources, *(c.source for c in letter.cites.values())]:
            source = national.sources.get(key)
            if source is None or source.text is None:
                problems.append(f"{file}: {where}: source '{key}' needs a stored text in national.yaml's sources")
        for key, citation in letter.cites.items():
            problems += _unquoted(
                file, f"{where}.cites.{key}", citation.quotes, national.sources.get(citation.source), texts
            )
            fact = Fact(
                f"{where}.cites.{key}",
                citation.law + " " + " ".join(citation.quotes),
                (citation.source,),
                tuple(citation.quotes),
            )
            problems += check_fact(file, fact, national.sources, texts)
        for i, paragraph in enumerate(letter.paragraphs):
            if DIGIT.search(paragraph.text):
                problems.append(f"{file}: {where}.paragraphs[{i}].text: write numbers as ${{placeholders}}, not digits")
        for council_id, council in councils.items():
            if council.service_hours.in_hours not in council.contacts:
                continue  # reported by the council's own checks; no letter can be addressed yet
            names = letter_names(national, council, letter)
            for i, paragraph in enumerate(letter.paragraphs):
                if not applies(paragraph, names):
                    continue
                for name in placeholders(paragraph.text):
                    if name not in names:
                        problems.append(f"{file}: {where}.paragraphs[{i}]: ${{{name}}} is unknown for {council_id}")
    return problems


def _unquoted(
    file: str, where: str, quotes: list[str], source: Source | None, texts: Mapping[str, SourceText]
) -> list[str]:
    """Quotes a citation rests on that its stored source does not hold (whether or not they have numbers)."""
    stored = texts.get(source.text) if source is not None and source.text is not None else None
    if stored is None:
        return []  # reported as a source with no stored text
    body = normalised(stored.body)
    return [
        f"{file}: {where}: quote not found in the source's text: '{q}'" for q in quotes if normalised(q) not in body
    ]


def _check_frame(file: str, letters: LettersFile) -> list[str]:
    allowed = {
        "intro": {"purpose", "council", "recipient"},
        "greeting": {"recipient"},
        "no_address": {"recipient", "number"},
    }
    problems = []
    for field in ("sender", "greeting", "sign_off", "no_address", "intro"):
        text = getattr(letters, field)
        if DIGIT.search(text):
            problems.append(f"{file}: {field}: write numbers as ${{placeholders}}, not digits")
        unknown = set(placeholders(text)) - allowed.get(field, set())
        if unknown:
            problems.append(f"{file}: {field}: unknown placeholders {sorted(unknown)}")
    return problems


def letter_gaps(letters: LettersFile, councils: Mapping[str, CouncilFile]) -> list[str]:
    """Contacts letters go to that a council's file gives no address or email for: those letters say to ring
    and ask where to send them instead."""
    unaddressed: dict[tuple[str, str], list[str]] = {}
    for council_id, council in councils.items():
        for letter_id, letter in letters.letters.items():
            key = recipient_key(letter, council)
            if not postal_lines(council.contacts[key]):
                unaddressed.setdefault((council_id, key), []).append(letter_id)
    return [
        f"knowledge/data/councils/{council_id}.yaml: contacts.{key}: no address or email, so these letters "
        f"tell people to ring and ask where to send them: {', '.join(ids)}"
        for (council_id, key), ids in unaddressed.items()
    ]
