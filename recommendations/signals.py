"""Changes of the process (names of cycles, themes, workgroups, offices, a cycle's themes) show in cached pages
too: each one moves the data version on, before the write, so that the version row is locked first as in
``services``.

Bulk ``update()`` and ``bulk_create()`` send no signals: code that writes that way calls
``services.note_change()`` itself.
"""

from django.db.models.signals import m2m_changed, pre_delete, pre_save

from workgroups.models import Cycle, Office, Theme, Workgroup

from . import services


def process_changes(sender, **kwargs):
    services.note_change()


def cycle_themes_change(sender, action, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear"):
        services.note_change()


def connect():
    for model in (Office, Cycle, Theme, Workgroup):
        pre_save.connect(process_changes, sender=model, dispatch_uid=f"note-change-save-{model.__name__}")
        pre_delete.connect(process_changes, sender=model, dispatch_uid=f"note-change-delete-{model.__name__}")
    m2m_changed.connect(cycle_themes_change, sender=Cycle.themes.through, dispatch_uid="note-change-cycle-themes")
