"""Compare the figures the database keeps with a count from the rows; with --repair, count them again."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from recommendations import kept, services
from recommendations.models import DayCount, Status, StatusCount, YearCount, YearTotal
from workgroups.models import Country, Cycle, Theme


class Command(BaseCommand):
    help = (
        "Compare the kept counts of published recommendations (per cycle, theme, country and status, per year "
        "and day of their history, and per year of all of them) with a count from the recommendations and their "
        "progress updates; --repair counts them all again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="count the kept figures again from the rows")

    def handle(self, *args, repair, **options):
        with transaction.atomic():
            # The data version first, as every change takes it: no change runs between the two counts.
            services.note_change()
            differences = self.differences()
            if repair and differences:
                kept.rebuild()
        for line in differences:
            self.stdout.write(line)
        if not differences:
            self.stdout.write(self.style.SUCCESS("The kept figures match the recommendations."))
        elif repair:
            self.stdout.write(self.style.SUCCESS(f"Repaired: {len(differences)} kept counts were counted again."))
        else:
            raise CommandError(
                f"{len(differences)} kept counts differ; run check_figures --repair to count them again."
            )

    def differences(self):
        status_sql, year_sql, day_sql, total_sql = kept.counted(connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(status_sql)
            counted_statuses = {tuple(row[:4]): row[4] for row in cursor.fetchall()}
            cursor.execute(year_sql)
            counted_years = {tuple(row[:5]): (row[5], row[6]) for row in cursor.fetchall()}
            cursor.execute(day_sql)
            # SQLite gives the day as text.
            counted_days = {(*row[:3], str(row[3]), row[4]): (row[5], row[6]) for row in cursor.fetchall()}
            cursor.execute(total_sql)
            counted_totals = {tuple(row[:2]): (row[2], row[3]) for row in cursor.fetchall()}
        kept_statuses = {
            tuple(row[:4]): row[4]
            for row in StatusCount.objects.values_list("cycle", "theme", "country", "status", "recommendations")
        }
        kept_years = {
            tuple(row[:5]): (row[5], row[6])
            for row in YearCount.objects.values_list("cycle", "theme", "country", "year", "status", "started", "ended")
        }
        kept_days = {
            (*row[:3], str(row[3]), row[4]): (row[5], row[6])
            for row in DayCount.objects.values_list("cycle", "theme", "country", "day", "status", "started", "ended")
        }
        kept_totals = {
            tuple(row[:2]): (row[2], row[3])
            for row in YearTotal.objects.values_list("year", "status", "started", "ended")
        }
        names = {
            "cycle": dict(Cycle.objects.values_list("pk", "name")),
            "theme": dict(Theme.objects.values_list("pk", "name")),
        }
        lines = []
        for key in sorted(kept_statuses.keys() | counted_statuses.keys(), key=str):
            have, want = kept_statuses.get(key, 0), counted_statuses.get(key, 0)
            if have != want:
                lines.append(f"{self.place(names, key)}, {self.status(key[3])}: kept {have}, counted {want}.")
        spans = [
            (kept_years, counted_years, lambda key: f"{self.place(names, key)}, {self.status(key[4])} in {key[3]}"),
            (kept_days, counted_days, lambda key: f"{self.place(names, key)}, {self.status(key[4])} on {key[3]}"),
            (kept_totals, counted_totals, lambda key: f"Every place, {self.status(key[1])} in {key[0]}"),
        ]
        for kept_spans, counted_spans, described in spans:
            for key in sorted(kept_spans.keys() | counted_spans.keys(), key=str):
                have, want = kept_spans.get(key, (0, 0)), counted_spans.get(key, (0, 0))
                if have != want:
                    lines.append(
                        f"{described(key)}: kept {have[0]} started and {have[1]} ended, "
                        f"counted {want[0]} started and {want[1]} ended."
                    )
        return lines

    @staticmethod
    def status(code):
        return str(dict(Status.choices).get(code, code))

    @staticmethod
    def place(names, key):
        cycle, theme, country = key[:3]
        cycle_name = names["cycle"].get(cycle, f"a deleted cycle ({cycle})")
        theme_name = names["theme"].get(theme, f"a deleted theme ({theme})")
        country_name = dict(Country.choices).get(country, country)
        return f"Cycle “{cycle_name}”, theme “{theme_name}”, {country_name}"
