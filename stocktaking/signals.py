"""A change of an edition or its analyses shows in the kept pages: it moves the data version on."""

from django.db.models.signals import pre_delete, pre_save

from recommendations import services

from .models import Edition, ThemeAnalysis


def edition_changes(sender, **kwargs):
    services.note_change()


def connect(app_config):
    for model in (Edition, ThemeAnalysis):
        pre_save.connect(edition_changes, sender=model, dispatch_uid=f"note-change-save-{model.__name__}")
        pre_delete.connect(edition_changes, sender=model, dispatch_uid=f"note-change-delete-{model.__name__}")
