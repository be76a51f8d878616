"""A project's state and dates, and the cards of a list of projects, written here rather than in templates: a
list shows dozens of cards (an office's page two lists), and the template engine spent a sizeable part of
a built page on them."""

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from recommendations.templatetags.cards import Addresses
from workgroups.templatetags.languages import shown

from ..models import State

register = template.Library()


def _state(project):
    state = escape(project.state)
    return f'<span class="project-state project-state--{state}">{escape(project.get_state_display())}</span>'


def _dates(project):
    start = escape(date_format(project.start_date, "DATE_FORMAT"))
    if project.end_date:
        return _("from %(start)s to %(end)s") % {
            "start": start,
            "end": escape(date_format(project.end_date, "DATE_FORMAT")),
        }
    if project.state == State.PLANNED:
        return _("starts %(start)s") % {"start": start}
    return _("since %(start)s") % {"start": start}


@register.simple_tag
def project_state(project):
    return mark_safe(_state(project))


@register.simple_tag
def project_dates(project):
    """Since when it runs, when it starts, or from when to when."""
    return mark_safe(_dates(project))


@register.simple_tag
def project_cards(projects):
    """The cards of ``projects`` (with their offices at hand): title, kind and offices, state and dates."""
    addresses = Addresses("project_detail")
    cards = []
    for project in projects:
        offices = ", ".join(conditional_escape(shown(office, "name")) for office in project.offices.all())
        cards.append(
            f'<li class="card"><h3 class="card__title"><a href="{addresses.of(project.slug)}">'
            f"{conditional_escape(shown(project, 'title'))}</a></h3>"
            f'<p class="card__meta">{escape(project.get_kind_display())}{f" · {offices}" if offices else ""}</p>'
            f'<p class="card__status">{_state(project)} <span class="card__date">{_dates(project)}</span></p></li>'
        )
    return mark_safe("\n".join(cards))
