"""Fill the database quickly with synthetic recommendations for scale measurements."""

import time

from django.core.management.base import BaseCommand, CommandError

from recommendations.demo.synthetic import generate


class Command(BaseCommand):
    help = "Add N synthetic recommendations (with workgroups, a board decision and their progress history)."

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, required=True, metavar="N")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--prefix", default="syn", help="Prefix of the references and slugs it creates.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, recommendations, batch_size, prefix, seed, **options):
        if recommendations < 1 or batch_size < 1:
            raise CommandError("--recommendations and --batch-size must be positive whole numbers.")
        started = time.monotonic()

        def progress(done):
            if done % (batch_size * 20) == 0 or done == recommendations:
                self.stdout.write(f"{done:,} recommendations written ({time.monotonic() - started:.0f} s)")

        generate(recommendations, prefix=prefix, batch_size=batch_size, seed=seed, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
