"""The scale bench: the figures of issues 5 and 13, measured in one run against the application under gunicorn.

    make bench                     # or: .venv/bin/python scripts/bench.py [--duration 5] [--import-rows 10000]
    .venv/bin/python scripts/bench.py --only "server B" --only "one Redis"   # the rows whose figure says so

Runs against DATABASE_URL (default the PostgreSQL database ``sip_scale``, filled beforehand with
``manage.py generate_synthetic --recommendations 1000000``). Starts gunicorn with production settings
on a free loopback port (``serving.gunicorn``), two workers each keeping its own cache; then, for the rows
of several servers, two of one worker each sharing a Redis of the bench's own. Loads them with
``load.run``, and prints one table. Ratios, not absolute times, are the point: the machine is shared. The
figures are left as they were found: the
status changes and the bulk decision are undone through ``services``, the changed lines' import by deleting
the progress updates it added (the edit versions of its lines stay one up), and the import of new lines
runs in a transaction that is rolled back.
"""

import argparse
import contextlib
import datetime
import http.client
import io
import math
import os
import re
import statistics
import sys
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import load
from serving import ROOT, get, gunicorn, redis_server, worker_pids

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sip_scale"
# ``q`` matches the references SYN-0000001 to SYN-0099999 of the synthetic data: about 100,000 rows.
HUNDRED_THOUSAND = {"q": "SYN-00"}
# Words of the synthetic texts (demo.synthetic): one in a request made about once in 20,000 recommendations,
# and one of the French texts and translations of hundreds of thousands ("formations" found by its stem).
RARE_WORD, COMMON_WORD = "zonnepanelen", "formation"


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sip.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class Browser:
    """One keep-alive connection to the server, keeping its cookies, like a logged-in staff member."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies = SimpleCookie()

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if method != "GET":
                raise
            # The server closes a connection left idle past its keep-alive (a row writing for seconds between
            # two reads): a GET is asked again on a new one.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response

    def get(self, path):
        response = self.request("GET", path)
        return response.status, response.read().decode("utf-8")

    def log_in(self, username, password):
        self.get("/admin/login/")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}
        response = self.request("POST", "/admin/login/?next=/admin/", body=urlencode(form))
        response.read()
        if response.status != 302:
            raise RuntimeError(f"the bench account could not log in ({response.status})")


def timed_medians(browser, path, repeat, built=False, warm=True):
    """Median milliseconds of ``repeat`` GETs of ``path`` (after one warm-up request, if ``warm``).

    ``built``: each request asks for another address of the same page (its page number written with
    more leading zeros each time; an unknown parameter would only be redirected away), so that the page
    is built each time rather than served whole from the page cache; its figures still come from the
    figure cache, as on every request but the first after a change.
    """
    if warm:
        browser.get(path)
    times = []
    for number in range(repeat):
        asked = re.sub(r"\bpage=", "page=" + "0" * (number + 1), path) if built else path
        started = time.perf_counter()
        status, _body = browser.get(asked)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{asked} answered {status}")
    return statistics.median(times)


def throughput(port, path, clients, duration):
    outcomes, elapsed = load.run(port, [path], clients, duration)
    return sum(not load.failed(outcome) for _, outcome, _ in outcomes) / elapsed


# The rows of the table.


def warm_up(port, path, limit=300):
    """Ask for ``path`` on new connections (so every worker gets some) until it answers fast three times."""
    started, fast = time.monotonic(), 0
    while fast < 3 and time.monotonic() - started < limit:
        asked = time.monotonic()
        get(port, path, timeout=limit)
        fast = fast + 1 if time.monotonic() - asked < 0.5 else 0
    return time.monotonic() - started


def fresh_figures(port, _options):
    """Change one status through ``services``, read the overview, undo the change, read it again."""
    from recommendations import services, stats
    from recommendations.models import ProgressUpdate, Recommendation, Status

    browser = Browser(port)
    published = Recommendation.objects.published()

    def shows_executed():
        expected = stats.figures(published).executed
        return f"implemented ({expected:,} executed)" in browser.get("/")[1]

    warm_up(port, "/")
    before = shows_executed()
    recommendation = published.exclude(status=Status.EXECUTED).order_by("pk").first()
    services.record_progress(
        recommendation, status=Status.EXECUTED, date=datetime.date.today(), note="Bench: checks fresh figures."
    )
    started = time.perf_counter()
    after_change = shows_executed()
    computed = time.perf_counter() - started
    services.delete_progress(ProgressUpdate.objects.filter(recommendation=recommendation).latest())
    after_undo = shows_executed()
    ok = before and after_change and after_undo
    outcome = (
        "new figures on the next request" if ok else f"STALE (before {before}, after {after_change}, undo {after_undo})"
    )
    return ok, f"{outcome}; that request computed them in {computed:.1f} s"


def exact_overview(browser):
    """Milliseconds of the next overview, and whether it shows the figures counted from the rows.

    The count (``stats`` over the published recommendations' rows, not the kept counts) runs after the
    request, so that it does not warm the database's cache for it.
    """
    from recommendations import stats
    from recommendations.models import Recommendation

    started = time.perf_counter()
    _status, body = browser.get("/")
    milliseconds = (time.perf_counter() - started) * 1000
    return milliseconds, shows_figures(body, stats.figures(Recommendation.objects.published()))


def overview_after_change(port, options):
    """Change one status through ``services``, then time the overview built for it; ``repeat`` times, undone."""
    from recommendations import services
    from recommendations.models import ProgressUpdate, Recommendation, Status

    browser = Browser(port)
    warm_up(port, "/")
    chosen = list(Recommendation.objects.published().exclude(status=Status.EXECUTED).order_by("-pk")[: options.repeat])
    times, exact = [], True
    for recommendation in chosen:
        services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date.today())
        milliseconds, shown = exact_overview(browser)
        times.append(milliseconds)
        exact = exact and shown
    for recommendation in chosen:
        services.delete_progress(ProgressUpdate.objects.filter(recommendation=recommendation).latest())
    median = statistics.median(times)
    return exact and median <= 50, (
        f"{'exact' if exact else 'NOT EXACT'}; median {median:.0f} ms, slowest {max(times):.0f} ms "
        f"of {len(times)} changes"
    )


# The day of the demo's stocktaking, inside the synthetic history too.
STOCKTAKING_DAY = datetime.date(2022, 1, 31)


def stocktaking_page(port, options):
    """A stocktaking edition's page (every figure on its day beside today's, per theme, and what changed
    since), built for another edition of the same day each time: the page is built, its figures and changes
    read from the figure cache, as on every request but the first after a change. Then the first page after
    a change, which counts them all. Checked against counts from the rows; the editions are deleted after."""
    from recommendations import services, stats
    from recommendations.models import Recommendation
    from stocktaking.models import Edition

    published = Recommendation.objects.published()
    editions = [
        Edition.objects.create(slug=f"bench-{number}", as_of=STOCKTAKING_DAY, title=f"Bench {number}")
        for number in range(options.repeat + 4)
    ]
    try:
        browser = Browser(port)
        browser.get(f"/stocktaking/{editions[0].slug}/")
        times = []
        for edition in editions[1 : options.repeat + 1]:
            started = time.perf_counter()
            status, body = browser.get(f"/stocktaking/{edition.slug}/")
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"/stocktaking/{edition.slug}/ answered {status}")
        first = []
        for edition in editions[options.repeat + 1 :]:
            services.note_change()
            started = time.perf_counter()
            browser.get(f"/stocktaking/{edition.slug}/")
            first.append((time.perf_counter() - started) * 1000)
        # Counted after the requests, so that the counts do not warm the database's cache for them.
        then = stats.figures(published, STOCKTAKING_DAY)
        changed = stats.changed_counts_by(published, "theme", STOCKTAKING_DAY)
        expected = [
            f'<td class="number">{then.total:,}</td>',
            *(f"{count:,} recommendations changed status since." for count in changed.values() if count > 1),
        ]
        exact = all(text in body for text in expected)
    finally:
        Edition.objects.filter(pk__in=[edition.pk for edition in editions]).delete()
    median = statistics.median(times)
    return exact and median <= 100, (
        f"{'exact' if exact else 'NOT EXACT'}; built: median {median:.0f} ms, slowest {max(times):.0f} ms; the first "
        f"after a change (counting the changes since): median {statistics.median(first):.0f} ms; "
        f"{sum(changed.values()):,} changes since {STOCKTAKING_DAY:%-d %B %Y}"
    )


def shows_figures(body, figures):
    """Whether a page's summary shows ``figures`` (``stats.Figures``): the total, the executed and each status."""
    expected = [
        f'<span class="headline__number">{figures.total:,}</span>',
        f"implemented ({figures.executed:,} executed)",
        *(f'<td class="number">{share.count:,}</td>' for share in figures.shares),
    ]
    return all(text in body for text in expected)


def figures_as_of(port, options):
    """The overview and the largest theme's page as of a day in the middle of the history, built for a new
    day each time (so that neither the page nor its figures are kept yet); the last day's checked against a
    count from the rows of its progress history."""
    import datetime

    from django.db.models import Count, Max, Min

    from recommendations import stats
    from recommendations.models import ProgressUpdate, Recommendation

    span = ProgressUpdate.objects.aggregate(first=Min("date"), last=Max("date"))
    middle = span["first"] + (min(span["last"], datetime.date.today()) - span["first"]) / 2
    published = Recommendation.objects.published()
    largest = published.values("theme", "theme__slug").annotate(rows=Count("pk")).order_by("-rows").first()
    sets = {
        "overview": ("/", published),
        "theme": (f"/themes/{largest['theme__slug']}/", published.filter(theme=largest["theme"])),
    }
    browser = Browser(port)
    medians, exact = {}, True
    for name, (path, rows) in sets.items():
        browser.get(f"{path}?as_of={middle.isoformat()}")
        times = []
        for number in range(1, options.repeat + 1):
            day = middle + datetime.timedelta(days=number)
            started = time.perf_counter()
            status, body = browser.get(f"{path}?as_of={day.isoformat()}")
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{path}?as_of={day} answered {status}")
        medians[name] = statistics.median(times)
        # Counted after the requests, so that the count does not warm the database's cache for them.
        exact = exact and shows_figures(body, stats.implementation_over_time(rows, [day])[0][1])
    ok = exact and max(medians.values()) <= 200
    return ok, (
        f"{'exact' if exact else 'NOT EXACT'}; overview {medians['overview']:.0f} ms, theme page "
        f"{medians['theme']:.0f} ms ({largest['rows']:,} recommendations), as of {options.repeat} days from "
        f"{middle:%-d %B %Y} on"
    )


def project_pages(port, options):
    """The project list (all, and running ones), the office with the most projects and the largest theme
    (with its follow-up by projects), each page built anew each time."""
    from django.db.models import Count

    from projects.models import Project
    from recommendations.models import Recommendation
    from workgroups.models import Office

    projects = Project.objects.count()
    if not projects:
        return False, "no projects: run manage.py generate_synthetic_projects --projects 100000 first"
    office = Office.objects.annotate(n=Count("projects")).order_by("-n").values_list("slug", "n").first()
    theme = (
        Recommendation.objects.published()
        .values("theme__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("theme__slug", flat=True)
        .first()
    )
    paths = {
        "/projects/": "/projects/?page=1",
        "running ones": "/projects/?state=running&page=1",
        f"office page ({office[1]:,} projects)": f"/offices/{office[0]}/?page=1",
        "largest theme's page": f"/themes/{theme}/?page=1",
    }
    browser = Browser(port)
    medians = {name: timed_medians(browser, path, options.repeat, built=True) for name, path in paths.items()}
    detail = ", ".join(f"{name} {median:.0f} ms" for name, median in medians.items())
    return max(medians.values()) <= 100, f"{detail}; {projects:,} projects"


def bulk_decision(port, options):
    """One board meeting refuses 53 recommendations (their status moves to rejected); then the overview.
    ``repeat`` meetings, each on other recommendations and undone after its overview: the median."""
    from recommendations import services
    from recommendations.models import Recommendation, Status

    browser = Browser(port)
    warm_up(port, "/")
    executed = list(
        Recommendation.objects.published().filter(status=Status.EXECUTED).order_by("-pk")[: 53 * options.repeat]
    )
    times, recorded, exact = [], [], True
    for meeting in range(options.repeat):
        chosen = executed[53 * meeting : 53 * (meeting + 1)]
        started = time.perf_counter()
        entries = services.record_decisions(
            chosen, board="BE", meeting_date=datetime.date.today(), decision="refused", motivation="Bench."
        )
        recorded.append(time.perf_counter() - started)
        milliseconds, shown = exact_overview(browser)
        times.append(milliseconds)
        exact = exact and shown
        services.delete_decisions(entries)
    median = statistics.median(times)
    return exact and median <= 50, (
        f"{'exact' if exact else 'NOT EXACT'}; median {median:.0f} ms, slowest {max(times):.0f} ms of {len(times)} "
        f"meetings (53 decisions recorded in {statistics.median(recorded):.1f} s, median)"
    )


def changeable(count):
    """Published recommendations not executed yet whose status is dated today at the latest: a change to
    executed today comes after it (synthetic histories reach into the future)."""
    from recommendations.models import Recommendation, Status

    published = Recommendation.objects.published()
    return list(
        published.exclude(status=Status.EXECUTED).filter(status_date__lte=datetime.date.today()).order_by("pk")[:count]
    )


def undo_changes(recommendations):
    from recommendations import services
    from recommendations.models import ProgressUpdate

    for recommendation in recommendations:
        services.delete_progress(ProgressUpdate.objects.filter(recommendation=recommendation).latest())


@contextlib.contextmanager
def staff_account():
    """A superuser of the bench's own, deleted afterwards; yields its name and password."""
    import secrets

    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    user.set_password(password)
    user.save()
    try:
        yield user, password
    finally:
        user.delete()


def change_then_other_server(a, b, options):
    """Record a status change through server A's admin, then read the overview from server B; undone."""
    chosen = changeable(options.repeat)
    times, exact = [], True
    with staff_account() as (user, password):
        staff = Browser(a)
        staff.log_in(user.username, password)
        warm_up(a, "/")
        warm_up(b, "/")
        try:
            for recommendation in chosen:
                form = {
                    "action": "change_status",
                    "_selected_action": recommendation.pk,
                    "apply": "1",
                    "status": "executed",
                    "date": datetime.date.today().isoformat(),
                    "csrfmiddlewaretoken": staff.cookies["csrftoken"].value,
                }
                response = staff.request("POST", "/admin/recommendations/recommendation/", body=urlencode(form))
                response.read()
                if response.status != 302:
                    raise RuntimeError(f"the admin did not record the status change ({response.status})")
                # A new connection: the count after each request leaves one idle longer than the server keeps it.
                milliseconds, shown = exact_overview(Browser(b))
                times.append(milliseconds)
                exact = exact and shown
        finally:
            undo_changes(chosen[: len(times)])
    return exact, (
        f"{'new figures' if exact else 'NOT THE NEW FIGURES'} on server B's next request after each of "
        f"{len(times)} changes; built there in {statistics.median(times):.0f} ms (median), slowest {max(times):.0f} ms"
    )


def loaded(ports, path, clients, duration):
    """``load.run`` on each server at once, the clients shared among them; all outcomes, and the seconds."""
    results = [None] * len(ports)

    def run(index, port):
        results[index] = load.run(port, [path], clients // len(ports), duration)

    threads = [threading.Thread(target=run, args=(index, port)) for index, port in enumerate(ports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcome for outcomes, _ in results for outcome in outcomes], max(elapsed for _, elapsed in results)


def served(outcomes, elapsed):
    """Requests answered without an error, a second."""
    return sum(not load.failed(outcome) for _, outcome, _ in outcomes) / elapsed


def in_turns(ports, options, paths=("/ping", "/")):
    """Each path loaded one second in turn, ``options.duration`` seconds of each, so that all see the same
    load of the shared machine; each path's outcomes and seconds."""
    outcomes, seconds = {path: [] for path in paths}, dict.fromkeys(paths, 0.0)
    for _ in range(math.ceil(options.duration)):
        for path in paths:
            answered, elapsed = loaded(ports, path, options.clients, 1.0)
            outcomes[path] += answered
            seconds[path] += elapsed
    return outcomes, seconds


def overview_ratio_on(ports, options):
    """Throughput of the overview against /ping on ``ports``, loaded in turns of a second each: a change in
    the machine's load then weighs on both alike."""
    for port in ports:
        warm_up(port, "/")
    outcomes, seconds = in_turns(ports, options)
    trivial, overview = (served(outcomes[path], seconds[path]) for path in ("/ping", "/"))
    ratio = overview / trivial
    return ratio >= 0.5, (f"{ratio:.2f} ({overview:.0f} ÷ {trivial:.0f} requests/s, in turns of 1 s)")


def overview_while_changing(ports, options):
    """The overview's throughput and slowest answers while one status change a second is recorded through
    ``services``, against /ping's, loaded in turns meanwhile; the changes are undone."""
    from django.db import connection

    from recommendations import services
    from recommendations.models import Status

    for port in ports:
        warm_up(port, "/")
    chosen = iter(changeable(2 * math.ceil(options.duration) + 2))
    changed, stop = [], threading.Event()

    def record_one_a_second():
        try:
            started = time.monotonic()
            for second, recommendation in enumerate(chosen):
                if stop.wait(max(0, started + second - time.monotonic())):
                    break
                services.record_progress(
                    recommendation, status=Status.EXECUTED, date=datetime.date.today(), note="Bench: under load."
                )
                changed.append(recommendation)
        finally:
            connection.close()

    writer = threading.Thread(target=record_one_a_second)
    writer.start()
    try:
        outcomes, seconds = in_turns(ports, options)
    finally:
        stop.set()
        writer.join()
        undo_changes(changed)
    trivial, overview = (served(outcomes[path], seconds[path]) for path in ("/ping", "/"))
    ratio = overview / trivial
    times = [elapsed * 1000 for _, _, elapsed in outcomes["/"]]
    failed = sum(load.failed(outcome) for _, outcome, _ in outcomes["/"])
    return ratio >= 0.5 and load.percentile(times, 0.99) <= 250 and not failed, (
        f"{ratio:.2f} ({overview:.0f} ÷ {trivial:.0f} requests/s, in turns of 1 s; {len(changed)} changes in "
        f"{sum(seconds.values()):.0f} s); p99 {load.percentile(times, 0.99):.0f} ms, slowest {max(times):.0f} ms"
        + (f"; {failed} FAILED" if failed else "")
    )


def changed_file(rows):
    """A stocktaking CSV that moves ``rows`` published recommendations, not executed yet, to executed today."""
    from recommendations.models import Recommendation, Status
    from recommendations.reports.reports import RecommendationsReport
    from recommendations.spreadsheets import csv_chunks

    # Dated today, the change must come after the current status: synthetic histories reach into the future.
    chosen = (
        Recommendation.objects.published()
        .exclude(status=Status.EXECUTED)
        .filter(status_date__lt=datetime.date.today())
        .order_by("pk")[:rows]
    )
    lines = iter(RecommendationsReport(chosen))
    header = next(lines)
    status, date = header.index("status"), header.index("status_date")

    def changed(row):
        row = list(row)
        row[status], row[date] = Status.EXECUTED.value, datetime.date.today().isoformat()
        return row

    return "".join(csv_chunks([header, *(changed(row) for row in lines)])).encode("utf-8")


# Imports behind the median of the import-then-overview row: each takes seconds, and is undone.
IMPORTS = 3


def import_then_overview(port, options):
    """Import a file changing the status of ``import-rows`` recommendations, then the overview; undone, and
    again: the median of ``IMPORTS``."""
    from django.db import transaction

    from recommendations import services
    from recommendations.models import ProgressUpdate, Recommendation
    from recommendations.stocktaking.files import read_dataset
    from recommendations.stocktaking.resource import RecommendationResource

    warm_up(port, "/")
    dataset = read_dataset(changed_file(options.import_rows))
    times, imports, exact = [], [], True
    browser = Browser(port)
    for _ in range(IMPORTS):
        newest = ProgressUpdate.objects.order_by("-pk").values_list("pk", flat=True).first()
        started = time.perf_counter()
        result = RecommendationResource().import_data(dataset, dry_run=False, raise_errors=True)
        imports.append(time.perf_counter() - started)
        if result.has_errors() or result.has_validation_errors():
            raise RuntimeError("the bench file did not import cleanly")
        milliseconds, shown = exact_overview(browser)
        times.append(milliseconds)
        exact = exact and shown
        # Undone as delete_progress would, in one transaction for the whole file.
        with transaction.atomic():
            services.note_change()
            added = ProgressUpdate.objects.filter(pk__gt=newest)
            moved = list(Recommendation.objects.filter(pk__in=added.values("recommendation_id")).only("pk"))
            added.delete()
            services.sync_statuses(moved)
    median = statistics.median(times)
    return exact and median <= 50, (
        f"{'exact' if exact else 'NOT EXACT'}; median {median:.0f} ms, slowest {max(times):.0f} ms of {IMPORTS} "
        f"imports ({options.import_rows:,} lines imported in {statistics.median(imports):.1f} s, median)"
    )


def list_pages(port, options):
    from django.db.models import Count

    from recommendations.models import Recommendation

    largest = (
        Recommendation.objects.published()
        .values("theme__slug", "status")
        .annotate(rows=Count("pk"))
        .order_by("-rows")
        .first()
    )
    browser = Browser(port)
    query = {"theme": largest["theme__slug"], "status": largest["status"]}
    paths = {page: "/recommendations/?" + urlencode({**query, "page": page}) for page in (1, 500)}
    built = {page: timed_medians(browser, path, options.repeat, built=True) for page, path in paths.items()}
    kept = {page: timed_medians(browser, path, options.repeat) for page, path in paths.items()}
    pages = -(-largest["rows"] // 25)
    note = (
        ""
        if pages >= 500
        else f"; the largest theme×status has {largest['rows']:,} rows, so page 500 is its last, {pages}"
    )
    ok = max(built.values()) <= 100
    return ok, (
        f"built: page 1 {built[1]:.0f} ms, page 500 {built[500]:.0f} ms; "
        f"asked again (kept whole): {kept[1]:.0f} ms, {kept[500]:.0f} ms{note}"
    )


def feeds_built(port, options):
    """The list's feed (alone and by the largest theme and status) and the feeds of the largest and the
    smallest theme, each built after a change: the data version moves on before every request, so that no
    worker serves one it kept (a feed reads no figures: the change costs it nothing else)."""
    from django.db import transaction
    from django.db.models import Count

    from recommendations import services
    from recommendations.feeds import FEED_LENGTH
    from recommendations.models import Recommendation

    published = Recommendation.objects.published()
    themes = list(published.values("theme__slug").annotate(rows=Count("pk")).order_by("-rows", "theme__slug"))
    pair = published.values("theme__slug", "status").annotate(rows=Count("pk")).order_by("-rows").first()
    by_pair = urlencode({"theme": pair["theme__slug"], "status": pair["status"]})
    paths = {
        "list": "/en/recommendations/feed/",
        f"list by {by_pair} ({pair['rows']:,} rows)": f"/en/recommendations/feed/?{by_pair}",
        **{
            f"theme {theme['theme__slug']} ({theme['rows']:,} rows)": f"/en/themes/{theme['theme__slug']}/feed/"
            for theme in (themes[0], themes[-1])
        },
    }
    browser = Browser(port)
    medians = {}
    for name, path in paths.items():
        browser.get(path)
        times = []
        for _ in range(options.repeat):
            with transaction.atomic():
                services.note_change()
            started = time.perf_counter()
            status, body = browser.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200 or body.count("<entry>") != FEED_LENGTH:
                raise RuntimeError(f"{path} answered {status} with {body.count('<entry>')} entries")
        medians[name] = statistics.median(times)
    ok = max(medians.values()) <= 100
    return ok, "; ".join(
        f"{name} {median:.0f} ms" for name, median in medians.items()
    ) + f" ({FEED_LENGTH} entries each)"


def api_pages(port, options):
    """Page 1 and page 500 of the API's recommendations, built (the API keeps no whole answers): page 500 is
    reached as a client reaches it, by following ``next`` from page 1 499 times, then asked for again."""
    import json

    browser = Browser(port)
    first = "/api/v1/recommendations/"
    path = first
    for _ in range(499):
        status, body = browser.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        path = json.loads(body)["next"].removeprefix(f"http://127.0.0.1:{port}")
    medians = {page: timed_medians(browser, asked, options.repeat) for page, asked in ((1, first), (500, path))}
    _status, body = browser.get(path)
    shown = json.loads(body)["results"]
    return max(medians.values()) <= 100, (
        f"page 1 {medians[1]:.0f} ms, page 500 {medians[500]:.0f} ms (references {shown[0]['reference']} to "
        f"{shown[-1]['reference']}, 500 cursor steps in)"
    )


def badge_ratio(port, options):
    """Throughput of the badge of the theme with the most recommendations against /ping's, in turns of a second."""
    from django.db.models import Count

    from workgroups.models import Theme

    theme = Theme.objects.annotate(rows=Count("recommendations")).order_by("-rows").first()
    path = f"/badges/themes/{theme.slug}.svg"
    warm_up(port, path)
    outcomes, seconds = in_turns([port], options, paths=("/ping", path))
    trivial, badge = (served(outcomes[asked], seconds[asked]) for asked in ("/ping", path))
    ratio = badge / trivial
    return ratio >= 0.5, f"{ratio:.2f} ({badge:.0f} ÷ {trivial:.0f} requests/s, in turns of 1 s; {path})"


# The list's filters, each with the field whose most common value is its worst case (the most rows); ``q`` is
# the common word. The sorts are the list's own, "" its usual order (newest cycle first).
LIST_FILTERS = {
    "cycle": "cycle__slug",
    "theme": "theme__slug",
    "workgroup": "workgroups__slug",
    "office": "workgroups__office__slug",
    "country": "country",
    "status": "status",
    "decision": "latest_decision",
    # Not a column: the board that decided on a recommendation (``with_board``), the Belgian one when both did.
    "board": "board",
}
LIST_SORTS = ["", "reference", "-reference", "title", "-title", "status", "-status", "date", "-date"]


def with_board(recommendations):
    """``recommendations`` with the board that decided on each as ``board`` (a value of the list's filter)."""
    from django.db.models import Case, Q, Value, When

    return recommendations.annotate(
        board=Case(When(~Q(decision_be=""), then=Value("BE")), When(~Q(decision_fr=""), then=Value("FR")))
    )


def largest_filter_values():
    """Each filter alone and each pair of filters, with the values finding the most published rows:
    [(filters, rows)]. A pair takes the values most common together (a workgroup of the cycle chosen)."""
    import itertools

    from django.db.models import Count

    from recommendations.filters import RecommendationFilter
    from recommendations.models import Recommendation

    published = Recommendation.objects.published()
    groups = (
        with_board(published)
        .exclude(latest_decision="")
        .filter(workgroups__office__isnull=False)
        .values(*LIST_FILTERS.values())
        .annotate(rows=Count("pk"))
        .order_by()
    )
    rows = [({name: group[field] for name, field in LIST_FILTERS.items()}, group["rows"]) for group in groups]
    sets = [({}, published.count())]
    for size in (1, 2):
        for names in itertools.combinations(LIST_FILTERS, size):
            counted = Counter()
            for values, count in rows:
                counted[tuple(values[name] for name in names)] += count
            values, count = counted.most_common(1)[0]
            sets.append((dict(zip(names, values)), count))
    # The search alone and with the value of each other filter most common among what it finds.
    found = with_board(RecommendationFilter({"q": COMMON_WORD}, queryset=published).qs.order_by())
    sets.append(({"q": COMMON_WORD}, found.count()))
    for name, field in LIST_FILTERS.items():
        largest = found.exclude(**{field: ""}) if name == "decision" else found.filter(**{f"{field}__isnull": False})
        group = largest.values(field).annotate(rows=Count("pk")).order_by("-rows").first()
        sets.append(({"q": COMMON_WORD, name: group[field]}, group["rows"]))
    return sets


def every_list(port, options):
    """Every filter alone and with one other, with no filter, in every sort, page 1 and page 500 (or the
    last): the median of ``list_repeat`` built pages of each; the figures are warmed once per set of filters.

    A search for the common word is read on page 1 only: its later pages sort every match (see
    docs/PERFORMANCE.md); page 500 of the search alone is measured beside, once.
    """
    sets = largest_filter_values()
    browser = Browser(port)
    measured = []
    for filters, rows in sets:
        last = max(-(-rows // 25), 1)
        browser.get("/recommendations/?" + urlencode(filters))
        for sort in LIST_SORTS:
            for page in [1] if "q" in filters else sorted({1, min(500, last)}):
                query = {**filters, **({"sort": sort} if sort else {})}
                path = "/recommendations/?" + urlencode({**query, "page": page})
                median = timed_medians(browser, path, options.list_repeat, built=True, warm=False)
                measured.append((median, urlencode(query), page))
    later = timed_medians(browser, "/recommendations/?" + urlencode({"q": COMMON_WORD, "page": 500}), 1, built=True)
    medians = [median for median, *_ in measured]
    slow = sorted(measured, reverse=True)
    missed = [entry for entry in slow if entry[0] > 100]
    worst = "; ".join(f"{query or 'no filter'} page {page} {median:.0f} ms" for median, query, page in slow[:10])
    # Which filters the pages over the target have, to see at a glance what misses.
    among = Counter(name for _median, query, _page in missed for name in parse_qs(query) if name != "sort")
    return not missed, (
        f"median {statistics.median(medians):.0f} ms of {len(measured)} pages ({len(sets)} sets of filters × "
        f"{len(LIST_SORTS)} sorts × page 1 and 500 or the last; the search's page 1), {len(missed)} over 100 ms "
        f"({', '.join(f'{count} with {name}' for name, count in among.most_common())}); slowest: {worst}; "
        f"beside them, “{COMMON_WORD}” page 500 {later:.0f} ms"
    )


def tidied():
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return True, f"in {time.perf_counter() - started:.1f} s"


def search_pages(port, options):
    """Page 1 of the list searched for a rare word and for a common one, built as in ``list_pages``."""
    from recommendations import search
    from recommendations.filters import RecommendationFilter
    from recommendations.models import Recommendation

    # Counted before connecting: the server closes a keep-alive connection left idle for 5 s.
    counts = {
        word: RecommendationFilter({"q": word}, queryset=Recommendation.objects.published()).qs.count()
        for word in (RARE_WORD, COMMON_WORD)
    }
    browser = Browser(port)
    measured = []
    for word, found in counts.items():
        path = "/recommendations/?" + urlencode({"q": word, "page": 1})
        ranked = "all ranked" if found <= search.RANKED else f"the {search.RANKED} newest ranked"
        measured.append((timed_medians(browser, path, options.repeat, built=True), word, found, ranked))
    ok = max(median for median, *_ in measured) <= 100
    return ok, "; ".join(
        f"“{word}” {median:.0f} ms ({found:,} found, {ranked})" for median, word, found, ranked in measured
    )


def first_build_after_a_change(browser, path):
    """Milliseconds of the first request for ``path`` after the data version moved on (nothing else changed):
    its figures computed afresh, not read from the figure cache."""
    from recommendations import services

    services.note_change()
    started = time.perf_counter()
    status, _body = browser.get(path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return (time.perf_counter() - started) * 1000


def boards_page(port, options):
    """The boards' page built (its figures from the figure cache), once after a change (figures computed),
    and the list of the recommendations the boards decided on differently."""
    from recommendations.models import BOARDS_DIFFER, Recommendation

    differing = Recommendation.objects.published().filter(BOARDS_DIFFER).count()
    browser = Browser(port)
    first = first_build_after_a_change(browser, "/boards/?page=1")
    built = timed_medians(browser, "/boards/?page=1", options.repeat, built=True)
    listed = timed_medians(browser, "/recommendations/?boards=differ&page=1", options.repeat, built=True)
    return max(built, listed) <= 100, (
        f"built {built:.0f} ms; the first after a change {first:.0f} ms (its figures computed); "
        f"/recommendations/?boards=differ {listed:.0f} ms ({differing:,} decided differently)"
    )


def waiting_pages(port, options):
    """The list of postponed recommendations waiting to be taken up, built: page 1 and page 500 (or the last),
    alone and narrowed by the cycle that has most of them; once after a change (its count computed)."""
    from django.db.models import Count

    from recommendations.models import Recommendation, Status

    postponed = Recommendation.objects.published().filter(status=Status.POSTPONED)
    total = postponed.count()
    cycle = postponed.values("cycle__slug").annotate(rows=Count("pk")).order_by("-rows").first()
    browser = Browser(port)
    first = first_build_after_a_change(browser, "/waiting/?page=1")
    measured = []
    for query, rows in [({}, total), ({"cycle": cycle["cycle__slug"]}, cycle["rows"])]:
        for page in sorted({1, min(500, max(-(-rows // 25), 1))}):
            path = "/waiting/?" + urlencode({**query, "page": page})
            measured.append((timed_medians(browser, path, options.repeat, built=True), urlencode(query), page))
    return max(median for median, *_ in measured) <= 100, (
        "; ".join(f"{query or 'all'} page {page} {median:.0f} ms" for median, query, page in measured)
        + f"; the first after a change {first:.0f} ms (its count computed); at most {total:,} postponed"
    )


class PeakMemory:
    """The largest resident set of any gunicorn worker, sampled every 20 ms while it runs."""

    def __init__(self, server):
        self.pids = worker_pids(server)
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample)

    def sample(self):
        while not self.stop.is_set():
            for pid in self.pids:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                kilobytes = int(status.split("VmRSS:")[1].split()[0])
                self.peak = max(self.peak, kilobytes * 1024)
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def export(port, server, query):
    """Rows, seconds and the workers' peak memory of one public CSV export."""
    browser = Browser(port)
    with PeakMemory(server) as memory:
        started = time.perf_counter()
        response = browser.request("GET", "/recommendations/export.csv?" + urlencode(query))
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: response.read(1 << 16), b""))
        seconds = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"the export answered {response.status}")
    return lines - 1, seconds, memory.peak


class Counting(io.RawIOBase):
    def __init__(self):
        self.lines = 0

    def write(self, data):
        self.lines += bytes(data).count(b"\n")
        return len(data)


def copy_query():
    """SQL and parameters of the public file's columns in one query, workgroup names by ``string_agg``."""
    from django.contrib.postgres.aggregates import StringAgg
    from django.db.models import CharField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from recommendations.models import Recommendation, RecommendationWorkgroup
    from recommendations.reports.reports import BOARD_COLUMNS
    from recommendations.spreadsheets import WORKGROUP_SEPARATOR

    names = (
        RecommendationWorkgroup.objects.filter(recommendation=OuterRef("pk"))
        .order_by()
        .values("recommendation")
        .annotate(names=StringAgg("workgroup__name", WORKGROUP_SEPARATOR, order_by="workgroup__name"))
        .values("names")
    )
    query = (
        Recommendation.objects.published()
        .annotate(workgroup_names=Coalesce(Subquery(names), Value(""), output_field=CharField()))
        .values_list(
            "reference",
            "title",
            "cycle__name",
            "theme__name",
            "workgroup_names",
            "country",
            "status",
            "status_date",
            *BOARD_COLUMNS,
        )
    )
    return query.query.sql_with_params()


def copy_rows_per_second():
    """PostgreSQL's own ``COPY (the export's columns) TO STDOUT CSV``: the ceiling for the export."""
    from django.db import connection

    sql, params = copy_query()
    sink = Counting()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        started = time.perf_counter()
        raw.copy_expert(raw.mogrify(f"COPY ({sql}) TO STDOUT WITH CSV", params).decode(), sink)
        return sink.lines / (time.perf_counter() - started)


def export_rows(port, options, server):
    full_rows, full_seconds, full_peak = export(port, server, {})
    copy_speed = copy_rows_per_second()
    ratio = full_rows / full_seconds / copy_speed
    speed = (
        ratio >= 0.25,
        f"{ratio:.2f} ({full_rows / full_seconds:,.0f} ÷ {copy_speed:,.0f} rows/s; "
        f"{full_rows:,} rows in {full_seconds:.1f} s)",
    )
    small_rows, _seconds, small_peak = export(port, server, HUNDRED_THOUSAND)
    megabytes = small_peak / 2**20, full_peak / 2**20
    flat = max(megabytes) <= 150 and megabytes[1] <= megabytes[0] * 1.25
    memory = flat, f"{megabytes[0]:.0f} MB at {small_rows:,} rows, {megabytes[1]:.0f} MB at {full_rows:,} rows"
    return speed, memory


def import_file(rows):
    """A stocktaking CSV of ``rows`` new recommendations: existing ones exported under new references."""
    from recommendations.models import Recommendation
    from recommendations.reports.reports import RecommendationsReport
    from recommendations.spreadsheets import csv_chunks

    report = RecommendationsReport(Recommendation.objects.order_by("pk")[:rows])
    lines = iter(report)
    header = next(lines)
    at = header.index("reference")
    renamed = ([*row[:at], f"BENCH-{number:07d}", *row[at + 1 :]] for number, row in enumerate(lines, 1))
    return "".join(csv_chunks([header, *renamed])).encode("utf-8")


def rows_per_second(resource, dataset):
    """Import ``dataset`` for real (not a preview), then roll everything back."""
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=False, raise_errors=True)
        transaction.set_rollback(True)
    if result.has_errors() or result.has_validation_errors():
        raise RuntimeError("the bench file did not import cleanly")
    return len(dataset) / (time.perf_counter() - started)


def plain_resource():
    """django-import-export out of the box: a ModelResource with its foreign keys looked up by name."""
    from import_export import fields, resources, widgets

    from recommendations.models import Recommendation
    from workgroups.models import Cycle, Theme

    class PlainResource(resources.ModelResource):
        cycle = fields.Field("cycle", "cycle", widgets.ForeignKeyWidget(Cycle, "name"))
        theme = fields.Field("theme", "theme", widgets.ForeignKeyWidget(Theme, "name"))

        class Meta:
            model = Recommendation
            fields = ["reference", "title", "text", "context", "cycle", "theme", "country", "follow_up"]
            import_id_fields = ["reference"]

    return PlainResource()


def import_ratio(options):
    import tablib

    from recommendations.stocktaking.files import read_dataset
    from recommendations.stocktaking.resource import RecommendationResource

    data = import_file(options.import_rows)
    sample = read_dataset(data)
    # Each import is timed three times, in turns, and the medians compared: one second of ours would
    # otherwise weigh a passing load spike as much as five of the plain one.
    ours, plain = [], []
    for _ in range(3):
        ours.append(rows_per_second(RecommendationResource(), read_dataset(data)))
        plain.append(
            rows_per_second(plain_resource(), tablib.Dataset(*sample[: options.plain_rows], headers=sample.headers))
        )
    ours, plain = statistics.median(ours), statistics.median(plain)
    ratio = ours / plain
    detail = (
        f"{ours:,.0f} ÷ {plain:,.0f} rows/s, medians of 3; {options.import_rows:,} rows, "
        f"the plain one timed on {options.plain_rows:,}"
    )
    return ratio >= 20, f"{ratio:.1f} ({detail})"


def admin_list(port, options):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path = "/admin/recommendations/recommendation/"
    with staff_account() as (user, password):
        browser = Browser(port)
        browser.log_in(user.username, password)
        median = timed_medians(browser, path, options.repeat)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        # The rows before may have filled the connection's log to its limit: counted from there, a full log
        # would show no new query at all.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
    return median <= 500 and len(queries) <= 12, f"{median:.0f} ms, {len(queries)} queries"


BENCH_FOLLOWERS = "@bench-following.invalid"


@contextlib.contextmanager
def followers(count, of_one):
    """``count`` confirmed followers of the bench's own, ``of_one`` of them following one changeable recommendation
    and the others its theme's neighbours' recommendations; yields that recommendation. Everything the bench
    wrote for them (followers, their mails, the digest clock) is removed afterwards."""
    from django.db import transaction
    from django.utils import timezone

    from following.models import DigestClock, Follower, Kind, Subscription
    from recommendations.models import Recommendation

    [followed] = changeable(1)
    others = list(Recommendation.objects.published().exclude(pk=followed.pk).values_list("pk", flat=True)[:1000])
    clock = DigestClock.objects.filter(pk=1).first()
    now = timezone.now()
    with transaction.atomic():
        made = Follower.objects.bulk_create(
            [Follower(email=f"f{number}{BENCH_FOLLOWERS}", confirmed_at=now) for number in range(count)],
            batch_size=5000,
        )
        Subscription.objects.bulk_create(
            [
                Subscription(
                    follower=follower,
                    kind=Kind.RECOMMENDATION,
                    target_id=followed.pk if number < of_one else others[number % len(others)],
                    confirmed_at=now,
                )
                for number, follower in enumerate(made)
            ],
            batch_size=5000,
        )
    try:
        yield followed
    finally:
        Follower.objects.filter(email__endswith=BENCH_FOLLOWERS).delete()
        if clock is None:
            DigestClock.objects.filter(pk=1).delete()
        else:
            DigestClock.objects.filter(pk=1).update(run=clock.run)


def change_cost(options, recommendation):
    """The median milliseconds of recording a status change of ``recommendation`` through ``services``; the
    changes are undone."""
    from recommendations import services
    from recommendations.models import Status

    times, updates = [], []
    for number in range(options.repeat):
        status = Status.EXECUTED if number % 2 == 0 else Status.ONGOING
        started = time.perf_counter()
        updates.append(services.record_progress(recommendation, status=status, date=datetime.date.today()))
        times.append(time.perf_counter() - started)
    for update in reversed(updates):
        services.delete_progress(update)
    return statistics.median(times) * 1000


def following_change_cost(_port, options):
    """A status change that 10,000 of 100,000 followers follow, against one that no one follows."""
    [alone] = changeable(2)[1:]
    without = change_cost(options, alone)
    with followers(100_000, 10_000) as followed:
        followed_cost = change_cost(options, followed)
    extra = followed_cost - without
    return extra <= 20, f"{followed_cost:.1f} ms against {without:.1f} ms unfollowed: {extra:+.1f} ms"


def following_send_rate(_port, options):
    """A digest run for the 10,000 followers of one status change, then one worker sending them to a local SMTP
    server of its own (a process)."""
    import subprocess
    import tempfile

    from django.test.utils import override_settings

    from following import digests, sending
    from following.models import Mail
    from recommendations import services
    from recommendations.models import Status

    port = free_port()
    # The worker is measured here, in this process: the tasks the digest run enqueues are left unrun.
    in_here = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    )
    with followers(100_000, 10_000) as followed, tempfile.TemporaryDirectory() as folder, in_here:
        update = services.record_progress(followed, status=Status.EXECUTED, date=datetime.date.today())
        try:
            started = time.perf_counter()
            written = digests.compose(force=True)
            composed = time.perf_counter() - started
            smtp = subprocess.Popen(
                [sys.executable, "tests/smtp_server.py", str(port), str(Path(folder) / "received.txt")], cwd=ROOT
            )
            try:
                listening(port)
                started = time.perf_counter()
                sending.send_pending()
                seconds = time.perf_counter() - started
            finally:
                smtp.kill()
                smtp.wait()
            sent = Mail.objects.filter(sent_at__isnull=False, to__endswith=BENCH_FOLLOWERS).count()
            received = (Path(folder) / "received.txt").read_text().count("\n")
        finally:
            services.delete_progress(update)
    rate = sent / seconds
    return rate >= 200 and received == written == 10_000, (
        f"{rate:.0f} mails/s ({sent:,} sent, {received:,} received in {seconds:.1f} s; the digest run wrote "
        f"{written:,} in {composed:.1f} s)"
    )


def listening(port, give_up_after=60):
    """Wait until a server accepts connections on ``port`` of the loopback."""
    import socket

    started = time.monotonic()
    while time.monotonic() - started < give_up_after:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def free_port():
    """A free port of 19100-19199 for the bench's SMTP server."""
    import socket

    for port in range(19100, 19200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def database_settings():
    """The server's version and the settings the writing rows depend on: an import's index pages are read and
    written back through ``shared_buffers``."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"{connection.vendor} {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "pg_size_pretty(sum(pg_relation_size(indexrelid))) FROM pg_index "
            "WHERE indrelid = 'recommendations_recommendation'::regclass"
        )
        version, buffers, indexes = cursor.fetchone()
    return f"PostgreSQL {version}, shared_buffers {buffers}; the recommendations' indexes take {indexes}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the throughput loads")
    parser.add_argument("--duration", type=float, default=5, help="seconds of each throughput load")
    parser.add_argument("--repeat", type=int, default=9, help="requests behind each median")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--plain-rows", type=int, default=2_000, help="rows behind the plain import's speed")
    parser.add_argument("--list-repeat", type=int, default=3, help="requests behind each median of every list")
    parser.add_argument(
        "--only", action="append", metavar="WORDS", help="only the rows whose figure contains WORDS (repeatable)"
    )
    options = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    setup_django(database_url)
    from recommendations.models import Recommendation

    def wanted(measures):
        return [row for row in measures if not options.only or any(words in row[0] for words in options.only)]

    def measure_all(measures):
        for figure, target, measure in wanted(measures):
            table.append((figure, target, *measure()))
            print(f"  {figure}: {table[-1][3]}", flush=True)

    count = Recommendation.objects.count()
    print(database_settings(), flush=True)
    table = []
    export_figures = ("full CSV export rows/s ÷ COPY rows/s", "peak worker memory during the export")
    while_changing = "overview req/s ÷ /ping req/s while one status change per second is recorded"

    def one_server(port, server):
        return [
            ("overview throughput ÷ trivial view throughput", "≥ 0.5", lambda: overview_ratio_on([port], options)),
            ("status change, then the next overview", "new figures", lambda: fresh_figures(port, options)),
            (
                f"{while_changing} (one server, each worker's own cache)",
                "≥ 0.5, p99 ≤ 250 ms",
                lambda: overview_while_changing([port], options),
            ),
            (
                "first overview after a change (built, not cached)",
                "≤ 50 ms",
                lambda: overview_after_change(port, options),
            ),
            (
                "a bulk decision for 53 recommendations, then the next overview",
                "exact, ≤ 50 ms",
                lambda: bulk_decision(port, options),
            ),
            (
                f"an import of {options.import_rows:,} changed lines, then the next overview",
                "exact, ≤ 50 ms",
                lambda: import_then_overview(port, options),
            ),
            # The rows above write and undo thousands of changes; the database's autovacuum tidies after
            # them in production, and the rows below are measured on tables it has tidied. Every table: the
            # undone imports leave dead rows in the progress updates, the words, the links and the kept counts,
            # which a server run without autovacuum (this machine's) never clears.
            ("the database tidied after the changes (VACUUM ANALYZE)", "—", lambda: tidied()),
            ("figures as_of a past date (built, not cached)", "exact, ≤ 200 ms", lambda: figures_as_of(port, options)),
            (
                "a stocktaking page built, median",
                "exact, ≤ 100 ms",
                lambda: stocktaking_page(port, options),
            ),
            ("/recommendations/ by theme and status, median", "≤ 100 ms", lambda: list_pages(port, options)),
            (
                "every list filter and sort, page 1 and page 500, median",
                "≤ 100 ms",
                lambda: every_list(port, options),
            ),
            ("/recommendations/?q= page 1, median", "≤ 100 ms", lambda: search_pages(port, options)),
            (
                "/projects/, an office's page and a theme's page with its projects, built, median",
                "≤ 100 ms",
                lambda: project_pages(port, options),
            ),
            ("/boards/ built, median", "≤ 100 ms", lambda: boards_page(port, options)),
            ("/waiting/ built, page 1 and page 500, median", "≤ 100 ms", lambda: waiting_pages(port, options)),
            (
                "Atom feeds of the list and of a theme, built after a change, median",
                "≤ 100 ms",
                lambda: feeds_built(port, options),
            ),
            (
                "/api/v1/recommendations/ page 1 and page 500 (built), median",
                "≤ 100 ms",
                lambda: api_pages(port, options),
            ),
            ("badge throughput ÷ trivial view throughput", "≥ 0.5", lambda: badge_ratio(port, options)),
            ("admin recommendation list, median and queries", "≤ 500 ms, ≤ 12", lambda: admin_list(port, options)),
            (" and ".join(export_figures), "", lambda: export_rows(port, options, server)),
        ]

    def two_servers(a, b):
        return [
            (
                "overview throughput ÷ trivial view throughput (two servers, one Redis)",
                "≥ 0.5",
                lambda: overview_ratio_on([a, b], options),
            ),
            (
                "a change through server A, then a request to server B",
                "new figures",
                lambda: change_then_other_server(a, b, options),
            ),
            (
                f"{while_changing} (two servers, one Redis)",
                "≥ 0.5, p99 ≤ 250 ms",
                lambda: overview_while_changing([a, b], options),
            ),
        ]

    if wanted(one_server(None, None)):
        with gunicorn(database_url, workers=2, settings_module="bench_settings") as (port, server):
            print(f"gunicorn on 127.0.0.1:{port}, 2 workers; {count:,} recommendations in {database_url}", flush=True)
            rows = one_server(port, server)
            measure_all(rows[:-1])
    if wanted(one_server(None, None)[-1:]):
        # On a server of its own: the rows above fill the workers' page caches (64 MB each at most), which
        # would count as the export's memory.
        with gunicorn(database_url, workers=2, settings_module="bench_settings") as (port, server):
            speed, memory = export_rows(port, options, server)
            table.append((export_figures[0], "≥ 0.25", *speed))
            table.append((export_figures[1], "≤ 150 MB, flat", *memory))
    if wanted(two_servers(None, None)):
        # Two servers of one worker each (as many workers in all as the one server above), one Redis.
        with redis_server() as (redis_port, _redis):
            env = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
            with (
                gunicorn(database_url, workers=1, settings_module="bench_settings", env=env) as (a, _a),
                gunicorn(database_url, workers=1, settings_module="bench_settings", env=env) as (b, _b),
            ):
                print(f"two servers of one worker each, on 127.0.0.1:{a} and :{b}, one Redis", flush=True)
                measure_all(two_servers(a, b))
    measure_all(
        [("import rows/s ÷ plain ModelResource rows/s", "≥ 20", lambda: import_ratio(options))],
    )
    measure_all(
        [
            (
                "following: a status change 10,000 of 100,000 followers follow, more than an unfollowed one",
                "≤ 20 ms",
                lambda: following_change_cost(None, options),
            ),
            (
                "following: the worker sends the 10,000 digests of one change to a local SMTP server",
                "≥ 200 mails/s",
                lambda: following_send_rate(None, options),
            ),
        ]
    )

    print(f"\n| figure at {count:,} recommendations | target | measured | met |\n|---|---|---|---|")
    for figure, target, ok, measured in table:
        print(f"| {figure} | {target} | {measured} | {'yes' if ok else 'NO'} |")
    return 0 if all(ok for _f, _t, ok, _m in table) else 1


if __name__ == "__main__":
    sys.exit(main())
