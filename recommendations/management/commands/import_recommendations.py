"""``manage.py import_recommendations FILE [--dry-run]``: the admin's stocktaking import from a shell."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recommendations.stocktaking.files import ImportFileError, check_size, describe_totals, read_dataset
from recommendations.stocktaking.resource import RecommendationResource


class Command(BaseCommand):
    help = "Import recommendations from a CSV or XLSX file, keyed by reference: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
        parser.add_argument("--user", help="username to record status changes as")

    def handle(self, *args, file, dry_run, user, **options):
        recorder = None
        if user:
            try:
                recorder = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user {user}.") from None
        try:
            with open(file, "rb") as handle:
                check_size(os.fstat(handle.fileno()).st_size)
                dataset = read_dataset(handle.read())
        except OSError as error:
            raise CommandError(str(error)) from None
        except ImportFileError as error:
            raise CommandError("\n".join(error.messages)) from None
        result = RecommendationResource().import_data(dataset, dry_run=dry_run, user=recorder)
        if result.problems:
            raise CommandError("\n".join(result.problems))
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(prefix + describe_totals(result))
