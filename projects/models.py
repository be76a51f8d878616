"""What answers the recommendations: projects (test projects, hackathon cases, local initiatives, directorate
projects), the offices and recommendations they involve, and their dated public updates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workgroups.languages import Written, shown, translated


class Kind(models.TextChoices):
    TEST_PROJECT = "test_project", _("Test project")
    HACKATHON = "hackathon", _("Hackathon case")
    LOCAL_INITIATIVE = "local_initiative", _("Local initiative")
    DIRECTORATE = "directorate", _("Directorate project")


class State(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    STOPPED = "stopped", _("Stopped")


# A project that is over says when it ended.
ENDED = [State.FINISHED, State.STOPPED]


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


@translated("title", "description", "taking_part")
class Project(Written):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"))
    taking_part = models.TextField(
        _("how to take part"),
        blank=True,
        help_text=_("Who may join, where and when the group meets, and what to do first."),
    )
    contact_name = models.CharField(
        _("animator or contact"), max_length=200, help_text=_("The person members can turn to.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_url = models.URLField(
        _("contact link"), blank=True, help_text=_("A page to sign up or to learn more, if there is one.")
    )
    offices = models.ManyToManyField(
        "workgroups.Office", related_name="projects", blank=True, verbose_name=_("offices involved")
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation",
        related_name="projects",
        blank=True,
        verbose_name=_("recommendations it answers"),
    )
    start_date = models.DateField(_("start date"), help_text=_("The day it started, or is planned to start."))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # The list's order among the published ones, read a page at a time rather than sorted whole.
        indexes = [
            models.Index(
                fields=["-start_date", "title"], condition=models.Q(published=True), name="published_project_order_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="project_kind_valid"),
            models.CheckConstraint(condition=models.Q(state__in=State.values), name="project_state_valid"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self):
        return shown(self, "title").text

    def get_absolute_url(self):
        return reverse("project_detail", args=[self.slug])

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        elif self.state in ENDED and not self.end_date:
            errors["end_date"] = _("A finished or stopped project needs the date it ended.")
        if not (self.contact_email or self.contact_url):
            errors["contact_email"] = _("Give an e-mail address or a link, so that members know how to take part.")
        if errors:
            raise ValidationError(errors)


@translated("text")
class ProjectUpdate(Written):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates", verbose_name=_("project"))
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), blank=True, help_text=_("A report, photos or an article, if there is one."))
    # When it was recorded: its feed entry's time of change (see ``feeds``).
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")

    def __str__(self):
        return f"{self.date}: {shown(self, 'text').text[:60]}"
