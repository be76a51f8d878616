"""The repeated parts of an edition's page written here rather than in templates: a page has a table and a
list of changes for each of up to dozens of themes, and the template engine spent most of its time on them."""

import functools

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from recommendations.templatetags.progress import Numbers
from workgroups.templatetags.languages import shown

register = template.Library()


@functools.cache
def _badge(status, label):
    code = escape(status)
    return (
        f'<span class="badge badge--{code}"><span class="swatch swatch--{code}" aria-hidden="true"></span>'
        f"{escape(label)}</span>"
    )


def badge(status):
    """A status as ``recommendations/includes/status_badge.html`` shows it, in the reader's language."""
    return _badge(status.value, str(status.label))


@register.simple_tag
def then_today_rows(then, today):
    """The rows of a table of ``then`` beside ``today`` (``stats.Figures``), one per status."""
    numbers = Numbers()
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row">{badge(before.status)}</th><td class="number">{numbers.count(before.count)}</td>'
            f'<td class="number">{numbers.count(now.count)}</td></tr>'
            for before, now in zip(then.shares, today.shares, strict=True)
        )
    )


@register.simple_tag
def change_items(changes):
    """The items of a list of changes: each recommendation (reference and title, linked) with its status then
    (or that it was not recorded yet) and now."""
    not_yet, now = escape(_("not recorded yet")), escape(_("now"))
    items, addresses = [], Addresses()
    for recommendation, old, new in changes:
        title = conditional_escape(shown(recommendation, "title"))
        before = badge(old) if old else f'<span class="change__new">{not_yet}</span>'
        items.append(
            f'<li class="change"><a href="{addresses.of(recommendation.reference)}"><span class="reference">'
            f'{escape(recommendation.reference)}</span> {title}</a> <span class="change__statuses">{before} '
            f'<span aria-hidden="true">→</span><span class="visually-hidden">{now}</span> {badge(new)}</span></li>'
        )
    return mark_safe("\n".join(items))


class Addresses:
    """The addresses of recommendations' pages, worked out once for a page: a reference is a path segment
    as it is (``REFERENCE_PATTERN``), so every address is the first one's with another reference."""

    def __init__(self):
        self.prefix = None

    def of(self, reference):
        if self.prefix is None:
            self.prefix = reverse("recommendation_detail", args=[reference]).removesuffix(f"{reference}/")
        return escape(f"{self.prefix}{reference}/")
