"""The admin of texts written in one language and translated into the others: the languages side by
side on one line, the text as written first and marked, and a filter of what still needs translating."""

from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .languages import IN_LANGUAGE, column, missing_translation, reader_language

# The cooperative's own languages first.
SIDE_BY_SIDE = ["nl", "fr", "en"]

NEEDS_TRANSLATION = {
    "nl": _("needs a Dutch translation"),
    "fr": _("needs a French translation"),
    "en": _("needs an English translation"),
}


class WrittenLanguageMixin:
    """Proposes the writer's own language as the language of a new text."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "language" and field is not None:
            field.initial = reader_language()
        return field


class TranslatedAdminMixin(WrittenLanguageMixin):
    """For the admin of a ``translated`` model: its texts side by side with their translations."""

    class Media:
        css = {"all": ["css/admin_languages.css"]}

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": side_by_side(self.model, options["fields"], obj)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name in self.model.translated_fields:
            if name in form.base_fields:
                # Marked in its help, not its label: the history names a changed field by its label.
                written = format_lazy("{}, {}", _("Original"), IN_LANGUAGE[obj.language]) if obj else _("Original")
                form.base_fields[name].help_text = written
        return form


def side_by_side(model, fields, obj):
    """``fields`` with each translated text followed, on its line, by its translations.

    The translation into the record's own language is left out: the text as written is that one.
    """
    translations = {column(name, language) for name in model.translated_fields for language in SIDE_BY_SIDE}
    laid_out = []
    for name in fields:
        if name in translations:
            continue
        if name in model.translated_fields:
            others = [column(name, language) for language in SIDE_BY_SIDE if obj is None or language != obj.language]
            laid_out.append((name, *others))
        else:
            laid_out.append(name)
    return laid_out


class NeedsTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "needs_translation"

    def lookups(self, request, model_admin):
        return [(language, NEEDS_TRANSLATION[language]) for language in SIDE_BY_SIDE]

    def queryset(self, request, queryset):
        if self.value() in SIDE_BY_SIDE:
            return queryset.filter(missing_translation(queryset.model, self.value()))
        return queryset
