"""The followers, for the team: read-only, with what each follows and how many mails wait or were sent."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Follower


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "frequency", "confirmed_at", "follows", "mails_sent", "mails_waiting"]
    list_filter = ["frequency", "language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = ["email", "language", "frequency", "created_at", "confirmed_at", "last_digest_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                follows_count=Count(
                    "subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False), distinct=True
                ),
                sent_count=Count("mails", filter=Q(mails__sent_at__isnull=False), distinct=True),
                waiting_count=Count(
                    "mails", filter=Q(mails__sent_at__isnull=True, mails__failed_at__isnull=True), distinct=True
                ),
            )
        )

    @admin.display(description=_("follows"), ordering="follows_count")
    def follows(self, obj):
        return obj.follows_count

    @admin.display(description=_("mails sent"), ordering="sent_count")
    def mails_sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("mails waiting"), ordering="waiting_count")
    def mails_waiting(self, obj):
        return obj.waiting_count

    # Followers manage themselves through the links of their mails; the team only reads.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
