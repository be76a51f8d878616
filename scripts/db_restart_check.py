"""The database restarts while the application serves: requests fail only while it is down, and the
application recovers by itself, without being restarted.

    .venv/bin/python scripts/db_restart_check.py

Starts gunicorn on a free loopback port with production settings on PostgreSQL (DATABASE_URL, default a
throwaway database ``sip_scripts`` on 127.0.0.1; persistent connections with health checks as in
production), probes /healthz every 50 ms, restarts the machine's PostgreSQL cluster once with
``pg_ctlcluster``, and keeps probing until the application has answered 200 for 10 s in a row (60 s
at most). Prints the failures before, during and after the outage and the recovery time; exits 1
unless nothing failed before the restart, the application answered 200 again at most 5 s after
PostgreSQL was back and steadily from then on, and the workers are the same processes throughout.
"""

import os
import subprocess
import sys
import threading
import time
from collections import Counter

from serving import DEFAULT_DATABASE_URL, get, gunicorn, worker_pids

CLUSTER = os.environ.get("PG_CLUSTER", "15 main").split()
PROBE_EVERY = 0.05
STEADY_BEFORE = 5.0
STEADY_AFTER = 10.0
GIVE_UP_AFTER = 60.0
# The application must answer again this soon after PostgreSQL is back.
RECOVERY_LIMIT = 5.0


def probe(port, stop, probes):
    while not stop.is_set():
        started = time.monotonic()
        probes.append((started, get(port, "/healthz", timeout=2)))
        time.sleep(max(0.0, PROBE_EVERY - (time.monotonic() - started)))


def steady_since(probes):
    """Since when every probe has answered 200 (None when the last one failed)."""
    since = None
    for moment, outcome in probes:
        since = (since or moment) if outcome == 200 else None
    return since


def count(rows):
    return f"{len(rows)} probes, {sum(outcome != 200 for _, outcome in rows)} failed"


def main():
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("This check needs PostgreSQL: set DATABASE_URL=postgres://...")
    with gunicorn(database_url, workers=2) as (port, server):
        workers_before = worker_pids(server)
        stop, probes = threading.Event(), []
        prober = threading.Thread(target=probe, args=(port, stop, probes))
        prober.start()
        try:
            time.sleep(STEADY_BEFORE)
            restart_started = time.monotonic()
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, "restart"], check=True)
            restart_done = time.monotonic()
            while time.monotonic() - restart_done < GIVE_UP_AFTER:
                since = steady_since(probes)
                if since and time.monotonic() - max(since, restart_done) >= STEADY_AFTER:
                    break
                time.sleep(0.2)
        finally:
            stop.set()
            prober.join()
        workers_after = worker_pids(server)

    failures = [(moment, outcome) for moment, outcome in probes if outcome != 200]
    recovered = steady_since(probes)
    before = [p for p in probes if p[0] < restart_started]
    during = [p for p in probes if restart_started <= p[0] <= restart_done]
    recovery = [p for p in probes if restart_done < p[0] < (recovered or float("inf"))]
    after = [p for p in probes if recovered and p[0] >= recovered]

    print(f"gunicorn on 127.0.0.1:{port}, workers {workers_before}; PostgreSQL cluster {' '.join(CLUSTER)}")
    print(f"probes of /healthz: {len(probes)}, one every {PROBE_EVERY * 1000:.0f} ms")
    print(f"before the restart:                {count(before)}")
    print(f"while pg_ctlcluster restarted it:  {count(during)} ({restart_done - restart_started:.2f} s)")
    print(f"after it returned, until recovery: {count(recovery)}")
    print(f"after recovery:                    {count(after)}")
    print(f"failed answers: {dict(Counter(str(outcome) for _, outcome in failures))}")
    if failures:
        print(
            f"failures from {failures[0][0] - restart_started:+.2f} s to {failures[-1][0] - restart_started:+.2f} s "
            f"after the restart began"
        )
    steady = recovered is not None and probes[-1][0] - max(recovered, restart_done) >= STEADY_AFTER - 1
    if not steady:
        print(f"verdict: FAILED, the application did not answer 200 steadily within {GIVE_UP_AFTER:.0f} s")
        return 1
    if recovered > restart_started:
        print(f"recovered {recovered - restart_done:+.2f} s after pg_ctlcluster returned")
    else:
        print("no probe failed: the outage fell between two probes")
    same = workers_after == workers_before
    print(f"workers after: {workers_after} ({'the same processes' if same else 'CHANGED'})")
    ok = not any(outcome != 200 for _, outcome in before) and recovered - restart_done <= RECOVERY_LIMIT and same
    print("verdict:", "requests failed only during the outage; recovered without a restart" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
