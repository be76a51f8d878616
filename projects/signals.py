"""A change of a project, its updates or what it links shows in the kept pages: it moves the data version on."""

from django.db.models.signals import m2m_changed, pre_delete, pre_save

from recommendations import services

from .models import Project, ProjectUpdate


def project_changes(sender, **kwargs):
    services.note_change()


def links_change(sender, action, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        services.note_change()


def connect(app_config):
    for model in (Project, ProjectUpdate):
        pre_save.connect(project_changes, sender=model, dispatch_uid=f"note-change-save-{model.__name__}")
        pre_delete.connect(project_changes, sender=model, dispatch_uid=f"note-change-delete-{model.__name__}")
    for through in (Project.offices.through, Project.recommendations.through):
        m2m_changed.connect(links_change, sender=through, dispatch_uid=f"note-change-{through.__name__}")
