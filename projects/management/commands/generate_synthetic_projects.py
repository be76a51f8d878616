"""Add synthetic projects to the synthetic recommendations, for scale measurements."""

import time

from django.core.management.base import BaseCommand, CommandError

from projects.synthetic import generate


class Command(BaseCommand):
    help = "Add N synthetic projects answering the recommendations generate_synthetic wrote."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, metavar="N")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--prefix", default="syn", help="Prefix of the synthetic records it builds on.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, projects, batch_size, prefix, seed, **options):
        if projects < 1 or batch_size < 1:
            raise CommandError("--projects and --batch-size must be positive whole numbers.")
        started = time.monotonic()
        try:
            generate(projects, prefix=prefix, batch_size=batch_size, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{projects:,} projects written in {time.monotonic() - started:.1f} s."))
