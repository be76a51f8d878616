"""The list's pages, in every sort and under every filter alone and with one other, show the rows in the
order the list promises, each row once: the expectation is sorted here, in Python, from the rows' values."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations import services, views
from recommendations.models import Decision, Recommendation, Status
from workgroups.models import Workgroup

from .test_pages import references_on

# The query of a page's keys (see views.ListRows): the keys alone, a page of them.
KEYS = re.compile(r'SELECT (DISTINCT )?"recommendations_recommendation"\."id"( AS "pk")? FROM .* LIMIT \d+')
SORTS = ["", "reference", "-reference", "title", "-title", "status", "-status", "date", "-date"]
# Each sort's column; every sort but the usual one breaks ties by reference, ascending.
COLUMN = {"reference": "reference", "title": "title", "status": "status", "date": "status_date"}
STATUSES = [Status.EXECUTED, Status.ONGOING, Status.NOT_EXECUTED, Status.REJECTED, Status.POSTPONED]


@pytest.fixture
def listed(make_recommendation, process):
    """62 published recommendations of two cycles, two themes, both countries, every status and decision, in
    workgroups of three offices (some in two of the same office), with titles and dates shared by several;
    and one unpublished. Returns their values as the list filters and sorts them: {reference: row}."""
    evening = Workgroup.objects.create(
        cycle=process["new"],
        theme=process["activity"],
        office=process["nantes_group"].office,
        name="Activity (Nantes, evening)",
        slug="activity-nantes-evening",
    )
    groups = [[process["nantes_group"], evening], [process["lyon_group"]], [process["online_group"]]]
    decisions = [None, Decision.ACCEPTED, Decision.REFORMULATED, Decision.REFUSED, Decision.POSTPONED]
    for number in range(1, 64):
        old = number % 4 == 0
        recommendation = make_recommendation(
            reference=f"20{18 if old else 20}-{'FR' if number % 2 else 'BE'}-{number:02d}",
            title=("Crèche " if number % 7 == 1 else "Recommendation ") + f"{number * 7 % 13:02d}",
            cycle=process["old"] if old else process["new"],
            theme=process["gender"] if number % 11 < 4 else process["activity"],
            country="FR" if number % 2 else "BE",
            status=STATUSES[number % 5],
            date=datetime.date(2020, 1 + number % 4, 1 + number % 3),
            workgroups=[process["old_group"]] if old else groups[number % 3],
            published=number != 63,
        )
        if decision := decisions[number // 5 % 5]:
            services.record_decision(
                recommendation,
                board=recommendation.country,
                meeting_date=datetime.date(2020, 7, 1 + number % 5),
                decision=decision,
                reformulated_text="Narrower." if decision == Decision.REFORMULATED else "",
            )
    rows = {}
    for recommendation in (
        Recommendation.objects.published().select_related("cycle").prefetch_related("workgroups__office")
    ):
        groups = list(recommendation.workgroups.all())
        rows[recommendation.reference] = {
            "cycle": recommendation.cycle.slug,
            "start": recommendation.cycle.start_date,
            "theme": recommendation.theme.slug,
            "workgroup": {group.slug for group in groups},
            "office": {group.office.slug for group in groups if group.office},
            "country": recommendation.country,
            "status": recommendation.status,
            "decision": recommendation.latest_decision,
            "reference": recommendation.reference,
            "title": recommendation.title,
            "status_date": recommendation.status_date,
        }
    assert len(rows) == 62
    return rows


# Each filter with a value finding some rows, and whether a row has it.
FILTERS = {
    "cycle": ("2019-2020", lambda row, value: row["cycle"] == value),
    "theme": ("consolidating-my-activity", lambda row, value: row["theme"] == value),
    "workgroup": ("activity-nantes", lambda row, value: value in row["workgroup"]),
    "office": ("nantes", lambda row, value: value in row["office"]),
    "country": ("FR", lambda row, value: row["country"] == value),
    "status": ("ongoing", lambda row, value: row["status"] == value),
    "decision": ("accepted", lambda row, value: row["decision"] == value),
    "q": ("crèche", lambda row, value: value in row["title"].lower()),
}


def expected(rows, filters, sort):
    """The references of the rows ``filters`` keep, in the order of ``sort``."""
    kept = [row for row in rows.values() if all(FILTERS[name][1](row, value) for name, value in filters.items())]
    if not sort:
        kept.sort(key=lambda row: row["reference"])
        kept.sort(key=lambda row: row["start"], reverse=True)
    else:
        kept.sort(key=lambda row: row["reference"])
        if sort.lstrip("-") != "reference":
            kept.sort(key=lambda row: row[COLUMN[sort.lstrip("-")]], reverse=sort.startswith("-"))
        elif sort.startswith("-"):
            kept.reverse()
    return [row["reference"] for row in kept]


def shown(client, filters, sort):
    """The references the list shows, page after page, and the number of rows it says it has."""
    query = {**filters, **({"sort": sort} if sort else {})}
    first = client.get("/recommendations/", query)
    assert first.status_code == 200
    paginator = first.context["page"].paginator
    references = []
    for number in paginator.page_range:
        response = client.get("/recommendations/", {**query, "page": number})
        page = response.context["page"]
        on_page = references_on(response)
        assert len(on_page) == len(page.object_list), (query, number)
        references += on_page
    return references, paginator.count


def combinations():
    """Every filter alone in every sort, and every pair of filters in a sort of their own (all sorts in turn)."""
    for name in FILTERS:
        for sort in SORTS:
            yield {name: FILTERS[name][0]}, sort
    for index, pair in enumerate(itertools.combinations(FILTERS, 2)):
        yield {name: FILTERS[name][0] for name in pair}, SORTS[index % len(SORTS)]
    for sort in SORTS:
        yield {}, sort


def test_every_sort_and_filter_lists_each_row_once_in_its_order(client, listed, monkeypatch):
    # Small pages, so that every list spans several and each page boundary is crossed.
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    for filters, sort in combinations():
        # A search is ranked (best matches first) in the usual order on PostgreSQL: tests/test_search.py.
        if "q" in filters and not sort and connection.vendor == "postgresql":
            continue
        wanted = expected(listed, filters, sort)
        assert len(wanted) > 1, (filters, sort)  # the register has rows for every combination
        references, count = shown(client, filters, sort)
        assert references == wanted, (filters, sort)
        assert count == len(wanted), (filters, sort)


@pytest.mark.parametrize("sort", ["", "status", "-status"])
def test_a_page_across_many_statuses_or_cycles_keeps_the_order(client, listed, monkeypatch, sort):
    # Pages larger than the groups of their order: the first spans every status, or both cycles.
    monkeypatch.setattr(views, "PAGE_SIZE", 30)
    for filters in ({}, {"country": "FR"}):
        references, count = shown(client, filters, sort)
        assert references == expected(listed, filters, sort)
        assert count == len(references)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans of PostgreSQL: run with DATABASE_URL=postgres://..."
)


@postgresql_only
@pytest.mark.parametrize(
    "query, index",
    [
        ({}, "published_by_cycle_idx"),
        ({"country": "FR"}, "published_by_cycle_idx"),
        # The references' own unique index serves their order as well; on a few rows either may be chosen.
        ({"sort": "reference"}, "(published_by_reference_idx|recommendations_recommendation_reference_key)"),
        (
            {"sort": "-reference", "country": "FR"},
            "(published_by_reference_idx|recommendations_recommendation_reference_key)",
        ),
        ({"sort": "title"}, "published_by_title_idx"),
        ({"sort": "-title", "status": "not_executed"}, "published_by_title_idx"),
        ({"sort": "status"}, "published_by_status_idx"),
        ({"sort": "-status", "country": "BE"}, "published_by_status_idx"),
        ({"sort": "date"}, "published_by_date_idx"),
        ({"sort": "-date", "country": "BE"}, "published_by_date_idx"),
    ],
)
def test_the_keys_of_a_page_can_be_read_from_the_index_of_its_order(
    client, make_recommendation, monkeypatch, query, index
):
    # A list past KEPT_KEYS reads each page's keys by its order's index; a smaller one keeps them all.
    monkeypatch.setattr(views, "KEPT_KEYS", 0)
    for number in range(1, 4):
        make_recommendation(country="FR" if number % 2 else "BE")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/recommendations/", {**query, "page": 1}).status_code == 200
    keys = [sql for sql in (entry["sql"] for entry in queries) if KEYS.match(sql)]
    assert keys, "the page read no keys"
    with connection.cursor() as cursor:
        # A few rows are read faster without it: forbid the other ways, to see whether the index can be used.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for sql in keys:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert re.search(rf"Index (Only )?Scan (Backward )?using {index}\b", plan), plan
