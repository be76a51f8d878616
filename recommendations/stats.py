"""Every figure the product shows, computed in the database; pages and reports render what it returns.

The implementation percentage of a set is executed ÷ all (rejected and postponed included); whole
percentages side by side add up to exactly 100, and an empty set has none (shown as "—").

A ``Selection`` narrowed by cycle, theme, country and status alone is answered from the counts the
database keeps (``kept``): sums over a small table. Any other set is counted from its rows; both agree.

Every figure can be asked ``as_of`` a day: the figures as they stood at the end of that day, from the
progress history. A recommendation counts from its first progress update on, with the status of its
newest update up to that day.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum, Value, When, Window
from django.db.models.functions import Lead, RowNumber

from workgroups.models import Country

from .models import NEWEST_UPDATE_FIRST, DayCount, Decision, ProgressUpdate, Status, StatusCount, YearCount, YearTotal

STATUSES = list(Status)
# The filters the kept counts answer, and the breakdowns they give.
KEPT_FILTERS = frozenset({"cycle", "theme", "country", "status"})
KEPT_BREAKDOWNS = frozenset({"cycle", "theme"})


def largest_remainder(counts):
    """Whole percentages of ``counts`` (a dict) that add up to exactly 100; ``None`` for an empty set."""
    total = sum(counts.values())
    if not total:
        return dict.fromkeys(counts)
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

    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def executed(self):
        return self.counts[Status.EXECUTED]

    @functools.cached_property
    def percents(self):
        # Read for every share, bar and percentage a page shows of the set: worked out once.
        return largest_remainder(self.counts)

    @property
    def implementation(self):
        """The implementation percentage, or ``None`` for an empty set."""
        return self.percents[Status.EXECUTED]

    @property
    def shares(self):
        percents = self.percents
        return [Share(status, self.counts[status], percents[status]) for status in STATUSES]


class Selection:
    """A set of published recommendations and the filters that narrowed it to them.

    ``recommendations`` is the set as a queryset; ``filters`` names each filter in use by the field it
    compares (``cycle``, ``theme``, ``country``, ``status``, or any other, such as ``workgroups``) with its
    value, a model instance or a plain value. Filters that are not in use (``None`` or "") are left out.
    """

    def __init__(self, recommendations, **filters):
        self.recommendations = recommendations
        self.lookups = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in (None, "")}

    @property
    def kept(self):
        """Whether the kept counts answer this set: narrowed by their columns alone."""
        return self.lookups.keys() <= KEPT_FILTERS

    def __repr__(self):
        return f"Selection({self.lookups})"


def rows_of(recommendations):
    """The queryset of ``recommendations``, a ``Selection`` or a queryset."""
    return recommendations.recommendations if isinstance(recommendations, Selection) else recommendations


def _kept(recommendations, *, without=frozenset()):
    """The lookups of the kept counts for ``recommendations``, or ``None`` when the rows must be counted."""
    if isinstance(recommendations, Selection) and recommendations.kept and not recommendations.lookups.keys() & without:
        return recommendations.lookups
    return None


def _figures_from_counts(rows):
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in rows:
        counts[Status(status)] += count
    return Figures(counts)


def _count_columns(prefix=""):
    return {
        status.value: Count("pk", filter=Q(**{f"{prefix}status": status}), distinct=bool(prefix)) for status in STATUSES
    }


def _figures_from_row(row):
    return Figures({status: row[status.value] or 0 for status in STATUSES})


def _kept_day(selection, day):
    """The kept counts of ``selection`` (a ``Selection`` they answer) as they stood at the end of ``day``:
    [(cycle, theme, status, started, ended, of the day's year)], the spans of the years before its year
    and those of its year up to it, in one query. Read once per ``Selection`` and day: the summary, the
    breakdowns and the last figures over the years of a page all come from them."""
    read = selection.__dict__.setdefault("_kept_days", {})
    if day not in read:
        lookups = {name: value for name, value in selection.lookups.items() if name != "status"}

        def spans(counts, this_year):
            counted = counts.filter(**lookups).values("cycle", "theme", "status")
            counted = counted.annotate(started=Sum("started"), ended=Sum("ended"), this_year=Value(this_year))
            return counted.order_by().values_list("cycle", "theme", "status", "started", "ended", "this_year")

        before = spans(YearCount.objects.filter(year__lt=day.year), this_year=False)
        this_year = spans(DayCount.objects.filter(day__gte=datetime.date(day.year, 1, 1), day__lte=day), True)
        read[day] = list(before.union(this_year, all=True))
    return read[day]


def _kept_as_of(selection, day, field_name=None):
    """(value of ``field_name``, status, count) rows, or (status, count) rows without it, of the kept counts
    as they stood at the end of ``day``; a value may come in several rows, to be added up."""
    position = {"cycle": 0, "theme": 1, None: None}[field_name]
    for row in _kept_day(selection, day):
        count = row[3] - row[4]
        yield (row[2], count) if position is None else (row[position], row[2], count)


def _statuses_then(recommendations, day):
    """The rows of ``recommendations`` with ``status_then``, the status of their newest progress update
    up to the end of ``day`` (``None`` before their first)."""
    newest = ProgressUpdate.objects.filter(recommendation=OuterRef("pk"), date__lte=day).order_by(*NEWEST_UPDATE_FIRST)
    return rows_of(recommendations).order_by().annotate(status_then=Subquery(newest.values("status")[:1]))


def _counted_then(recommendations, day, field_name=None):
    """(value of ``field_name``, status, count) rows, or (status, count) rows without it, of the statuses of
    ``recommendations`` at the end of ``day``, counted from their rows: each one's status then is read once,
    by index, and grouped on."""
    group = [field_name] if field_name else []
    counted = _statuses_then(recommendations, day).values(*group, "status_then").annotate(count=Count("pk"))
    # Those without an update by then have no status: left out here, not in SQL, where a filter on it would
    # read their newest update a second time.
    return [row for row in counted.values_list(*group, "status_then", "count") if row[-2] is not None]


def figures(recommendations, as_of=None):
    """Figures of a queryset or ``Selection`` of recommendations, in one query; ``as_of`` a day, as they
    stood at its end."""
    if as_of is not None:
        lookups = _kept(recommendations, without={"status"})
        if lookups is not None:
            return _figures_from_counts(_kept_as_of(recommendations, as_of))
        return _figures_from_counts(_counted_then(recommendations, as_of))
    if _kept(recommendations) is not None:
        return kept_breakdowns(recommendations)[None]
    return _figures_from_row(rows_of(recommendations).order_by().aggregate(**_count_columns()))


def counts_by(recommendations, field_name, as_of=None):
    """Figures per value of ``field_name`` (such as ``"theme"``): a dict from that value to its figures,
    for the values that have recommendations (``as_of`` a day: that had them at its end)."""
    if as_of is not None:
        lookups = _kept(recommendations, without={"status"})
        if lookups is not None and field_name in KEPT_BREAKDOWNS:
            return _by_key(_kept_as_of(recommendations, as_of, field_name))
        return _by_key(_counted_then(recommendations, as_of, field_name))
    if _kept(recommendations) is not None and field_name in KEPT_BREAKDOWNS:
        return kept_breakdowns(recommendations)[field_name]
    rows = rows_of(recommendations).order_by().values(field_name).annotate(**_count_columns())
    return {row[field_name]: _figures_from_row(row) for row in rows}


def kept_breakdowns(selection):
    """Today's figures of ``selection`` (a ``Selection`` the kept counts answer), whole and per value of each
    of ``KEPT_BREAKDOWNS``, in one query: {None: Figures, "cycle": {cycle: Figures}, "theme": {...}}.

    A page shows its figures and its breakdowns together: on PostgreSQL one pass over the counts groups them
    all (``GROUPING SETS``), where a query each read the same rows three times after every change.
    """
    counts = StatusCount.objects.filter(**selection.lookups).values("cycle_id", "theme_id", "status", "recommendations")
    sql, params = counts.order_by().query.sql_with_params()
    if connection.vendor == "postgresql":
        grouped = (
            "SELECT GROUPING(cycle_id), GROUPING(theme_id), cycle_id, theme_id, status, SUM(recommendations) "
            f"FROM ({sql}) k GROUP BY GROUPING SETS ((status), (cycle_id, status), (theme_id, status))"
        )
    else:
        # SQLite has no grouping sets: a query each, in one statement, grouped by a constant for the others.
        sets = (("NULL", "NULL"), ("cycle_id", "NULL"), ("NULL", "theme_id"))
        grouped = " UNION ALL ".join(
            f"SELECT {int(cycle == 'NULL')}, {int(theme == 'NULL')}, {cycle}, {theme}, status, SUM(recommendations) "
            f"FROM ({sql}) k GROUP BY {cycle}, {theme}, status"
            for cycle, theme in sets
        )
        params = params * len(sets)
    rows = {None: [], "cycle": [], "theme": []}
    with connection.cursor() as cursor:
        cursor.execute(grouped, params)
        for no_cycle, no_theme, cycle, theme, status, count in cursor.fetchall():
            if no_cycle and no_theme:
                rows[None].append((status, count))
            elif no_theme:
                rows["cycle"].append((cycle, status, count))
            else:
                rows["theme"].append((theme, status, count))
    return {None: _figures_from_counts(rows[None]), "cycle": _by_key(rows["cycle"]), "theme": _by_key(rows["theme"])}


def _by_key(kept):
    """Figures per key of (key, status, count) rows of kept counts, for the keys with recommendations."""
    rows = {}
    for key, status, count in kept:
        rows.setdefault(key, []).append((status, count))
    found = {key: _figures_from_counts(counts) for key, counts in rows.items()}
    return {key: figures for key, figures in found.items() if figures.total}


def figures_by(recommendations, field_name, objects, by_key=None, as_of=None):
    """Figures per value of ``field_name`` (such as ``"theme"``), in one query.

    ``objects`` is the queryset of the grouping model; every object of it gets a row, those without
    recommendations with empty figures, so a page can list them all in their own order. ``by_key``
    gives the counts when they were computed already (by ``counts_by``).
    """
    by_key = counts_by(recommendations, field_name, as_of) if by_key is None else by_key
    return [(obj, by_key.get(obj.pk, Figures())) for obj in objects]


def implementation_over_time(recommendations, dates):
    """The figures as they stood at the end of each of ``dates``, from the progress history.

    A recommendation counts from its first progress update on, with the status of its newest update
    up to that day. Each update is its recommendation's status over a span of the (sorted) dates: from
    the first date on or after it to the last one before the next update. The database counts the
    updates per (status, first date, end of span), a few hundred groups at most; one query whatever
    the number of dates, and one pass over the history instead of a subquery per date and row.
    """
    if not dates:
        return []
    recommendations = rows_of(recommendations)
    dates = sorted(dates)
    position = Case(
        *(When(date__lte=day, then=Value(index)) for index, day in enumerate(dates)),
        default=Value(len(dates)),
        output_field=IntegerField(),
    )
    spans = (
        ProgressUpdate.objects.filter(recommendation__in=recommendations.order_by().values("pk"))
        .order_by()
        .annotate(
            span_start=position,
            span_end=Window(
                Lead(position, default=Value(len(dates))),
                partition_by=F("recommendation_id"),
                order_by=[F("date").asc(), F("id").asc()],
            ),
        )
        .values_list("status", "span_start", "span_end")
    )
    sql, params = spans.query.sql_with_params()
    counts = [dict.fromkeys(STATUSES, 0) for _ in dates]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, span_start, span_end, COUNT(*) FROM ({sql}) spans GROUP BY status, span_start, span_end",
            params,
        )
        for status, start, end, count in cursor.fetchall():
            for index in range(start, end):
                counts[index][Status(status)] += count
    return [(day, Figures(counts[index])) for index, day in enumerate(dates)]


def history_years(recommendations, until=None):
    """The first and last year of the progress history of ``recommendations`` (up to the day ``until``), or
    ``None`` without one."""
    recommendations = rows_of(recommendations)
    updates = ProgressUpdate.objects.filter(recommendation__in=recommendations.order_by().values("pk"))
    if until is not None:
        updates = updates.filter(date__lte=until)
    span = updates.aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return None
    return span["first"].year, span["last"].year


def yearly_implementation(recommendations, as_of=None):
    """The figures at the end of every year of the progress history, in two queries (one when kept); ``as_of``
    a day, those of the years before it and, last, its own, from the first year with an update by then.

    The kept counts cannot answer a set narrowed by status: that is today's status, the history's are
    those of their day.
    """
    lookups = _kept(recommendations, without={"status"})
    if lookups is not None:
        return _kept_yearly(lookups, as_of and _kept_day(recommendations, as_of), as_of)
    years = history_years(recommendations, as_of)
    if years is None:
        return []
    first, last = years
    days = year_ends(first, last) if as_of is None else [*year_ends(first, as_of.year - 1), as_of]
    return implementation_over_time(recommendations, days)


def year_ends(first_year, last_year):
    return [datetime.date(year, 12, 31) for year in range(first_year, last_year + 1)]


def _kept_yearly(lookups, day_counts=None, until=None):
    """The figures at the end of every year from the kept counts: running sums of spans started less ended;
    ``until`` a day, those of the years before it, then its own, the days of its year up to it added (from
    ``day_counts``, read by ``_kept_day``). Every place's are the years' totals, a few hundred rows."""
    kept = YearCount.objects.filter(**lookups) if lookups else YearTotal.objects.all()
    if until is not None:
        kept = kept.filter(year__lt=until.year)
    kept = kept.values("year", "status").annotate(started=Sum("started"), ended=Sum("ended"))
    by_year = {}
    for year, status, started, ended in kept.values_list("year", "status", "started", "ended"):
        by_year.setdefault(year, []).append((status, started, ended))
    if until is not None:
        by_year[until.year] = [row[2:5] for row in day_counts if row[5]]
    years = [year for year, rows in by_year.items() if any(started for _status, started, _ended in rows)]
    if not years:
        return []
    running = dict.fromkeys(STATUSES, 0)
    found = []
    days = year_ends(min(years), max(years)) if until is None else [*year_ends(min(years), until.year - 1), until]
    for day in days:
        for status, started, ended in by_year.get(day.year, ()):
            running[Status(status)] += started - ended
        found.append((day, Figures(dict(running))))
    return found


# The boards' figures: what each board's newest decision is, per cycle and theme.

DECISIONS = list(Decision)
BOARDS = list(Country)


def board_decision_rows(recommendations):
    """[(cycle, theme, the Belgian board's newest decision, the French board's, recommendations)] of those of
    ``recommendations`` (a ``Selection`` or a queryset) that either board decided on; "" where one did not.

    Counted from the recommendations' own columns, which the list's ``board`` and ``decision`` filters
    compare: the figures and the list agree.
    """
    decided = rows_of(recommendations).exclude(decision_be="", decision_fr="")
    counted = decided.order_by().values("cycle", "theme", "decision_be", "decision_fr").annotate(rows=Count("pk"))
    return list(counted.values_list("cycle", "theme", "decision_be", "decision_fr", "rows"))


@dataclass(frozen=True)
class BoardCounts:
    """One board's newest decisions on a set of recommendations: how many of each, in the decisions' order."""

    numbers: tuple = (0,) * len(DECISIONS)

    @property
    def total(self):
        return sum(self.numbers)

    @property
    def in_order(self):
        """(decision, count) in the decisions' order."""
        return list(zip(DECISIONS, self.numbers, strict=True))


class BoardFigures:
    """The boards' decisions on a set of recommendations (the rows of ``board_decision_rows``): per board,
    per cycle, per theme (and, with ``places``, per cycle and theme), how many each board accepted,
    reformulated, postponed and refused (its newest decision), and how many both decided on, not alike.

    Plain counts, gathered once and kept in the figure cache whole: a page reads them several ways.
    """

    def __init__(self, rows, *, places=False):
        position = {decision.value: index for index, decision in enumerate(DECISIONS)}
        grouped = {name: {board: {} for board in BOARDS} for name in ("cycle", "theme", "place", "all")}
        self.differing_by_place = {}
        for cycle, theme, belgium, france, count in rows:
            for board, decision in ((Country.BELGIUM, belgium), (Country.FRANCE, france)):
                if not decision:
                    continue
                at = position[decision]
                for name, key in (("cycle", cycle), ("theme", theme), ("place", (cycle, theme)), ("all", None)):
                    numbers = grouped[name][board].setdefault(key, [0] * len(DECISIONS))
                    numbers[at] += count
            if belgium and france and belgium != france:
                self.differing_by_place[(cycle, theme)] = self.differing_by_place.get((cycle, theme), 0) + count
        self.grouped = grouped if places else {name: grouped[name] for name in ("cycle", "theme", "all")}
        if not places:
            self.differing_by_place = {None: sum(self.differing_by_place.values())}

    def total(self, board):
        return BoardCounts(tuple(self.grouped["all"][board].get(None, (0,) * len(DECISIONS))))

    def by(self, board, field_name, objects):
        """[(object, BoardCounts)] of ``objects`` (cycles or themes, in their order) that ``board`` decided on."""
        counted = self.grouped[field_name][board]
        return [(obj, BoardCounts(tuple(counted[obj.pk]))) for obj in objects if obj.pk in counted]

    def by_place(self, board):
        """{(cycle, theme): BoardCounts} of ``board`` (when made with ``places``)."""
        return {place: BoardCounts(tuple(numbers)) for place, numbers in self.grouped["place"][board].items()}

    @property
    def differing(self):
        return sum(self.differing_by_place.values())


def changed_since(recommendations, day):
    """The rows of ``recommendations`` whose status today is not the one they had at the end of ``day``,
    with ``status_then`` (``None`` for those without an update by then: recorded since).

    Only those whose current status is dated after ``day`` can differ, since that date is their newest
    update's: they are read by the index on it, each one's status then by the index of its history.
    """
    later = rows_of(recommendations).filter(status_date__gt=day)
    return _statuses_then(later, day).filter(Q(status_then__isnull=True) | ~Q(status_then=F("status")))


def changes_by(recommendations, field_name, day, first=10):
    """The changes of status since the end of ``day`` per value of ``field_name`` (such as ``"theme"``), in
    one query: {value: (number of changed recommendations, [(reference, status then, status now)] of the
    first ``first`` by reference)}."""
    ranked = changed_since(recommendations, day).annotate(
        rank=Window(RowNumber(), partition_by=F(field_name), order_by=F("reference").asc()),
        changed=Window(Count("pk"), partition_by=F(field_name)),
    )
    rows = ranked.filter(rank__lte=first).order_by(field_name, "reference")
    found = {}
    for key, changed, reference, then, now in rows.values_list(
        field_name, "changed", "reference", "status_then", "status"
    ):
        found.setdefault(key, (changed, []))[1].append((reference, then and Status(then), Status(now)))
    return found


def changed_counts_by(recommendations, field_name, day):
    """The number of recommendations whose status changed since the end of ``day``, per value of
    ``field_name``, for the values with any."""
    counted = changed_since(recommendations, day).values(field_name).annotate(changed=Count("pk"))
    return dict(counted.values_list(field_name, "changed"))
