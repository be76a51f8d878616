"""Template helpers that turn the figures of ``stats`` into text and inline SVG geometry.

They compute nothing new: only positions and labels of what ``stats`` returned.
"""

from html import escape

from django import template
from django.utils.formats import date_format, get_format, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workgroups.templatetags.languages import shown

from .. import stats

register = template.Library()

# Geometry of the over-time line chart. Heights are CSS pixels and positions across are percentages of
# the chart's width, so the drawing fills any screen while its text keeps the page's size.
PLOT_TOP = 32
PLOT_HEIGHT = 160
CHART_HEIGHT = PLOT_TOP + PLOT_HEIGHT + 56
FIRST_X, LAST_X = 10, 92
SCALE_TOPS = (20, 40, 60, 80, 100)


@register.filter
def percent(value, percent_format=None):
    """A whole percentage in the reader's language format, or "—" for an empty set; ``percent_format`` is
    the translated format when the caller has read it already."""
    if value is None:
        return "—"
    return (percent_format or _("%(percent)s%%")) % {"percent": number_format(value)}


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


# The rows of the figure tables, written here rather than in a template: the overview has about 90 of
# them, and the template engine spent most of a built overview's time on them.


class Numbers:
    """Counts, percentages and bars in the reader's format, its formats and translations read once per
    page, not per number. What it writes holds only digits, separators and translated words of ours."""

    def __init__(self):
        self.separator = get_format("THOUSAND_SEPARATOR")
        self.percent_format = _("%(percent)s%%")
        self.bars = {}
        self.percents = {}

    def count(self, value):
        # What ``intcomma`` writes: groups of three (every language of the product groups so).
        return f"{value:,}".replace(",", self.separator)

    def percent(self, value):
        # Whole percentages: a hundred and one values at most, each formatted once.
        if value not in self.percents:
            self.percents[value] = percent(value, self.percent_format)
        return self.percents[value]

    def executed_of_total(self, figures):
        text = ngettext("%(executed)s of %(total)s executed", "%(executed)s of %(total)s executed", figures.executed)
        return escape(text % {"executed": self.count(figures.executed), "total": self.count(figures.total)})

    def progress_bar(self, value):
        """A bar filled to ``value`` percent, named by it."""
        if value not in self.bars:
            label = escape(_("Implemented: %(value)s") % {"value": self.percent(value)})
            fill = f'<rect class="fill--executed" x="0" y="0" width="{value}" height="10"/>' if value else ""
            self.bars[value] = (
                f'<svg class="progress-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
                f'aria-label="{label}" focusable="false"><rect class="bar-empty" x="0" y="0" width="100" '
                f'height="10"/>{fill}</svg>'
            )
        return self.bars[value]


class SlugAddresses:
    """The addresses of themes, cycles, workgroups or offices, worked out once per kind for a page: each is
    its kind's address with its slug (a path segment as it is) as the last segment."""

    def __init__(self):
        self.prefixes = {}

    def of(self, obj):
        prefix = self.prefixes.get(type(obj))
        if prefix is None:
            prefix = self.prefixes[type(obj)] = obj.get_absolute_url().removesuffix(f"{obj.slug}/")
        return escape(f"{prefix}{obj.slug}/")


@register.simple_tag
def figure_rows(rows):
    """A figure table's ``rows`` ((object, figures) pairs) written out twice in one pass: as the cards a
    phone shows (``cards``) and as the table's rows (``table``): name, implementation, total and the
    count of every status."""
    numbers, addresses = Numbers(), SlugAddresses()
    cards, lines = [], []
    for obj, figures in rows:
        url, name = addresses.of(obj), conditional_escape(shown(obj, "name"))
        percent, bar = numbers.percent(figures.implementation), numbers.progress_bar(figures.implementation)
        cards.append(
            f'<li class="figure-card"><a class="figure-card__name" href="{url}">{name}</a>'
            f'<p class="figure-card__figures"><span class="figure-card__percent">{percent}</span> '
            f"{numbers.executed_of_total(figures)}</p>{bar}</li>"
        )
        counts = "".join(f'<td class="number">{numbers.count(share.count)}</td>' for share in figures.shares)
        lines.append(
            f'<tr><th scope="row"><a href="{url}">{name}</a></th><td class="implementation">'
            f'<span class="implementation__value">{percent}</span>{bar}</td>'
            f'<td class="number">{numbers.count(figures.total)}</td>{counts}</tr>'
        )
    return {"cards": mark_safe("\n".join(cards)), "table": mark_safe("\n".join(lines))}


@register.simple_tag
def board_rows(rows, kind):
    """A board's figures per cycle or theme (``rows``: (object, ``stats.BoardCounts``) pairs) written out in one
    pass, as ``figure_rows`` writes the status figures: the cards a phone shows and the table's rows."""
    numbers, addresses = Numbers(), SlugAddresses()
    # "Accepted: <strong>12</strong>" in the reader's words, each word translated once per table.
    labelled = _("%(decision_label)s: <strong>%(count)s</strong>")
    words = [escape(str(decision.label)) for decision in stats.DECISIONS] + [escape(_("Total"))]
    link_class = ' class="cycle-name"' if kind == "cycle" else ""
    cards, lines = [], []
    for obj, counts in rows:
        url, name = addresses.of(obj), conditional_escape(shown(obj, "name"))
        written = [numbers.count(count) for count in (*counts.numbers, counts.total)]
        items = "".join(
            f"<li>{labelled % {'decision_label': word, 'count': count}}</li>"
            for word, count in zip(words, written, strict=True)
        )
        cards.append(
            f'<li class="figure-card"><a class="figure-card__name{" cycle-name" if kind == "cycle" else ""}" '
            f'href="{url}">{name}</a><ul class="board-card__counts">{items}</ul></li>'
        )
        cells = "".join(f'<td class="number">{count}</td>' for count in written)
        lines.append(f'<tr><th scope="row"><a{link_class} href="{url}">{name}</a></th>{cells}</tr>')
    return {"cards": mark_safe("\n".join(cards)), "table": mark_safe("\n".join(lines))}


def _years(series, today, as_of=None):
    """Each year of ``series`` with its figures and, for a year not ended, the words that say so: the day
    asked for (``as_of``) or the current year's "so far"."""
    so_far_words = escape(_("(so far)"))
    for day, figures in series:
        if not so_far(day, today):
            note = ""
        elif day == as_of:
            note = " " + escape(_("(to %(day)s)") % {"day": date_format(day, "DATE_FORMAT")})
        else:
            note = f" {so_far_words}"
        yield day, figures, note


@register.simple_tag
def year_items(series, today, as_of=None):
    """The figures at the end of each year as a list, as a phone shows them."""
    numbers = Numbers()
    return mark_safe(
        "\n".join(
            f'<li class="year-figures__item"><span class="year-figures__year">{day.year}{note}</span>'
            f'<span class="year-figures__percent">{numbers.percent(figures.implementation)}</span>'
            f'<span class="year-figures__count">{numbers.executed_of_total(figures)}</span></li>'
            for day, figures, note in _years(series, today, as_of)
        )
    )


@register.simple_tag
def year_table_rows(series, today, as_of=None):
    """The rows of the table of the figures at the end of each year."""
    numbers = Numbers()
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row"><time datetime="{day.isoformat()}">{day.year}</time>{note}</th>'
            f'<td class="number">{numbers.count(figures.total)}</td>'
            f'<td class="number">{numbers.count(figures.executed)}</td>'
            f'<td class="number">{numbers.percent(figures.implementation)}</td></tr>'
            for day, figures, note in _years(series, today, as_of)
        )
    )


@register.simple_tag
def chart_marks(chart):
    """The lines between the years of an ``over_time_chart`` and each year's point, value and label."""
    numbers = Numbers()
    so_far_words = escape(_("(so far)"))
    marks = [
        f'<line class="line-chart__line{" line-chart__line--so-far" if segment["so_far"] else ""}" '
        f'x1="{start["x"]}" y1="{start["y"]}" x2="{end["x"]}" y2="{end["y"]}"/>'
        for segment in chart["segments"]
        for start, end in [(segment["start"], segment["end"])]
    ]
    for point in chart["points"]:
        classes = "line-chart__year"
        classes += " line-chart__year--minor" if point["minor"] else ""
        classes += " line-chart__year--so-far" if point["so_far"] else ""
        x = point["x"]
        value = ""
        if point["y"] is not None:
            value = (
                f'<circle class="line-chart__point" cx="{x}" cy="{point["y"]}" r="5"/>'
                f'<text class="line-chart__value" x="{x}" y="{point["label_y"]}" text-anchor="middle">'
                f"{numbers.percent(point['figures'].implementation)}</text>"
            )
        so_far_text = (
            f'<text class="line-chart__so-far" x="{x}" y="{chart["so_far_y"]}" text-anchor="middle">'
            f"{so_far_words}</text>"
            if point["so_far"]
            else ""
        )
        marks.append(
            f'<g class="{classes}">{value}<text class="line-chart__label" x="{x}" y="{chart["year_y"]}" '
            f'text-anchor="middle">{point["day"].year}</text>{so_far_text}</g>'
        )
    return mark_safe("\n".join(marks))
