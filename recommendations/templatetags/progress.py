"""Template helpers that turn the figures of ``stats`` into text and inline SVG geometry.

They compute nothing new: only positions and labels of what ``stats`` returned.
"""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

# Geometry of the over-time line chart. Heights are CSS pixels and positions across are percentages of
# the chart's width, so the drawing fills any screen while its text keeps the page's size.
PLOT_TOP = 32
PLOT_HEIGHT = 160
CHART_HEIGHT = PLOT_TOP + PLOT_HEIGHT + 56
FIRST_X, LAST_X = 10, 92
SCALE_TOPS = (20, 40, 60, 80, 100)


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


@register.filter
def so_far(day, today):
    """Whether a date of a series is not its year's end yet: after ``today`` (the current year) or within its
    year (the day the figures are asked for)."""
    return day > today or (day.month, day.day) != (12, 31)


@register.simple_tag
def over_time_chart(series, today):
    """Points, segments and gridlines of a line chart of the implementation percentage at each date of
    ``series`` (from ``stats``); a date after ``today``, or within its year, has its year's figure so far."""
    values = [figures.implementation for _, figures in series]
    # The smallest of 20, 40, ... 100 that holds every value, so that a slow start still shows its shape.
    top = next(scale for scale in SCALE_TOPS if max((value or 0 for value in values), default=0) <= scale)
    plot_bottom = PLOT_TOP + PLOT_HEIGHT

    def height(value, above=0):
        # Written as text here: the template would print a float in the reader's number format (1,5).
        return f"{plot_bottom - PLOT_HEIGHT * value / top - above:.1f}"

    step = (LAST_X - FIRST_X) / (len(series) - 1) if len(series) > 1 else 0
    points = [
        {
            "day": day,
            "figures": figures,
            "so_far": so_far(day, today),
            "x": f"{FIRST_X + index * step if step else 50:.2f}%",
            "y": None if figures.implementation is None else height(figures.implementation),
            "label_y": None if figures.implementation is None else height(figures.implementation, above=12),
            # On a narrow screen, past six years, every other label gives way, counted from the newest.
            "minor": len(series) > 6 and (len(series) - 1 - index) % 2 == 1,
        }
        for index, (day, figures) in enumerate(series)
    ]
    segments = [
        {"start": start, "end": end, "so_far": end["so_far"]}
        for start, end in zip(points, points[1:], strict=False)
        if start["y"] is not None and end["y"] is not None
    ]
    return {
        "points": points,
        "segments": segments,
        "gridlines": [{"value": value, "y": height(value)} for value in (0, top // 2, top)],
        "height": CHART_HEIGHT,
        "year_y": plot_bottom + 24,
        "so_far_y": plot_bottom + 46,
    }
