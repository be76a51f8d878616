"""Template helpers that turn the figures of ``stats`` into text and inline SVG geometry.

They compute nothing new: only positions and labels of what ``stats`` returned.
"""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

# Geometry of the over-time chart, in SVG user units (the drawing scales to the page width):
# one row per date, the year on the left, a bar of 2 units per percent, the figure after it.
ROW_HEIGHT = 24
BAR_HEIGHT = 16
BAR_LEFT = 48
UNITS_PER_PERCENT = 2
CHART_WIDTH = BAR_LEFT + 100 * UNITS_PER_PERCENT + 48


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
    """Rows of the implementation percentage at each date of ``series`` (from ``stats``)."""
    rows = []
    for index, (day, figures) in enumerate(series):
        width = (figures.implementation or 0) * UNITS_PER_PERCENT
        top = index * ROW_HEIGHT
        rows.append(
            {
                "day": day,
                "figures": figures,
                "top": top + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": top + ROW_HEIGHT // 2 + 5,
                "width": width,
                "value_x": BAR_LEFT + width + 6,
            }
        )
    return {
        "rows": rows,
        "bar_left": BAR_LEFT,
        "bar_height": BAR_HEIGHT,
        "full_width": 100 * UNITS_PER_PERCENT,
        "width": CHART_WIDTH,
        "height": max(len(series), 1) * ROW_HEIGHT,
    }
