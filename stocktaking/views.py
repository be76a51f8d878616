"""The public pages of the stocktaking editions: their list, one edition's figures then and today with its
analyses and what changed since, per theme, and every change of one theme, a page at a time.

Only published editions show, and only published recommendations count or show in them.
"""

import dataclasses

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from recommendations import stats
from recommendations.caching import FigureCache, cached_page
from recommendations.models import Recommendation, Status
from workgroups.languages import in_language
from workgroups.models import Theme

from .models import Edition, ThemeAnalysis

# Changes listed per theme on an edition's page; all of them are on the theme's page of changes.
FIRST_CHANGES = 10
PAGE_SIZE = 25


def published_editions():
    return Edition.objects.published()


def everything():
    """The published recommendations, as the overview counts them, so that the figures are the same."""
    return stats.Selection(Recommendation.objects.published())


def themes():
    return Theme.objects.order_by(in_language("name"))


@dataclasses.dataclass(frozen=True)
class Titled:
    """What a list of changes shows of a recommendation: its reference and its title, with its translations."""

    translated_fields = ("title",)
    reference: str
    language: str
    title: str
    title_nl: str
    title_fr: str
    title_en: str


def titled(references):
    """The recommendations of ``references`` by reference, as ``Titled``: a page lists hundreds of them."""
    fields = [field.name for field in dataclasses.fields(Titled)]
    rows = Recommendation.objects.with_references(references).values_list(*fields)
    return {row[0]: Titled(*row) for row in rows}


def comparison(edition, cached=None):
    """The figures of every published recommendation at the end of the edition's day and today, and the
    same per theme with the changes since: (then, today, [theme rows])."""
    cached = cached or FigureCache()
    chosen, day = everything(), edition.as_of
    then, today = cached.figures(chosen, day), cached.figures(chosen)
    then_by = dict(cached.figures_by(chosen, "theme", themes(), day))
    today_by = cached.figures_by(chosen, "theme", themes())
    changes = cached.changes_by(chosen, "theme", day, FIRST_CHANGES)
    rows = [
        {"theme": theme, "then": then_by[theme], "today": figures, "changes": changes.get(theme.pk, (0, []))}
        for theme, figures in today_by
    ]
    return then, today, rows


@cached_page()
def edition_list(request):
    editions = list(published_editions())
    cached, chosen = FigureCache(), everything()
    rows = [(edition, cached.figures(chosen, edition.as_of)) for edition in editions]
    context = {"rows": rows, "today": cached.figures(chosen)}
    return render(request, "stocktaking/edition_list.html", context)


@cached_page()
def edition_detail(request, slug):
    edition = get_object_or_404(
        published_editions().prefetch_related(Prefetch("analyses", queryset=ThemeAnalysis.objects.all())), slug=slug
    )
    then, today, rows = comparison(edition)
    analyses = {analysis.theme_id: analysis for analysis in edition.analyses.all()}
    # A theme is shown when it had or has recommendations, or when the team wrote about it.
    rows = [
        {**row, "analysis": analyses.get(row["theme"].pk)}
        for row in rows
        if row["then"].total or row["today"].total or row["theme"].pk in analyses
    ]
    listed = titled([reference for row in rows for reference, _then, _now in row["changes"][1]])
    for row in rows:
        count, first = row["changes"]
        row["changes"] = {"count": count, "first": [(listed[ref], old, new) for ref, old, new in first]}
    context = {
        "edition": edition,
        "then": then,
        "today": today,
        "rows": rows,
        "first_changes": FIRST_CHANGES,
    }
    return render(request, "stocktaking/edition_detail.html", context)


@cached_page("page")
def theme_changes(request, slug, theme):
    edition = get_object_or_404(published_editions(), slug=slug)
    chosen = get_object_or_404(Theme, slug=theme)
    changed = stats.changed_since(Recommendation.objects.published().filter(theme=chosen), edition.as_of)
    changed = changed.only("reference", "language", "title", "title_nl", "title_fr", "title_en", "status")
    page = Paginator(changed.order_by("reference"), PAGE_SIZE).get_page(request.GET.get("page"))
    changes = [(row, row.status_then and Status(row.status_then)) for row in page]
    context = {"edition": edition, "theme": chosen, "page": page, "changes": changes}
    return render(request, "stocktaking/theme_changes.html", context)
