"""The shape of letters.yaml: ready-made letters a care leaver fills in and sends to their council."""

from __future__ import annotations

from pydantic import Field

from .schema import Identifier, Strict, Text


class Citation(Strict):
    """A law a letter relies on, and the passages of a stored source that name it."""

    law: Text
    source: Identifier
    quotes: list[Text] = Field(..., min_items=1)


class Paragraph(Strict):
    """One paragraph of a letter, written as a template; `when` names values it needs, `unless` values that
    rule it out (a value counts when the council's file has it and it is not false)."""

    text: Text
    when: list[Identifier] = []
    unless: list[Identifier] = []


class Letter(Strict):
    """A letter about one topic: who it goes to, the laws it cites, and its paragraphs."""

    title: Text
    purpose: Text
    topic: Identifier
    subject: Text
    button: Text
    send_to: list[Identifier] = []
    sources: list[Identifier] = []
    cites: dict[Identifier, Citation] = {}
    paragraphs: list[Paragraph] = Field(..., min_items=1)


class LettersFile(Strict):
    """letters.yaml: what every letter says around its paragraphs, and the letters themselves."""

    sender: Text
    greeting: Text
    sign_off: Text
    no_address: Text
    intro: Text
    letters: dict[Identifier, Letter]
