"""Fill an empty database with the illustrative demo data."""

from django.core.management.base import BaseCommand

from recommendations.demo.illustrative import load_demo
from recommendations.models import Recommendation


class Command(BaseCommand):
    help = "Fill an empty database with the illustrative demo data (250 recommendations). Does nothing otherwise."

    def handle(self, *args, **options):
        if load_demo():
            self.stdout.write(
                self.style.SUCCESS(f"Loaded the demo data: {Recommendation.objects.count()} recommendations.")
            )
        else:
            self.stdout.write("The database already holds data; the demo data was not loaded and nothing changed.")
