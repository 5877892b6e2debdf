"""Where PostgreSQL and Redis run: on this machine by default, or on another host, which is only connected to."""

import shutil
import uuid
from pathlib import Path

import pytest

from deployment.settings import LOOPBACK, load_settings
from scripts import services
from scripts.ports import free_port
from scripts.serve_cluster import cluster_env, settings

ROOT = Path(__file__).resolve().parents[2]


def test_by_default_both_services_run_on_this_machine():
    loaded = load_settings({})
    assert set(services.services(loaded)) == {"PostgreSQL", "Redis"}
    assert loaded.postgres_host == loaded.redis_host == LOOPBACK


def test_a_managed_database_elsewhere_is_never_started_here_and_the_servers_are_sent_to_it():
    env = {"POSTGRES_HOST": "db.council.example", "POSTGRES_PASSWORD": "from-the-vault", "REDIS_HOST": "10.0.0.7",
           "REDIS_PASSWORD": "also-from-the-vault"}  # fmt: skip
    loaded = load_settings(env)
    assert services.services(loaded) == {}
    assert services.start(loaded) == []
    servers = cluster_env(settings(), loaded)
    assert servers["POSTGRES_HOST"] == "db.council.example"
    assert servers["POSTGRES_PASSWORD"] == "from-the-vault"
    assert servers["REDIS_HOST"] == "10.0.0.7"
    assert servers["REDIS_PASSWORD"] == "also-from-the-vault"
    assert "db.council.example" in services.where(loaded)


def test_a_database_elsewhere_without_a_password_is_refused_with_the_setting_named():
    loaded = load_settings({"POSTGRES_HOST": "db.council.example"})
    with pytest.raises(services.ServiceError, match="POSTGRES_PASSWORD"):
        services.postgres_password(loaded)


def test_redis_elsewhere_leaves_only_postgresql_to_run_here():
    assert set(services.services(load_settings({"REDIS_HOST": "cache.council.example"}))) == {"PostgreSQL"}


def test_a_redis_left_running_on_another_port_is_started_again_on_the_port_set():
    # Under var/, which the redis account can reach (pytest's own temporary folders cannot be).
    root = ROOT / "var" / "test-services" / uuid.uuid4().hex[:12]
    data = str(root / "redis")
    earlier = load_settings({"REDIS_DATA": data, "REDIS_PORT": str(free_port())})
    now = load_settings({"REDIS_DATA": data, "REDIS_PORT": str(free_port())})
    redis_earlier, redis_now = services.Redis(earlier), services.Redis(now)
    services.install()
    redis_earlier.start()
    try:
        redis_now.start()
        assert redis_now.answers()
        assert not redis_earlier.answers()
    finally:
        redis_now.stop()
        shutil.rmtree(root, ignore_errors=True)
    assert not redis_now.running()
