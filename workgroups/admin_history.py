"""The admin's history of a single record, which both apps' admins share."""

from django.core.exceptions import PermissionDenied


class HistoryReadersOnlyMixin:
    """For every ModelAdmin: a record's history page is part of the admin's history, so it needs the right
    to read that history (the cooperative life team's), not only the right to view the record."""

    def history_view(self, request, object_id, extra_context=None):
        if not request.user.has_perm("admin.view_logentry"):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)
