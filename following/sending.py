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
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, connection, transaction
from django.db import connections as db_connections
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


@contextlib.contextmanager
def commits_not_waiting_for_the_disk():
    """On PostgreSQL, commits that return once the database has them, without waiting for its disk: a mark
    of a mail sent is then safe from a killed worker at once; only a crash of the database server itself
    could lose the last moment's marks, and those mails would go again under their Message-ID."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


def renewed(worker, keys):
    """Extend ``worker``'s claim on those of ``keys`` it still holds: (the keys it holds, until when)."""
    now = timezone.now()
    until = now + lease()
    pending().filter(pk__in=keys, claimed_by=worker, claimed_until__gt=now).update(claimed_until=until)
    held = pending().filter(pk__in=keys, claimed_by=worker, claimed_until=until).values_list("pk", flat=True)
    return set(held), until


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
        held, until = renewed(worker, keys)
        connection.open()
        for mail in Mail.objects.filter(pk__in=keys).order_by("id"):
            left.remove(mail.pk)
            # Half the claim gone: renew it, or leave the mails another worker took after it ran out.
            if timezone.now() > until - lease() / 2:
                held, until = renewed(worker, [mail.pk, *left])
            if mail.pk not in held:
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


def send_in_turn(worker, limit):
    """Claim and send batch after batch, until none is due or ``limit`` mails are sent; the number sent."""
    total = 0
    with commits_not_waiting_for_the_disk():
        while limit is None or total < limit:
            keys = claim(worker, BATCH if limit is None else min(BATCH, limit - total))
            if not keys:
                break
            sent = send_batch(worker, keys)
            total += sent
            if not sent:
                break
    return total


def send_pending(worker=None, limit=None):
    """Send every mail due, on PostgreSQL over ``FOLLOWING_SEND_CONNECTIONS`` SMTP connections at once (each
    mail waits for the server's answers; several connections keep it busy); when some mails still wait (for a
    retry, or for the end of another worker's claim), the time the first can be taken."""
    worker = worker or uuid.uuid4().hex[:24]
    connections = settings.FOLLOWING_SEND_CONNECTIONS if connection.vendor == "postgresql" and limit is None else 1
    if connections == 1:
        send_in_turn(worker, limit)
    else:
        with ThreadPoolExecutor(connections) as pool:
            list(pool.map(lambda number: in_a_thread(send_in_turn, f"{worker}-{number}", None), range(connections)))
    takeable = Greatest("next_attempt_at", Coalesce("claimed_until", "next_attempt_at"))
    return pending().aggregate(first=Min(takeable))["first"]


def in_a_thread(work, *args):
    """``work(*args)`` in a thread of its own, closing the thread's database connection after it."""
    try:
        return work(*args)
    finally:
        db_connections.close_all()
