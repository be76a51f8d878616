"""Following by e-mail, without an account: who follows what, what changed, and the mail to send.

A change of the register writes an ``Event`` in its own transaction (see ``events``); a digest run seals the
events committed so far under a new run number and writes, in one transaction per batch of followers, each
follower's digest into the outbox (``Mail``) with the run it told up to. The worker sends the outbox.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    """What can be followed: the page it is followed from."""

    RECOMMENDATION = "recommendation", _("Recommendation")
    THEME = "theme", _("Theme")
    CYCLE = "cycle", _("Cycle")
    WORKGROUP = "workgroup", _("Workgroup")
    OFFICE = "office", _("Local office")
    PROJECT = "project", _("Project")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Once a day at most")
    WEEKLY = "weekly", _("Once a week at most")


def new_key():
    return uuid.uuid4().hex


class Follower(models.Model):
    """An e-mail address that asked to follow something; it follows once it confirmed (``confirmed_at``)."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    # What the signed links name, rather than the address or the row's number.
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The digest run whose events this follower was last told, and when.
    told_run = models.PositiveBigIntegerField(default=0, editable=False)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.CheckConstraint(condition=models.Q(frequency__in=Frequency.values), name="follower_frequency_valid"),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="follower_language_valid",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "last_digest_at"], name="follower_due_idx")]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """One thing a follower follows; it counts once confirmed through the link of a confirmation mail."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["follower", "kind", "target_id"], name="subscription_once"),
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="subscription_kind_valid"),
        ]
        indexes = [models.Index(fields=["kind", "target_id"], name="subscription_target_idx")]

    def __str__(self):
        return f"{self.follower_id} → {self.kind} {self.target_id}"


class Event(models.Model):
    """Something a follower may be told: a progress update or a board decision of a recommendation, or a
    project's update; written in the transaction of the change. ``run`` is the digest run that sealed it."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    progress = models.ForeignKey(
        "recommendations.ProgressUpdate", on_delete=models.CASCADE, null=True, related_name="+"
    )
    decision = models.ForeignKey("recommendations.BoardDecision", on_delete=models.CASCADE, null=True, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, null=True, related_name="+")
    project_update = models.ForeignKey("projects.ProjectUpdate", on_delete=models.CASCADE, null=True, related_name="+")
    # A project's new state, as it was set: told as it was then, whatever came after.
    project_state = models.CharField(max_length=20, blank=True, db_default="")
    at = models.DateTimeField(auto_now_add=True)
    run = models.PositiveBigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["run"], name="event_run_idx"),
            models.Index(fields=["id"], condition=models.Q(run__isnull=True), name="event_unsealed_idx"),
        ]

    def __str__(self):
        return f"{self.pk} ({self.run})"


class DigestClock(models.Model):
    """The number of the last digest run: sealing events under the next one locks this row."""

    run = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return str(self.run)


class ConfirmationThrottle(models.Model):
    """When an address was last sent a confirmation mail, by a keyed digest of the address (so that it stays
    after the follower's data is deleted without keeping the address)."""

    address_digest = models.CharField(max_length=64, primary_key=True)
    last_sent_at = models.DateTimeField()

    def __str__(self):
        return self.address_digest


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    DIGEST = "digest", pgettext_lazy("mail", "Digest")


class Mail(models.Model):
    """The outbox: a mail written whole in the transaction that decided to send it, sent by the worker.

    ``message_id`` is its idempotency key: a mail that the SMTP server accepted but that a killed worker did
    not mark as sent goes out again with the same ``Message-ID``.
    """

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(max_length=20, choices=MailKind.choices)
    message_id = models.CharField(max_length=200, unique=True)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    unsubscribe_url = models.URLField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A worker holds a mail from claiming it until ``claimed_until``; after that another may take it.
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True)
    failed_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="mail_pending_idx",
            )
        ]

    def __str__(self):
        return self.message_id
