"""The reports: each yields its header row, then one row per record of the recommendations it is given.

Figures come from ``stats`` alone; ``spreadsheets`` writes the rows as CSV or XLSX.
"""

from django.utils.translation import gettext_lazy as _

from workgroups.models import Country, Cycle, Theme, Workgroup

from .. import stats
from ..models import BoardDecision, ProgressUpdate, RecommendationWorkgroup
from ..spreadsheets import WORKGROUP_SEPARATOR
from ..stocktaking.resource import RecommendationResource

# Rows read at a time: one query for the workgroup names of each batch.
CHUNK_SIZE = 2000
BOARD_COLUMNS = [f"decision_{board.lower()}" for board in Country.values]


def username(user):
    return user.get_username() if user else ""


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
    columns = ["reference", "title", "cycle__name", "theme__name", "country", "status", "status_date", *BOARD_COLUMNS]

    def header(self):
        names = ["reference", "title", "cycle", "theme", "workgroups", "country", "status", "status_date"]
        return [*names, *BOARD_COLUMNS]

    def rows(self):
        # Plain tuples from one query, and the workgroup names of each batch in one more: no model instances.
        values = self.recommendations.with_board_decisions().values_list("pk", *self.columns)
        batch = []
        for row in values.iterator(chunk_size=CHUNK_SIZE):
            batch.append(row)
            if len(batch) == CHUNK_SIZE:
                yield from self._with_workgroups(batch)
                batch = []
        yield from self._with_workgroups(batch)

    @staticmethod
    def _with_workgroups(batch):
        names = {row[0]: [] for row in batch}
        links = RecommendationWorkgroup.objects.filter(recommendation_id__in=names).order_by("workgroup__name")
        for key, name in links.values_list("recommendation_id", "workgroup__name"):
            names[key].append(name)
        for key, reference, title, cycle, theme, *rest in batch:
            yield [reference, title, cycle, theme, WORKGROUP_SEPARATOR.join(names[key]), *rest]


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
        self.resource = RecommendationResource()

    def header(self):
        return self.resource.get_export_headers()

    def rows(self):
        for item in self.resource.filter_export(self.recommendations).iterator(chunk_size=CHUNK_SIZE):
            yield self.resource.export_resource(item)


class SummaryReport(Report):
    """Count per status, total and implementation percentage per group, as the public pages show them.

    The groups are the records of ``model``, described by their name and slug unless ``describe`` says more.
    """

    model = None
    field_name = ""
    leading_columns = []

    def objects(self):
        return self.model.objects.all()

    def describe(self, obj):
        return [obj.name, obj.slug]

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
    model = Theme
    field_name = "theme"
    leading_columns = ["theme", "theme_slug"]


class CycleSummary(SummaryReport):
    name = "cycle-summary"
    title = _("Summary per cycle")
    description = _("Per cycle: the number of recommendations per status, the total and the implementation percentage.")
    model = Cycle
    field_name = "cycle"
    leading_columns = ["cycle", "cycle_slug"]


class WorkgroupSummary(SummaryReport):
    name = "workgroup-summary"
    title = _("Summary per workgroup")
    description = _(
        "Per workgroup: the number of recommendations per status, the total and the implementation "
        "percentage. A recommendation from several workgroups counts in each."
    )
    model = Workgroup
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
        "Every progress update, one row per status change, with the board decision that caused it and who recorded it."
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
