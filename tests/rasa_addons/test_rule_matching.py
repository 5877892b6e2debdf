"""Remembered rule matching allows exactly the rules Rasa's own matching allows, whatever the conversation."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from rasa.core.policies.rule_policy import RulePolicy

from rasa_addons import rule_matching

ROOT = Path(__file__).resolve().parents[2]
INTENTS = ["greet", "ask_council_tax", "crisis", "affirm"]
ACTIONS = ["action_listen", "utter_greet", "action_answer_topic", "action_crisis"]
SLOTS = [{}, {"council": (1.0,)}, {"age_given": (1.0,)}]


def state(rng: random.Random) -> dict:
    """One conversation state in RulePolicy's form: the last action, and the user's intent after a listen."""
    action = rng.choice(ACTIONS)
    made = {"prev_action": {"action_name": action}}
    if action == "action_listen":
        made["user"] = {"intent": rng.choice(INTENTS)}
    slots = rng.choice(SLOTS)
    if slots:
        made["slots"] = slots
    return made


def lookup(rng: random.Random) -> dict[str, str]:
    """Rule keys of one to three states, as RulePolicy writes them (JSON lists of states)."""
    rules = {}
    for _ in range(60):
        states = [state(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            states = [{}] + states  # a rule that starts the conversation
        rules[json.dumps(states, sort_keys=True)] = rng.choice(ACTIONS)
    return rules


RASA_OWN = RulePolicy._get_possible_keys


def test_remembered_matching_allows_the_same_rules_as_rasa():
    possible_keys = rule_matching.remembering(RASA_OWN)
    rng = random.Random(2026)
    policy = RulePolicy.__new__(RulePolicy)  # the matching uses no trained state of the policy
    rules = lookup(rng)
    for _ in range(400):
        states = [state(rng) for _ in range(rng.randint(1, 7))]
        expected = RASA_OWN(policy, rules, states)
        assert possible_keys(policy, rules, states) == expected
        assert possible_keys(policy, rules, states) == expected  # from memory this time


def test_older_turns_beyond_the_longest_rule_change_nothing():
    possible_keys = rule_matching.remembering(RASA_OWN)
    rng = random.Random(7)
    policy = RulePolicy.__new__(RulePolicy)
    rules = lookup(rng)
    recent = [state(rng) for _ in range(4)]
    answers = set()
    for _ in range(20):
        older = [state(rng) for _ in range(rng.randint(0, 5))]
        expected = RASA_OWN(policy, rules, older + recent)
        assert possible_keys(policy, rules, older + recent) == expected
        answers.add(frozenset(expected))
    assert len(answers) == 1


def test_install_makes_rule_policy_remember_its_matching(monkeypatch):
    monkeypatch.setattr(RulePolicy, "_get_possible_keys", RASA_OWN)  # restored after the test
    rule_matching.install()
    assert RulePolicy._get_possible_keys is not RASA_OWN
    assert RulePolicy._get_possible_keys.__name__ == "possible_keys"


def test_importing_the_extensions_loads_no_numpy():
    script = "import sys; import rasa_addons.extensions; print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr[-2000:]
