"""Content in the cooperative's languages: each text as it was written, the language it was written in,
and its translations into the other languages in plain columns (``title`` beside ``title_nl``,
``title_fr`` and ``title_en``), so that filters, sorting and the figures stay single SQL queries.

A reader sees the text in their language; where no one has translated it yet, the original, marked.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The marker beside a text shown in its original language, in the reader's words.
IN_LANGUAGE = {"en": _("in English"), "nl": _("in Dutch"), "fr": _("in French")}
# A language's name inside a field's name, "Title (Dutch)": French writes it in lower case there.
IN_FIELD_NAME = {
    "en": pgettext_lazy("in a field's name", "English"),
    "nl": pgettext_lazy("in a field's name", "Dutch"),
    "fr": pgettext_lazy("in a field's name", "French"),
}


def reader_language():
    """The language of the request being answered, or the site's default outside one."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def column(name, language):
    return f"{name}_{language}"


class Written(models.Model):
    """A record whose texts were written in one language and may be translated into the others."""

    language = models.CharField(
        _("written in"),
        max_length=2,
        choices=settings.LANGUAGES,
        # A constant, so that an import works out a new record's defaults once; the admin proposes the
        # writer's own language.
        default=settings.LANGUAGE_CODE,
        help_text=_("The language its texts were written in; the other languages are translations."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        own = [column(name, self.language) for name in self.translated_fields]
        message = _("The text as written is in this language: there is nothing to translate it into here.")
        errors = {name: message for name in own if getattr(self, name)}
        if errors:
            raise ValidationError(errors)


def translated(*names):
    """Adds, to the model it decorates, a translation column per language for each field of ``names``.

    A translation column is the original field's kind, optional and empty by default; the one of the
    record's own language stays empty, the original being the text itself.
    """

    def decorate(model):
        for name in names:
            original = model._meta.get_field(name)
            _name, _path, args, kwargs = original.deconstruct()
            for language in LANGUAGES:
                options = {
                    **kwargs,
                    "blank": True,
                    "default": "",
                    "help_text": "",
                    "verbose_name": format_lazy("{} ({})", original.verbose_name, IN_FIELD_NAME[language]),
                }
                options.pop("unique", None)
                model.add_to_class(column(name, language), original.__class__(*args, **options))
        model.translated_fields = names
        return model

    return decorate


@dataclass(frozen=True)
class Shown:
    """A text as a reader sees it: in their language, or in the ``language`` it was written in."""

    text: str
    language: str
    # True when no translation into the reader's language exists and the original stands in.
    original: bool

    def __str__(self):
        return self.text

    @property
    def marker(self):
        return IN_LANGUAGE[self.language] if self.original else ""


def shown(record, name, language=None):
    """Field ``name`` of ``record`` in ``language`` (the reader's), else the original, marked."""
    language = language or reader_language()
    if name not in getattr(record, "translated_fields", ()):
        # A name no one translates, such as a cycle's "2019-2020".
        return Shown(getattr(record, name), language, original=False)
    return choose(getattr(record, name), record.language, getattr(record, column(name, language)), language)


def choose(text, written_in, translation, language):
    """What a reader of ``language`` sees of ``text`` written in ``written_in`` and its ``translation``."""
    if written_in != language and translation:
        return Shown(translation, language, original=False)
    return Shown(text, written_in, original=bool(text) and written_in != language)


def in_language(path, language=None):
    """An SQL expression of field ``path`` (``theme__name``) in ``language``, else the original."""
    language = language or reader_language()
    return Coalesce(NullIf(models.F(column(path, language)), models.Value("")), models.F(path))


def missing_translation(model, language):
    """A ``Q`` of the records of ``model`` written in another language with a text not yet in ``language``."""
    missing = models.Q()
    for name in model.translated_fields:
        missing |= ~models.Q(**{name: ""}) & models.Q(**{column(name, language): ""})
    return ~models.Q(language=language) & missing
