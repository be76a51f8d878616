"""The repeated parts of an edition's page written here rather than in templates: a page has a table and a
list of changes for each of up to dozens of themes, and the template engine spent most of its time on them."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from recommendations.templatetags.cards import Addresses, badge
from recommendations.templatetags.progress import Numbers
from workgroups.templatetags.languages import plain, shown

register = template.Library()


class Words:
    """What an edition's page writes again and again, looked up once in the reader's language."""

    def __init__(self, edition):
        self.edition = edition
        self.numbers = Numbers()
        self.day = escape(date_format(edition.as_of, "DATE_FORMAT"))
        self.status, self.today, self.total = escape(_("Status")), escape(_("Today")), escape(_("Total"))
        self.implemented = escape(pgettext("row of the figures then and today", "Implemented"))
        self.not_yet, self.now = escape(_("not recorded yet")), escape(_("now"))
        self.analysis, self.changed = escape(_("The team's analysis")), escape(_("Changed since"))
        self.unchanged = escape(_("No recommendation changed status since."))
        self.addresses = Addresses("recommendation_detail")
        self.language = get_language()

    def badge(self, status):
        return badge(status, self.language)


@register.simple_tag
def then_today_table(edition, then, today, caption):
    """The table of ``then`` beside ``today`` (``stats.Figures``): one row per status, then the total and the
    percentage implemented."""
    return mark_safe(_table(Words(edition), then, today, escape(caption)))


def _table(words, then, today, caption):
    numbers = words.numbers
    rows = "\n".join(
        f'<tr><th scope="row">{words.badge(before.status)}</th><td class="number">{numbers.count(before.count)}</td>'
        f'<td class="number">{numbers.count(now.count)}</td></tr>'
        for before, now in zip(then.shares, today.shares, strict=True)
    )
    return (
        f'<table class="then-today"><caption class="visually-hidden">{caption}</caption>'
        f'<thead><tr><th scope="col">{words.status}</th><th scope="col" class="number">{words.day}</th>'
        f'<th scope="col" class="number">{words.today}</th></tr></thead><tbody>{rows}</tbody><tfoot>'
        f'<tr><th scope="row">{words.total}</th><td class="number">{numbers.count(then.total)}</td>'
        f'<td class="number">{numbers.count(today.total)}</td></tr>'
        f'<tr><th scope="row">{words.implemented}</th><td class="number">{numbers.percent(then.implementation)}</td>'
        f'<td class="number">{numbers.percent(today.implementation)}</td></tr></tfoot></table>'
    )


def _change_items(words, changes):
    """The items of a list of changes: each recommendation (reference and title, linked) with its status then
    (or that it was not recorded yet) and now."""
    items = []
    for recommendation, old, new in changes:
        title = conditional_escape(shown(recommendation, "title"))
        before = words.badge(old) if old else f'<span class="change__new">{words.not_yet}</span>'
        after = words.badge(new)
        items.append(
            f'<li class="change"><a href="{words.addresses.of(recommendation.reference)}"><span class="reference">'
            f'{escape(recommendation.reference)}</span> {title}</a> <span class="change__statuses">{before} '
            f'<span aria-hidden="true">→</span><span class="visually-hidden">{words.now}</span> {after}</span></li>'
        )
    return "\n".join(items)


@register.simple_tag
def theme_sections(edition, rows, first_changes):
    """A section per theme of ``rows`` (see ``views.edition_detail``): its figures then and today, the team's
    analysis and the first ``first_changes`` of its recommendations whose status changed since."""
    words = Words(edition)
    sections = []
    for row in rows:
        theme, count = row["theme"], row["changes"]["count"]
        slug = escape(theme.slug)
        caption = escape(_("%(theme)s: recommendations per status, then and today") % {"theme": plain(theme, "name")})
        analysis = ""
        if row["analysis"]:
            analysis = f"<h4>{words.analysis}</h4>{shown(row['analysis'], 'analysis', paragraphs=True)}"
        if count:
            written = words.numbers.count(count)
            changes = (
                "<p>"
                + escape(
                    ngettext(
                        "%(count)s recommendation changed status since.",
                        "%(count)s recommendations changed status since.",
                        count,
                    )
                    % {"count": written}
                )
                + f'</p><ul class="changes">{_change_items(words, row["changes"]["first"])}</ul>'
            )
            if count > first_changes:
                address = escape(reverse("edition_theme_changes", args=[edition.slug, theme.slug]))
                every = ngettext("All %(count)s change in this theme", "All %(count)s changes in this theme", count)
                changes += f'<p><a href="{address}">{escape(every % {"count": written})}</a></p>'
        else:
            changes = f"<p>{words.unchanged}</p>"
        sections.append(
            f'<section class="edition-theme" aria-labelledby="theme-{slug}">'
            f'<h3 id="theme-{slug}"><a href="{escape(theme.get_absolute_url())}">'
            f"{conditional_escape(shown(theme, 'name'))}</a></h3>"
            '<div class="edition-theme__body"><div class="edition-theme__figures">'
            f"{_table(words, row['then'], row['today'], caption)}</div>"
            f'<div class="edition-theme__story">{analysis}<h4>{words.changed}</h4>{changes}</div></div></section>'
        )
    return mark_safe("\n".join(sections))
