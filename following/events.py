"""What a follower may be told, written in the transaction of each change of the register: one ``Event`` per
change whatever the number of followers, so that a change costs its writer one row. Told are a
recommendation's progress and board decisions, a project's public updates and its changes of state."""

from django.db import connection
from django.db.models import Max
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from projects.models import Project, ProjectUpdate
from recommendations import services
from recommendations.models import BoardDecision, ProgressUpdate, among_keys

from .models import Event


def progress_recorded(sender, instance, created, raw=False, **kwargs):
    # An update caused by a board decision is told with that decision.
    if created and not raw and instance.decision_id is None:
        Event.objects.create(recommendation_id=instance.recommendation_id, progress=instance)


def decision_recorded(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Event.objects.create(recommendation_id=instance.recommendation_id, decision=instance)


def project_update_recorded(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Event.objects.create(project_id=instance.project_id, project_update=instance)


def project_saving(sender, instance, raw=False, **kwargs):
    """Note the state a project had before this save, to tell whether the save changes it."""
    if not raw and instance.pk is not None:
        instance._state_before_save = sender.objects.filter(pk=instance.pk).values_list("state", flat=True).first()


def project_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_state_before_save", None)
    if not created and not raw and before is not None and before != instance.state:
        Event.objects.create(project_id=instance.pk, project_state=instance.state)


def history_added(sender, recommendations, **kwargs):
    """Progress written in bulk (the import): its updates are the newest rows of their recommendations."""
    if not recommendations:
        return
    newest = (
        ProgressUpdate.objects.filter(among_keys("recommendation_id", list(recommendations)))
        .values("recommendation_id")
        .annotate(newest=Max("pk"))
        .values_list("recommendation_id", "newest")
    )
    # Written by the database from what it reads: an import of 10,000 lines would otherwise build and
    # send 10,000 events one value at a time, a quarter of the import's time.
    select, params = newest.query.sql_with_params()
    quoted = connection.ops.quote_name
    table = quoted(Event._meta.db_table)
    columns = ", ".join(quoted(Event._meta.get_field(name).column) for name in ("recommendation", "progress", "at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT newest.*, %s FROM ({select}) AS newest",
            [connection.ops.adapt_datetimefield_value(timezone.now()), *params],
        )


def connect():
    post_save.connect(progress_recorded, sender=ProgressUpdate, dispatch_uid="following-progress")
    post_save.connect(decision_recorded, sender=BoardDecision, dispatch_uid="following-decision")
    post_save.connect(project_update_recorded, sender=ProjectUpdate, dispatch_uid="following-project-update")
    pre_save.connect(project_saving, sender=Project, dispatch_uid="following-project-saving")
    post_save.connect(project_saved, sender=Project, dispatch_uid="following-project-state")
    services.history_added.connect(history_added, dispatch_uid="following-history-added")
