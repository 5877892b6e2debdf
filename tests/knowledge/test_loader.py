"""The loader refuses bad knowledge files with a message naming the file, the field and the problem."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge import KnowledgeError, load_knowledge

ROOT = Path(__file__).resolve().parents[2]


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def problems_after(data_dir: Path, relative: str, change) -> str:
    edit(data_dir / relative, change)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_dir)
    return str(caught.value)


def test_packaged_knowledge_loads():
    kb = load_knowledge()
    assert "luton" in kb.councils
    assert kb.national.topics["council_tax"].title


def test_missing_field_names_file_field_and_problem(data_dir):
    def drop_source(d):
        del d["topics"]["council_tax"]["points"][0]["source"]

    message = problems_after(data_dir, "councils/luton.yaml", drop_source)
    assert "councils/luton.yaml" in message
    assert "topics.council_tax.points[0].source" in message
    assert "field required" in message


def test_misspelt_field_is_refused_not_ignored(data_dir):
    def misspell(d):
        d["contacts"]["edt"]["phnoe"] = d["contacts"]["edt"].pop("phone")

    message = problems_after(data_dir, "councils/luton.yaml", misspell)
    assert "contacts.edt.phnoe" in message
    assert "extra fields not permitted" in message


def test_bad_date_is_refused(data_dir):
    def bad_date(d):
        d["sources"]["local_offer"]["last_verified"] = "last tuesday"

    message = problems_after(data_dir, "councils/luton.yaml", bad_date)
    assert "sources.local_offer.last_verified" in message and "date" in message


def test_unknown_source_reference_is_refused(data_dir):
    def dangling(d):
        d["topics"]["housing"]["points"][0]["source"] = "local_ofer"

    message = problems_after(data_dir, "councils/luton.yaml", dangling)
    assert "topics.housing.points[0].source: unknown source 'local_ofer'" in message


def test_unknown_placeholder_is_refused(data_dir):
    def typo(d):
        d["topics"]["setting_up_home"]["points"][0]["text"] = "You get ${alowance}."

    message = problems_after(data_dir, "councils/luton.yaml", typo)
    assert "topics.setting_up_home.points[0].text: unknown placeholder ${alowance}" in message


def test_unknown_topic_is_refused(data_dir):
    def new_topic(d):
        d["topics"]["counciltax"] = d["topics"]["council_tax"]

    message = problems_after(data_dir, "councils/luton.yaml", new_topic)
    assert "topics.counciltax: unknown topic" in message


def test_closing_before_opening_is_refused(data_dir):
    def backwards(d):
        d["service_hours"]["open"]["monday"] = ["17:00", "08:45"]

    message = problems_after(data_dir, "councils/luton.yaml", backwards)
    assert "service_hours" in message and "monday closes (08:45) before it opens (17:00)" in message


def test_council_tax_flow_needs_its_replies(data_dir):
    def drop_outcome(d):
        del d["topics"]["council_tax"]["outcomes"]["too_old"]

    message = problems_after(data_dir, "councils/luton.yaml", drop_outcome)
    assert "topics.council_tax.outcomes.too_old" in message


def test_a_local_council_tax_rule_needs_its_reply_for_those_living_elsewhere(data_dir):
    def drop_elsewhere(d):
        del d["topics"]["council_tax"]["outcomes"]["elsewhere"]

    message = problems_after(data_dir, "councils/luton.yaml", drop_elsewhere)
    assert "topics.council_tax.outcomes.elsewhere" in message


def test_source_without_url_is_refused(data_dir):
    def no_location(d):
        del d["sources"]["local_offer"]["url"]

    message = problems_after(data_dir, "councils/luton.yaml", no_location)
    assert "councils/luton.yaml: sources.local_offer.url: field required" in message


def test_stored_text_of_another_page_is_refused(data_dir):
    def other_page(d):
        d["sources"]["local_offer"]["text"] = "luton_charter.txt"

    message = problems_after(data_dir, "councils/luton.yaml", other_page)
    assert "councils/luton.yaml: sources.local_offer.url:" in message and "luton_charter.txt" in message


def test_a_number_not_in_its_source_is_refused_naming_file_field_and_source(data_dir):
    def wrong_age(d):
        d["topics"]["leisure"]["values"]["free_to_age"] = 26

    message = problems_after(data_dir, "councils/luton.yaml", wrong_age)
    assert "councils/luton.yaml: topics.leisure.points[0]: " in message and "26" in message


def test_a_value_no_point_shows_needs_evidence(data_dir):
    def hidden_value(d):
        d["topics"]["universal_credit"]["values"]["hidden_amount"] = "£75"

    message = problems_after(data_dir, "national.yaml", hidden_value)
    assert "national.yaml: topics.universal_credit.values.hidden_amount: 75 is not in" in message


def test_crisis_line_must_be_a_known_service(data_dir):
    def unknown(d):
        d["crisis_lines"].append("samaritns")

    message = problems_after(data_dir, "national.yaml", unknown)
    assert "national.yaml" in message and "unknown service 'samaritns'" in message


def test_invalid_yaml_names_the_line(data_dir):
    path = data_dir / "councils" / "luton.yaml"
    lines = path.read_text().splitlines()
    lines[6] = lines[6] + ' : "unclosed'
    path.write_text("\n".join(lines))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_dir)
    assert "councils/luton.yaml: line" in str(caught.value)
    assert "not valid YAML" in str(caught.value)


def test_council_file_name_must_match_its_id(data_dir):
    shutil.move(data_dir / "councils" / "luton.yaml", data_dir / "councils" / "bedford.yaml")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_dir)
    assert "council.id: 'luton' must match the file name 'bedford.yaml'" in str(caught.value)


def test_check_command_reports_problems_and_fails(data_dir):
    edit(data_dir / "councils/luton.yaml", lambda d: d["contacts"].pop("edt"))
    result = subprocess.run(
        [sys.executable, "-m", "knowledge", "--data", str(data_dir)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "service_hours.out_of_hours: unknown contact 'edt'" in result.stderr


def test_check_command_passes_on_packaged_data():
    result = subprocess.run([sys.executable, "-m", "knowledge"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Knowledge OK" in result.stdout


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "luton" in load_knowledge().councils


def test_malformed_crisis_pattern_is_refused(data_dir):
    def broken(d):
        d["categories"]["suicide_self_harm"]["patterns"].append("* want to die")

    message = problems_after(data_dir, "crisis.yaml", broken)
    assert "crisis.yaml: categories.suicide_self_harm.patterns" in message
    assert "cannot start with *" in message


def test_crisis_line_of_a_category_must_be_a_known_service(data_dir):
    def unknown(d):
        d["categories"]["homeless_tonight"]["lines"] = ["shelterr"]

    message = problems_after(data_dir, "crisis.yaml", unknown)
    assert "categories.homeless_tonight.lines[0]: unknown service 'shelterr'" in message


def test_a_number_written_into_a_letter_is_refused(data_dir):
    def written_in(d):
        d["letters"]["setting_up_home"]["paragraphs"][1]["text"] = "Councils should give at least £3,000."

    assert "write numbers as ${placeholders}" in problems_after(data_dir, "letters.yaml", written_in)


def test_a_letter_placeholder_a_council_cannot_fill_is_refused(data_dir):
    def typo(d):
        d["letters"]["care_file"]["paragraphs"][0]["text"] = "I was looked after by ${council_nme}."

    assert "${council_nme} is unknown for luton" in problems_after(data_dir, "letters.yaml", typo)


def test_a_law_a_letter_cites_must_be_quoted_from_its_stored_source(data_dir):
    def misquoted(d):
        d["letters"]["care_file"]["cites"]["access_right"]["quotes"] = ["Article 99 of the UK GDPR"]

    assert "quote not found in the source's text" in problems_after(data_dir, "letters.yaml", misquoted)


def test_a_letters_law_with_no_number_must_still_be_quoted_from_its_source(data_dir):
    def misquoted(d):
        d["letters"]["complaints"]["cites"]["ombudsman"]["quotes"] = ["the Parliamentary Ombudsman"]

    assert "quote not found in the source's text: 'the Parliamentary Ombudsman'" in problems_after(
        data_dir, "letters.yaml", misquoted
    )
