"""Load test: concurrent clients for a fixed time against the application under gunicorn.

    .venv/bin/python scripts/load.py [--clients 50] [--duration 60] [--workers 5] [PATH ...]

Without paths, the public pages members use: the overview, the list, a recommendation, a theme and the
public CSV of a cycle (``DEFAULT_PATHS``); any others can be given, for instance /healthz /admin/login/.

Starts gunicorn on a free loopback port with production settings (DATABASE_URL from the environment,
default a throwaway PostgreSQL database ``sip_scripts`` on 127.0.0.1, filled with the demo data), then
runs the clients, each on one keep-alive connection, asking for the paths in turn. Prints requests,
errors, throughput and latency percentiles, per path and in all; exits 1 when any request failed.
"""

import argparse
import http.client
import statistics
import sys
import threading
import time
from collections import Counter

from serving import gunicorn

DEFAULT_PATHS = [
    "/",
    "/recommendations/",
    "/recommendations/2020-BE-07/",
    "/themes/gender-equality/",
    "/recommendations/export.csv?cycle=2019-2020",
]
WIDTH = max(24, *(len(path) + 2 for path in DEFAULT_PATHS))


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def client(port, paths, offset, deadline, outcomes, limit=None):
    """Ask for ``paths`` in turn from ``offset`` until ``deadline``, or ``limit`` requests."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    turn = offset
    while time.monotonic() < deadline and (limit is None or turn - offset < limit):
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            outcome = response.status
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
            connection.close()
        outcomes.append((path, outcome, time.perf_counter() - started))
    connection.close()


def run(port, paths, clients, duration):
    deadline = time.monotonic() + duration
    per_client = [[] for _ in range(clients)]
    threads = [
        threading.Thread(target=client, args=(port, paths, index, deadline, per_client[index]))
        for index in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcome for outcomes in per_client for outcome in outcomes], time.monotonic() - started


def failed(outcome):
    return not (isinstance(outcome, int) and outcome < 400)


def report(outcomes, elapsed, clients):
    print(f"{'path':<{WIDTH}}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    groups = {path: [o for o in outcomes if o[0] == path] for path in dict.fromkeys(o[0] for o in outcomes)}
    for path, rows in [*groups.items(), ("all", outcomes)]:
        times = [seconds * 1000 for _, _, seconds in rows]
        errors = sum(failed(outcome) for _, outcome, _ in rows)
        print(
            f"{path:<{WIDTH}}{len(rows):>10}{errors:>8}{percentile(times, 0.5):>9.1f}"
            f"{percentile(times, 0.95):>9.1f}{max(times, default=float('nan')):>9.1f}"
        )
    answers = Counter(str(outcome) for _, outcome, _ in outcomes)
    print(f"answers: {dict(sorted(answers.items()))}")
    mean = statistics.fmean(seconds for _, _, seconds in outcomes) * 1000 if outcomes else float("nan")
    print(f"{clients} clients, {elapsed:.1f} s, {len(outcomes) / elapsed:.0f} requests/s, mean {mean:.1f} ms")
    return sum(failed(outcome) for _, outcome, _ in outcomes)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (4 threads each)")
    options = parser.parse_args()
    with gunicorn(workers=options.workers, demo=True) as (port, _server):
        print(f"gunicorn on 127.0.0.1:{port}, {options.workers} workers; paths: {' '.join(options.paths)}")
        outcomes, elapsed = run(port, options.paths, options.clients, options.duration)
    errors = report(outcomes, elapsed, options.clients)
    return 1 if errors or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main())
