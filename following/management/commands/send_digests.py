"""Write the digest of every follower due, then have the outbox sent (run it every hour, e.g. from cron)."""

from django.core.management.base import BaseCommand

from following import digests, tasks


class Command(BaseCommand):
    help = "Write the digest of every follower due into the outbox, and have the worker send it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Every follower with news is due, however recent their last digest."
        )
        parser.add_argument("--batch", type=int, default=digests.BATCH, help="Followers written per transaction.")

    def handle(self, *args, force=False, batch=digests.BATCH, **options):
        written = digests.compose(force=force, batch=batch)
        digests.prune()
        # Also a safety net for mails a stopped worker left behind.
        tasks.send_mails.enqueue()
        self.stdout.write(f"{written} digests written.")
