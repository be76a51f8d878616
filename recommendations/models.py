"""What comes out of the process: recommendations, the boards' decisions on them, and their progress.

A recommendation's ``status`` (and ``status_date``) always mirror its newest progress update, and
``latest_decision`` its newest board decision, and ``decision_be`` and ``decision_fr`` each board's newest
decision; only ``services`` writes them.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workgroups.languages import Written, shown, translated
from workgroups.models import Country


class Status(models.TextChoices):
    EXECUTED = "executed", _("Executed")
    ONGOING = "ongoing", _("Ongoing")
    NOT_EXECUTED = "not_executed", _("Not executed")
    REJECTED = "rejected", _("Rejected")
    POSTPONED = "postponed", _("Postponed")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REFORMULATED = "reformulated", _("Reformulated")
    # Dutch distinguishes a postponed decision (verdaagd) from a postponed status (uitgesteld).
    POSTPONED = "postponed", pgettext_lazy("decision", "Postponed")
    REFUSED = "refused", _("Refused")


# The status a board decision moves a recommendation to; other decisions leave it where it is.
STATUS_AFTER_DECISION = {
    Decision.REFUSED: Status.REJECTED,
    Decision.POSTPONED: Status.POSTPONED,
}


# A recommendation's status is that of its newest progress update, its latest decision that of its
# newest board decision: by date, then by recording order.
NEWEST_UPDATE_FIRST = ["-date", "-id"]
NEWEST_DECISION_FIRST = ["-meeting_date", "-id"]


class FollowUp(models.TextChoices):
    NONE = "none", _("None yet")
    PRIORITY_PROJECT = "priority_project", _("Priority project")
    DIRECTORATE = "directorate", _("Permanent work of a directorate")
    TEST_PROJECT = "test_project", _("Member-led test project")
    HACKATHON = "hackathon", _("Hackathon case")
    LOCAL_INITIATIVE = "local_initiative", _("Local initiative")


# Also the pattern of a reference in the address of its page.
REFERENCE_PATTERN = r"[A-Z0-9]+(-[A-Z0-9]+)*"
reference_validator = RegexValidator(
    rf"^{REFERENCE_PATTERN}$",
    _("Use capital letters, digits and single hyphens, for example 2020-BE-07."),
)


class Versioned(models.Model):
    """A record whose every edit raises its version, so that an edit made on an older one is refused."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one with every edit, so that an edit made on an older version is refused."),
    )

    class Meta:
        abstract = True


# The orders of the public list with an index each, and the columns its filters compare, kept in each index.
LIST_ORDERS = {
    "cycle": ["cycle", "reference"],
    "reference": ["reference"],
    "title": ["title", "reference"],
    "status": ["status", "reference"],
    "date": ["status_date", "reference"],
}
LISTED_COLUMNS = ["id", "cycle", "theme", "country", "status", "latest_decision", "decision_be", "decision_fr"]
# The columns that follow a recommendation's board decisions: the newest of all, and each board's newest.
DECISION_COLUMNS = ["latest_decision", *(f"decision_{board.lower()}" for board in Country.values)]
# Both boards decided on it, and not alike (the list's ``boards=differ``).
BOARDS_DIFFER = ~models.Q(decision_be="") & ~models.Q(decision_fr="") & ~models.Q(decision_be=models.F("decision_fr"))


def list_index(name, fields):
    keys = {field.lstrip("-") for field in fields}
    return models.Index(
        fields=fields,
        condition=models.Q(published=True),
        include=[column for column in LISTED_COLUMNS if column not in keys],
        name=f"published_by_{name}_idx",
    )


class AmongKeys(models.Func):
    """``key = ANY(array)``: PostgreSQL reads the array once, before the rows."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = models.BooleanField()


def among_keys(field, keys, base_field=None):
    """A condition: ``field`` is one of ``keys`` (a list of thousands). On PostgreSQL one array parameter:
    thousands of placeholders cost more to prepare, write and parse than the query itself."""
    if connection.vendor != "postgresql":
        return models.Q(**{f"{field}__in": keys})
    array = ArrayField(base_field or models.BigIntegerField())
    # Written as the array's text, not as ARRAY[...]: one value to parse instead of an expression per key.
    return AmongKeys(models.F(field), Cast(models.Value(array_text(keys)), output_field=array))


def array_text(values):
    """PostgreSQL's text of an array of ``values`` (numbers or strings): ``{1,2}``, ``{"a","b \\"c\\""}``."""
    values = list(values)
    if all(isinstance(value, int) for value in values):
        return "{" + ",".join(map(str, values)) + "}"
    quoted = ('"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
    return "{" + ",".join(quoted) + "}"


class RowAfter(models.Func):
    """``(a, b) > (x, y)``: a row comparison, which PostgreSQL reads as where to start in an index."""

    output_field = models.BooleanField()

    def __init__(self, fields, values, descending):
        self.width, self.operator = len(fields), "<" if descending else ">"
        super().__init__(*(models.F(name) for name in fields), *(models.Value(value) for value in values))

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, found = compiler.compile(expression)
            parts.append(sql)
            params.extend(found)
        return f"({', '.join(parts[: self.width])}) {self.operator} ({', '.join(parts[self.width :])})", params


def among_rows(field, rows):
    """A condition: ``field`` is one of the values of ``rows`` (a one-column queryset). On PostgreSQL as an
    array read first: a join (or ``IN``) is planned from a guess of how many they are, and to find a page
    PostgreSQL may then walk a whole order checking every row against them."""
    if connection.vendor != "postgresql":
        return models.Q(**{f"{field}__in": rows})
    return AmongKeys(models.F(field), ArraySubquery(rows))


class RecommendationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_references(self, references):
        """Those whose reference is one of ``references`` (a file's thousands)."""
        return self.filter(among_keys("reference", list(references), models.CharField()))


@translated("title", "text", "context")
class Recommendation(Written, Versioned):
    reference = models.CharField(
        _("reference"),
        max_length=30,
        unique=True,
        validators=[reference_validator],
        help_text=_("Unique human reference, for example 2020-BE-07."),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    context = models.TextField(_("context"), blank=True)
    cycle = models.ForeignKey(
        "workgroups.Cycle", on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("cycle")
    )
    theme = models.ForeignKey(
        "workgroups.Theme", on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("theme")
    )
    workgroups = models.ManyToManyField(
        "workgroups.Workgroup",
        through="RecommendationWorkgroup",
        related_name="recommendations",
        blank=True,
        verbose_name=_("workgroups"),
        help_text=_("The workgroup or workgroups it came from."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        help_text=_("The country whose participatory process it came from."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_EXECUTED, editable=False
    )
    status_date = models.DateField(_("status date"), null=True, editable=False)
    latest_decision = models.CharField(
        _("latest decision"), max_length=20, choices=Decision.choices, blank=True, editable=False
    )
    # Each board's newest decision, for the list's ``board`` filter and the boards' figures.
    decision_be = models.CharField(
        _("latest decision of the Belgian board"), max_length=20, choices=Decision.choices, blank=True, editable=False
    )
    decision_fr = models.CharField(
        _("latest decision of the French board"), max_length=20, choices=Decision.choices, blank=True, editable=False
    )
    follow_up = models.CharField(_("follow-up"), max_length=30, choices=FollowUp.choices, default=FollowUp.NONE)
    directorate = models.CharField(_("responsible directorate or team"), max_length=200, blank=True)
    next_review = models.DateField(
        _("next review"), null=True, blank=True, help_text=_("The day the responsible team looks at it again.")
    )
    published = models.BooleanField(_("published"), default=True)
    revisits = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisited_by",
        verbose_name=_("takes up again"),
        help_text=_("An earlier recommendation that this one re-examines, such as a postponed one."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__start_date", "reference"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        permissions = [
            ("import_recommendation", _("Can import recommendations")),
            ("export_recommendation", _("Can export reports")),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="recommendation_status_valid"),
            models.CheckConstraint(
                condition=models.Q(latest_decision__in=[*Decision.values, ""]),
                name="recommendation_latest_decision_valid",
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{column}__in": [*Decision.values, ""]}),
                    name=f"recommendation_{column}_valid",
                )
                for column in DECISION_COLUMNS[1:]
            ),
            models.CheckConstraint(condition=models.Q(country__in=Country.values), name="recommendation_country_valid"),
            models.CheckConstraint(
                condition=models.Q(follow_up__in=FollowUp.values), name="recommendation_follow_up_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(revisits=models.F("id")), name="recommendation_does_not_revisit_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="recommendation_status_idx"),
            models.Index(fields=["latest_decision"], name="recommendation_decision_idx"),
            # The public list by theme and status: the keys of a page are sorted from this index alone,
            # without reading a row (see views.ListRows).
            models.Index(
                fields=["theme", "status", "cycle", "reference", "id"],
                condition=models.Q(published=True),
                name="published_theme_status_idx",
            ),
            # The public list in each of its orders (see views.ListRows): the keys of a page are read in order
            # from one of these, and the filters on the recommendations' own columns checked in it too.
            *(list_index(name, fields) for name, fields in LIST_ORDERS.items()),
            # The few the boards decided differently on, found without walking a list's whole order.
            models.Index(
                fields=["cycle", "reference"],
                condition=models.Q(published=True) & BOARDS_DIFFER,
                name="published_boards_differ_idx",
            ),
            # Postponed ones by the day they were postponed, for the list of those waiting to be taken up.
            models.Index(
                fields=["status_date", "reference"],
                condition=models.Q(published=True, status=Status.POSTPONED),
                include=["id", "cycle", "theme"],
                name="published_postponed_idx",
            ),
            # The few that take another up again: a postponed one is waiting while none of them names it.
            models.Index(
                fields=["revisits"],
                condition=models.Q(published=True, revisits__isnull=False),
                name="published_revisiting_idx",
            ),
            # A published recommendation by its key, with the columns the list's filters compare: the feeds
            # check each change they walk through (see ``feeds``) without reading its recommendation's row.
            list_index("key", ["id"]),
        ]

    def __str__(self):
        return f"{self.reference} {shown(self, 'title')}"

    def get_absolute_url(self):
        return reverse("recommendation_detail", args=[self.reference])

    @property
    def awaiting_boards(self):
        """Handed in and not decided on by any board yet: "not executed" would read as a failure."""
        return self.status == Status.NOT_EXECUTED and not self.latest_decision

    @property
    def latest_decisions(self):
        """Each board's newest decision as (board, decision) labels, in board order.

        Reads ``decision_be`` and ``decision_fr``, which the list, its CSV, the reports and the boards'
        figures share.
        """
        codes = ((board, getattr(self, f"decision_{board.value.lower()}")) for board in Country)
        return [(board.label, Decision(code).label) for board, code in codes if code]


class RecommendationWorkgroup(models.Model):
    """Links a recommendation to a workgroup it came from; a workgroup in use cannot be deleted."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE)
    workgroup = models.ForeignKey("workgroups.Workgroup", on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("workgroup of a recommendation")
        verbose_name_plural = _("workgroups of recommendations")
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "workgroup"], name="recommendation_workgroup_unique")
        ]

    def __str__(self):
        return f"{self.recommendation_id} ← {self.workgroup_id}"


class Recorded(models.Model):
    """Who recorded an event of a recommendation's history, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


@translated("motivation", "reformulated_text")
class BoardDecision(Written, Recorded, Versioned):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("recommendation")
    )
    board = models.CharField(_("board of directors"), max_length=2, choices=Country.choices)
    meeting_date = models.DateField(_("meeting date"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    motivation = models.TextField(_("motivation"), blank=True)
    reformulated_text = models.TextField(
        _("reformulated text"), blank=True, help_text=_("Required when the board reformulated it.")
    )

    class Meta:
        ordering = ["meeting_date", "id"]
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(board__in=Country.values), name="decision_board_valid"),
            models.CheckConstraint(condition=models.Q(decision__in=Decision.values), name="decision_value_valid"),
            models.CheckConstraint(
                condition=~models.Q(decision=Decision.REFORMULATED) | ~models.Q(reformulated_text=""),
                name="decision_reformulation_has_text",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "board", "meeting_date"], name="decision_once_per_board_meeting"
            ),
        ]
        # The newest decisions of any set of recommendations, in the feeds' order (see ``feeds``).
        indexes = [
            models.Index(
                fields=["meeting_date", "recorded_at", "id"], include=["recommendation"], name="decision_feed_idx"
            )
        ]

    def __str__(self):
        return f"{self.get_board_display()} {self.meeting_date}: {self.get_decision_display()}"


@translated("note")
class ProgressUpdate(Written, Recorded):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates", verbose_name=_("recommendation")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"), help_text=_("The day the status took effect."))
    note = models.TextField(_("public note"), blank=True)
    decision = models.ForeignKey(
        BoardDecision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("board decision"),
        help_text=_("The board decision that caused this update, if any."),
    )

    class Meta:
        ordering = ["date", "id"]
        get_latest_by = ["date", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="update_status_valid"),
        ]
        indexes = [
            models.Index(fields=["recommendation", "date", "id"], name="update_newest_idx"),
            # The newest updates of any set of recommendations, in the feeds' order (see ``feeds``).
            models.Index(fields=["date", "recorded_at", "id"], include=["recommendation"], name="update_feed_idx"),
        ]

    def __str__(self):
        return f"{self.date}: {self.get_status_display()}"


class SearchDocument(models.Model):
    """A recommendation's words for full-text search (see ``search``), kept by PostgreSQL's triggers.

    In a table of its own, so that a change of status leaves the words and their index untouched: only a
    change of a text or its language writes them again. Empty on other databases.
    """

    # No constraint and nothing for Django to delete: the database's triggers remove the words too.
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.DO_NOTHING, db_constraint=False, primary_key=True, related_name="+"
    )
    document = SearchVectorField()

    class Meta:
        indexes = [GinIndex(fields=["document"], name="recommendation_search_idx")]

    def __str__(self):
        return str(self.recommendation_id)


def new_epoch():
    return uuid.uuid4().hex


class DataVersion(models.Model):
    """A number that goes up in the same transaction as every change of what the figures count.

    Cached figures are kept under it (see ``caching``), so a change makes every older entry
    unreachable at the moment it commits: no stale number is ever shown. The epoch is new whenever
    the row is created again (a new or restored database), so that a shared cache cannot mistake
    another database's version for this one's.
    """

    epoch = models.CharField(max_length=32, default=new_epoch, editable=False)
    number = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("data version")

    def __str__(self):
        return f"{self.epoch}.{self.number}"


class StatusCount(models.Model):
    """Published recommendations per cycle, theme, country and status, kept by the database (see ``kept``)."""

    cycle = models.ForeignKey("workgroups.Cycle", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    theme = models.ForeignKey("workgroups.Theme", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    country = models.CharField(max_length=2)
    status = models.CharField(max_length=20)
    recommendations = models.IntegerField()

    class Meta:
        # Its table and the triggers that keep it are created by the migration itself (``kept.install``),
        # and a flush of the test database leaves it to them.
        managed = False
        db_table = "recommendations_statuscount"

    def __str__(self):
        return f"{self.cycle_id}/{self.theme_id}/{self.country}/{self.status}: {self.recommendations}"


class YearCount(models.Model):
    """Progress updates of published recommendations per cycle, theme, country, year and status that start
    a span of their recommendation's history that year, and that a newer update ends that year (see ``kept``).
    """

    cycle = models.ForeignKey("workgroups.Cycle", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    theme = models.ForeignKey("workgroups.Theme", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    country = models.CharField(max_length=2)
    year = models.IntegerField()
    status = models.CharField(max_length=20)
    started = models.IntegerField()
    ended = models.IntegerField()

    class Meta:
        managed = False
        db_table = "recommendations_yearcount"

    def __str__(self):
        return f"{self.cycle_id}/{self.theme_id}/{self.country}/{self.year}/{self.status}: {self.started}-{self.ended}"


class YearTotal(models.Model):
    """``YearCount`` summed over every place: the progress updates of published recommendations per year and
    status that start a span of their recommendation's history that year, and that a newer update ends that
    year (see ``kept``)."""

    year = models.IntegerField()
    status = models.CharField(max_length=20)
    started = models.IntegerField()
    ended = models.IntegerField()

    class Meta:
        managed = False
        db_table = "recommendations_yeartotal"

    def __str__(self):
        return f"{self.year}/{self.status}: {self.started}-{self.ended}"


class DayCount(models.Model):
    """The same as ``YearCount`` per day: the progress updates of published recommendations per cycle, theme,
    country, day and status that start a span of their recommendation's history that day, and that a newer
    update ends that day (see ``kept``). The figures at the end of any day are the year's running sums
    before its year and this table's within it."""

    # Its key, day first: one index to write, and the one the figures of a day read by.
    pk = models.CompositePrimaryKey("day", "cycle", "theme", "country", "status")
    cycle = models.ForeignKey("workgroups.Cycle", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    theme = models.ForeignKey("workgroups.Theme", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    country = models.CharField(max_length=2)
    day = models.DateField()
    status = models.CharField(max_length=20)
    started = models.IntegerField()
    ended = models.IntegerField()

    class Meta:
        managed = False
        db_table = "recommendations_daycount"

    def __str__(self):
        return f"{self.cycle_id}/{self.theme_id}/{self.country}/{self.day}/{self.status}: {self.started}-{self.ended}"
