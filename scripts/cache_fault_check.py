"""A failing Redis takes no page down, and a flood of addresses fills neither the workers nor Redis.

    .venv/bin/python scripts/cache_fault_check.py [--clients 8] [--flood 20000] [--searches 1000]

Starts a Redis of its own on a free loopback port (``maxmemory`` 64 MB with ``allkeys-lru``, as
docs/SECURITY.md asks of production) and gunicorn with production settings and REDIS_URL pointing at it
(DATABASE_URL as for ``load.py``, filled with the demo data). While clients ask for the public pages in
turn (``load.py``), it kills Redis, starts it again on the same port, freezes it (SIGSTOP) and wakes it
(SIGCONT), a few seconds each. Then it floods the application with distinct query strings: addresses
with a parameter no page reads, and distinct searches. Prints the answers per phase, the number of 5xx,
the seconds until pages were read from Redis again after it came back, the workers' resident memory and
Redis' ``used_memory`` before and after the flood. Exits 1 unless no request failed, pages came from
Redis again within 2 s each time, no worker grew by more than 50 MB and Redis stayed within its
``maxmemory``. Everything it started is stopped on the way out.
"""

import argparse
import contextlib
import random
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import redis
from load import DEFAULT_PATHS, client, failed, percentile
from serving import gunicorn, redis_server, worker_pids

PHASE_SECONDS = 6.0
RECOVERY_LIMIT = 2.0
GROWTH_LIMIT = 50 * 1024 * 1024
MAXMEMORY = 64 * 1024 * 1024
REDIS_OPTIONS = ("--maxmemory", str(MAXMEMORY), "--maxmemory-policy", "allkeys-lru")
FLOOD_GIVE_UP_AFTER = 300.0
FLOOD_PAGES = [
    "/",
    "/recommendations/",
    "/recommendations/2020-BE-07/",
    "/themes/gender-equality/",
    "/cycles/2019-2020/",
]


def redis_info(port, section):
    with redis.Redis(port=port, socket_timeout=5) as connection:
        return connection.info(section)


def seconds_until_read_again(port, since, give_up_after):
    """Seconds from ``since`` until Redis finds a key it is asked for: a page or figures read from it."""
    before = redis_info(port, "stats")["keyspace_hits"]
    while time.monotonic() - since < give_up_after:
        if redis_info(port, "stats")["keyspace_hits"] > before:
            return time.monotonic() - since
        time.sleep(0.02)
    return None


def resident_bytes(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def start_clients(port, paths, clients, deadline, limits=None):
    """``clients`` threads of ``load.client``; each gets its share of ``paths`` when ``limits`` is given."""
    outcomes = [[] for _ in range(clients)]
    threads = []
    for index in range(clients):
        own = paths[index::clients] if limits else paths
        thread = threading.Thread(
            target=client,
            args=(port, own, 0 if limits else index, deadline, outcomes[index], len(own) if limits else None),
        )
        thread.start()
        threads.append(thread)
    return threads, outcomes


def describe(name, rows):
    answers = Counter(str(outcome) for _, outcome, _ in rows)
    times = [seconds * 1000 for _, _, seconds in rows]
    server_errors = sum(isinstance(outcome, int) and outcome >= 500 for _, outcome, _ in rows)
    print(
        f"{name:<28}{len(rows):>8} requests  5xx {server_errors:<4} failed {sum(failed(o) for _, o, _ in rows):<4}"
        f"p50 {percentile(times, 0.5):7.1f} ms  p95 {percentile(times, 0.95):7.1f} ms  {dict(sorted(answers.items()))}"
    )


def fault_phases(port, server_process, redis_port, stack, clients):
    """Traffic on the public pages while Redis is up, killed, back, frozen and woken; returns the recoveries."""
    started = time.monotonic()
    threads, outcomes = start_clients(port, DEFAULT_PATHS, clients, started + 5 * PHASE_SECONDS)
    marks = []

    def phase(name, at):
        time.sleep(max(0.0, started + at - time.monotonic()))
        marks.append((name, [len(rows) for rows in outcomes]))

    phase("Redis up", 0)
    phase("Redis killed", PHASE_SECONDS)
    server_process.kill()
    server_process.wait()
    phase("Redis started again", 2 * PHASE_SECONDS)
    _port, again = stack.enter_context(redis_server(*REDIS_OPTIONS, port=redis_port))
    after_restart = seconds_until_read_again(redis_port, time.monotonic(), PHASE_SECONDS - 1)
    phase("Redis frozen (SIGSTOP)", 3 * PHASE_SECONDS)
    again.send_signal(signal.SIGSTOP)
    phase("Redis woken (SIGCONT)", 4 * PHASE_SECONDS)
    again.send_signal(signal.SIGCONT)
    after_wake = seconds_until_read_again(redis_port, time.monotonic(), PHASE_SECONDS - 1)
    for thread in threads:
        thread.join()
    ends = [len(rows) for rows in outcomes]
    everything = []
    for (name, start), (_next, end) in zip(marks, [*marks[1:], ("end", ends)]):
        rows = [row for index, rows in enumerate(outcomes) for row in rows[start[index] : end[index]]]
        describe(name, rows)
        everything += rows
    describe("all", everything)
    return everything, after_restart, after_wake


def flood_addresses(count, searches):
    unknown = [f"{FLOOD_PAGES[number % len(FLOOD_PAGES)]}?x={number:06d}" for number in range(count - searches)]
    addresses = unknown + [f"/recommendations/?q=flood{number:05d}" for number in range(searches)]
    random.Random(1).shuffle(addresses)
    return addresses


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--flood", type=int, default=20_000, help="distinct query strings in the flood")
    parser.add_argument(
        "--searches", type=int, default=1000, help="of which distinct searches (the rest: unknown parameters)"
    )
    options = parser.parse_args()
    with contextlib.ExitStack() as stack:
        redis_port, first = stack.enter_context(redis_server(*REDIS_OPTIONS))
        port, server = stack.enter_context(
            gunicorn(workers=2, demo=True, env={"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"})
        )
        workers = worker_pids(server)
        print(f"gunicorn on 127.0.0.1:{port}, workers {workers}; Redis on 127.0.0.1:{redis_port}, maxmemory 64 MB")
        print(f"{options.clients} clients on {' '.join(DEFAULT_PATHS)}, {PHASE_SECONDS:.0f} s per phase")
        faults, after_restart, after_wake = fault_phases(port, first, redis_port, stack, options.clients)

        addresses = flood_addresses(options.flood, options.searches)
        rss_before = {pid: resident_bytes(pid) for pid in workers}
        redis_before = redis_info(redis_port, "memory")["used_memory"]
        flood_started = time.monotonic()
        threads, outcomes = start_clients(
            port, addresses, options.clients, flood_started + FLOOD_GIVE_UP_AFTER, limits=True
        )
        for thread in threads:
            thread.join()
        flood_seconds = time.monotonic() - flood_started
        flood = [row for rows in outcomes for row in rows]
        rss_after = {pid: resident_bytes(pid) for pid in workers}
        redis_after = redis_info(redis_port, "memory")["used_memory"]
        evicted = redis_info(redis_port, "stats")["evicted_keys"]
        same_workers = worker_pids(server) == workers

    print(
        f"flood: {len(flood)} of {len(addresses)} distinct query strings in {flood_seconds:.1f} s "
        f"({options.searches} distinct searches, the rest a parameter no page reads)"
    )
    describe("flood", flood)
    growth = max(rss_after[pid] - rss_before[pid] for pid in workers)
    for pid in workers:
        print(f"worker {pid}: resident {rss_before[pid] / 2**20:.1f} MB before, {rss_after[pid] / 2**20:.1f} MB after")
    print(
        f"Redis used_memory: {redis_before / 2**20:.1f} MB before, {redis_after / 2**20:.1f} MB after "
        f"(maxmemory {MAXMEMORY / 2**20:.0f} MB, allkeys-lru; {evicted} keys evicted)"
    )
    server_errors = sum(isinstance(o, int) and o >= 500 for _, o, _ in faults + flood)
    failures = sum(failed(o) for _, o, _ in faults + flood)
    print(f"5xx: {server_errors}; failed requests: {failures}")
    for name, seconds in [("started again", after_restart), ("woken", after_wake)]:
        shown = "never" if seconds is None else f"{seconds:.2f} s"
        print(f"pages read from Redis again after it was {name}: {shown}")
    ok = (
        server_errors == 0
        and failures == 0
        and len(flood) == len(addresses)
        and all(seconds is not None and seconds <= RECOVERY_LIMIT for seconds in (after_restart, after_wake))
        and growth <= GROWTH_LIMIT
        and redis_after <= MAXMEMORY
        and same_workers
    )
    print(f"workers the same processes: {same_workers}")
    print("verdict:", "no page failed; the cache was used again at once; memory stayed bounded" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
