"""The public pages of projects: the list and its CSV, one project, one office; the projects section of a
recommendation's page, and the follow-up section of a theme's, cycle's, workgroup's or office's page.

Only published projects show, and through them only published recommendations.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from recommendations import sections, spreadsheets
from recommendations.as_of import PARAMETER as AS_OF
from recommendations.caching import FigureCache, cached_page
from recommendations.filters import InvalidFilters, filtered, office_recommendations
from recommendations.models import Recommendation, Status, among_rows
from recommendations.reports.views import download, refused
from recommendations.views import PageEnds, page_of, per_cycle, per_theme, render_slice
from workgroups.languages import in_language
from workgroups.models import Office

from . import figures
from .exports import ProjectRows
from .filters import ProjectFilter, WaitingFilter
from .models import Kind, Project, ProjectUpdate

PAGE_SIZE = 25
# The projects an office's page shows of each kind; a link lists them all.
OFFICE_SHOWN = 12


def published():
    return Project.objects.published()


def listed(projects):
    """Projects as lists show them: with their offices at hand."""
    return projects.prefetch_related(Prefetch("offices", queryset=Office.objects.order_by(in_language("name"))))


def shown_of(projects, count):
    """The newest ``OFFICE_SHOWN`` of ``projects``, of which there are ``count``, and that count."""
    return list(listed(projects)[:OFFICE_SHOWN]) if count else [], count


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
        "feed": reverse("project_feed", args=[project.slug]),
        "sections": sections.rendered(request, project, "project"),
    }
    return render(request, "projects/project_detail.html", context)


@cached_page("page", AS_OF)
def office(request, slug):
    chosen = get_object_or_404(Office, slug=slug)
    recommendations = office_recommendations(Recommendation.objects.published(), chosen)
    # Its projects from its few links, sorted after: the projects' order walked checking each for the
    # office would read thousands.
    involved = published().filter(
        among_rows("pk", Project.offices.through.objects.filter(office=chosen).values("project_id"))
    )
    local = Q(kind=Kind.LOCAL_INITIATIVE)
    counts = involved.aggregate(initiatives=Count("pk", filter=local), others=Count("pk", filter=~local))
    initiatives = shown_of(involved.filter(local), counts["initiatives"])
    others = shown_of(involved.exclude(local), counts["others"])
    extra = {
        "initiatives": initiatives[0],
        "initiatives_count": initiatives[1],
        "projects": others[0],
        "projects_count": others[1],
        "initiatives_query": urlencode({"office": chosen.slug, "kind": Kind.LOCAL_INITIATIVE}),
        "projects_query": urlencode({"office": chosen.slug}),
        "workgroups": chosen.workgroups.select_related("cycle").order_by("-cycle__start_date", in_language("name")),
    }
    extra["all_count"] = extra["initiatives_count"] + extra["projects_count"]
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


def follow_up(request, kind, obj, recommendations, today):
    """The section of a theme's, cycle's, workgroup's or office's page on the projects that answer its
    recommendations (see ``recommendations.sections``)."""
    # The project list narrows by theme, cycle and office, not by workgroup.
    query = urlencode({kind: obj.slug}) if kind in ProjectFilter.base_filters else ""
    counted = FigureCache().remember("follow-up", recommendations, lambda: figures.follow_up(recommendations, today))
    context = {"follow_up": counted, "projects_query": query}
    return render_to_string("projects/includes/follow_up.html", context, request)


def recommendation_projects(request, recommendation):
    """The section of a recommendation's page that lists its published projects (see ``recommendations.sections``)."""
    projects = list(listed(published().filter(recommendations=recommendation)))
    if not projects:
        return ""
    return render_to_string("projects/includes/recommendation_projects.html", {"projects": projects}, request)


# The longest postponed first; the reference tells apart those of one day.
WAITING_ORDER = ("status_date", "reference")


def waiting_to_be_taken_up(recommendations):
    """The postponed ones of ``recommendations`` that no published recommendation takes up again and no
    published project answers, the longest postponed first: what future workgroups may take up."""
    # "Not null" says what the join implies, so that PostgreSQL reads the few revisiting ones from their index.
    revisiting = Recommendation.objects.published().filter(revisits__isnull=False, revisits=OuterRef("pk"))
    answering = Project.recommendations.through.objects.filter(recommendation=OuterRef("pk"), project__published=True)
    return (
        recommendations.filter(status=Status.POSTPONED)
        .exclude(Exists(revisiting))
        .exclude(Exists(answering))
        .order_by(*WAITING_ORDER)
    )


@cached_page(*WaitingFilter.base_filters, "page")
def waiting(request):
    template = "projects/waiting.html"
    try:
        filterset = filtered(request.GET, Recommendation.objects.published(), WaitingFilter)
    except InvalidFilters as error:
        context = {"filterset": error.filterset, "invalid": error.problems}
        return render(request, template, context, status=400)
    recommendations = waiting_to_be_taken_up(filterset.qs)
    # Counted once per data version with where each page ends: a page deep in the list is then read from
    # the index where it starts, not by checking every row before it against the projects and revisits.
    count, ends = FigureCache().remember(
        "waiting, page ends", recommendations, lambda: PageEnds.counted(recommendations, WAITING_ORDER)
    )
    page = page_of(request, recommendations, count, page_ends=ends)
    return render(request, template, {"filterset": filterset, "page": page})
