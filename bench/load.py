"""The load generator, a separate process: open-loop Poisson arrivals or closed-loop saturation over loopback.

Usage: python -m bench.load open LOAD URL RATE SECONDS [LONG_SHARE]
       python -m bench.load saturate LOAD URL CONVERSATIONS SECONDS
URL is a Rasa server's REST channel (.../webhooks/rest/webhook) or the gateway's chat (.../chat).
LOAD is "heldout" (our own short held-out messages) or "blind" (the blind set's English messages: long,
phrased by other people). Prints one JSON object: latencies (ms, from each message's scheduled send time) and
errors; never the messages.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import sys
import time
from pathlib import Path

import aiohttp
import yaml

from bench.blind import HALVES, load_half

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
CONVERSATIONS = 400


def heldout_messages() -> list[str]:
    """The held-out NLU set's messages (never trained on), crises left out."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text(encoding="utf-8"))
    return [
        line.strip()[2:]
        for block in data["nlu"]
        if block.get("intent") != "crisis"
        for line in block["examples"].splitlines()
        if line.strip()
    ]


def blind_messages() -> list[str]:
    """The blind set's English messages, both halves, crises included: real phrasing reaches every path."""
    return [item.text for half in HALVES for item in load_half(half) if item.english]


# Each load: where its messages come from, and how many turns a conversation has.
LOADS = {"heldout": (heldout_messages, (3, 8)), "blind": (blind_messages, (2, 4))}


def conversations(load: str, count: int, rng: random.Random) -> list[list[str]]:
    """count conversations of one load, each a few of its messages in a row."""
    source, (shortest, longest) = LOADS[load]
    messages = source()
    return [rng.sample(messages, rng.randint(shortest, longest)) for _ in range(count)]


ACTIVE = 20  # conversations under way at once: each person waits a few seconds between messages, as people do


def interleave(pool: list[list[str]], arrivals: int, long_ids: list[int], long_share: float) -> list[int]:
    """Which conversation each arrival belongs to: ACTIVE conversations take turns, each runs to its last
    turn and is then replaced by a new one; with long_share, that share goes to the long conversations."""
    picks = random.Random(SEED + 2)
    active = list(range(min(ACTIVE, len(pool))))
    next_new, sent, choices = len(active), dict.fromkeys(range(len(pool)), 0), []
    for _ in range(arrivals):
        if long_ids and picks.random() < long_share:
            choices.append(picks.choice(long_ids))
            continue
        conversation = active.pop(0)
        choices.append(conversation)
        sent[conversation] += 1
        if sent[conversation] < len(pool[conversation]):
            active.append(conversation)
        else:
            active.append(next_new % len(pool))
            sent[next_new % len(pool)] = 0
            next_new += 1
    return choices


def client_session(connections: int) -> aiohttp.ClientSession:
    """An HTTP client with up to `connections` open at once, kept alive between messages."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=connections), timeout=aiohttp.ClientTimeout(total=60)
    )


def body(url: str, sender: str, text: str) -> dict[str, str]:
    """The request for one message: Rasa's REST channel takes a sender, the gateway's chat a conversation id."""
    if url.endswith("/chat"):
        return {"conversation": sender.replace(".", "-"), "message": text}
    return {"sender": sender, "message": text}


async def _send(client: aiohttp.ClientSession, url: str, sender: str, text: str) -> bool:
    try:
        async with client.post(url, json=body(url, sender, text)) as response:
            await response.read()
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def open_loop(load: str, url: str, rate: float, seconds: float, long_share: float = 0.0) -> dict:
    """Messages arrive at a fixed Poisson rate; latency counts from the scheduled time, so queueing shows.

    With long_share > 0, that share of messages goes to two long conversations (hundreds of turns each).
    """
    rng = random.Random(SEED)
    run = f"open-{rate:g}-{time.time_ns()}"  # every run starts new conversations, never continues an earlier run's
    pool = conversations(load, CONVERSATIONS, rng)
    long_ids = [len(pool), len(pool) + 1]
    pool += [sum(conversations(load, 40, rng), []) for _ in long_ids]
    schedule, t = [], 0.0
    while t < seconds:
        t += rng.expovariate(rate)
        schedule.append(t)
    choices = interleave(pool[: len(pool) - 2], len(schedule), long_ids, long_share)
    latencies: list[float] = []
    long_latencies: list[tuple[float, float]] = []
    errors = 0
    turn_of: dict[int, int] = {}
    locks = [asyncio.Lock() for _ in pool]
    async with client_session(1000) as client:
        start = time.perf_counter()

        async def fire(index: int, at: float) -> None:
            nonlocal errors
            delay = start + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            conversation = choices[index]
            async with locks[conversation]:  # one conversation's turns go in order, as a person's would
                turn = turn_of.get(conversation, 0)
                turn_of[conversation] = turn + 1
                text = pool[conversation][turn % len(pool[conversation])]
                ok = await _send(client, url, f"{run}-{conversation}", text)
            latency = (time.perf_counter() - start - at) * 1000
            latencies.append(latency)
            timeline.append((at, latency))
            if conversation in long_ids:
                long_latencies.append((turn, latency))
            errors += 0 if ok else 1

        timeline: list[tuple[float, float]] = []
        await asyncio.gather(*(fire(i, at) for i, at in enumerate(schedule)))
    return {"mode": "open", "rate": rate, "seconds": seconds, "latencies_ms": latencies, "errors": errors,
            "timeline": sorted(timeline), "long_turns": sorted(long_latencies)}  # fmt: skip


async def saturate(load: str, url: str, count: int, seconds: float) -> dict:
    """count people each sending their next message as soon as the last is answered; when one conversation
    (3 to 8 turns) ends, that person starts a new one."""
    rng = random.Random(SEED + 1)
    pool = conversations(load, CONVERSATIONS, rng)
    run = f"saturate-{time.time_ns()}"
    done = 0
    errors = 0
    latencies: list[float] = []
    async with client_session(count) as client:
        end = time.perf_counter() + seconds

        async def talk(person: int) -> None:
            nonlocal done, errors
            for conversation in itertools.count(person, count):
                for text in pool[conversation % len(pool)]:
                    if time.perf_counter() >= end:
                        return
                    sent = time.perf_counter()
                    ok = await _send(client, url, f"{run}-{conversation}", text)
                    latencies.append((time.perf_counter() - sent) * 1000)
                    done += 1
                    errors += 0 if ok else 1

        started = time.perf_counter()
        await asyncio.gather(*(talk(i) for i in range(count)))
        elapsed = time.perf_counter() - started
    return {"mode": "saturate", "conversations": count, "seconds": elapsed, "messages": done,
            "throughput": done / elapsed, "latencies_ms": latencies, "errors": errors}  # fmt: skip


def main() -> int:
    """Run one load and print its JSON result."""
    mode, load, url = sys.argv[1], sys.argv[2], sys.argv[3]
    amount, seconds = float(sys.argv[4]), float(sys.argv[5])
    if mode == "open":
        long_share = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
        result = asyncio.run(open_loop(load, url, amount, seconds, long_share))
    else:
        result = asyncio.run(saturate(load, url, int(amount), seconds))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
