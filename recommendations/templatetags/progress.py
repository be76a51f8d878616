"""Template helpers that turn the figures of ``stats`` into text and inline SVG geometry.

They compute nothing new: only positions and labels of what ``stats`` returned.
"""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

# Geometry of the over-time chart, in SVG user units (the drawing scales to the page width).
COLUMN_WIDTH = 48
BAR_WIDTH = 32
CHART_TOP = 20
CHART_HEIGHT = 100


@register.filter
def percent(value):
    """A whole percentage in the reader's language format, or "—" for an empty set."""
    if value is None:
        return "—"
    return _("%(percent)s%%") % {"percent": number_format(value)}


@register.simple_tag
def bar_segments(figures):
    """The stacked bar of ``figures``: each status with a share, placed after the previous ones (0–100)."""
    segments, offset = [], 0
    for share in figures.shares:
        if share.count:
            segments.append({"share": share, "x": offset, "width": share.percent})
            offset += share.percent
    return segments


@register.simple_tag
def bar_description(figures):
    """The accessible name of a stacked bar: every status with its count and percentage."""
    if not figures.total:
        return _("No recommendations.")
    parts = [
        _("%(status)s: %(count)s (%(percent)s)")
        % {"status": share.label, "count": number_format(share.count), "percent": percent(share.percent)}
        for share in figures.shares
    ]
    return "; ".join(parts)


@register.simple_tag
def over_time_chart(series):
    """Columns of the implementation percentage at each date of ``series`` (from ``stats``)."""
    columns = []
    for index, (day, figures) in enumerate(series):
        height = figures.implementation or 0
        columns.append(
            {
                "day": day,
                "figures": figures,
                "x": index * COLUMN_WIDTH + (COLUMN_WIDTH - BAR_WIDTH) // 2,
                "centre": index * COLUMN_WIDTH + COLUMN_WIDTH // 2,
                "y": CHART_TOP + CHART_HEIGHT - height,
                "height": height,
            }
        )
    return {
        "columns": columns,
        "bar_width": BAR_WIDTH,
        "width": max(len(series), 1) * COLUMN_WIDTH,
        "baseline": CHART_TOP + CHART_HEIGHT,
        "label_y": CHART_TOP + CHART_HEIGHT + 18,
        "height": CHART_TOP + CHART_HEIGHT + 26,
    }
