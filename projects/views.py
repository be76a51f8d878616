"""The public pages of projects: the list and its CSV, one project, one office; and the projects section
of a recommendation's page.

Only published projects show, and through them only published recommendations.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from recommendations import sections, spreadsheets
from recommendations.as_of import PARAMETER as AS_OF
from recommendations.caching import cached_page
from recommendations.filters import InvalidFilters, filtered, office_recommendations
from recommendations.models import Recommendation
from recommendations.reports.views import download, refused
from recommendations.views import per_cycle, per_theme, render_slice
from workgroups.languages import in_language
from workgroups.models import Office

from .exports import ProjectRows
from .filters import ProjectFilter
from .models import Kind, Project, ProjectUpdate

PAGE_SIZE = 25


def published():
    return Project.objects.published()


def listed(projects):
    """Projects as lists show them: with their offices at hand."""
    return projects.prefetch_related(Prefetch("offices", queryset=Office.objects.order_by(in_language("name"))))


@cached_page(*ProjectFilter.base_filters, "page")
def project_list(request):
    template = "projects/project_list.html"
    try:
        filterset = filtered(request.GET, published(), ProjectFilter)
    except InvalidFilters as error:
        context = {"filterset": error.filterset, "invalid": error.problems}
        return render(request, template, context, status=400)
    page = Paginator(listed(filterset.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"filterset": filterset, "page": page})


def project_export(request):
    """The list as CSV, for the same filters; an unknown value answers 400, never more rows."""
    try:
        filterset = filtered(request.GET, published(), ProjectFilter)
        sep = spreadsheets.separator(request.GET.get("sep"))
    except (InvalidFilters, spreadsheets.InvalidRequest) as error:
        return refused(str(error))
    return download(ProjectRows(filterset.qs), "csv", filterset.active_filters, sep)


@cached_page()
def project_detail(request, slug):
    project = get_object_or_404(
        published().prefetch_related(
            Prefetch("offices", queryset=Office.objects.order_by(in_language("name"))),
            # Only the published recommendations it answers: an unpublished one is never revealed.
            Prefetch("recommendations", queryset=Recommendation.objects.published().select_related("cycle", "theme")),
            Prefetch("updates", queryset=ProjectUpdate.objects.all()),
        ),
        slug=slug,
    )
    context = {
        "project": project,
        "recommendations": list(project.recommendations.all()),
        "sections": sections.rendered(request, project, "project"),
    }
    return render(request, "projects/project_detail.html", context)


@cached_page("page", AS_OF)
def office(request, slug):
    chosen = get_object_or_404(Office, slug=slug)
    recommendations = office_recommendations(Recommendation.objects.published(), chosen)
    projects = list(listed(published().filter(offices=chosen)))
    extra = {
        "initiatives": [project for project in projects if project.kind == Kind.LOCAL_INITIATIVE],
        "projects": [project for project in projects if project.kind != Kind.LOCAL_INITIATIVE],
        "workgroups": chosen.workgroups.select_related("cycle").order_by("-cycle__start_date", in_language("name")),
    }
    return render_slice(
        request,
        "office",
        chosen,
        "workgroups__office",
        [per_theme(), per_cycle()],
        recommendations=recommendations,
        template="projects/office.html",
        extra=extra,
    )


def recommendation_projects(request, recommendation):
    """The section of a recommendation's page that lists its published projects (see ``recommendations.sections``)."""
    projects = list(listed(published().filter(recommendations=recommendation)))
    if not projects:
        return ""
    return render_to_string("projects/includes/recommendation_projects.html", {"projects": projects}, request)
