"""The repeated parts of an edition's page written here rather than in templates: a page has a table and a
list of changes for each of up to dozens of themes, and the template engine spent most of its time on them."""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from recommendations.templatetags.cards import Addresses, badge
from recommendations.templatetags.progress import Numbers
from workgroups.templatetags.languages import shown

register = template.Library()


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
    items, addresses = [], Addresses("recommendation_detail")
    for recommendation, old, new in changes:
        title = conditional_escape(shown(recommendation, "title"))
        before = badge(old) if old else f'<span class="change__new">{not_yet}</span>'
        items.append(
            f'<li class="change"><a href="{addresses.of(recommendation.reference)}"><span class="reference">'
            f'{escape(recommendation.reference)}</span> {title}</a> <span class="change__statuses">{before} '
            f'<span aria-hidden="true">→</span><span class="visually-hidden">{now}</span> {badge(new)}</span></li>'
        )
    return mark_safe("\n".join(items))
