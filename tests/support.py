"""Helpers the tests share: a PostgreSQL-only mark, threads that start together, admin forms as posted,
a register full of hostile text, the statuses that the progress history calls for, and a query counter."""

import datetime
import threading
from collections import Counter
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from recommendations.reports.reports import REPORTS

# Tests marked django_db(transaction=True) run after the others and empty the database, roles included:
# a test that reaches the personas through request.getfixturevalue must ask for ``db`` by name.
requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and concurrent connections: run with DATABASE_URL=postgres://...",
)


def queries_of(work, *args, **kwargs):
    """The number of queries that ``work(*args, **kwargs)`` runs, and what it returns.

    Tests that the cost of a page does not grow with the data compare it at a few rows and at many.
    """
    with CaptureQueriesContext(connection) as captured:
        result = work(*args, **kwargs)
    return len(captured), result


def queries_of_page(client, url):
    """The number of queries that asking for ``url`` runs; the page must answer 200."""
    count, response = queries_of(client.get, url)
    assert response.status_code == 200, url
    return count


def run_together(count, work):
    """Run ``work(index)`` in ``count`` threads released at the same moment, each on its own connection."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def statuses_from_history():
    """{reference: (status, status date)} as the progress history calls for: those of the newest update,
    by date and then by recording order (the larger key). The expectation is worked out here, in Python,
    without the services or their ordering; a recommendation without updates is left out."""
    from recommendations.models import ProgressUpdate

    newest = {}
    for reference, key, day, status in ProgressUpdate.objects.values_list(
        "recommendation__reference", "pk", "date", "status"
    ):
        if reference not in newest or (day, key) > newest[reference][:2]:
            newest[reference] = (day, key, status)
    return {reference: (status, day) for reference, (day, _key, status) in newest.items()}


def recorded_statuses():
    """{reference: (status, status date)} as the register holds them."""
    from recommendations.models import Recommendation

    rows = Recommendation.objects.values_list("reference", "status", "status_date")
    return {reference: (status, day) for reference, status, day in rows}


def _posted(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return "" if value is None else value


def _form_fields(form, data):
    for bound in form:
        value = bound.value()
        if bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [_posted(item) for item in value]
        else:
            data[bound.html_name] = _posted(value)


def admin_form_data(response):
    """What a browser would post back unchanged from an admin add or change page."""
    context = response.context
    data = {}
    _form_fields(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _form_fields(formset.management_form, data)
        for form in formset.forms:
            _form_fields(form, data)
    return data


# Script, quotes, an ampersand, right-to-left override, combining accents and Arabic: what hostile or
# merely unusual text looks like. Text fields get 100 kB more; names are cut to their field's length.
HOSTILE = (
    "<script>alert('sip')</script>\"'><img src=x onerror=alert(2)> & "
    "\u202eevil\u202c e\u0301\u0302 \u0645\u0631\u062d\u0628\u0627"
)
LONG = HOSTILE + "\n" + "x" * 100_000


def hostile(name, length=None):
    """The hostile text with a marker telling the fields apart, cut to ``length``."""
    value = f"{name}:{HOSTILE}" if length else f"{name}:{LONG}"
    return value[:length] if length else value


def make_hostile_register(user=None):
    """A register in which every text field shown or exported holds hostile text; returns the records."""
    from recommendations import services
    from recommendations.models import Decision, Recommendation, Status
    from workgroups.models import Cycle, Office, Theme, Workgroup

    office = Office.objects.create(name=hostile("office", 100), slug="hostile-office", country="BE")
    cycle = Cycle.objects.create(
        name=hostile("cycle", 50),
        slug="hostile-cycle",
        edition=42,
        description=hostile("cycle description"),
        start_date=datetime.date(2019, 10, 1),
        end_date=datetime.date(2020, 5, 31),
    )
    theme = Theme.objects.create(
        name=hostile("theme", 200), slug="hostile-theme", description=hostile("theme description")
    )
    workgroup = Workgroup.objects.create(
        cycle=cycle,
        theme=theme,
        office=office,
        name=hostile("workgroup", 200),
        slug="hostile-workgroup",
        moderator=hostile("moderator", 200),
        description=hostile("workgroup description"),
    )
    recommendation = services.create_recommendation(
        Recommendation(
            reference="2020-BE-13",
            title=hostile("title", 300),
            text=hostile("text"),
            context=hostile("context"),
            directorate=hostile("directorate", 200),
            cycle=cycle,
            theme=theme,
            country="BE",
        ),
        status=Status.ONGOING,
        date=datetime.date(2020, 6, 1),
        workgroups=[workgroup],
        user=user,
        # A leading "=" is neutralised in the exports, the one documented change.
        note="=" + hostile("first note"),
    )
    decision = services.record_decision(
        recommendation,
        user=user,
        board="BE",
        meeting_date=datetime.date(2020, 6, 20),
        decision=Decision.REFORMULATED,
        motivation=hostile("motivation"),
        reformulated_text=hostile("reformulated"),
    )
    services.record_progress(
        recommendation, status=Status.EXECUTED, date=datetime.date(2020, 9, 1), note=hostile("note"), user=user
    )
    recommendation.refresh_from_db()
    return {
        "office": office,
        "cycle": cycle,
        "theme": theme,
        "workgroup": workgroup,
        "recommendation": recommendation,
        "decision": decision,
    }


# Every admin list of the register and the process, as "app/model".
ADMIN_LISTS = [
    "workgroups/office",
    "workgroups/cycle",
    "workgroups/theme",
    "workgroups/workgroup",
    "recommendations/recommendation",
    "recommendations/boarddecision",
    "recommendations/progressupdate",
]


# Every kind of public page, each holding the one executed recommendation of the ``shown`` fixture.
PUBLIC_PAGES = [
    "/",
    "/?cycle=2019-2020",
    "/recommendations/",
    "/recommendations/?status=executed&page=1",
    "/recommendations/2020-BE-01/",
    "/themes/consolidating-my-activity/",
    "/cycles/2019-2020/",
    "/workgroups/activity-nantes/",
]


class History:
    """The published recommendations and their progress updates, read once, to count the figures as they stood
    at the end of any day here, in Python, without ``stats`` or the kept counts."""

    def __init__(self):
        from recommendations.models import ProgressUpdate, Recommendation

        published = Recommendation.objects.filter(published=True)
        self.places = {
            pk: {"cycle_id": cycle, "theme_id": theme, "country": country}
            for pk, cycle, theme, country in published.values_list("pk", "cycle_id", "theme_id", "country")
        }
        rows = ProgressUpdate.objects.values_list("recommendation_id", "date", "pk", "status")
        # By date, then recording order: the newest of a recommendation up to a day comes last.
        self.updates = sorted((date, pk, recommendation, status) for recommendation, date, pk, status in rows)

    def statuses(self, day, **place):
        """{recommendation: its status at the end of ``day``} of those of ``place`` with an update by then."""
        found = {}
        for date, _pk, recommendation, status in self.updates:
            if date > day:
                break
            where = self.places.get(recommendation)
            if where is not None and all(where[name] == value for name, value in place.items()):
                found[recommendation] = status
        return found

    def counts(self, day, **place):
        """{status: count} at the end of ``day``, every status named."""
        from recommendations.models import Status

        counted = Counter(self.statuses(day, **place).values())
        return {status: counted[status.value] for status in Status}

    def counts_by(self, day, field, **place):
        """{value of ``field`` (``cycle_id``, ``theme_id``): {status: count}} at the end of ``day``, for the
        values with recommendations then."""
        from recommendations.models import Status

        grouped = {}
        for recommendation, status in self.statuses(day, **place).items():
            grouped.setdefault(self.places[recommendation][field], Counter())[status] += 1
        return {key: {status: counted[status.value] for status in Status} for key, counted in grouped.items()}

    def year_ends(self, day, **place):
        """[(day, {status: count})]: the end of every year from the first with an update of ``place`` by ``day``,
        then ``day`` itself; empty before any."""
        first = next(
            (
                date
                for date, _pk, recommendation, _status in self.updates
                if date <= day
                and recommendation in self.places
                and all(self.places[recommendation][name] == value for name, value in place.items())
            ),
            None,
        )
        if first is None:
            return []
        ends = [datetime.date(year, 12, 31) for year in range(first.year, day.year)] + [day]
        return [(end, self.counts(end, **place)) for end in ends]


def report_query(name, **filters):
    """The query of a file of report ``name`` with ``filters``; a report about one of several things (the
    ``stocktaking`` report, about an edition) gets its first choice, which the ``edition`` fixture provides."""
    report = REPORTS[name]
    if report.chooses is None:
        return filters
    value, _label = report.choices()[0]
    return {**filters, report.chooses: value}


def restore(backup):
    """Restore a backup, as ``manage.py restore`` does, into the test's database."""
    # A test that emptied the database and rolled back leaves content types cached that no longer exist;
    # the backup names permissions through them.
    ContentType.objects.clear_cache()
    call_command("restore", str(backup), stdout=StringIO())
