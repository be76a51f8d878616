from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Following by e-mail")

    def ready(self):
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from recommendations import sections

        from . import events, views
        from .models import Kind

        events.connect()
        # The tasks only say "send the outbox"; what staff need to see is the outbox itself.
        admin.site.unregister(DBTaskResult)
        for kind in Kind.values:
            sections.register(views.section(kind), pages=[kind])
