"""Write a full backup of the application's data to one file (JSON, compressed when it ends in .gz)."""

from django.core.management.base import BaseCommand

from recommendations.backup import write_backup


class Command(BaseCommand):
    help = "Write every record (register, accounts, admin history) to FILE; restore it with `restore FILE`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="for example backup-2026-01-31.json.gz")

    def handle(self, *args, file, **options):
        write_backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {file}."))
