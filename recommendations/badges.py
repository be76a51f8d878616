"""Badges and figure cards for other sites: a theme's, cycle's, workgroup's or office's implementation
percentage, for a newsletter (an SVG image) or a web page (a small page other sites may frame).

Both are public pages kept whole under the data version (``caching.cached_page``), so they are exact after
a change and cost a kept page's read otherwise; ``lang`` chooses their language where the reader's own
cannot reach them (an image in a mail).
"""

from html import escape

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt

from workgroups.languages import LANGUAGES, shown
from workgroups.models import Cycle, Office, Theme, Workgroup

from . import stats
from .caching import FigureCache, cached_page
from .filters import office_recommendations
from .models import Recommendation
from .templatetags.progress import Numbers

# What a badge or card can show: the model, and the filter of the list that narrows it to one record.
KINDS = {
    "themes": (Theme, "theme"),
    "cycles": (Cycle, "cycle"),
    "workgroups": (Workgroup, "workgroups"),
    "offices": (Office, "office"),
}


def selection(kind, slug):
    """The record named by ``kind`` and ``slug``, and the ``stats.Selection`` of its published recommendations."""
    if kind not in KINDS:
        raise Http404
    model, name = KINDS[kind]
    record = get_object_or_404(model, slug=slug)
    published = Recommendation.objects.published()
    if name == "office":
        return record, stats.Selection(office_recommendations(published, record), office=record)
    return record, stats.Selection(published.filter(**{name: record}), **{name: record})


def _in_language(view):
    """Serve the view in the language ``lang`` names, when it names one of ours."""

    def wrapper(request, *args, **kwargs):
        language = request.GET.get("lang")
        if language in LANGUAGES:
            with translation.override(language):
                return view(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapper


# Widths of Verdana's glyphs at 11 px, roughly: the texts are then fitted exactly by ``textLength``.
NARROW, WIDE = set("fijlrtI.,:;!'()| "), set("mwMW%@")


def _text_width(text):
    return sum(4 if char in NARROW else 10 if char in WIDE else 8 if char.isupper() else 7 for char in text) + 10


def badge_svg(label, value, description, colour):
    """A badge: ``label`` on the left, ``value`` on the right in ``colour``, named by ``description``."""
    left, right = _text_width(label), _text_width(value)
    width = left + right
    label, value, description = escape(label), escape(value), escape(description)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{description}"><title>{description}</title>'
        f'<rect width="{left}" height="20" fill="#0b4f45"/><rect x="{left}" width="{right}" height="20" '
        f'fill="{colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" '
        f'text-anchor="middle"><text x="{left / 2}" y="14" textLength="{left - 10}">{label}</text>'
        f'<text x="{left + right / 2}" y="14" textLength="{right - 10}">{value}</text></g></svg>'
    )


def _colour(percent):
    # Dark enough behind white text for a contrast of at least 4.5:1 (tests/test_colours.py).
    if percent is None:
        return "#5f6b6d"
    return "#1e6b32" if percent >= 50 else "#8a5a00" if percent >= 20 else "#a32b1f"


@_in_language
@cached_page("lang")
def badge(request, kind, slug):
    record, chosen = selection(kind, slug)
    figures = FigureCache().figures(chosen)
    name = shown(record, "name").text
    if figures.implementation is None:
        value = _("no recommendations yet")
        description = _("%(name)s: no published recommendations yet") % {"name": name}
    else:
        numbers = Numbers()
        value = _("%(percent)s implemented") % {"percent": numbers.percent(figures.implementation)}
        description = ngettext(
            "%(name)s: %(percent)s of %(total)s recommendation implemented (%(executed)s executed)",
            "%(name)s: %(percent)s of %(total)s recommendations implemented (%(executed)s executed)",
            figures.total,
        ) % {
            "name": name,
            "percent": numbers.percent(figures.implementation),
            "total": numbers.count(figures.total),
            "executed": numbers.count(figures.executed),
        }
    svg = badge_svg("Smart in Progress", value, description, _colour(figures.implementation))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})
@xframe_options_exempt
@_in_language
@cached_page("lang")
def card(request, kind, slug):
    record, chosen = selection(kind, slug)
    # A relative address leads to this site from inside another site's frame too.
    context = {"object": record, "summary": FigureCache().figures(chosen), "page_url": record.get_absolute_url()}
    return render(request, "recommendations/card.html", context)
