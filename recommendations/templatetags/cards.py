"""The cards of the lists of recommendations, written here rather than in a template: every list page shows 25
of them, and the template engine spent a sizeable part of a built page on them. The same markup as the
templates they replace; only their texts are looked up once per page instead of once per card."""

import functools

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from workgroups.templatetags.languages import shown

from ..models import Status

register = template.Library()


@functools.cache
def _badge(status, language):
    # ``language`` is the active one, in which the label is translated: a key of the cache.
    code, label = escape(status), escape(Status(status).label)
    swatch = f'<span class="swatch swatch--{code}" aria-hidden="true"></span>'
    return f'<span class="badge badge--{code}">{swatch}{label}</span>'


def badge(status, language=None):
    """A status as ``recommendations/includes/status_badge.html`` shows it, in the reader's language (the
    active one, unless the caller has it at hand already: ``language``)."""
    return _badge(str(status), language or get_language())


class Addresses:
    """The addresses of the pages of one URL name taking one key (a reference or a slug), worked out once
    for a page: such a key is a path segment as it is, so every address is the first one's with another key."""

    def __init__(self, name):
        self.name = name
        self.prefix = None

    def of(self, key):
        if self.prefix is None:
            self.prefix = reverse(self.name, args=[key]).removesuffix(f"{key}/")
        return escape(f"{self.prefix}{key}/")


class Linked:
    """The address and the name shown of each cycle or theme of a page, worked out once for each."""

    def __init__(self, name):
        self.name = name
        self.seen = {}

    def of(self, obj):
        if obj.pk not in self.seen:
            self.seen[obj.pk] = (escape(obj.get_absolute_url()), conditional_escape(self.name(obj)))
        return self.seen[obj.pk]


@register.simple_tag
def recommendation_cards(recommendations):
    """The cards of ``recommendations`` (with their cycle and theme at hand): reference and title, cycle,
    theme and country, status since its date, and each board's newest decision or that none decided yet."""
    addresses = Addresses("recommendation_detail")
    cycles, themes = Linked(lambda cycle: cycle.name), Linked(lambda theme: shown(theme, "name"))
    awaiting = '<span class="awaiting">{}</span>'.format(escape(_("awaiting the boards' decision")))
    undecided = f'<p class="card__decisions card__decisions--none">{escape(_("No board decision yet."))}</p>'
    since, decided = _("since %(date)s"), _("Board of directors, %(board)s: <strong>%(decision_label)s</strong>")
    cards = []
    for recommendation in recommendations:
        cycle_url, cycle_name = cycles.of(recommendation.cycle)
        theme_url, theme_name = themes.of(recommendation.theme)
        status = badge(recommendation.status)
        if recommendation.status_date:
            day = escape(date_format(recommendation.status_date, "DATE_FORMAT"))
            status += f' <span class="card__date">{since % {"date": day}}</span>'
        if recommendation.awaiting_boards:
            status += f" {awaiting}"
        decisions = recommendation.latest_decisions
        if decisions:
            items = "".join(
                f"<li>{decided % {'board': escape(board), 'decision_label': escape(label)}}</li>"
                for board, label in decisions
            )
            decisions = f'<ul class="card__decisions">{items}</ul>'
        else:
            decisions = "" if recommendation.awaiting_boards else undecided
        cards.append(
            f'<li class="card"><h3 class="card__title"><a href="{addresses.of(recommendation.reference)}">'
            f'<span class="reference">{escape(recommendation.reference)}</span> '
            f"{conditional_escape(shown(recommendation, 'title'))}</a></h3>"
            f'<p class="card__meta"><a class="cycle-name" href="{cycle_url}">{cycle_name}</a> · '
            f'<a href="{theme_url}">{theme_name}</a> · {escape(recommendation.get_country_display())}</p>'
            f'<p class="card__status">{status}</p>{decisions}</li>'
        )
    return mark_safe("\n".join(cards))
