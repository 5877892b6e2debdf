"""The Local Offer importer reads what it recognises, lists every line it does not, and never guesses."""

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from knowledge import KnowledgeError, load_knowledge
from knowledge.importer import NOT_IMPORTED, import_page, to_yaml
from knowledge.loader import DATA_DIR
from knowledge.provenance import SOURCES_DIR, read_source_text

ROOT = Path(__file__).resolve().parents[2]
LUTON_PAGE = SOURCES_DIR / "luton_local_offer.txt"
STAFF_NOTE = "# URL: https://example.org/staff-note\n# Read: 2026-12-02\n# Title: Numbers staff added\n\n"
PAGES = Path(__file__).resolve().parent / "pages"
TEST_PAGE_URL = "https://www.careleaveroffer.co.uk/"
NATIONAL = yaml.safe_load((DATA_DIR / "national.yaml").read_text(encoding="utf-8"))
REGISTER = yaml.safe_load((DATA_DIR / "england_councils.yaml").read_text(encoding="utf-8"))


def imported(path: Path) -> tuple[dict, list[tuple[int, str, str]]]:
    return import_page(path.read_text(encoding="utf-8"), path.name)


def page_line(path: Path, text: str) -> int:
    """The number of the page's line that is exactly text."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def texts(draft: dict, topic: str) -> list[str]:
    return [point["text"] for point in draft["topics"][topic]["points"]]


def filled_in(draft: dict) -> dict:
    """The draft with the contacts and service hours that staff add by hand, and the page the numbers are from."""
    note = {"title": "Numbers staff added", "short": "the team", "url": "https://example.org/staff-note"}
    draft["sources"]["staff_note"] = {**note, "text": "staff_note.txt", "last_verified": date.today()}
    draft["sources"]["local_offer"].setdefault("url", TEST_PAGE_URL)
    team = {"name": "Leaving care team", "phone": "01632 960000", "quotes": ["Team: 01632 960000"]}
    edt = {"name": "Emergency Duty Team", "phone": "01632 960001", "quotes": ["Out of hours: 01632 960001"]}
    draft["contacts"].update(leaving_care={**team, "source": "staff_note"}, edt={**edt, "source": "staff_note"})
    draft["service_hours"].update(in_hours="leaving_care", out_of_hours="edt", open={"monday": ["09:00", "17:00"]})
    return draft


def data_dir_with(tmp_path: Path, draft: dict, page: Path) -> tuple[Path, Path]:
    """Copies of the knowledge data and stored sources with the draft as its council file and the page stored."""
    council_id = draft["council"]["id"]
    assert council_id in {c["id"] for c in REGISTER["councils"]}
    copy, sources = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(DATA_DIR, copy)
    shutil.copytree(SOURCES_DIR, sources)
    (copy / "councils" / f"{council_id}.yaml").write_text(to_yaml(draft, []), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    if not text.startswith("# URL:"):
        text = f"# URL: {TEST_PAGE_URL}\n# Read: 2026-12-02\n# Title: {page.name}\n\n{text}"
    (sources / page.name).write_text(text, encoding="utf-8")
    (sources / "staff_note.txt").write_text(STAFF_NOTE + "Team: 01632 960000. Out of hours: 01632 960001.\n")
    return copy, sources


@pytest.fixture(scope="module")
def luton() -> tuple[dict, list[tuple[int, str, str]]]:
    assert LUTON_PAGE.is_file(), f"the Luton Local Offer page is expected at {LUTON_PAGE}"
    return imported(LUTON_PAGE)


def test_luton_figures_are_the_pages(luton):
    draft, _ = luton
    page = LUTON_PAGE.read_text(encoding="utf-8")
    topics = draft["topics"]
    age = int(re.search(r"Council tax is exempted up to the age of: (\d+)", page)[1])
    assert topics["council_tax"]["values"]["exempt_to_age"] == age == 25
    allowance = re.search(r"Allowance amount: £(\d+)", page)[1]
    assert topics["setting_up_home"]["values"]["allowance"] == f"£{int(allowance):,}" == "£3,000"
    places = int(re.search(r"Number of places per year: (\d+)", page)[1])
    assert topics["employment"]["values"]["work_experience_places"] == places == 5
    overall = re.search(r"Overall effectiveness: (.+)", page)[1].strip()
    assert topics["ofsted"]["values"]["overall"] == overall == "Requires Improvement"
    assert topics["ofsted"]["values"]["published"] == "5 September 2022"
    phone = re.search(r"regarding the Local Offer is:\nName:\n.+\nEmail Address:\n.+\nTelephone:\n(.+)", page)[1]
    assert draft["contacts"]["local_offer_lead"]["phone"] == phone.strip() == "01582 547820"
    assert draft["contacts"]["local_offer_lead"]["name"] == "Kingsley Fordjour, Local Offer lead"


def test_luton_identity_source_and_placeholder_hours(luton):
    draft, _ = luton
    assert draft["council"] == {"id": "luton", "name": "Luton Borough Council", "short_name": "Luton"}
    source = draft["sources"]["local_offer"]
    assert source["text"] == LUTON_PAGE.name and source["last_verified"] == date.today()
    assert source["url"] == read_source_text(LUTON_PAGE).url
    hours = draft["service_hours"]
    assert hours["assumed"] is True and "must be filled in" in hours["note"]
    assert (hours["in_hours"], hours["out_of_hours"]) == ("leaving_care", "edt")
    assert not {"leaving_care", "edt"} & set(draft["contacts"])


def test_luton_council_tax_has_what_the_flow_needs(luton):
    tax = luton[0]["topics"]["council_tax"]
    assert tax["values"]["covers_other_areas"] is False
    assert set(tax["outcomes"]) == {"under_age", "eligible", "too_old", "other_council", "elsewhere"}
    assert "${national.payable_from_age}" in tax["outcomes"]["under_age"]
    assert all("${exempt_to_age}" in tax["outcomes"][key] for key in ("under_age", "eligible", "too_old"))
    assert all("${age}" in tax["outcomes"][key] for key in ("eligible", "too_old"))
    assert "only for its own care leavers" in tax["outcomes"]["other_council"]
    assert any("only for Luton's own care leavers" in text for text in texts(luton[0], "council_tax"))


def test_negative_statements_say_the_council_does_not_normally_help(luton):
    draft, _ = luton
    assert "Luton does not normally help with broadband costs." in texts(draft, "setting_up_home")
    assert "Luton does not normally help with mobile phone costs." in texts(draft, "setting_up_home")
    assert "In principle Luton will help with driving lessons." in texts(draft, "driving")
    assert "Luton does not have peer mentors (other care leavers)." in texts(draft, "mentoring")


def test_every_point_is_local_to_the_local_offer_and_every_topic_is_national(luton):
    for draft, _ in (luton, imported(PAGES / "bedford.txt"), imported(PAGES / "kent.txt")):
        assert set(draft["topics"]) <= set(NATIONAL["topics"])
        points = [p for topic in draft["topics"].values() for p in topic.get("points", [])]
        assert points and all(p["basis"] == "local" and p["source"] == "local_offer" for p in points)


def test_luton_lines_not_imported_are_listed_with_their_numbers(luton):
    _, unread = luton
    listed = {n: text for n, text, _ in unread}
    assert listed[page_line(LUTON_PAGE, "Luton Council is a Labour controlled council")]
    guaranteed = "Guaranteed Interview Scheme for all Care Leavers apprenticeship vacancies are ringfenced a year"
    assert (page_line(LUTON_PAGE, guaranteed), guaranteed, "not recognised") in unread
    assert any("free text under 'Details:'" in reason and "£50" in text for _, text, reason in unread)
    assert not any("No details provided" in text for _, text, _ in unread)


@pytest.mark.parametrize("page", [LUTON_PAGE, PAGES / "bedford.txt"])
def test_draft_with_contacts_and_hours_asks_only_for_its_numbers_to_be_confirmed(tmp_path, page):
    draft, _ = imported(page)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(*data_dir_with(tmp_path, filled_in(draft), page))
    problems = caught.value.problems
    assert problems and all(f"councils/{draft['council']['id']}.yaml: topics." in p for p in problems)
    assert all("quote the passages it rests on" in p for p in problems)


def test_draft_as_imported_says_what_is_missing(tmp_path, luton):
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(*data_dir_with(tmp_path, luton[0], LUTON_PAGE))
    assert "service_hours.in_hours: unknown contact 'leaving_care'" in str(caught.value)
    assert "service_hours.out_of_hours: unknown contact 'edt'" in str(caught.value)


def test_bedford_page_reads_cleanly():
    draft, unread = imported(PAGES / "bedford.txt")
    assert draft["council"] == {"id": "bedford", "name": "Bedford Borough Council", "short_name": "Bedford"}
    values = {key: value for topic in draft["topics"].values() for key, value in topic.get("values", {}).items()}
    assert values["exempt_to_age"] == 21 and values["covers_other_areas"] is True
    assert values["allowance"] == "£2,500" and values["work_experience_places"] == 8
    assert values["overall"] == "Good" and values["care_leavers"] == "Outstanding"
    assert "also covers care leavers from other areas" in draft["topics"]["council_tax"]["outcomes"]["other_council"]
    lead = draft["contacts"]["local_offer_lead"]
    assert (lead["phone"], lead["email"]) == ("01632 960123", "local.offer@example.org")
    assert "Bedford does not normally help with driving lessons." in texts(draft, "driving")
    assert "Bedford does not normally help as a guarantor in private rented property." in texts(draft, "housing")
    assert "You cannot take a friend for free." in texts(draft, "leisure")
    assert [reason for _, _, reason in unread] == [
        "no topic in national.yaml takes this",
        "the Director of Children's Services is not a contact for care leavers",
    ]


KENT_UNREADABLE = [
    ("Council tax is exempted up to the age of: until their 25th birthday", "value not understood"),
    ("Kent County Council runs a hardship fund for care leavers who fall behind with bills", "not recognised"),
    ("Allowance amount: up to £2,000 depending on need", "value not understood"),
    ("Number of places per year: 12", "not recognised"),
    ("2021 | 2022 | 2023 | 1,800 | 1,900 |", "table row not understood"),
    ("Publication date: sometime in 2022", "value not understood"),
    ("Overall effectiveness: Very good", "value not understood"),
    ("[email protected]", "email address not understood"),
]


def test_kent_lines_it_cannot_read_are_listed_not_dropped_or_guessed():
    page = PAGES / "kent.txt"
    draft, unread = imported(page)
    for text, reason in KENT_UNREADABLE:
        assert any(entry[:2] == (page_line(page, text), text) and reason in entry[2] for entry in unread), text
    values = {key for topic in draft["topics"].values() for key in topic.get("values", {})}
    assert not values & {"exempt_to_age", "allowance", "work_experience_places", "published", "overall"}
    assert "facts_figures" not in draft["topics"] and "ofsted" not in draft["topics"]
    assert "email" not in draft["contacts"]["local_offer_lead"]
    assert not any("12" in text or "2,000" in text for topic in draft["topics"] for text in texts(draft, topic))
    exempt_line = "Kent County Council has exempted care leavers from Council Tax"
    no_age = "no exemption age on the page: add values.exempt_to_age"
    assert (page_line(page, exempt_line), exempt_line, no_age) in unread


def test_kent_draft_lists_them_at_the_top_and_the_check_names_the_missing_age(tmp_path):
    page = PAGES / "kent.txt"
    draft, unread = imported(page)
    comments = to_yaml(draft, unread).split("\ncouncil:")[0]
    assert f"# {NOT_IMPORTED}" in comments
    for text, _ in KENT_UNREADABLE:
        assert f"#   line {page_line(page, text)}: {text} (" in comments
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(*data_dir_with(tmp_path, filled_in(draft), page))
    assert "topics.council_tax.values.exempt_to_age" in str(caught.value)


def test_council_tax_is_left_out_when_care_leavers_are_not_exempted():
    page = (PAGES / "bedford.txt").read_text(encoding="utf-8")
    draft, unread = import_page(page.replace("has exempted care leavers", "has not exempted care leavers"), "p.txt")
    assert "council_tax" not in draft["topics"]
    assert any("topics.council_tax is left out" in reason for _, _, reason in unread)


def test_council_missing_from_the_register_is_reported():
    page = (PAGES / "bedford.txt").read_text(encoding="utf-8").replace("Bedford Borough Council", "Gotham Council")
    draft, unread = import_page(page, "gotham.txt")
    assert draft["council"]["id"] == "gotham"
    assert any("'gotham' is not in england_councils.yaml" in reason for _, _, reason in unread)


def test_command_line_writes_the_draft_and_reports_to_stderr(tmp_path):
    out = tmp_path / "kent.yaml"
    page = PAGES / "kent.txt"
    result = subprocess.run(
        [sys.executable, "-m", "knowledge.importer", str(page), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert NOT_IMPORTED in result.stderr and "line " in result.stderr
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# DRAFT") and f"# {NOT_IMPORTED}" in written
    assert yaml.safe_load(written) == imported(page)[0]


def test_command_line_refuses_a_page_that_is_not_a_local_offer(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Some other page\nwith no Local Offer sections\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "knowledge.importer", str(other)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "is this a Local Offer page?" in result.stderr
