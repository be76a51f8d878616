"""A digest run of 10,000 mails survives a killed digest run, killed workers and a killed SMTP server: afterwards
every follower has exactly one digest.

    .venv/bin/python scripts/following_fault_check.py [--followers 10000] [--workers 2]

Works in a PostgreSQL database of its own (DATABASE_URL, default ``sip_following_fault``, created and migrated
when missing, emptied of followers first). Gives ``--followers`` confirmed followers to one published
recommendation, records a status change, and starts: an SMTP server of its own (``tests/smtp_server.py``, a
process, on a free port) that notes every Message-ID it accepts; ``--workers`` task workers
(``manage.py db_worker``); and the digest run (``manage.py send_digests``). Then it kills, with SIGKILL: the
digest run after its first batches (and runs it again), one worker once a fifth of the mails arrived (and starts
another), and the SMTP server once half arrived (and starts it again on the same port three seconds later).
Waits until the outbox is empty and prints what the SMTP server received per follower. Exits 1 unless every
follower received exactly one digest (one Message-ID) and nothing else is left to send. A mail the server
accepted in the instant before its worker was killed goes out again under the same Message-ID; the count of
such repeated deliveries is printed (receivers drop a repeated Message-ID).
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from serving import ROOT, ensure_postgresql_database, free_port, production_env

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sip_following_fault"
CLAIM_SECONDS = 20
GIVE_UP_AFTER = 900


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sip.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(followers):
    """A recommendation that ``followers`` confirmed followers follow, and a change of its status to tell."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from following import digests
    from following.models import Follower, Kind, Mail, Subscription
    from recommendations import services
    from recommendations.models import Recommendation, Status
    from workgroups.models import Cycle, Theme

    Mail.objects.all().delete()
    Follower.objects.all().delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    cycle, _created = Cycle.objects.get_or_create(
        slug="fault-2030",
        defaults={
            "name": "2030-2031",
            "edition": 99,
            "start_date": datetime.date(2030, 10, 1),
            "end_date": datetime.date(2031, 6, 30),
        },
    )
    theme, _created = Theme.objects.get_or_create(slug="fault-theme", defaults={"name": "Fault theme"})
    recommendation = Recommendation.objects.filter(reference="FAULT-1").first()
    if recommendation is None:
        recommendation = services.create_recommendation(
            Recommendation(reference="FAULT-1", title="Followed", text="Text.", cycle=cycle, theme=theme, country="BE"),
            status=Status.NOT_EXECUTED,
            date=datetime.date(2030, 11, 1),
        )
    digests.compose(force=True)  # seals what came before: the followers below hear only of the next change
    now, run = timezone.now(), digests.seal()
    with transaction.atomic():
        made = Follower.objects.bulk_create(
            [
                Follower(email=f"f{number:05d}@example.org", confirmed_at=now, told_run=run)
                for number in range(followers)
            ],
            batch_size=2000,
        )
        Subscription.objects.bulk_create(
            [
                Subscription(follower=follower, kind=Kind.RECOMMENDATION, target_id=recommendation.pk, confirmed_at=now)
                for follower in made
            ],
            batch_size=2000,
        )
    status = Status.ONGOING if recommendation.status != Status.ONGOING else Status.EXECUTED
    services.record_progress(recommendation, status=status, date=timezone.localdate())


def received(path):
    """Message-IDs per recipient, and the number of deliveries in all."""
    by_address, deliveries = defaultdict(list), 0
    if path.exists():
        for line in path.read_text().splitlines():
            message_id, _space, address = line.partition(" ")
            by_address[address].append(message_id)
            deliveries += 1
    return by_address, deliveries


def delivered(path):
    return sum(1 for _line in path.open()) if path.exists() else 0


def start(env, *args):
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def kill(process):
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)
    process.wait()


def wait_for(condition, give_up_after):
    started = time.monotonic()
    while time.monotonic() - started < give_up_after:
        if condition():
            return True
        time.sleep(0.1)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_postgresql_database(database_url)
    with tempfile.TemporaryDirectory() as folder:
        env = production_env(database_url, Path(folder) / "static", 1)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        setup_django(database_url)
        from following import sending
        from following.models import Mail

        prepare(options.followers)
        port = free_port()
        env.update(
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            EMAIL_TIMEOUT="2",
            TASKS_IMMEDIATE="False",
            FOLLOWING_CLAIM_SECONDS=str(CLAIM_SECONDS),
        )
        log = Path(folder) / "received.txt"
        smtp = start(env, "tests/smtp_server.py", str(port), str(log))
        worker_args = ("manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2")
        workers = [start(env, *worker_args) for _ in range(options.workers)]
        events = []
        started = time.monotonic()
        try:
            run = start(env, "manage.py", "send_digests", "--force", "--batch", "250")
            wait_for(lambda: Mail.objects.count() >= 1000, 120)
            kill(run)
            events.append(f"digest run killed with {Mail.objects.count()} digests written")
            subprocess.run(
                [sys.executable, "manage.py", "send_digests", "--force"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            events.append("digest run done again")
            wait_for(lambda: delivered(log) >= options.followers // 5, 300)
            kill(workers[0])
            events.append(f"worker killed at {delivered(log)} delivered")
            workers[0] = start(env, *worker_args)
            wait_for(lambda: delivered(log) >= options.followers // 2, 300)
            kill(smtp)
            events.append(f"SMTP server killed at {delivered(log)} delivered")
            time.sleep(3)
            smtp = start(env, "tests/smtp_server.py", str(port), str(log))
            events.append("SMTP server started again")
            done = wait_for(lambda: not sending.pending().exists(), GIVE_UP_AFTER)
            seconds = time.monotonic() - started
        finally:
            for process in [*workers, smtp]:
                kill(process)
        by_address, deliveries = received(log)
        expected = {f"f{number:05d}@example.org" for number in range(options.followers)}
        once = sum(1 for address in expected if len(set(by_address.get(address, []))) == 1)
        missing = sum(1 for address in expected if not by_address.get(address))
        several = sum(1 for address in expected if len(set(by_address.get(address, []))) > 1)
        repeated = deliveries - sum(len(set(ids)) for ids in by_address.values())
        for line in events:
            print(line)
        print(
            f"{options.followers} followers: {once} with exactly one digest, {missing} without, {several} with "
            f"several; {deliveries} deliveries, {repeated} repeated under the same Message-ID; "
            f"outbox {'empty' if done else 'NOT empty'} after {seconds:.0f} s"
        )
        ok = done and once == options.followers and set(by_address) <= expected
        print("OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
