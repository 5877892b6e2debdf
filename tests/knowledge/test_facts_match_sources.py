"""The key Luton facts in knowledge/ say what the seed documents say."""

import re
from pathlib import Path

import pytest

from knowledge import load_knowledge

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
KB = load_knowledge()
LUTON = KB.council("luton")


def seed(name: str) -> str:
    return (SEEDS / LUTON.sources[name].seed).read_text(encoding="utf-8")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_seed_documents_are_available():
    assert SEEDS.is_dir(), f"the seed documents are expected at {SEEDS}"


@pytest.mark.parametrize("contact", ["leaving_care", "edt"])
def test_phone_numbers_are_the_charters(contact):
    assert digits(LUTON.contacts[contact].phone) in digits(seed("charter"))


def test_council_tax_age_is_the_offers():
    found = re.search(r"exempted up to the age of: (\d+)", seed("local_offer"))
    assert int(found.group(1)) == LUTON.topics["council_tax"].values["exempt_to_age"]


def test_setting_up_allowance_is_the_offers():
    found = re.search(r"Allowance amount: £(\d+)", seed("local_offer"))
    assert digits(LUTON.topics["setting_up_home"].values["allowance"]) == found.group(1)


def test_every_charter_pledge_is_recorded():
    bullets = [line for line in seed("charter").splitlines() if line.strip().startswith("•")]
    recorded = sum(len(theme.pledges) for theme in LUTON.charter.themes.values())
    assert recorded == len(bullets)


def test_birthday_allowance_is_the_offers():
    found = re.search(r"at present this is £(\d+)", seed("local_offer"))
    assert digits(LUTON.topics["special_occasions"].values["birthday_allowance"]) == found.group(1)
