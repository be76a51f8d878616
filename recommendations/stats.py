"""Every figure the product shows, computed in the database.

Implementation percentage of a set of recommendations = executed ÷ all recommendations in the set
(rejected and postponed included). Percentages shown side by side are whole numbers that add up to
exactly 100 (largest-remainder rounding); an empty set has no percentage (shown as "—").
Pages, CSV and spreadsheet reports all render what this module returns, so no two can disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery

from .models import ProgressUpdate, Recommendation, Status

STATUSES = list(Status)


def largest_remainder(counts):
    """Whole percentages of ``counts`` (a dict) that add up to exactly 100; ``None`` for an empty set."""
    total = sum(counts.values())
    if not total:
        return {key: None for key in counts}
    exact = {key: count * 100 / total for key, count in counts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    short = 100 - sum(floors.values())
    # Ties go to the larger count, then to the order given (the status order), so results are stable.
    order = sorted(counts, key=lambda key: (-(exact[key] - floors[key]), -counts[key], list(counts).index(key)))
    for key in order[:short]:
        floors[key] += 1
    return floors


@dataclass(frozen=True)
class Share:
    status: Status
    count: int
    percent: int | None

    @property
    def label(self):
        return self.status.label


@dataclass(frozen=True)
class Figures:
    """The counts of one set of recommendations, per status, and the percentages that follow."""

    counts: dict = field(default_factory=lambda: {status: 0 for status in STATUSES})

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def executed(self):
        return self.counts[Status.EXECUTED]

    @property
    def percents(self):
        return largest_remainder(self.counts)

    @property
    def implementation(self):
        """The implementation percentage, or ``None`` for an empty set."""
        return self.percents[Status.EXECUTED]

    @property
    def shares(self):
        percents = self.percents
        return [Share(status, self.counts[status], percents[status]) for status in STATUSES]


def _count_columns(prefix=""):
    return {status.value: Count("pk", filter=Q(**{f"{prefix}status": status}), distinct=bool(prefix)) for status in STATUSES}


def _figures_from_row(row):
    return Figures({status: row[status.value] or 0 for status in STATUSES})


def figures(recommendations):
    """Figures of a queryset of recommendations, in one query."""
    return _figures_from_row(recommendations.order_by().aggregate(**_count_columns()))


def figures_by(recommendations, field_name, objects):
    """Figures per value of ``field_name`` (such as ``"theme"``), in one query.

    ``objects`` is the queryset of the grouping model; every object of it gets a row, those without
    recommendations with empty figures, so a page can list them all in their own order.
    """
    rows = recommendations.order_by().values(field_name).annotate(**_count_columns())
    by_key = {row[field_name]: _figures_from_row(row) for row in rows}
    return [(obj, by_key.get(obj.pk, Figures())) for obj in objects]


def implementation_over_time(recommendations, dates):
    """The figures as they stood at the end of each of ``dates``, from the progress history.

    A recommendation counts from its first progress update on, with the status of its newest update
    up to that day. One query whatever the number of dates: each date is a subquery column.
    """
    if not dates:
        return []
    columns = {f"status_{index}": _status_on(day) for index, day in enumerate(dates)}
    row = (
        recommendations.order_by()
        .annotate(**columns)
        .aggregate(
            **{
                f"{status.value}_{index}": Count("pk", filter=Q(**{f"status_{index}": status}))
                for index in range(len(dates))
                for status in STATUSES
            }
        )
    )
    return [
        (day, Figures({status: row[f"{status.value}_{index}"] or 0 for status in STATUSES}))
        for index, day in enumerate(dates)
    ]


def _status_on(day):
    """The status a recommendation had at the end of ``day``: that of its newest update until then."""
    return Subquery(
        ProgressUpdate.objects.filter(recommendation=OuterRef("pk"), date__lte=day)
        .order_by("-date", "-id")
        .values("status")[:1]
    )


def history_years(recommendations):
    """The first and last year of the progress history of ``recommendations``, or ``None`` without one."""
    span = ProgressUpdate.objects.filter(recommendation__in=recommendations.order_by().values("pk")).aggregate(
        first=Min("date"), last=Max("date")
    )
    if span["first"] is None:
        return None
    return span["first"].year, span["last"].year


def yearly_implementation(recommendations):
    """The figures at the end of every year of the progress history, in two queries."""
    years = history_years(recommendations)
    if years is None:
        return []
    return implementation_over_time(recommendations, year_ends(*years))


def year_ends(first_year, last_year):
    return [datetime.date(year, 12, 31) for year in range(first_year, last_year + 1)]
