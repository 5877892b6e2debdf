"""Every number in the knowledge files is read in the stored text of its source, kept in knowledge/sources/."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge import KnowledgeError, checks, load_knowledge, provenance
from knowledge.loader import DATA_DIR
from knowledge.provenance import (
    SOURCES_DIR,
    council_facts,
    load_source_texts,
    national_facts,
    numbers_in,
    read_source_text,
    variants,
)
from knowledge.schema import CouncilFile, NationalFile

KB = load_knowledge()
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LUTON = KB.council("luton")
FILES = {"national.yaml": KB.national, **{f"councils/{k}.yaml": c for k, c in KB.councils.items()}}


def every_source():
    for name, data in FILES.items():
        for key, source in data.sources.items():
            yield pytest.param(source, id=f"{name}:{key}")


def stored(name: str) -> str:
    return read_source_text(SOURCES_DIR / LUTON.sources[name].text).body


def with_edit(tmp_path: Path, file: str, edit) -> Path:
    """A copy of the knowledge data with one YAML file changed by edit(text) -> text."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / file
    changed = edit(path.read_text(encoding="utf-8"))
    path.write_text(changed, encoding="utf-8")
    return copy


@pytest.mark.parametrize("source", every_source())
def test_every_source_has_a_url_a_date_and_its_text_in_the_repository(source):
    assert source.url.startswith("http") and source.last_verified
    if source.text is not None:
        text = read_source_text(SOURCES_DIR / source.text)
        assert text.url == source.url and text.body.strip()


def test_every_fact_with_a_number_names_a_source_with_stored_text():
    for data in FILES.values():
        facts = national_facts(data) if data is KB.national else council_facts(KB.national, data)
        with_numbers = [f for f in facts if numbers_in(f.text)]
        assert with_numbers
        for fact in with_numbers:
            assert any(data.sources[k].text for k in fact.sources if k in data.sources), fact.where


def test_every_fact_in_every_file_has_a_dated_source():
    for data in FILES.values():
        for topic in data.topics.values():
            assert all(p.source in data.sources for p in topic.points)
        assert all(s.last_verified for s in data.sources.values())


@pytest.mark.parametrize(
    ("file", "wrong", "right"),
    [
        ("national.yaml", '"116 132"', '"116 123"'),  # Samaritans, two digits swapped
        ("councils/lancashire.yaml", '"0300 123 6727"', '"0300 123 6722"'),  # out of hours, two digits swapped
        ("councils/lancashire.yaml", '"0300 123 6720"', '"0300 123 6722"'),  # out of hours given the day number
        ("councils/luton.yaml", '"0300 300 8132"', '"0300 300 8123"'),
        ("national.yaml", '"07860 039976"', '"07860 039967"'),
    ],
)
def test_a_swapped_phone_number_is_refused_naming_file_and_field(tmp_path, file, wrong, right):
    changed = with_edit(tmp_path, file, lambda text: text.replace(right, wrong, 1))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(changed)
    assert any(p.startswith(f"knowledge/data/{file}") or file in p for p in caught.value.problems)
    assert wrong.strip('"').replace(" ", "") in str(caught.value) or "cannot be told" in str(caught.value)


def digit_positions(file: str):
    """Every digit in a fact of a YAML file, as (line, column): not in comments, keys, hours or the sources list."""
    lines = (DATA_DIR / file).read_text(encoding="utf-8").splitlines()
    skip = re.compile(r"^\s*(#|(monday|tuesday|wednesday|thursday|friday|saturday|sunday):)")
    section = ""
    for n, line in enumerate(lines):
        section = line.split(":")[0] if re.match(r"^\w", line) else section
        if section == "sources" or skip.match(line):
            continue
        body = line.split(": ", 1)[1] if re.match(r"^\s*[\w-]+: ", line) else line
        start = len(line) - len(body)
        for column, char in enumerate(body, start=start):
            if char.isdigit():
                yield n, column


@pytest.mark.parametrize("file", ["national.yaml", *sorted(f"councils/{c}.yaml" for c in KB.councils)])
def test_a_one_digit_change_to_any_number_is_refused(file):
    """Change each digit of the file's facts in turn: every change must make the file refuse to load."""
    original = (DATA_DIR / file).read_text(encoding="utf-8")
    texts, _ = load_source_texts()
    survived = []
    for n, column in digit_positions(file):
        lines = original.splitlines()
        digit = lines[n][column]
        lines[n] = lines[n][:column] + str((int(digit) + 1) % 10) + lines[n][column + 1 :]
        if not _problems(file, "\n".join(lines), texts):
            survived.append(f"line {n + 1}: {lines[n].strip()}")
    assert not survived, survived


def _problems(file: str, changed: str, texts) -> list[str]:
    """What the loader's checks say about one changed file (the others as they are)."""
    try:
        raw = yaml.load(changed, Loader=FAST_LOADER)
        if file == "national.yaml":
            national = NationalFile.parse_obj(raw)
            facts = provenance.national_facts(national)
            problems = provenance.check_facts(file, facts, national.sources, texts)
            return problems + checks.check_national(file, national)
        national = KB.national
        council = CouncilFile.parse_obj(raw)
        facts = provenance.council_facts(national, council)
        return provenance.check_facts(file, facts, council.sources, texts) + checks.check_council(
            file, council.council.id, council, national, None
        )
    except Exception as error:  # a change that breaks the schema is refused too
        return [str(error)]


def test_near_numbers_are_the_ones_one_slip_away():
    assert {"116132", "116124", "216123"} <= variants("116123")
    assert "116123" not in variants("116123") and "2000" in variants("3000")


def test_council_tax_age_is_the_offers():
    found = re.search(r"exempted up to the age of: (\d+)", stored("local_offer"))
    assert int(found.group(1)) == LUTON.topics["council_tax"].values["exempt_to_age"]


def test_every_charter_pledge_is_recorded():
    bullets = [line for line in stored("charter").splitlines() if line.strip().startswith("•")]
    recorded = sum(len(theme.pledges) for theme in LUTON.charter.themes.values())
    assert recorded == len(bullets)
