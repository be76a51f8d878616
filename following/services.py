"""Every change of who follows what: a request, its confirmation, the settings, leaving, deletion, export."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import mails, targets, tasks
from .models import ConfirmationThrottle, DigestClock, Follower, Mail, Subscription

# At most one confirmation mail per address in this time, whatever is asked.
CONFIRMATION_INTERVAL = datetime.timedelta(hours=1)


def normalized(address):
    return address.strip().lower()


def address_digest(address):
    key = hashlib.sha256(f"following-throttle:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, normalized(address).encode(), hashlib.sha256).hexdigest()


def may_send_confirmation(address, now):
    """Take the address's turn for a confirmation mail, if an hour has passed since its last one."""
    digest = address_digest(address)
    if ConfirmationThrottle.objects.filter(pk=digest, last_sent_at__lte=now - CONFIRMATION_INTERVAL).update(
        last_sent_at=now
    ):
        return True
    try:
        with transaction.atomic():
            ConfirmationThrottle.objects.create(pk=digest, last_sent_at=now)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def request_follow(address, kind, record, frequency, language, now=None):
    """Record that ``address`` asks to follow ``record`` and, unless one went to it within the hour, write a
    confirmation mail of everything it asked and has not confirmed yet.

    Whether the address follows already changes nothing here, so the answer cannot reveal it; nothing counts
    before the owner of the address confirms, and then with the frequency and language asked here.
    """
    now = now or timezone.now()
    follower, _created = Follower.objects.get_or_create(
        email=normalized(address), defaults={"language": language, "frequency": frequency}
    )
    asked, _created = Subscription.objects.get_or_create(follower=follower, kind=kind, target_id=record.pk)
    if not may_send_confirmation(address, now):
        return None
    waiting = list(follower.subscriptions.filter(confirmed_at__isnull=True).exclude(pk=asked.pk).order_by("pk"))
    mail = mails.confirmation(follower, [asked, *waiting], frequency, language)
    mail.save()
    tasks.schedule()
    return mail


def current_run():
    return DigestClock.objects.filter(pk=1).aggregate(run=Max("run"))["run"] or 0


@transaction.atomic
def confirm(values, now=None):
    """Confirm the subscriptions of a confirmation token's ``values``; the follower, or None when gone."""
    now = now or timezone.now()
    follower = Follower.objects.select_for_update().filter(key=values["k"]).first()
    if follower is None:
        return None
    if follower.confirmed_at is None:
        # Told from now on: what was sealed before is not news to them.
        follower.confirmed_at, follower.told_run = now, current_run()
    follower.frequency, follower.language = values["f"], values["l"]
    follower.save(update_fields=["confirmed_at", "told_run", "frequency", "language"])
    follower.subscriptions.filter(pk__in=values["s"], confirmed_at__isnull=True).update(confirmed_at=now)
    return follower


@transaction.atomic
def unsubscribe(follower):
    """Stop every mail: no subscription left, and no mail still waiting to go."""
    follower.subscriptions.all().delete()
    Mail.objects.filter(follower=follower, sent_at__isnull=True).delete()


@transaction.atomic
def change(follower, *, frequency, language, dropped):
    follower.frequency, follower.language = frequency, language
    follower.save(update_fields=["frequency", "language"])
    follower.subscriptions.filter(pk__in=[sub.pk for sub in dropped]).delete()


@transaction.atomic
def delete(follower):
    """Forget the follower: address, subscriptions and mails (the throttle keeps only a keyed digest)."""
    follower.delete()


def exported(follower):
    """Everything kept about ``follower``, as it would be shown to them."""
    subscriptions = list(follower.subscriptions.order_by("pk"))
    named = {sub.pk: (name, url) for sub, name, url in targets.described(subscriptions, follower.language)}
    stamp = lambda moment: moment.isoformat() if moment else None  # noqa: E731
    return {
        "email": follower.email,
        "language": follower.language,
        "frequency": follower.frequency,
        "asked_at": stamp(follower.created_at),
        "confirmed_at": stamp(follower.confirmed_at),
        "last_digest_at": stamp(follower.last_digest_at),
        "follows": [
            {
                "kind": sub.kind,
                "name": named.get(sub.pk, ("", ""))[0],
                "address": named.get(sub.pk, ("", ""))[1],
                "asked_at": stamp(sub.created_at),
                "confirmed_at": stamp(sub.confirmed_at),
            }
            for sub in subscriptions
        ],
        "mails": [
            {
                "message_id": mail.message_id,
                "subject": mail.subject,
                "written_at": stamp(mail.created_at),
                "sent_at": stamp(mail.sent_at),
            }
            for mail in follower.mails.order_by("pk")
        ],
    }
