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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasa.core.policies.rule_policy import RulePolicy

REMEMBERED = 4096  # distinct (lookup, last states) answers kept; the least recently used goes first

Matching = Callable[["RulePolicy", dict[str, Any], list[dict[str, Any]]], set[str]]


def remembering(rasa_own: Matching) -> Matching:
    """RulePolicy's own _get_possible_keys, its answers remembered for the last states they depend on."""
    answers: OrderedDict[tuple[int, int, str], frozenset[str]] = OrderedDict()
    longest_rule: dict[tuple[int, int], int] = {}

    def possible_keys(policy: RulePolicy, lookup: dict[str, Any], states: list[dict[str, Any]]) -> set[str]:
        """The rule keys of the lookup that the states allow, as RulePolicy._get_possible_keys finds them."""
        lookup_key = (id(lookup), len(lookup))
        if lookup_key not in longest_rule:
            longest_rule[lookup_key] = max((len(policy._rule_key_to_state(rule)) for rule in lookup), default=0)
        longest = longest_rule[lookup_key]
        recent = states[-longest:] if longest else []
        # repr tells apart any two different states (their values are strings, numbers, tuples and None); two
        # equal states written in another order only miss the memory.
        key = (*lookup_key, repr(recent))
        found = answers.get(key)
        if found is None:
            found = frozenset(rasa_own(policy, lookup, recent))
            answers[key] = found
            if len(answers) > REMEMBERED:
                answers.popitem(last=False)
        else:
            answers.move_to_end(key)
        return set(found)

    return possible_keys


def install() -> None:
    """Make RulePolicy remember its rule matching, for everything in this process."""
    # Imported here: importing rasa_addons.extensions must not load NumPy before rasa_addons.server sets its threads.
    from rasa.core.policies.rule_policy import RulePolicy  # noqa: PLC0415

    RulePolicy._get_possible_keys = remembering(RulePolicy._get_possible_keys)  # type: ignore[method-assign]
