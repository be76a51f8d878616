"""Downloads: the public list as CSV, and the coordinators' reports page with its CSV and XLSX files."""

import tempfile

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import spreadsheets
from ..filters import InvalidFilters, RecommendationFilter, filtered
from ..models import Recommendation
from .reports import REPORTS, PublicRecommendations

EXPORT_PERMISSION = "recommendations.export_recommendation"
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


def _report_download(request, report_class, queryset, file_format):
    try:
        filterset = filtered(request.GET, queryset)
        sep = spreadsheets.separator(request.GET.get("sep"))
    except (InvalidFilters, spreadsheets.InvalidRequest) as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return download(report_class(filterset.qs), file_format, filterset.active_filters, sep)


def recommendation_export_csv(request):
    """The public list as CSV: the published recommendations that the list shows for the same filters."""
    return _report_download(request, PublicRecommendations, Recommendation.objects.published(), "csv")


# Staff pages and files hold internal fields: no browser or proxy may store them.
@never_cache
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_list(request):
    filterset = RecommendationFilter(request.GET or None, queryset=Recommendation.objects.none())
    return render(
        request,
        "recommendations/exports.html",
        {"reports": REPORTS.values(), "filter": filterset, "formats": spreadsheets.FORMATS},
    )


@never_cache
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_report(request, report, file_format):
    if report not in REPORTS or file_format not in spreadsheets.FORMATS:
        raise Http404
    return _report_download(request, REPORTS[report], Recommendation.objects.all(), file_format)
