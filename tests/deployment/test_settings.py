"""The deployment's settings: read once from the environment, every default in one place."""

from datetime import datetime

import pytest

from deployment.settings import (
    DEFAULT_COUNCIL,
    DEFAULT_GATEWAY_PORT,
    DEFAULT_RASA_PORT,
    DEFAULT_TRACKER_DB,
    SettingsError,
    build_context,
    load_settings,
)
from knowledge import load_knowledge

KB = load_knowledge()


def test_defaults_run_on_one_machine():
    settings = load_settings({})
    assert settings.council == DEFAULT_COUNCIL
    assert settings.clock is None
    assert settings.rasa_url.endswith(f":{DEFAULT_RASA_PORT}")
    assert settings.gateway_port == DEFAULT_GATEWAY_PORT
    assert settings.tracker_db == DEFAULT_TRACKER_DB
    assert settings.telegram_mode is None


def test_the_environment_sets_council_clock_and_ports():
    env = {"ASSISTANT_COUNCIL": "lancashire", "ASSISTANT_CLOCK": "2026-12-02T10:30:00+00:00", "RASA_PORT": "6111"}
    settings = load_settings(env)
    context = build_context(settings, KB)
    assert context.council_id == "lancashire"
    assert context.now() == datetime.fromisoformat(env["ASSISTANT_CLOCK"])
    assert settings.rasa_url.endswith(":6111")


def test_the_gateway_talks_to_one_rasa_server_unless_told_of_several():
    assert load_settings({"RASA_PORT": "6111"}).rasa_urls == ("http://127.0.0.1:6111",)
    several = load_settings({"RASA_URLS": "http://127.0.0.1:6111, http://127.0.0.1:6112"})
    assert several.rasa_urls == ("http://127.0.0.1:6111", "http://127.0.0.1:6112")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ASSISTANT_CLOCK": "2026-12-02T10:30:00"}, "ASSISTANT_CLOCK"),
        ({"ASSISTANT_CLOCK": "half past ten"}, "ASSISTANT_CLOCK"),
        ({"GATEWAY_PORT": "eighty"}, "GATEWAY_PORT"),
        ({"POSTGRES_PORT": "pg"}, "POSTGRES_PORT"),
    ],
)
def test_a_setting_that_cannot_be_used_is_refused_by_name(env, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(env)


def test_a_council_without_a_knowledge_file_stops_the_build():
    with pytest.raises(SettingsError, match="ASSISTANT_COUNCIL='kent'"):
        build_context(load_settings({"ASSISTANT_COUNCIL": "kent"}), KB)
