"""Ready-made letters: each one, for each council, goes to a real contact, cites the right law from a stored
source, gives no time limit the sources do not, and leaves every personal detail for the person to fill in."""

import re
from pathlib import Path

import pytest

from knowledge import load_knowledge
from knowledge.letter_parts import letter_gaps, postal_lines, recipient_key
from knowledge.letters import letter_answer, letter_for_topic, letter_named, write_letter
from knowledge.provenance import SOURCES_DIR, normalised, read_source_text

KB = load_knowledge()
COUNCILS = sorted(KB.councils)
LETTERS = sorted(KB.letters.letters)
PAIRS = [(council, letter) for council in COUNCILS for letter in LETTERS]
DURATION = re.compile(r"\b(\w+(?: more)?) (working days|days|weeks?|months?)\b")


def contact_for(council_id: str, letter_id: str):
    council = KB.council(council_id)
    return council.contacts[recipient_key(KB.letters.letters[letter_id], council)]


def source_text(key: str) -> str:
    return normalised(read_source_text(SOURCES_DIR / KB.national.sources[key].text).body)


def durations_in_sources(council_id: str, letter_id: str) -> set[str]:
    """Every time limit the letter may state: the values of its topic, national and the council's, as text."""
    topic = KB.letters.letters[letter_id].topic
    values = [*KB.national.topics[topic].values.values()]
    if topic in KB.council(council_id).topics:
        values += KB.council(council_id).topics[topic].values.values()
    return {str(v) for v in values}


@pytest.mark.parametrize(("council_id", "letter_id"), PAIRS)
def test_letter_goes_to_the_councils_contact_with_its_address_or_how_to_find_it(council_id, letter_id):
    text = write_letter(KB, council_id, letter_id).text
    contact = contact_for(council_id, letter_id)
    assert contact.name in text
    assert KB.council(council_id).council.name in text
    lines = postal_lines(contact)
    if lines:
        assert all(line in text for line in lines)
        assert "ask where to send this letter" not in text
    else:
        assert f"Ring them on {contact.phone or contact.text} and ask where to send this letter" in text


@pytest.mark.parametrize(("council_id", "letter_id"), PAIRS)
def test_letter_leaves_every_personal_detail_for_the_person(council_id, letter_id):
    text = write_letter(KB, council_id, letter_id).text
    assert text.startswith("[Your name]\n[Your address]\n[Your email or phone number]\n\n[Date]")
    assert text.rstrip().endswith("[Your name]")
    contact = contact_for(council_id, letter_id)
    assert set(re.findall(r"\S+@\S+", text)) <= {contact.email}
    assert not re.search(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", text), "no date of birth or date is filled in"
    postcodes = set(re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b", text))
    assert postcodes <= set(re.findall(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b", contact.address or ""))


@pytest.mark.parametrize(("council_id", "letter_id"), PAIRS)
def test_letter_states_no_time_limit_its_sources_do_not(council_id, letter_id):
    text = write_letter(KB, council_id, letter_id).text
    allowed = durations_in_sources(council_id, letter_id)
    for amount, unit in DURATION.findall(text):
        assert amount in allowed or f"{amount} {unit}" in allowed, f"{amount} {unit} is in no source"


@pytest.mark.parametrize("council_id", COUNCILS)
def test_care_file_letter_cites_the_right_of_access_and_the_icos_time_limits(council_id):
    text = write_letter(KB, council_id, "care_file").text
    law = KB.letters.letters["care_file"].cites["access_right"]
    assert law.law in text and "Article 15" in text
    assert all(normalised(q) in source_text(law.source) for q in law.quotes)
    values = KB.national.topics["care_file"].values
    assert f"within {values['reply_months']}" in text
    assert f"up to {values['extension']}" in text
    ico = source_text("subject_access_ico")
    assert "within one month" in ico and "extra two months" in ico


@pytest.mark.parametrize("council_id", COUNCILS)
def test_complaint_letter_cites_the_children_act_procedure_and_the_ombudsman(council_id):
    text = write_letter(KB, council_id, "complaints").text
    for citation in KB.letters.letters["complaints"].cites.values():
        assert citation.law in text
        assert all(normalised(q) in source_text(citation.source) for q in citation.quotes)
    assert "Children Act 1989" in text and "Local Government and Social Care Ombudsman" in text


def test_complaint_letter_gives_a_councils_own_timescales_only_where_its_file_has_them():
    luton = KB.council("luton").topics["complaints"].values
    text = write_letter(KB, "luton", "complaints").text
    assert f"within {luton['acknowledge_days']} working days" in text
    assert f"within {luton['stage_one_days']} working days" in text
    assert "working days" not in write_letter(KB, "lancashire", "complaints").text


def test_council_tax_letter_asks_for_the_rule_of_the_council_that_looked_after_them():
    luton = KB.council("luton").topics["council_tax"].values
    lancashire = KB.council("lancashire").topics["council_tax"].values
    luton_text = write_letter(KB, "luton", "council_tax").text
    assert f"until they turn {luton['exempt_to_age']}, while they live in Luton" in luton_text
    lancashire_text = write_letter(KB, "lancashire", "council_tax").text
    assert f"to {lancashire['exempt_to_age']}, wherever they live" in lancashire_text
    silent = write_letter(KB, "central_bedfordshire", "council_tax").text
    assert "Please tell me whether Central Bedfordshire gives care leavers an exemption or a discount" in silent
    assert "Council Tax team" in silent


@pytest.mark.parametrize("council_id", COUNCILS)
def test_setting_up_home_letter_asks_for_the_national_minimum_read_from_national_yaml(council_id):
    minimum = KB.national.topics["setting_up_home"].values["minimum_allowance"]
    text = write_letter(KB, council_id, "setting_up_home").text
    assert f"Please top up my allowance to {minimum}" in text
    assert "[the amount you got]" in text


def test_luton_asks_for_the_care_file_through_its_complaints_team_as_its_offer_says():
    complaints = KB.council("luton").contacts["complaints"]
    text = write_letter(KB, "luton", "care_file").text
    assert f"Dear {complaints.name}," in text
    assert all(line in text for line in postal_lines(complaints))


def test_the_knowledge_check_flags_every_letter_with_no_address_to_send_to():
    gaps = letter_gaps(KB.letters, KB.councils)
    missing = [(c, letter) for c, letter in PAIRS if not postal_lines(contact_for(c, letter))]
    assert missing
    for council_id, letter_id in missing:
        key = recipient_key(KB.letters.letters[letter_id], KB.council(council_id))
        assert any(f"{council_id}.yaml: contacts.{key}:" in g and letter_id in g for g in gaps)
    assert not any("luton.yaml" in g for g in gaps)


def test_letter_reply_carries_the_letter_and_ends_with_its_sources():
    answer = letter_answer(KB, "lancashire", "care_file")
    payload = answer.payload()
    assert payload["letter"]["filename"] == "lancashire-care-file.txt"
    assert payload["letter"]["text"] == write_letter(KB, "lancashire", "care_file").text
    assert "[square brackets]" in answer.text
    assert answer.text.splitlines()[-1].startswith("From ")
    assert {s["url"] for s in payload["sources"]} >= {KB.national.sources["subject_access_ico"].url}


def test_the_letter_asked_for_is_found_from_the_words_for_its_topic():
    assert letter_named(KB, "can you write me a letter to get my care file") == "care_file"
    assert letter_named(KB, "letter for council tax exemption") == "council_tax"
    assert letter_named(KB, "template letter complaint") == "complaints"
    assert letter_named(KB, "a letter pls") is None
    assert letter_for_topic(KB, "setting_up_home") == "setting_up_home"
    assert letter_for_topic(KB, "housing") is None


def test_letters_file_has_no_numbers_of_its_own():
    text = (Path(__file__).resolve().parents[2] / "knowledge" / "data" / "letters.yaml").read_text()
    paragraphs = [p.text for letter in KB.letters.letters.values() for p in letter.paragraphs]
    assert all(not re.search(r"\d", p) for p in paragraphs)
    assert "3,000" not in text
