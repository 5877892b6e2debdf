"""The council question's buttons: the channel's council first, every council we cover once, then 'another'."""

import json

import pytest

from knowledge import OTHER, council_choices, find_council, load_knowledge
from knowledge.choices import ANOTHER_COUNCIL, INFORM

KB = load_knowledge()


def council_of(payload):
    assert payload.startswith(INFORM)
    return json.loads(payload[len(INFORM) :])["council"]


@pytest.mark.parametrize("first", sorted(KB.councils))
def test_the_channels_council_comes_first_and_another_council_last(first):
    choices = council_choices(KB, first)
    assert choices[0] == (KB.council(first).council.short_name, choices[0][1])
    assert council_of(choices[0][1]) == first
    assert choices[-1][0] == ANOTHER_COUNCIL and council_of(choices[-1][1]) == OTHER
    assert sorted(council_of(payload) for _, payload in choices[:-1]) == sorted(KB.councils)


def test_each_button_title_names_the_council_its_payload_sends():
    for title, payload in council_choices(KB, None)[:-1]:
        mention = find_council(KB, title)
        assert mention is not None and mention.council_id == council_of(payload)
