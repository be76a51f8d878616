"""Sending the outbox: several workers at once, each mail once.

A worker claims a batch of mails for a lease (``select_for_update(skip_locked=True)`` on PostgreSQL, so that
workers never wait for each other), renews the claim of each mail just before sending it and marks it sent
just after the SMTP server accepted it. A mail whose worker died is taken by another once the lease is over;
only a mail accepted in the instant before the kill can go out twice, with the same ``Message-ID``.
"""

import contextlib
import datetime
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import Mail

log = logging.getLogger(__name__)


def lease():
    return datetime.timedelta(seconds=settings.FOLLOWING_CLAIM_SECONDS)


BATCH = 200
# Back-off after a failure: 30 s, 1 min, 2 min… up to an hour; after this many attempts the mail is given up.
FIRST_RETRY = datetime.timedelta(seconds=30)
LONGEST_RETRY = datetime.timedelta(hours=1)
MAX_ATTEMPTS = 20
# Answers about one message: the others of the batch can still go through the same connection.
ABOUT_THE_MESSAGE = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def pending():
    return Mail.objects.filter(sent_at__isnull=True, failed_at__isnull=True)


def claim(worker, size=BATCH):
    """The keys of up to ``size`` mails due now, claimed by ``worker`` for the lease."""
    now = timezone.now()
    with transaction.atomic():
        keys = list(
            pending()
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now), next_attempt_at__lte=now)
            .order_by("id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        Mail.objects.filter(pk__in=keys).update(claimed_by=worker, claimed_until=now + lease())
    return keys


def message(mail, connection):
    headers = {"Message-ID": mail.message_id, "Auto-Submitted": "auto-generated"}
    if mail.unsubscribe_url:
        # RFC 8058: the mail client unsubscribes with one POST to this address.
        headers["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to], headers=headers, connection=connection
    )


def retry_delay(attempts):
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def failed(keys, error):
    """Put back mails that could not be sent, each to be tried again after its back-off."""
    now = timezone.now()
    for mail in Mail.objects.filter(pk__in=keys).only("pk", "attempts"):
        attempts = mail.attempts + 1
        given_up = attempts >= MAX_ATTEMPTS
        Mail.objects.filter(pk=mail.pk, sent_at__isnull=True).update(
            attempts=attempts,
            next_attempt_at=now + retry_delay(attempts),
            claimed_by="",
            claimed_until=None,
            last_error=str(error)[:1000],
            failed_at=now if given_up else None,
        )
        if given_up:
            log.error("Mail %s given up after %s attempts: %s", mail.pk, attempts, error)


def send_batch(worker, keys):
    """Send the claimed mails ``keys``; the number sent."""
    connection = get_connection(fail_silently=False)
    left = list(keys)
    sent = 0
    try:
        connection.open()
        for mail in Mail.objects.filter(pk__in=keys).order_by("id"):
            left.remove(mail.pk)
            # Still ours, and for long enough to send it: a worker whose lease ran out leaves it to the other.
            now = timezone.now()
            if not pending().filter(pk=mail.pk, claimed_by=worker).update(claimed_until=now + lease()):
                continue
            try:
                connection.send_messages([message(mail, connection)])
            except ABOUT_THE_MESSAGE as error:
                failed([mail.pk], error)
                continue
            except (smtplib.SMTPException, OSError):
                left.append(mail.pk)
                raise
            Mail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(), claimed_by="", claimed_until=None)
            sent += 1
    except (smtplib.SMTPException, OSError) as error:
        # The server refused, timed out or is gone: every mail not sent waits for the back-off.
        log.warning("SMTP server unavailable, %s mails wait: %s", len(left), error)
        failed(left, error)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return sent


def send_pending(worker=None, limit=None):
    """Send every mail due, batch after batch; when some still wait (for a retry, or for the end of another
    worker's claim), the time the first can be taken."""
    worker = worker or uuid.uuid4().hex
    total = 0
    while limit is None or total < limit:
        keys = claim(worker, BATCH if limit is None else min(BATCH, limit - total))
        if not keys:
            break
        sent = send_batch(worker, keys)
        total += sent
        if not sent:
            break
    takeable = Greatest("next_attempt_at", Coalesce("claimed_until", "next_attempt_at"))
    return pending().aggregate(first=Min(takeable))["first"]
