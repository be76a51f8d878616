"""Texts of the process in the reader's language: ``{% shown theme "name" %}`` prints the translation,
or the original with its ``lang`` and a discreet marker saying which language it is in."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..languages import shown as shown_text

register = template.Library()


@register.simple_tag
def shown(record, name, paragraphs=False):
    """Field ``name`` of ``record``; ``paragraphs`` sets a long text as paragraphs in a block."""
    text = shown_text(record, name)
    if paragraphs:
        body = format_html('<div class="prose"{}>{}</div>', lang_attribute(text), linebreaks_filter(text.text))
        return format_html('{}<p class="original-language">{}</p>', body, text.marker) if text.original else body
    if text.original:
        # Written out rather than through format_html: lists show hundreds of texts in their original language.
        marker = f'<small class="original-language">{escape(text.marker)}</small>'
        return mark_safe(f'<span lang="{escape(text.language)}">{escape(text.text)}</span> {marker}')
    return text.text


@register.filter
def plain(record, name):
    """Field ``name`` of ``record`` as bare text, for a page title or a label."""
    return shown_text(record, name).text


@register.filter
def lang_of(record, name):
    """The ``lang`` attribute of an element holding only field ``name`` of ``record``, when it is the original."""
    return lang_attribute(shown_text(record, name))


def lang_attribute(text):
    return format_html(' lang="{}"', text.language) if text.original else ""
