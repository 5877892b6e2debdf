"""RulePolicy's rule matching, remembered for the conversation states it depends on.

For every prediction Rasa 3.6's RulePolicy filters all its rule keys against the conversation's states, from the
latest back (`_get_possible_keys`): about 5% of the Rasa server's CPU a message here. A key is only ever ruled
out by a state within its own length (`_is_rule_applicable` passes every key at a turn past its length), so the
answer depends on the rule lookup and the last states, as many as the longest rule has, and nothing else. Those
last states repeat from conversation to conversation, so the answer is kept for them. The served model's
lookups never change once loaded; rasa_addons.extensions installs this in the server only, never for training,
where RulePolicy builds its lookups as it goes.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rasa.core.policies.rule_policy import RulePolicy

REMEMBERED = 4096  # distinct (lookup, last states) answers kept; the least recently used goes first

_answers: OrderedDict[tuple[int, int, str], frozenset[str]] = OrderedDict()
_longest_rule: dict[tuple[int, int], int] = {}


def _longest(policy: RulePolicy, lookup: dict[str, Any]) -> int:
    key = (id(lookup), len(lookup))
    if key not in _longest_rule:
        _longest_rule[key] = max((len(policy._rule_key_to_state(rule)) for rule in lookup), default=0)
    return _longest_rule[key]


def possible_keys(policy: RulePolicy, lookup: dict[str, Any], states: list[dict[str, Any]]) -> set[str]:
    """The rule keys of the lookup that the states allow, as RulePolicy._get_possible_keys finds them."""
    longest = _longest(policy, lookup)
    recent = states[-longest:] if longest else []
    # repr tells apart any two different states (their values are strings, numbers, tuples and None); two equal
    # states written in another order only miss the memory.
    key = (id(lookup), len(lookup), repr(recent))
    found = _answers.get(key)
    if found is None:
        found = frozenset(_ORIGINAL(policy, lookup, recent))
        _answers[key] = found
        if len(_answers) > REMEMBERED:
            _answers.popitem(last=False)
    else:
        _answers.move_to_end(key)
    return set(found)


_ORIGINAL = RulePolicy._get_possible_keys


def install() -> None:
    """Make RulePolicy remember its rule matching, for everything in this process."""
    RulePolicy._get_possible_keys = possible_keys  # type: ignore[method-assign]
