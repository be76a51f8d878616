"""Admin widgets that both apps' admins share."""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class ValidKeysOnly:
    """Django's autocomplete looks the posted value up as it is: a value that is no valid key, such as
    one typed by hand or sent by a robot, made the form's display with its errors fail with a 500."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._is_valid_key(item)], attr)

    def _is_valid_key(self, item):
        # The key of the related model (``remote_field.target_field`` is this model's own for a foreign key).
        target = self.field.target_field
        try:
            target.run_validators(target.to_python(item))
        except ValidationError:
            return False
        return True


class ValidatingAutocompleteSelect(ValidKeysOnly, AutocompleteSelect):
    pass


class ValidatingAutocompleteSelectMultiple(ValidKeysOnly, AutocompleteSelectMultiple):
    pass


class ValidatingAutocompleteMixin:
    """For ModelAdmin and inlines: autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidatingAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidatingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
