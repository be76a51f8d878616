"""What a follower may be told, written in the transaction of each change of the register: one ``Event`` per
change whatever the number of followers, so that a change costs its writer one row."""

from django.db.models import Max
from django.db.models.signals import post_save

from projects.models import ProjectUpdate
from recommendations import services
from recommendations.models import BoardDecision, ProgressUpdate

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


def history_added(sender, recommendations, **kwargs):
    """Progress written in bulk (the import): its updates are the newest rows of their recommendations."""
    newest = (
        ProgressUpdate.objects.filter(recommendation_id__in=recommendations)
        .values("recommendation_id")
        .annotate(newest=Max("pk"))
        .values_list("recommendation_id", "newest")
    )
    Event.objects.bulk_create(
        [Event(recommendation_id=pk, progress_id=update) for pk, update in newest], batch_size=2000
    )


def connect():
    post_save.connect(progress_recorded, sender=ProgressUpdate, dispatch_uid="following-progress")
    post_save.connect(decision_recorded, sender=BoardDecision, dispatch_uid="following-decision")
    post_save.connect(project_update_recorded, sender=ProjectUpdate, dispatch_uid="following-project-update")
    services.history_added.connect(history_added, dispatch_uid="following-history-added")
