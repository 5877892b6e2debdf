"""Ready-made letters, written for one council from letters.yaml and its file: nothing personal is filled in."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answer, SourceTrail, with_source
from .letter_parts import applies, letter_names, postal_lines, recipient_key
from .loader import KnowledgeBase
from .templates import render
from .vocabulary import topics_named

TOPIC = "letters"


@dataclass(frozen=True)
class WrittenLetter:
    """A letter ready to copy or download: its id, title, file name and text."""

    letter_id: str
    council: str
    title: str
    filename: str
    text: str

    def as_payload(self) -> dict[str, str]:
        """The letter as channels receive it."""
        return {"id": self.letter_id, "title": self.title, "filename": self.filename, "text": self.text}


def write_letter(kb: KnowledgeBase, council_id: str, letter_id: str) -> WrittenLetter:
    """One letter for one council: the person's details left as [placeholders], the council's filled in."""
    letters, council = kb.letters, kb.council(council_id)
    letter = letters.letters[letter_id]
    contact = council.contacts[recipient_key(letter, council)]
    names = letter_names(kb.national, council, letter)
    number = contact.phone or contact.text or ""
    to = postal_lines(contact) or [render(letters.no_address, {"recipient": contact.name, "number": number})]
    blocks = [
        letters.sender,
        "\n".join([contact.name, council.council.name, *to]),
        f"Subject: {letter.subject}",
        render(letters.greeting, {"recipient": contact.name}),
        *(render(p.text, names) for p in letter.paragraphs if applies(p, names)),
        letters.sign_off,
    ]
    filename = f"{council_id}-{letter_id.replace('_', '-')}.txt"
    return WrittenLetter(letter_id, council_id, letter.title, filename, "\n\n".join(blocks) + "\n")


def letter_answer(kb: KnowledgeBase, council_id: str, letter_id: str) -> Answer:
    """The chat reply that carries a letter: what it is for, what to fill in, where to send it, its sources."""
    letter, council = kb.letters.letters[letter_id], kb.council(council_id)
    contact = council.contacts[recipient_key(letter, council)]
    trail = SourceTrail()
    for key in [*letter.sources, *(c.source for c in letter.cites.values())]:
        trail.add(kb.national.sources[key])
    topic = council.topics.get(letter.topic)
    for point in topic.points if topic else []:
        trail.add(council.sources[point.source])
    intro = render(
        kb.letters.intro, {"purpose": letter.purpose, "council": council.council.short_name, "recipient": contact.name}
    )
    written = write_letter(kb, council_id, letter_id)
    return Answer(TOPIC, council_id, with_source([intro], trail), trail.refs(), letter=written.as_payload())


def letter_for_topic(kb: KnowledgeBase, topic_id: str) -> str | None:
    """The letter about a topic, if there is one."""
    return next((key for key, letter in kb.letters.letters.items() if letter.topic == topic_id), None)


def letter_named(kb: KnowledgeBase, text: str) -> str | None:
    """The letter a message asks for, from the words people use for its topic ("a letter for my care file")."""
    phrases = {letter.topic: kb.vocabulary.topics.get(letter.topic, []) for letter in kb.letters.letters.values()}
    for topic_id in topics_named(phrases, text):
        if (letter_id := letter_for_topic(kb, topic_id)) is not None:
            return letter_id
    return None


def letter_choices(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(button title, letter id) for every letter, to ask which one is wanted."""
    return [(letter.title, key) for key, letter in kb.letters.letters.items()]


def letter_button(kb: KnowledgeBase, letter_id: str) -> tuple[str, str]:
    """(button title, letter id) for the button under a topic's answer."""
    return kb.letters.letters[letter_id].button, letter_id
