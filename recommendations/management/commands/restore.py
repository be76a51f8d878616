"""Load a backup written by `backup` into an empty, migrated database, all or nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recommendations import services
from recommendations.backup import is_empty
from recommendations.models import Recommendation


class Command(BaseCommand):
    help = "Load FILE, written by `backup`, into an empty database after `migrate`; writes nothing on error."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        if not is_empty():
            raise CommandError("The database already holds data; restore only into an empty, migrated database.")
        # One transaction: a broken file leaves the database as it was. The data version moves on,
        # so that no figure cached before the restore is shown after it.
        with transaction.atomic():
            call_command("loaddata", file, verbosity=0)
            # A backup written before each board's decision had a column of its own holds none.
            services.sync_decision_columns(Recommendation.objects.all())
            services.note_change()
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
