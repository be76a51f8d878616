"""Load a backup written by `backup` into an empty, migrated database, all or nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from recommendations.backup import is_empty


class Command(BaseCommand):
    help = "Load FILE, written by `backup`, into an empty database after `migrate`; writes nothing on error."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        if not is_empty():
            raise CommandError("The database already holds data; restore only into an empty, migrated database.")
        # loaddata runs in one transaction: a broken file leaves the database as it was.
        call_command("loaddata", file, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
