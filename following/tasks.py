"""The worker's task, through Django's Tasks API (the ``django-tasks`` backport until Django 6's own)."""

from django.db import transaction
from django_tasks import default_task_backend, task

from . import sending


@task()
def send_mails():
    """Send the outbox; while some mail waits for a retry, come back when the first is due."""
    retry_at = sending.send_pending()
    if retry_at is not None and default_task_backend.supports_defer:
        send_mails.using(run_after=retry_at).enqueue()


def schedule():
    """Have the outbox sent once the current transaction, which wrote to it, has committed. A failure to
    enqueue is logged and costs the request nothing: the mail waits in the outbox for the next
    ``send_digests``, which enqueues the task again."""
    transaction.on_commit(send_mails.enqueue, robust=True)
