"""Reports as row generators, and the one renderer that writes any of them as CSV or XLSX.

A report yields its header row first, then one row per record, narrowed by the queryset it is given
(the public list's ``RecommendationFilter`` applied to it). The renderer streams CSV as UTF-8 with a
byte-order mark, so Excel and LibreOffice open it by double-click with accents intact; the separator
is ``,`` by default and ``;`` on request (``sep=semicolon``), the one a Belgian or French Excel expects.
Dates are ISO (2020-06-01), times ISO in Europe/Brussels. XLSX comes from a write-only workbook that
keeps rows on disk, not in memory. Values that a spreadsheet would run as a formula are neutralised
in :func:`neutralise`, for CSV and XLSX alike. Summary figures come from ``stats`` alone.
"""

import csv
import datetime

from django.db import connection
from django.db.models import CharField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from workgroups.models import Country, Cycle, Theme, Workgroup

from . import stats
from .filters import RecommendationFilter
from .models import BoardDecision, ProgressUpdate, Recommendation, RecommendationWorkgroup

# A spreadsheet runs a cell that starts with one of these as a formula (tab and carriage return
# can hide one); a leading apostrophe makes it plain text. Imports strip it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"comma": ",", "semicolon": ";"}
FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 500
# Rows fetched at a time from the server-side cursor when no prefetching follows.
STREAM_CHUNK_SIZE = 5000
LINES_PER_CHUNK = 500
# Between the names of a recommendation's workgroups; names may hold commas, never this.
WORKGROUP_SEPARATOR = " | "
BOARD_COLUMNS = [f"decision_{board.lower()}" for board in Country.values]


class InvalidFilters(ValueError):
    """The filters do not all make sense; the message says which, in plain words."""


def neutralise(value):
    """Make a text value that a spreadsheet would run as a formula into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def filtered(data, queryset):
    """The recommendations that ``data`` (query parameters) selects, with the filters in use.

    Raises :class:`InvalidFilters` rather than silently ignoring a filter and returning more rows.
    """
    filterset = RecommendationFilter(data, queryset=queryset)
    if not filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        raise InvalidFilters(_("These filters are not valid: %(problems)s") % {"problems": problems})
    return filterset.qs, filterset.active_filters


def file_name(report_name, filters, extension, today=None):
    """``theme-summary_cycle-2019-2020_status-executed_2026-03-01.csv``: report, filters, date."""
    today = today or timezone.localdate()
    parts = [report_name, *(f"{name}-{slugify(value)}" for name, value in filters), today.isoformat()]
    return "_".join(parts) + "." + extension


def workgroup_names(recommendation):
    return WORKGROUP_SEPARATOR.join(group.name for group in recommendation.workgroups.all())


def username(user):
    return user.get_username() if user else ""


# The renderer.


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value)) if isinstance(value, str) else str(value)


class _Echo:
    """A file that hands back what is written, so ``csv.writer`` can feed a stream."""

    def write(self, value):
        return value


def csv_chunks(rows, separator=","):
    """The rows as CSV text, a few hundred lines at a time, starting with the byte-order mark.

    Lines go out in batches: a chunk per line would cost the server a write per row.
    """
    writer = csv.writer(_Echo(), delimiter=separator)
    yield "\ufeff"
    batch = []
    for row in rows:
        batch.append(writer.writerow([_text(value) for value in row]))
        if len(batch) == LINES_PER_CHUNK:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _xlsx_cell(sheet, value):
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, timezone.localtime(value).replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        # Control characters cannot be stored in XLSX; they would abort the whole file.
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", neutralise(value))
    return value


def write_xlsx(rows, target, sheet_title="Report"):
    """Write the rows to ``target`` (a path or a binary file) as a one-sheet XLSX workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(target)


def separator(name):
    """The CSV separator for the ``sep`` parameter: ``comma`` (the default) or ``semicolon``."""
    try:
        return SEPARATORS[name or "comma"]
    except KeyError:
        raise InvalidFilters(_("The separator must be comma or semicolon.")) from None


def write_file(rows, file_format, target, sep=",", sheet_title="Report"):
    """Write the rows to a binary file as CSV or XLSX."""
    if file_format == "xlsx":
        write_xlsx(rows, target, sheet_title)
    else:
        for chunk in csv_chunks(rows, sep):
            target.write(chunk.encode("utf-8"))


# The reports.


class Report:
    """Rows about a queryset of recommendations: ``iter(report)`` gives the header, then the rows."""

    name = ""
    title = ""
    description = ""
    # Templates list the report classes themselves; they must not try to call them.
    do_not_call_in_templates = True

    def __init__(self, recommendations):
        self.recommendations = recommendations

    def header(self):
        raise NotImplementedError

    def rows(self):
        raise NotImplementedError

    def __iter__(self):
        yield self.header()
        yield from self.rows()


class PublicRecommendations(Report):
    """The public list as a file: published recommendations only, nothing internal."""

    name = "recommendations"
    title = _("Recommendations")

    def header(self):
        columns = ["reference", "title", "cycle", "theme", "workgroups", "country", "status", "status_date"]
        return [*columns, *BOARD_COLUMNS]

    def rows(self):
        if connection.vendor == "postgresql":
            # One query whose rows are the file's: no model instances, no prefetching per chunk.
            yield from public_values(self.recommendations).iterator(chunk_size=STREAM_CHUNK_SIZE)
            return
        recommendations = (
            self.recommendations.select_related("cycle", "theme")
            .prefetch_related(Prefetch("workgroups", queryset=Workgroup.objects.only("id", "name")))
            .with_board_decisions()
        )
        for item in recommendations.iterator(chunk_size=CHUNK_SIZE):
            yield [
                item.reference,
                item.title,
                item.cycle.name,
                item.theme.name,
                workgroup_names(item),
                item.country,
                item.status,
                item.status_date,
                *(getattr(item, column) for column in BOARD_COLUMNS),
            ]


def public_values(recommendations):
    """The public file's columns as tuples, all computed by PostgreSQL in one query (server-side cursor)."""
    from django.contrib.postgres.aggregates import StringAgg

    names = (
        RecommendationWorkgroup.objects.filter(recommendation=OuterRef("pk"))
        .order_by()
        .values("recommendation")
        .annotate(names=StringAgg("workgroup__name", WORKGROUP_SEPARATOR, order_by="workgroup__name"))
        .values("names")
    )
    return (
        recommendations.with_board_decisions()
        .annotate(workgroup_names=Coalesce(Subquery(names), Value(""), output_field=CharField()))
        .values_list(
            "reference", "title", "cycle__name", "theme__name", "workgroup_names", "country", "status",
            "status_date", *BOARD_COLUMNS,
        )
    )


def copy_query():
    """SQL and parameters of the full public file, for comparing the export with PostgreSQL's ``COPY``."""
    return public_values(Recommendation.objects.published()).query.sql_with_params()


class RecommendationsReport(Report):
    """Every column the import reads, plus both boards' latest decisions; it imports back unchanged."""

    name = "recommendations"
    title = _("Recommendations")
    description = _(
        "One row per recommendation with the internal fields: published, directorate, follow-up, "
        "both boards' latest decisions and the status date. The file imports back as it is."
    )

    def __init__(self, recommendations):
        super().__init__(recommendations)
        # The resource defines the columns, so that what is exported is exactly what imports read.
        from .resources import RecommendationResource

        self.resource = RecommendationResource()

    def header(self):
        return self.resource.get_export_headers()

    def rows(self):
        for item in self.resource.filter_export(self.recommendations).iterator(chunk_size=CHUNK_SIZE):
            yield self.resource.export_resource(item)


class SummaryReport(Report):
    """Count per status, total and implementation percentage per group, as the public pages show them."""

    field_name = ""
    leading_columns = []

    def objects(self):
        raise NotImplementedError

    def describe(self, obj):
        raise NotImplementedError

    def header(self):
        return [*self.leading_columns, *(status.value for status in stats.STATUSES), "total", "implementation_percent"]

    @staticmethod
    def figure_cells(figures):
        return [*(figures.counts[status] for status in stats.STATUSES), figures.total, figures.implementation]

    def rows(self):
        for obj, figures in stats.figures_by(self.recommendations, self.field_name, self.objects()):
            yield [*self.describe(obj), *self.figure_cells(figures)]
        padding = [""] * (len(self.leading_columns) - 1)
        yield [str(_("All recommendations")), *padding, *self.figure_cells(stats.figures(self.recommendations))]


class ThemeSummary(SummaryReport):
    name = "theme-summary"
    title = _("Summary per theme")
    description = _("Per theme: the number of recommendations per status, the total and the implementation percentage.")
    field_name = "theme"
    leading_columns = ["theme", "theme_slug"]

    def objects(self):
        return Theme.objects.all()

    def describe(self, theme):
        return [theme.name, theme.slug]


class CycleSummary(SummaryReport):
    name = "cycle-summary"
    title = _("Summary per cycle")
    description = _("Per cycle: the number of recommendations per status, the total and the implementation percentage.")
    field_name = "cycle"
    leading_columns = ["cycle", "cycle_slug"]

    def objects(self):
        return Cycle.objects.all()

    def describe(self, cycle):
        return [cycle.name, cycle.slug]


class WorkgroupSummary(SummaryReport):
    name = "workgroup-summary"
    title = _("Summary per workgroup")
    description = _(
        "Per workgroup: the number of recommendations per status, the total and the implementation "
        "percentage. A recommendation from several workgroups counts in each."
    )
    field_name = "workgroups"
    leading_columns = ["workgroup", "workgroup_slug", "cycle", "theme", "office"]

    def objects(self):
        return Workgroup.objects.select_related("cycle", "theme", "office")

    def describe(self, group):
        return [group.name, group.slug, group.cycle.name, group.theme.name, group.office.name if group.office else ""]


class EventLog(Report):
    """One row per event of the selected recommendations, oldest first."""

    model = None
    related = []
    ordering = []
    columns = []

    def events(self):
        return (
            self.model.objects.filter(recommendation__in=self.recommendations.values("pk"))
            .select_related("recommendation", "recorded_by", *self.related)
            .order_by(*self.ordering)
        )

    def header(self):
        return ["reference", "title", *self.columns, "recorded_by", "recorded_at"]

    def event_cells(self, event):
        raise NotImplementedError

    def rows(self):
        for event in self.events().iterator(chunk_size=CHUNK_SIZE):
            recommendation = event.recommendation
            yield [
                recommendation.reference,
                recommendation.title,
                *self.event_cells(event),
                username(event.recorded_by),
                event.recorded_at,
            ]


class DecisionLog(EventLog):
    name = "decision-log"
    title = _("Board decision log")
    description = _("Every decision of the boards of directors, one row per decision, with who recorded it.")
    model = BoardDecision
    ordering = ["meeting_date", "id"]
    columns = ["board", "meeting_date", "decision", "motivation", "reformulated_text"]

    def event_cells(self, decision):
        return [getattr(decision, column) for column in self.columns]


class ProgressLog(EventLog):
    name = "progress-log"
    title = _("Progress history log")
    description = _(
        "Every progress update, one row per status change, with the board decision that caused it "
        "and who recorded it."
    )
    model = ProgressUpdate
    related = ["decision"]
    ordering = ["date", "id"]
    columns = ["date", "status", "note", "caused_by_decision"]

    def event_cells(self, update):
        decision = update.decision
        cause = f"{decision.board} {decision.meeting_date.isoformat()} {decision.decision}" if decision else ""
        return [update.date, update.status, update.note, cause]


REPORTS = {
    report.name: report
    for report in [RecommendationsReport, ThemeSummary, CycleSummary, WorkgroupSummary, DecisionLog, ProgressLog]
}
