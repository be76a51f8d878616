"""``manage.py export_report NAME [FILTER=VALUE ...] [--format csv|xlsx] [-o FILE]``: a report from a shell."""

import sys

from django.core.management.base import BaseCommand, CommandError

from recommendations import spreadsheets
from recommendations.filters import InvalidFilters, filtered
from recommendations.models import Recommendation
from recommendations.reports.reports import REPORTS
from recommendations.views import selection


class Command(BaseCommand):
    help = "Write a report as CSV or XLSX, narrowed by the filters of the public list (cycle=2019-2020 ...)."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(REPORTS), help="the report")
        parser.add_argument("filters", nargs="*", metavar="FILTER=VALUE", help="cycle, theme, workgroup, office, ...")
        parser.add_argument("--format", dest="file_format", choices=spreadsheets.FORMATS, default="csv")
        parser.add_argument("--sep", choices=list(spreadsheets.SEPARATORS), default="comma", help="CSV separator")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="unpublished recommendations too, with a published column",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="file to write, - for standard output; default: named after report, filters and date",
        )

    def handle(self, *args, name, filters, file_format, sep, output, include_unpublished, **options):
        if any("=" not in item for item in filters):
            raise CommandError("Give filters as name=value, for example cycle=2019-2020.")
        data = dict(item.split("=", 1) for item in filters)
        try:
            everything = Recommendation.objects.all() if include_unpublished else Recommendation.objects.published()
            filterset = filtered(data, everything)
        except InvalidFilters as error:
            raise CommandError(str(error)) from None
        # The kept counts answer the published recommendations only: with the unpublished ones, rows are counted.
        counted = filterset.qs if include_unpublished else selection(filterset)
        try:
            report = REPORTS[name].made_for(data, filterset.qs, counted=counted, with_published=include_unpublished)
        except spreadsheets.InvalidRequest as error:
            raise CommandError(str(error)) from None
        output = output or spreadsheets.file_name(name, [*report.chosen, *filterset.active_filters], file_format)
        separator = spreadsheets.SEPARATORS[sep]
        if output == "-":
            spreadsheets.write_file(report, file_format, sys.stdout.buffer, separator, report.title)
            return
        with open(output, "wb") as target:
            spreadsheets.write_file(report, file_format, target, separator, report.title)
        self.stderr.write(f"Wrote {output}")
