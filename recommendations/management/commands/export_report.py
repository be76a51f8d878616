"""``manage.py export_report NAME [FILTER=VALUE ...] [--format csv|xlsx] [-o FILE]``: a report from a shell."""

import sys

from django.core.management.base import BaseCommand, CommandError

from recommendations import exports
from recommendations.models import Recommendation


class Command(BaseCommand):
    help = "Write a report as CSV or XLSX, narrowed by the filters of the public list (cycle=2019-2020 ...)."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(exports.REPORTS), help="the report")
        parser.add_argument("filters", nargs="*", metavar="FILTER=VALUE", help="cycle, theme, workgroup, office, ...")
        parser.add_argument("--format", dest="file_format", choices=exports.FORMATS, default="csv")
        parser.add_argument("--sep", choices=list(exports.SEPARATORS), default="comma", help="CSV separator")
        parser.add_argument(
            "-o",
            "--output",
            help="file to write, - for standard output; default: named after report, filters and date",
        )

    def handle(self, *args, name, filters, file_format, sep, output, **options):
        if any("=" not in item for item in filters):
            raise CommandError("Give filters as name=value, for example cycle=2019-2020.")
        data = dict(item.split("=", 1) for item in filters)
        try:
            recommendations, active = exports.filtered(data, Recommendation.objects.all())
        except exports.InvalidFilters as error:
            raise CommandError(str(error)) from None
        report = exports.REPORTS[name](recommendations)
        output = output or exports.file_name(name, active, file_format)
        if output == "-":
            exports.write_file(report, file_format, sys.stdout.buffer, exports.SEPARATORS[sep], report.title)
            return
        with open(output, "wb") as target:
            exports.write_file(report, file_format, target, exports.SEPARATORS[sep], report.title)
        self.stderr.write(f"Wrote {output}")
