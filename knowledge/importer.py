"""`python -m knowledge.importer PAGE.txt [--out DRAFT.yaml]`: draft a council file from its Local Offer page."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

import yaml

from .importer_rules import (
    COUNCIL_WORDS,
    DUMP,
    LABELS,
    NO_TOPIC,
    NOT_IMPORTED,
    NOT_RECOGNISED,
    OUTCOMES,
    PERSON,
    READ,
    SECTIONS,
    SKIP,
    STATEMENTS,
    TABLES,
    TIDY,
    TODO,
    TOPIC_WORDS,
    VALUES,
    Unread,
)
from .loader import DATA_DIR, KnowledgeError, read_file
from .schema import CouncilRegister

URL_LINE = "# URL:"  # how a page stored in knowledge/sources/ gives its address


def _read(kind: str, raw: str) -> object:
    pattern, make = READ[kind]
    found = re.fullmatch(pattern, raw.strip(), re.I)
    return make(*found.groups()) if found else None


class _Reader:
    """Reads a page line by line into topics, the Local Offer lead and the lines it leaves out."""

    def __init__(self, heading: str, short: str) -> None:
        name = re.escape(heading)
        self.statements = [(re.compile(p.replace("COUNCIL", name), re.I), rest) for p, *rest in STATEMENTS]
        self.short = short
        self.topics: dict[str, dict] = {}
        self.unread: list[Unread] = []
        self.lead: dict[str, str] = {}
        self.exempt_line, self.lead_line = (0, "Council Tax"), 0
        self.table: tuple[str, ...] = ()
        self.section = self.label = self.person = self.waiting = self.last = ""

    def add(self, topic: str, text: str = "", key: str = "", value: object = None, line: str = "") -> None:
        """Add a point and, with a key, a value to a topic; a point read from a 'Label: value' line quotes it."""
        entry = self.topics.setdefault(topic, {"values": {}, "points": []})
        if key:
            entry["values"][key] = value
        if text:
            point = {"text": text.replace("{short}", self.short), "basis": "local", "source": "local_offer"}
            entry["points"].append({**point, "quotes": [line.strip()]} if line.strip() else point)

    def skip(self, n: int, raw: str, reason: str = "") -> None:
        """List a line as not imported; a line of free text says which label it was under."""
        self.unread.append((n, raw, reason or (f"free text under '{self.label}:'" if self.label else NOT_RECOGNISED)))

    def read(self, n: int, raw: str) -> None:
        """Read one line of the page."""
        text = re.sub(r"\s+", " ", raw.replace("\u2019", "'")).strip().rstrip(".")
        lower = text.lower()
        if not text or lower in SECTIONS:
            self.label = ""
            if text:
                self.section, self.person, self.last, self.waiting = lower, "", "", ""
        elif self.waiting:
            self.contact(n, raw, self.waiting, text)
        elif self.table:
            self.table_row(n, raw, [cell.strip() for cell in text.split("|") if cell.strip()])
        elif re.fullmatch(PERSON, text, re.I):
            self.person, self.lead_line = ("lead", n) if "best person" in lower else ("director", self.lead_line)
        elif self.person and (found := re.fullmatch(r"(Name|Email Address|Telephone):\s*(.*)", text, re.I)):
            self.waiting = found[1].lower()
            if found[2]:
                self.contact(n, raw, self.waiting, found[2])
        elif lower.endswith(":") and lower[:-1] in LABELS:
            self.label = text[:-1]
        elif table := next((keys for heading, keys in TABLES.items() if re.fullmatch(heading, text, re.I)), ()):
            self.table = (*table, re.sub(r".* ending ", "", text))
        else:
            self.statement(n, raw, text)

    def statement(self, n: int, raw: str, text: str) -> None:
        """Add what a statement or a 'Label: value' line says to its topic, or list the line."""
        label, _, raw_value = text.partition(": ")
        key, kind, point, after = (*VALUES.get(label.lower(), ("", "", "")), "")[:4]
        topic = SECTIONS.get(self.section) or next((t for w, t in TOPIC_WORDS.items() if re.search(w, text, re.I)), "")
        if key and after in self.last:
            value = _read(kind, raw_value)
            if value is None or not topic:
                return self.skip(n, raw, "value not understood" if value is None else NO_TOPIC)
            return self.add(topic, point, key, value, raw)
        recognised = next(((f, rest) for p, rest in self.statements if (f := p.fullmatch(text))), None)
        if recognised is None:
            return self.skip(n, raw)
        found, (template, *value_key) = recognised
        self.label, self.last = "", text.lower()
        if template == SKIP:
            return None
        negative = bool(re.search(r"\bnot?\b", found.groupdict().get("no") or "", re.I))
        self.exempt_line = (n, raw) if value_key == ["exempt"] else self.exempt_line
        if template == NO_TOPIC or not topic:
            return self.skip(n, raw, NO_TOPIC)
        what = found.groupdict().get("what") or ""
        for tidy, replacement in TIDY.items():
            what = re.sub(tidy, replacement, what)
        positive, _, negative_text = template.partition("|")
        text = (negative_text if negative and negative_text else positive).replace("{what}", what.replace("$", "$$"))
        return self.add(topic, text, value_key[0] if value_key else "", not negative)

    def contact(self, n: int, raw: str, name: str, value: str) -> None:
        """Keep the Local Offer lead's name, email address or telephone; list what cannot be used."""
        self.waiting = ""
        if self.person == "director":
            self.skip(n, raw, "the Director of Children's Services is not a contact for care leavers")
        elif name == "telephone" and re.fullmatch(r"\+?[\d ()-]{10,16}", value):
            self.lead["phone"] = value
        elif name == "email address" and re.fullmatch(r"[^@\s\[\]]+@[^@\s]+\.[a-z]{2,}", value, re.I):
            self.lead["email"] = value
        elif name == "name":
            self.lead["name"] = f"{value}, Local Offer lead"
        else:
            hidden = "; the saved page hides email addresses: copy it from the live page" if "[email" in value else ""
            self.skip(n, raw, f"{name} not understood{hidden}")

    def table_row(self, n: int, raw: str, cells: list[str]) -> None:
        """Read a Facts and Figures row (a label for each figure, then the figures) and keep its last column."""
        (label_key, figure_key, text, ending), half = self.table, len(cells) // 2
        label, figure = (cells[half - 1], cells[-1]) if cells and len(cells) % 2 == 0 else ("", "")
        when, self.table = _read("date", re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", ending)), ()
        if label == "Total" and figure.isdigit() and when and half > 2:
            self.add("facts_figures", "", "care_leavers_date", when)
            label = f"{cells[0]} to {cells[half - 2]}"
        elif not (re.fullmatch(r"\d{4}", label) and re.fullmatch(r"\d+%?", figure)):
            return self.skip(n, raw, "table row not understood")
        self.add("facts_figures", "", label_key, int(label) if label.isdigit() else label)
        return self.add("facts_figures", text, figure_key, int(figure) if figure.isdigit() else figure)

    def finish(self) -> dict[str, dict]:
        """The topics, council tax completed with the replies its questions need, or left out."""
        tax, (line, raw) = self.topics.get("council_tax", {"values": {}}), self.exempt_line
        if tax["values"].get("exempt"):
            if "exempt_to_age" not in tax["values"]:
                self.skip(line, raw, "no exemption age on the page: add values.exempt_to_age")
            replies = {**OUTCOMES, "other_council": OUTCOMES[tax["values"].get("covers_other_areas")]}
            tax["outcomes"] = {k: v.replace("{short}", self.short) for k, v in replies.items() if isinstance(k, str)}
        elif self.topics.pop("council_tax", None):
            self.skip(line, raw, "care leavers are not said to be exempted, so topics.council_tax is left "
                      "out: its questions need an exemption age")  # fmt: skip
        return {topic: {k: v for k, v in entry.items() if v} for topic, entry in self.topics.items()}


def _identity(heading: str, register: CouncilRegister) -> tuple[dict[str, str], bool]:
    short = re.sub(COUNCIL_WORDS, "", heading).strip()
    council_id = re.sub(r"[^a-z0-9]+", "_", short.lower().replace("&", "and")).strip("_")
    known = [c for c in register.councils if c.name.lower() == heading.lower()]
    known = known or [c for c in register.councils if c.id == council_id or short.lower() in c.names]
    if not known:
        return {"id": council_id, "name": heading, "short_name": short}, False
    return {"id": known[0].id, "name": known[0].name, "short_name": short}, True


def import_page(text: str, page: str) -> tuple[dict, list[Unread]]:
    """Draft a council file from a Local Offer page, with the lines not imported (page: its file name).

    A page stored in knowledge/sources/ starts with '# URL: ...': the draft's source takes that url and the
    file as its text, so that the draft's numbers are checked against the page when it loads.
    """
    lines = text.splitlines()  # the page may start with comment lines (# ...) before the council's name
    start = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), 0)
    if not any(line.strip().lower() in SECTIONS for line in lines):
        raise ValueError("no section such as 'Council Tax' or 'Housing': is this a Local Offer page?")
    heading = lines[start].strip()
    council, known = _identity(heading, read_file(DATA_DIR / "england_councils.yaml", CouncilRegister))
    reader = _Reader(heading, council["short_name"])
    if not known:
        reader.skip(start + 1, heading, f"'{council['id']}' is not in england_councils.yaml: check the id")
    for n, raw in enumerate(lines[start + 1 :], start=start + 2):
        reader.read(n, raw.strip())
    topics = reader.finish()
    lead = {"name": "Local Offer lead", **reader.lead, "source": "local_offer"}
    if reader.lead and not {"phone", "email"} & set(lead):
        reader.skip(reader.lead_line, "Local Offer contact", "no telephone or email: add one, or remove the contact")
    title = f"{heading}: Care Leaver Local Offer (national Care Leaver Local Offer site)"
    url = next((line[len(URL_LINE) :].strip() for line in lines[:start] if line.startswith(URL_LINE)), None)
    source = {"title": title, "short": f"{council['short_name']}'s Local Offer", "text": page}
    if url:
        source["url"] = url
    hours = {"assumed": True, "note": "PLACEHOLDER: these hours must be filled in from the council."}
    hours |= {"in_hours": "leaving_care", "out_of_hours": "edt", "timezone": "Europe/London", "holidays": "england"}
    draft = {
        "council": council,
        "sources": {"local_offer": {**source, "last_verified": date.today()}},
        "contacts": {"local_offer_lead": lead} if reader.lead else {},
        "service_hours": {**hours, "open": {}},
        "topics": topics,
    }
    return draft, sorted(reader.unread)


def report(unread: list[Unread]) -> list[str]:
    """The lines not imported, one 'line N: text (reason)' each."""
    return [f"line {n}: {text} ({reason})" for n, text, reason in unread]


def to_yaml(draft: dict, unread: list[Unread]) -> str:
    """The draft as YAML, with the lines not imported listed in comments at the top."""
    head = [f"# DRAFT made by knowledge.importer from {draft['sources']['local_offer']['text']}: check it all."]
    head += [f"# {NOT_IMPORTED}"] * bool(unread) + [f"#   {line}" for line in report(unread)]
    dump = [TODO.get(k, "") + yaml.safe_dump({k: v}, **DUMP) for k, v in draft.items()]
    return "\n".join(head) + "\n\n" + "\n".join(dump)


def main(argv: list[str] | None = None) -> int:
    """Import a page: the draft to --out (or stdout), the lines not imported to stderr; 1 if it cannot."""
    parser = argparse.ArgumentParser(prog="python -m knowledge.importer", description=__doc__)
    parser.add_argument("page", type=Path, help="the council's Local Offer page, saved as text")
    parser.add_argument("--out", type=Path, help="where to write the draft (default: stdout)")
    args = parser.parse_args(argv)
    try:
        draft, unread = import_page(args.page.read_text(encoding="utf-8"), args.page.name)
    except (OSError, ValueError, KnowledgeError) as error:
        print(f"Cannot import {args.page}: {error}", file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(to_yaml(draft, unread), encoding="utf-8")
    else:
        sys.stdout.write(to_yaml(draft, unread))
    if unread:
        print(NOT_IMPORTED, *(f"  {line}" for line in report(unread)), sep="\n", file=sys.stderr)
    print(f"Drafted {draft['council']['id']}: {len(unread)} lines not imported.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
