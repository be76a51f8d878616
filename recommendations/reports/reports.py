"""The reports: each yields its header row, then one row per record of the recommendations it is given.

Figures come from ``stats`` alone; ``spreadsheets`` writes the rows as CSV or XLSX.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from workgroups.languages import in_language, shown
from workgroups.models import Country, Cycle, Theme, Workgroup

from .. import stats
from ..models import (
    BoardDecision,
    Decision,
    ProgressUpdate,
    Recommendation,
    RecommendationWorkgroup,
    Status,
    among_keys,
)
from ..spreadsheets import WORKGROUP_SEPARATOR, Coded, Percent
from ..stocktaking.resource import RecommendationResource

# Rows read at a time: one query for the workgroup names of each batch.
CHUNK_SIZE = 2000
BOARD_COLUMNS = [f"decision_{board.lower()}" for board in Country.values]
STATUSES = Coded.choices(Status)
DECISIONS = Coded.choices(Decision)
BOARDS = Coded.choices(Country)


def heading(model, name, code=None):
    return Coded.heading(model._meta.get_field(name), code)


def board_headings():
    return [
        Coded(column, _("Latest decision of %(board)s") % {"board": board.label})
        for column, board in zip(BOARD_COLUMNS, Country, strict=True)
    ]


def username(user):
    return user.get_username() if user else ""


class Report:
    """Rows about a queryset of recommendations: ``iter(report)`` gives the header, then the rows.

    ``with_published`` adds whether each recommendation is published, for staff who asked for the
    unpublished ones too.
    """

    name = ""
    title = ""
    description = ""
    # Templates list the report classes themselves; they must not try to call them.
    do_not_call_in_templates = True

    # A report about one of several things (a stocktaking edition) is chosen by this query parameter;
    # ``choices()`` gives each choice as (value, label) for the reports page.
    chooses = None

    def __init__(self, recommendations, *, with_published=False):
        self.recommendations = recommendations
        self.with_published = with_published

    @classmethod
    def choices(cls):
        return []

    @classmethod
    def made_for(cls, query, recommendations, *, counted, **options):
        """The report for the query parameters ``query``: ``counted`` is what its figures count (the set as a
        ``stats.Selection`` when the kept counts answer it); raises ``InvalidRequest`` for a choice not understood."""
        return cls(recommendations, **options)

    @property
    def chosen(self):
        """(parameter, value) of what the report is about, for its file's name."""
        return []

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

    @staticmethod
    def columns():
        # Titles and names in the reader's language, else as written.
        return [
            "reference",
            in_language("title"),
            "cycle__name",
            in_language("theme__name"),
            "country",
            "status",
            "status_date",
            *BOARD_COLUMNS,
        ]

    def header(self):
        own = [heading(Recommendation, name) for name in ("reference", "title", "cycle", "theme", "workgroups")]
        status = [heading(Recommendation, name) for name in ("country", "status", "status_date")]
        return [*own, *status, *board_headings()]

    def rows(self):
        # Plain tuples from one query, and the workgroup names of each batch in one more: no model instances.
        values = self.recommendations.values_list("pk", *self.columns())
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
        links = RecommendationWorkgroup.objects.filter(among_keys("recommendation_id", list(names))).annotate(
            workgroup_name=in_language("workgroup__name")
        )
        for key, name in links.order_by("workgroup_name").values_list("recommendation_id", "workgroup_name"):
            names[key].append(name)
        for key, reference, title, cycle, theme, country, status, date, *decisions in batch:
            groups = WORKGROUP_SEPARATOR.join(names[key])
            decisions = [DECISIONS.get(code, "") for code in decisions]
            yield [reference, title, cycle, theme, groups, BOARDS[country], STATUSES[status], date, *decisions]


class RecommendationsReport(Report):
    """Every column the import reads, plus both boards' latest decisions; it imports back unchanged."""

    name = "recommendations"
    title = _("Recommendations")
    description = _(
        "One row per recommendation with the internal fields: published, directorate, follow-up, "
        "both boards' latest decisions and the status date. The file imports back as it is."
    )

    def __init__(self, recommendations, **options):
        super().__init__(recommendations, **options)
        # The resource defines the columns, so that what is exported is exactly what imports read.
        self.resource = RecommendationResource()

    def header(self):
        # Codes, not labels, in every format: the file must import back.
        return self.resource.get_export_headers()

    def rows(self):
        # A date, not the text the import reads, so that a workbook holds a date; CSV writes it the same.
        at = self.header().index("status_date")
        for item in self.resource.filter_export(self.recommendations).iterator(chunk_size=CHUNK_SIZE):
            row = self.resource.export_resource(item)
            row[at] = item.status_date
            yield row


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
        return [shown(obj, "name").text, obj.slug]

    def header(self):
        figures = [STATUSES[status] for status in stats.STATUSES]
        return [
            *self.leading_columns,
            *figures,
            Coded("total", _("Total")),
            Coded("implementation_percent", _("Implemented")),
        ]

    @staticmethod
    def figure_cells(figures):
        percent = None if figures.implementation is None else Percent(figures.implementation)
        return [*(figures.counts[status] for status in stats.STATUSES), figures.total, percent]

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
    leading_columns = [heading(Recommendation, "theme"), heading(Theme, "slug", "theme_slug")]


class CycleSummary(SummaryReport):
    name = "cycle-summary"
    title = _("Summary per cycle")
    description = _("Per cycle: the number of recommendations per status, the total and the implementation percentage.")
    model = Cycle
    field_name = "cycle"
    leading_columns = [heading(Recommendation, "cycle"), heading(Cycle, "slug", "cycle_slug")]


class WorkgroupSummary(SummaryReport):
    name = "workgroup-summary"
    title = _("Summary per workgroup")
    description = _(
        "Per workgroup: the number of recommendations per status, the total and the implementation "
        "percentage. A recommendation from several workgroups counts in each."
    )
    model = Workgroup
    field_name = "workgroups"
    leading_columns = [
        Coded("workgroup", capfirst(Workgroup._meta.verbose_name)),
        heading(Workgroup, "slug", "workgroup_slug"),
        heading(Workgroup, "cycle"),
        heading(Workgroup, "theme"),
        heading(Workgroup, "office"),
    ]

    def objects(self):
        return Workgroup.objects.select_related("cycle", "theme", "office")

    def describe(self, group):
        office = shown(group.office, "name").text if group.office else ""
        return [shown(group, "name").text, group.slug, group.cycle.name, shown(group.theme, "name").text, office]


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
        own = [heading(Recommendation, "reference"), heading(Recommendation, "title")]
        recorded = [heading(self.model, "recorded_by"), heading(self.model, "recorded_at")]
        published = [heading(Recommendation, "published")] if self.with_published else []
        return [*own, *(self.heading(column) for column in self.columns), *recorded, *published]

    def heading(self, column):
        return heading(self.model, column)

    def event_cells(self, event):
        raise NotImplementedError

    def rows(self):
        for event in self.events().iterator(chunk_size=CHUNK_SIZE):
            recommendation = event.recommendation
            published = [recommendation.published] if self.with_published else []
            yield [
                recommendation.reference,
                shown(recommendation, "title").text,
                *self.event_cells(event),
                username(event.recorded_by),
                event.recorded_at,
                *published,
            ]


class DecisionLog(EventLog):
    name = "decision-log"
    title = _("Board decision log")
    description = _("Every decision of the boards of directors, one row per decision, with who recorded it.")
    model = BoardDecision
    ordering = ["meeting_date", "id"]
    columns = ["board", "meeting_date", "decision", "motivation", "reformulated_text"]

    def event_cells(self, decision):
        return [
            BOARDS[decision.board],
            decision.meeting_date,
            DECISIONS[decision.decision],
            decision.motivation,
            decision.reformulated_text,
        ]


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

    def heading(self, column):
        if column == "caused_by_decision":
            return Coded(column, _("Caused by the decision"))
        return super().heading(column)

    def event_cells(self, update):
        decision = update.decision
        cause = f"{decision.board} {decision.meeting_date.isoformat()} {decision.decision}" if decision else ""
        return [update.date, STATUSES[update.status], update.note, cause]


class BoardDecisions(Report):
    """Per board, cycle and theme: how many recommendations the board's newest decision accepted, reformulated,
    postponed and refused, and on how many of them the other board's differs (``stats.BoardFigures``)."""

    name = "board-decisions"
    title = _("Decisions per board")
    description = _(
        "Per board of directors, cycle and theme: how many recommendations its current decision accepted, "
        "reformulated, postponed and refused, the total, and how many of them the other board decided on "
        "differently."
    )

    def header(self):
        return [
            heading(BoardDecision, "board"),
            heading(Recommendation, "cycle"),
            heading(Cycle, "slug", "cycle_slug"),
            heading(Recommendation, "theme"),
            heading(Theme, "slug", "theme_slug"),
            *(DECISIONS[decision] for decision in stats.DECISIONS),
            Coded("total", _("Total")),
            Coded("decided_differently", _("Decided differently by the other board")),
        ]

    def rows(self):
        figures = stats.BoardFigures(stats.board_decision_rows(self.recommendations), places=True)
        differing = figures.differing_by_place
        cycles = list(Cycle.objects.order_by("start_date"))
        themes = list(Theme.objects.order_by(in_language("name")))
        for board in stats.BOARDS:
            by_place = figures.by_place(board)
            for cycle in cycles:
                for theme in themes:
                    if counts := by_place.get((cycle.pk, theme.pk)):
                        yield [
                            BOARDS[board],
                            cycle.name,
                            cycle.slug,
                            shown(theme, "name").text,
                            theme.slug,
                            *(count for _decision, count in counts.in_order),
                            counts.total,
                            differing.get((cycle.pk, theme.pk), 0),
                        ]
            total = figures.total(board)
            every = [str(_("All recommendations")), "", "", ""]
            yield [
                BOARDS[board],
                *every,
                *(count for _decision, count in total.in_order),
                total.total,
                figures.differing,
            ]


REPORTS = {
    report.name: report
    for report in [
        RecommendationsReport,
        ThemeSummary,
        CycleSummary,
        WorkgroupSummary,
        BoardDecisions,
        DecisionLog,
        ProgressLog,
    ]
}


def register(report):
    """Add the report of an app built on this one (from its AppConfig.ready()): listed after ours."""
    REPORTS[report.name] = report
    return report
