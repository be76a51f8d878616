"""Send the outbox now, in this process, without the task worker."""

from django.core.management.base import BaseCommand

from following import sending


class Command(BaseCommand):
    help = "Send every mail of the outbox that is due, in this process."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many mails.")

    def handle(self, *args, limit=None, **options):
        retry_at = sending.send_pending(limit=limit)
        left = sending.pending().count()
        self.stdout.write(
            f"{left} mails wait" + (f", the first until {retry_at:%Y-%m-%d %H:%M:%S} UTC." if left else ".")
        )
