"""The project list as rows for a CSV file: the header, then one row per project."""

from django.utils.translation import gettext_lazy as _

from recommendations.reports.reports import heading
from recommendations.spreadsheets import WORKGROUP_SEPARATOR, Coded
from workgroups.languages import in_language

from .models import Kind, Project, State

KINDS = Coded.choices(Kind)
STATES = Coded.choices(State)


class ProjectRows:
    """Published projects with, for each, its offices and the published recommendations it answers."""

    name = "projects"
    title = _("Projects")

    def __init__(self, projects):
        self.projects = projects

    def header(self):
        own = ["slug", "title", "kind", "state", "start_date", "end_date", "offices", "recommendations"]
        contact = ["contact_name", "contact_email", "contact_url"]
        return [heading(Project, name) for name in own + contact]

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
        for key, slug, title, kind, state, start, end, *contact in projects:
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
            ]

    def __iter__(self):
        yield self.header()
        yield from self.rows()
