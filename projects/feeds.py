"""Atom feeds of a project and of a local office (see ``recommendations.feeds``): a project's public updates
beside the board decisions and progress of the published recommendations it answers; an office's projects'
updates beside the changes of its workgroups' recommendations. Only published projects show."""

from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from recommendations.caching import cached_page
from recommendations.feeds import (
    Change,
    ChangesFeed,
    dated,
    kind_and_name,
    newest_keys,
    recommendation_changes,
    subject,
    with_marker,
)
from recommendations.filters import office_recommendations
from recommendations.models import Recommendation
from workgroups.models import Office
from workgroups.templatetags.languages import shown as shown_text

from .models import Project, ProjectUpdate


def update_change(update):
    """A project's public update: its day, its text and its link, as the project's page shows it."""
    project = update.project
    title = _("%(project)s: news of %(date)s") % {
        "project": with_marker(project, "title"),
        "date": date_format(update.date, "DATE_FORMAT"),
    }
    parts = [
        format_html("<p><strong>{}</strong></p><p>{}</p>", shown_text(project, "title"), dated(update.date)),
        shown_text(update, "text", paragraphs=True),
    ]
    if update.link:
        parts.append(format_html('<p><a href="{}">{}</a></p>', update.link, _("Read more")))
    link = project.get_absolute_url()
    return Change(update.date, update.recorded_at, ("project-update", update.pk), title, "".join(parts), link)


def project_changes(projects):
    """The newest public updates of ``projects`` (published ones), in the feeds' order."""
    places = newest_keys(ProjectUpdate.objects.filter(project__in=projects.values("pk")), "date", "project-update")
    updates = ProjectUpdate.objects.filter(pk__in=[key for _day, _at, (_kind, key) in places]).select_related("project")
    return list(map(update_change, updates))


def published_recommendations():
    return Recommendation.objects.published()


class ProjectFeed(ChangesFeed):
    def get_object(self, request, slug):
        project = get_object_or_404(Project.objects.published(), slug=slug)
        changes = [
            *project_changes(Project.objects.filter(pk=project.pk)),
            *recommendation_changes(published_recommendations().filter(projects=project)),
        ]
        subtitle = _("News of the project and the progress of the recommendations it answers, newest first.")
        return subject(request, with_marker(project, "title"), subtitle, project.get_absolute_url(), changes)


class OfficeFeed(ChangesFeed):
    def get_object(self, request, slug):
        office = get_object_or_404(Office, slug=slug)
        changes = [
            *project_changes(Project.objects.published().filter(offices=office)),
            *recommendation_changes(office_recommendations(published_recommendations(), office)),
        ]
        subtitle = _("News of its projects, and board decisions and progress of its recommendations, newest first.")
        return subject(request, kind_and_name(_("Local office"), office), subtitle, office.get_absolute_url(), changes)


project_feed = cached_page()(ProjectFeed())
office_feed = cached_page()(OfficeFeed())
