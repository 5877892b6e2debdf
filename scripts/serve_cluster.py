"""`make run-cluster`: PostgreSQL and Redis (scripts/services.py), several Rasa servers sharing them, the action
server and the gateway, which spreads conversations over the Rasa servers; Ctrl-C stops everything it started.

The settings are those of scripts/serve.py, and: RASA_SERVERS (how many, on RASA_PORT, RASA_PORT+1, ...),
RASA_CLUSTER_ENDPOINTS (endpoints-cluster.yml), POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DATA, POSTGRES_DB,
POSTGRES_USER, POSTGRES_PASSWORD, REDIS_HOST, REDIS_PORT, REDIS_PASSWORD and REDIS_DATA. PostgreSQL or Redis
already running is used and left running; one this launcher started is started again if it stops; one on another
host (POSTGRES_HOST, REDIS_HOST) is only connected to.
"""

from __future__ import annotations

import subprocess
import sys

from deployment.settings import Settings, load_settings
from scripts import services
from scripts.serve import (
    ACTIONS,
    GATEWAY,
    RASA,
    READY,
    ROOT,
    child_env,
    commands,
    prepared,
    run,
    settings,
    stop_on_sigterm,
)
from scripts.supervisor import Supervisor


def rasa_ports(loaded: Settings) -> list[int]:
    """The Rasa servers' ports: RASA_PORT and the ones after it."""
    return [loaded.rasa_port + n for n in range(max(1, loaded.rasa_servers))]


def cluster_env(config: dict[str, str], loaded: Settings) -> dict[str, str]:
    """The servers' environment: the single-server one, plus where PostgreSQL and Redis are, and every Rasa server."""
    return {
        **child_env(config),
        "POSTGRES_HOST": loaded.postgres_host,
        "POSTGRES_PORT": str(loaded.postgres_port),
        "POSTGRES_DB": loaded.postgres_db,
        "POSTGRES_USER": loaded.postgres_user,
        "POSTGRES_PASSWORD": services.postgres_password(loaded),
        "REDIS_HOST": loaded.redis_host,
        "REDIS_PORT": str(loaded.redis_port),
        "REDIS_PASSWORD": loaded.redis_password,
        "RASA_URLS": ",".join(f"http://{config['host']}:{port}" for port in rasa_ports(loaded)),
    }


def cluster_commands(config: dict[str, str], loaded: Settings) -> dict[str, list[str]]:
    """The action server, one Rasa server per port (named "Rasa server 1", "Rasa server 2", ...) and the gateway."""
    single = commands(config)
    rasa = single[RASA]
    cluster = {ACTIONS: single[ACTIONS]}
    for number, port in enumerate(rasa_ports(loaded), start=1):
        command = [*rasa]
        command[command.index("--port") + 1] = str(port)
        command[command.index("--endpoints") + 1] = str(loaded.cluster_endpoints)
        cluster[f"{RASA} {number}"] = command
    cluster[GATEWAY] = single[GATEWAY]
    return cluster


def keep_services(loaded: Settings, started: list[str]) -> None:
    """Start again whichever of the services this launcher started has stopped."""
    for name, service in services.services(loaded).items():
        if name in started and not service.running():
            print(f"{name} stopped; starting it again.", flush=True)
            try:
                service.start()
            except (services.ServiceError, subprocess.CalledProcessError) as error:
                print(f"{name} did not start again: {error}", flush=True)


def main() -> int:
    """Start the services and the servers, keep them running until Ctrl-C (or SIGTERM), then stop what it started."""
    config, loaded = settings(), load_settings()
    if not prepared(config):
        return 1
    stop_on_sigterm()
    started: list[str] = []
    try:
        started = services.start(loaded)
        print(services.where(loaded), flush=True)
        base = f"http://{config['host']}"
        urls = {f"{RASA} {n}": f"{base}:{port}/" for n, port in enumerate(rasa_ports(loaded), start=1)}
        urls[ACTIONS] = f"{base}:{config['action_port']}/health"
        urls[GATEWAY] = f"{base}:{config['gateway_port']}/health"
        ready = (
            f"\n{READY}\n"
            f"  Rasa servers: {', '.join(str(p) for p in rasa_ports(loaded))}, sharing PostgreSQL and Redis.\n"
            f"  Gateway (the public front door): {base}:{config['gateway_port']}/health\n"
            f"  Press Ctrl-C to stop.\n"
        )
        supervisor = Supervisor(cluster_commands(config, loaded), ROOT, cluster_env(config, loaded))
        return run(supervisor, urls, ready, loaded.start_timeout_s, lambda: keep_services(loaded, started))
    except (services.ServiceError, subprocess.CalledProcessError) as error:
        print(f"Could not start PostgreSQL or Redis: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        services.stop(loaded, started)


if __name__ == "__main__":
    sys.exit(main())
