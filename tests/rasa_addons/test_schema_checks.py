"""The once-only schema check still rejects every bad action server reply and every bad schema."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from rasa_addons import schema_checks

GOOD_REPLY = {
    "events": [{"event": "slot", "name": "council", "value": "luton", "timestamp": None}],
    "responses": [{"text": "You're exempt from council tax.", "json_message": {"sources": []}}],
}
BAD_REPLIES = [
    {"events": "not a list", "responses": []},
    {"events": [{"no_event_name": True}], "responses": []},
    {"events": [], "responses": "not a list"},
]


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)  # restored after the test
    schema_checks.install()


def remote_action() -> RemoteAction:
    return RemoteAction("action_answer_topic", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_rasa_accepts_a_good_reply(installed):
    assert remote_action()._validate_action_result(GOOD_REPLY)


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_rasa_still_rejects_a_bad_reply_every_time(installed, reply):
    for _ in range(2):  # the second time, the schema is already checked
        with pytest.raises(jsonschema.ValidationError):
            remote_action()._validate_action_result(reply)


def test_a_bad_schema_is_refused_every_time_it_is_used():
    for _ in range(2):
        with pytest.raises(jsonschema.SchemaError):
            schema_checks.validate({}, {"type": "not a type"})
