"""Downloads: the public list as CSV, and the coordinators' reports page with its CSV and XLSX files."""

import tempfile

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import spreadsheets
from ..filters import InvalidFilters, RecommendationFilter, filtered
from ..models import Recommendation
from ..views import selection
from .reports import REPORTS, PublicRecommendations

EXPORT_PERMISSION = "recommendations.export_recommendation"
PUBLIC_XLSX_MAX_ROWS = 50_000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(report, file_format, filters, sep=","):
    """The report as a file: CSV streams line by line, XLSX is written to disk first, then streamed."""
    if file_format == "csv":
        response = StreamingHttpResponse(spreadsheets.csv_chunks(report, sep), content_type=CONTENT_TYPES["csv"])
    else:
        # The response closes the file once it is sent.
        target = tempfile.TemporaryFile()  # noqa: SIM115
        spreadsheets.write_file(report, file_format, target, sheet_title=report.title)
        target.seek(0)
        response = FileResponse(target, content_type=CONTENT_TYPES[file_format])
    name = spreadsheets.file_name(report.name, filters, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def refused(message):
    """A file asked for in a way that makes no sense: the reason, as plain text."""
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _report_download(request, report_class, queryset, file_format, *, with_published=False, max_rows=None):
    try:
        filterset = filtered(request.GET, queryset)
        sep = spreadsheets.separator(request.GET.get("sep"))
    except (InvalidFilters, spreadsheets.InvalidRequest) as error:
        return refused(str(error))
    if max_rows is not None and (count := filterset.qs.count()) > max_rows:
        message = _(
            "A spreadsheet holds up to %(limit)s recommendations and this list has %(count)s: narrow it "
            "with the filters, or download the CSV file, which holds any number."
        ) % {
            "limit": number_format(max_rows, force_grouping=True),
            "count": number_format(count, force_grouping=True),
        }
        return refused(message)
    # The kept counts answer the published recommendations only: with the unpublished ones, rows are counted.
    counted = filterset.qs if with_published else selection(filterset)
    try:
        report = report_class.made_for(request.GET, filterset.qs, counted=counted, with_published=with_published)
    except spreadsheets.InvalidRequest as error:
        return refused(str(error))
    return download(report, file_format, [*report.chosen, *filterset.active_filters], sep)


def recommendation_export(request, file_format):
    """The public list as a file: the published recommendations that the list shows for the same filters.

    A workbook is built whole before it is sent, so its length is bounded; CSV streams any length.
    """
    max_rows = PUBLIC_XLSX_MAX_ROWS if file_format == "xlsx" else None
    published = Recommendation.objects.published()
    return _report_download(request, PublicRecommendations, published, file_format, max_rows=max_rows)


def staff_recommendations(request):
    """Published recommendations, or all of them with ``include=unpublished``: (queryset, whether all)."""
    include = request.GET.get("include", "")
    if include not in ("", "unpublished"):
        raise spreadsheets.InvalidRequest(_("The include parameter takes only the value unpublished."))
    everything = include == "unpublished"
    return (Recommendation.objects.all() if everything else Recommendation.objects.published()), everything


def downloads(request, report):
    """The query strings of a report's files, (label, query) per choice of a report about one of several
    things, or one without a label; each keeps the page's filters."""
    if report.chooses is None:
        return [(None, request.GET.copy())]
    found = []
    for value, label in report.choices():
        query = request.GET.copy()
        query[report.chooses] = value
        found.append((label, query))
    return found


# Staff pages and files hold internal fields: no browser or proxy may store them.
@never_cache
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_list(request):
    filterset = RecommendationFilter(request.GET or None, queryset=Recommendation.objects.none())
    try:
        _recommendations, everything = staff_recommendations(request)
        hidden = filtered(request.GET, Recommendation.objects.filter(published=False)).qs.count()
    except (InvalidFilters, spreadsheets.InvalidRequest):
        everything, hidden = False, None
    context = {
        "reports": [(report, downloads(request, report)) for report in REPORTS.values()],
        "filter": filterset,
        "formats": spreadsheets.FORMATS,
        "everything": everything,
        "unpublished": hidden,
    }
    return render(request, "recommendations/exports.html", context)


@never_cache
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_report(request, report, file_format):
    if report not in REPORTS or file_format not in spreadsheets.FORMATS:
        raise Http404
    try:
        recommendations, everything = staff_recommendations(request)
    except spreadsheets.InvalidRequest as error:
        return refused(str(error))
    return _report_download(request, REPORTS[report], recommendations, file_format, with_published=everything)
