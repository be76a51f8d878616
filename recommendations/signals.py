"""Changes of the process (names of cycles, themes, workgroups, offices, a cycle's themes) show in cached pages
too: each one moves the data version on, before the write, so that the version row is locked first as in
``services``. After a migration, the triggers of the kept figures are checked (``kept.restore_triggers``).

Bulk ``update()`` and ``bulk_create()`` send no signals: code that writes that way calls
``services.note_change()`` itself.
"""

from django.db.models.signals import m2m_changed, post_migrate, pre_delete, pre_save

from workgroups.models import Cycle, Office, Theme, Workgroup

from . import kept, services


def process_changes(sender, **kwargs):
    services.note_change()


def cycle_themes_change(sender, action, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        services.note_change()


def after_migrate(sender, using, **kwargs):
    kept.restore_triggers(using)


def connect(app_config):
    for model in (Office, Cycle, Theme, Workgroup):
        pre_save.connect(process_changes, sender=model, dispatch_uid=f"note-change-save-{model.__name__}")
        pre_delete.connect(process_changes, sender=model, dispatch_uid=f"note-change-delete-{model.__name__}")
    m2m_changed.connect(cycle_themes_change, sender=Cycle.themes.through, dispatch_uid="note-change-cycle-themes")
    post_migrate.connect(after_migrate, sender=app_config, dispatch_uid="kept-figures-triggers")
