"""The project list as rows for a CSV file, and the staff report of the projects that answer a selection of
recommendations: the header, then one row per project."""

from django.utils.translation import gettext_lazy as _

from recommendations.reports.reports import Report, heading
from recommendations.spreadsheets import WORKGROUP_SEPARATOR, Coded
from workgroups.languages import in_language

from .models import Kind, Project, State

KINDS = Coded.choices(Kind)
STATES = Coded.choices(State)


class ProjectRows:
    """Published projects with, for each, its offices and the published recommendations it answers."""

    name = "projects"
    title = _("Projects")

    def __init__(self, projects, *, with_published=False):
        self.projects = projects
        self.with_published = with_published

    def header(self):
        own = ["slug", "title", "kind", "state", "start_date", "end_date", "offices", "recommendations"]
        contact = ["contact_name", "contact_email", "contact_url"]
        published = ["published"] if self.with_published else []
        return [heading(Project, name) for name in own + contact + published]

    def rows(self):
        projects = list(
            self.projects.values_list(
                "pk",
                "slug",
                in_language("title"),
                "kind",
                "state",
                "start_date",
                "end_date",
                "contact_name",
                "contact_email",
                "contact_url",
                "published",
            )
        )
        keys = [row[0] for row in projects]
        offices, answered = {key: [] for key in keys}, {key: [] for key in keys}
        links = Project.offices.through.objects.filter(project_id__in=keys).annotate(name=in_language("office__name"))
        for key, name in links.order_by("name").values_list("project_id", "name"):
            offices[key].append(name)
        links = Project.recommendations.through.objects.filter(project_id__in=keys, recommendation__published=True)
        for key, reference in links.order_by("recommendation__reference").values_list(
            "project_id", "recommendation__reference"
        ):
            answered[key].append(reference)
        for key, slug, title, kind, state, start, end, *contact, published in projects:
            yield [
                slug,
                title,
                KINDS[kind],
                STATES[state],
                start,
                end,
                WORKGROUP_SEPARATOR.join(offices[key]),
                WORKGROUP_SEPARATOR.join(answered[key]),
                *contact,
                *([published] if self.with_published else []),
            ]

    def __iter__(self):
        yield self.header()
        yield from self.rows()


class ProjectsReport(Report):
    """The projects answering the selected recommendations, as the public list's file has them; with the
    unpublished recommendations asked for, the unpublished projects too, and whether each is published."""

    name = "projects"
    title = _("Projects")
    description = _(
        "The projects that answer the selected recommendations: kind, state, dates, offices, the "
        "recommendations each answers and its contact."
    )

    def projects(self):
        links = Project.recommendations.through.objects.filter(recommendation__in=self.recommendations.values("pk"))
        projects = Project.objects.filter(pk__in=links.values("project"))
        if not self.with_published:
            projects = projects.published()
        return projects.order_by("-start_date", "slug")

    def header(self):
        return ProjectRows(None, with_published=self.with_published).header()

    def rows(self):
        return ProjectRows(self.projects(), with_published=self.with_published).rows()
