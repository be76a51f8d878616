"""The open data API: read-only JSON of what the public pages show, and nothing more.

Only published recommendations and projects, and through them only published recommendations; the list
of recommendations takes the list page's FilterSet and refuses what it refuses, in plain words; every
figure comes from ``recommendations.stats`` through the figure cache, as the pages' do. Lists are read a
page at a time by keyset (``keyset``). Texts are in the language of ``lang``, else of Accept-Language.
"""

import django_filters
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from projects.filters import ProjectFilter
from projects.models import Project, ProjectUpdate
from recommendations import badges
from recommendations.as_of import PARAMETER as AS_OF
from recommendations.as_of import InvalidDay, day_asked
from recommendations.caching import FigureCache
from recommendations.filters import InvalidFilters, OverviewFilter, RecommendationFilter, filtered
from recommendations.models import BoardDecision, ProgressUpdate, Recommendation, Status
from recommendations.views import selection, with_recommendations
from workgroups.languages import LANGUAGES, in_language, reader_language
from workgroups.models import Cycle, Office, Theme, Workgroup

from . import serializers as shapes
from .keyset import PARAMETER as CURSOR
from .keyset import InvalidCursor, Key, Order

LANG = "lang"


class Refused(APIException):
    """Parameters the API does not understand: ``problems`` lists (parameter, value given, message)."""

    status_code = 400

    def __init__(self, problems):
        self.problems = problems
        described = " ".join(message for _name, _value, message in problems)
        super().__init__(_("These parameters are not valid: %(problems)s") % {"problems": described})


def problem_handler(exc, context):
    """DRF's answers to errors, with the problems of a refused request listed one by one."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, Refused):
        problems = [
            {"parameter": name, "value": value or "", "message": message} for name, value, message in exc.problems
        ]
        response.data = {"detail": str(exc.detail), "problems": problems}
    return response


def language_problem(request):
    value = request.GET.get(LANG)
    if value is None or value in LANGUAGES:
        return []
    message = _("There is no language “%(value)s”: ask for one of %(languages)s.") % {
        "value": Truncator(value).chars(60),
        "languages": ", ".join(LANGUAGES),
    }
    return [(LANG, value, message)]


class ReadOnly(APIView):
    """Answers in the language ``lang`` names, else the one the browser asks for."""

    def dispatch(self, request, *args, **kwargs):
        language = request.GET.get(LANG)
        with translation.override(language if language in LANGUAGES else translation.get_language()):
            response = super().dispatch(request, *args, **kwargs)
            response["Content-Language"] = reader_language()
        # The language may also come from the language switch's cookie, as on the pages.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def checked(self, request, *, filterset_class=None, queryset=None, order=None, as_of=False):
        """The request's FilterSet, the position its cursor names and its day, or ``Refused`` naming each
        value not understood: the language, the filters, the cursor, the day."""
        problems, filterset, position, day = language_problem(request), None, None, None
        if filterset_class is not None:
            try:
                filterset = filtered(request.GET, queryset, filterset_class)
            except InvalidFilters as error:
                problems += error.problems
        cursor = request.GET.get(CURSOR)
        if cursor and order is not None and (filterset_class is None or filterset is not None):
            try:
                position = (order(filterset) if callable(order) else order).decode(cursor)
            except InvalidCursor as error:
                problems.append((CURSOR, cursor, str(error)))
        if as_of:
            try:
                day = day_asked(request.GET)
            except InvalidDay as error:
                problems.append(error.problem)
        if problems:
            raise Refused(problems)
        return filterset, position, day

    def page(self, request, rows, order, position, serializer_class):
        """One page of ``rows`` in ``order``, after ``position``, with the address of the next."""
        if position is not None:
            rows = rows.filter(order.after(position))
        size = settings.API_PAGE_SIZE
        found = list(rows.order_by(*order.ordering())[: size + 1])
        following = None
        if len(found) > size:
            query = request.GET.copy()
            query[CURSOR] = order.encode(found[size - 1])
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        context = {"request": request}
        return Response({"next": following, "results": serializer_class(found[:size], many=True, context=context).data})


class NotFound(ReadOnly):
    schema = None

    def get(self, request):
        raise Http404


# The schema's pieces.

LANGUAGE_PARAMETER = OpenApiParameter(
    LANG,
    str,
    enum=LANGUAGES,
    description="The language of the texts; without it, the first of Accept-Language that the site speaks.",
)
CURSOR_PARAMETER = OpenApiParameter(
    CURSOR,
    str,
    description="Where the page starts: the value in the `next` address of the page before; without it, the first.",
)
AS_OF_PARAMETER = OpenApiParameter(
    AS_OF,
    OpenApiTypes.DATE,
    description="A day up to today: the figures as they stood at its end, from the progress history.",
)
ERRORS = {
    400: OpenApiResponse(
        shapes.ErrorSerializer, description="A parameter's value is not understood; nothing is listed."
    ),
    429: OpenApiResponse(shapes.ErrorSerializer, description="Too many requests from this address; see Retry-After."),
}
NOT_FOUND = {404: OpenApiResponse(shapes.ErrorSerializer, description="No published record has this address.")}


def filter_parameters(filterset_class, described=None):
    """The query parameters of a FilterSet, as the list page reads them."""
    found = []
    for name, chosen in filterset_class.base_filters.items():
        choices = chosen.extra.get("choices")
        enum = [value for value, _label in choices] if isinstance(choices, (list, tuple)) else None
        if isinstance(chosen, django_filters.ModelChoiceFilter):
            text = f"The {chosen.extra.get('to_field_name', 'slug')} of a {chosen.label.lower()}."
        elif name == "q":
            text = "Words to search for in every language's texts, or a reference."
        elif name == "sort":
            text = "The order; without it, by reference. Ties are ordered by reference, the same way."
        else:
            text = f"Only those with this {str(chosen.label).lower()}: one of the codes below."
        found.append(OpenApiParameter(name, str, enum=enum, description=(described or {}).get(name, text)))
    return found


def paged(name, serializer_class):
    """The schema of a list's page of ``serializer_class``."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "next": serializers.URLField(allow_null=True, help_text="The address of the next page; null on the last."),
            "results": serializer_class(many=True, help_text="The records of this page, in the list's order."),
            "__module__": __name__,
        },
    )


# The recommendations.

RECOMMENDATION_ORDERS = {
    None: Order(Key("reference", kind="reference")),
    "reference": Order(Key("reference", kind="reference")),
    "-reference": Order(Key("reference", descending=True, kind="reference")),
    "title": Order(Key("title"), Key("reference", kind="reference")),
    "-title": Order(Key("title", descending=True), Key("reference", descending=True, kind="reference")),
    "status": Order(Key("status", kind="choice", choices=tuple(Status.values)), Key("reference", kind="reference")),
    "-status": Order(
        Key("status", descending=True, kind="choice", choices=tuple(Status.values)),
        Key("reference", descending=True, kind="reference"),
    ),
    "date": Order(Key("status_date", nullable=True, kind="date"), Key("reference", kind="reference")),
    "-date": Order(
        Key("status_date", descending=True, nullable=True, kind="date"),
        Key("reference", descending=True, kind="reference"),
    ),
}


LISTED = [
    "reference",
    "language",
    "title",
    *(f"title_{language}" for language in LANGUAGES),
    "cycle__slug",
    "theme__slug",
    "country",
    "status",
    "status_date",
    "latest_decision",
]


def recommendation_order(filterset):
    sort = filterset.form.cleaned_data.get("sort") if filterset.is_bound else None
    return RECOMMENDATION_ORDERS[sort[0] if sort else None]


def published():
    return Recommendation.objects.published()


class RecommendationList(ReadOnly):
    @extend_schema(
        operation_id="recommendations",
        summary="Published recommendations",
        description="The list page's filters, each refused with a 400 when its value is not understood; 25 a page.",
        parameters=[*filter_parameters(RecommendationFilter), CURSOR_PARAMETER, LANGUAGE_PARAMETER],
        responses={200: paged("RecommendationPage", shapes.RecommendationSerializer), **ERRORS},
    )
    def get(self, request):
        filterset, position, _day = self.checked(
            request, filterset_class=RecommendationFilter, queryset=published(), order=recommendation_order
        )
        # Only the columns a list shows: a recommendation's texts in every language are most of its row.
        rows = (
            filterset.qs.select_related("cycle", "theme")
            .only(*LISTED)
            .prefetch_related(Prefetch("workgroups", queryset=Workgroup.objects.order_by().only("slug")))
        )
        order = recommendation_order(filterset)
        return self.page(request, rows, order, position, shapes.RecommendationSerializer)


class RecommendationDetail(ReadOnly):
    @extend_schema(
        operation_id="recommendation",
        summary="One published recommendation, with its decisions and progress",
        parameters=[LANGUAGE_PARAMETER],
        responses={200: shapes.RecommendationDetailSerializer, **NOT_FOUND, **ERRORS},
    )
    def get(self, request, reference):
        self.checked(request)
        record = get_object_or_404(
            published()
            .select_related("cycle", "theme", "revisits")
            .prefetch_related(
                Prefetch("workgroups", queryset=Workgroup.objects.order_by().only("slug")),
                Prefetch("decisions", queryset=BoardDecision.objects.order_by("meeting_date", "id")),
                Prefetch("updates", queryset=ProgressUpdate.objects.select_related("decision").order_by("date", "id")),
                Prefetch("revisited_by", queryset=published().order_by()),
                Prefetch("projects", queryset=Project.objects.published().order_by().only("slug")),
            ),
            reference=reference,
        )
        return Response(shapes.RecommendationDetailSerializer(record, context={"request": request}).data)


class HistoryFilter(django_filters.FilterSet):
    recommendation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Recommendation"), queryset=published(), to_field_name="reference"
    )


class DecisionFilter(HistoryFilter):
    class Meta:
        model = BoardDecision
        fields = []


class ProgressFilter(HistoryFilter):
    class Meta:
        model = ProgressUpdate
        fields = []


BY_KEY = Order(Key("id", kind="integer"))


class DecisionList(ReadOnly):
    @extend_schema(
        operation_id="decisions",
        summary="The boards' decisions on published recommendations",
        description="In the order they were recorded; `recommendation` narrows them to one.",
        parameters=[*filter_parameters(DecisionFilter), CURSOR_PARAMETER, LANGUAGE_PARAMETER],
        responses={200: paged("DecisionPage", shapes.DecisionSerializer), **ERRORS},
    )
    def get(self, request):
        rows = BoardDecision.objects.filter(recommendation__published=True).select_related("recommendation")
        filterset, position, _day = self.checked(request, filterset_class=DecisionFilter, queryset=rows, order=BY_KEY)
        return self.page(request, filterset.qs, BY_KEY, position, shapes.DecisionSerializer)


class ProgressList(ReadOnly):
    @extend_schema(
        operation_id="progress",
        summary="The progress updates of published recommendations",
        description="In the order they were recorded; `recommendation` narrows them to one.",
        parameters=[*filter_parameters(ProgressFilter), CURSOR_PARAMETER, LANGUAGE_PARAMETER],
        responses={200: paged("ProgressPage", shapes.ProgressSerializer), **ERRORS},
    )
    def get(self, request):
        rows = ProgressUpdate.objects.filter(recommendation__published=True).select_related(
            "recommendation", "decision"
        )
        filterset, position, _day = self.checked(request, filterset_class=ProgressFilter, queryset=rows, order=BY_KEY)
        return self.page(request, filterset.qs, BY_KEY, position, shapes.ProgressSerializer)


# The process: themes, cycles, workgroups, offices, each with its figures.

BY_SLUG = Order(Key("slug", kind="slug"))


def figured(name, serializer_class):
    """The schema of one record of ``serializer_class`` with its figures."""
    return type(
        name,
        (serializer_class,),
        {
            "as_of": serializers.DateField(
                allow_null=True, help_text="The day the figures stood at the end of; null for today's."
            ),
            "figures": shapes.FiguresSerializer(
                help_text="The figures of its published recommendations, as its page shows them."
            ),
            "__module__": __name__,
        },
    )


def process_views(kind, model, serializer_class, rows, label):
    """The list and the page of one kind of record of the process (``badges.KINDS``)."""

    class ListView(ReadOnly):
        @extend_schema(
            operation_id=kind,
            summary=f"Every {label}",
            description="By slug, 25 a page.",
            parameters=[CURSOR_PARAMETER, LANGUAGE_PARAMETER],
            responses={200: paged(f"{model.__name__}Page", serializer_class), **ERRORS},
        )
        def get(self, request):
            _filterset, position, _day = self.checked(request, order=BY_SLUG)
            return self.page(request, rows(), BY_SLUG, position, serializer_class)

    detail_serializer = figured(f"{model.__name__}WithFigures", serializer_class)

    class DetailView(ReadOnly):
        @extend_schema(
            operation_id=kind[:-1],
            summary=f"One {label} and its figures",
            description="The figures of its page, from the same counts.",
            parameters=[AS_OF_PARAMETER, LANGUAGE_PARAMETER],
            responses={200: detail_serializer, **NOT_FOUND, **ERRORS},
        )
        def get(self, request, slug):
            _filterset, _position, day = self.checked(request, as_of=True)
            record, chosen = badges.selection(kind, slug)
            record = get_object_or_404(rows(), pk=record.pk)
            data = dict(serializer_class(record, context={"request": request}).data)
            data.update(as_of=day, figures=shapes.FiguresSerializer(FigureCache().figures(chosen, day)).data)
            return Response(data)

    ListView.__name__ = f"{model.__name__}List"
    DetailView.__name__ = f"{model.__name__}Detail"
    return ListView, DetailView


ThemeList, ThemeDetail = process_views("themes", Theme, shapes.ThemeSerializer, Theme.objects.all, "theme")
CycleList, CycleDetail = process_views(
    "cycles", Cycle, shapes.CycleSerializer, lambda: Cycle.objects.prefetch_related("themes"), "cycle"
)
WorkgroupList, WorkgroupDetail = process_views(
    "workgroups",
    Workgroup,
    shapes.WorkgroupSerializer,
    lambda: Workgroup.objects.select_related("cycle", "theme", "office"),
    "workgroup",
)
OfficeList, OfficeDetail = process_views("offices", Office, shapes.OfficeSerializer, Office.objects.all, "office")


# The overview's figures.


class ThemeFiguresSerializer(serializers.Serializer):
    theme = serializers.SlugField(help_text="The theme's slug.")
    figures = shapes.FiguresSerializer()


class CycleFiguresSerializer(serializers.Serializer):
    cycle = serializers.SlugField(help_text="The cycle's slug.")
    figures = shapes.FiguresSerializer()


class YearFiguresSerializer(serializers.Serializer):
    day = serializers.DateField(help_text="The last day of a year of the history, or the day asked for.")
    figures = shapes.FiguresSerializer()


class OverviewSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        allow_null=True, help_text="The day the figures stood at the end of; null for today's."
    )
    summary = shapes.FiguresSerializer(help_text="Every published recommendation the filters take.")
    themes = ThemeFiguresSerializer(many=True, help_text="Per theme with recommendations, by name.")
    cycles = CycleFiguresSerializer(many=True, help_text="Per cycle with recommendations, newest first.")
    years = YearFiguresSerializer(many=True, help_text="At the end of every year of the history.")


class Figures(ReadOnly):
    @extend_schema(
        operation_id="figures",
        summary="The overview's figures",
        description="The figures of the overview page (/), narrowed as it is by `cycle` and `country`.",
        parameters=[*filter_parameters(OverviewFilter), AS_OF_PARAMETER, LANGUAGE_PARAMETER],
        responses={200: OverviewSerializer, **ERRORS},
    )
    def get(self, request):
        filterset, _position, day = self.checked(
            request, filterset_class=OverviewFilter, queryset=published(), as_of=True
        )
        chosen, cached = selection(filterset), FigureCache()
        themes = cached.figures_by(chosen, "theme", Theme.objects.order_by(in_language("name")), day)
        cycles = cached.figures_by(chosen, "cycle", Cycle.objects.all(), day)
        data = {
            "as_of": day,
            "summary": cached.figures(chosen, day),
            "themes": [{"theme": theme.slug, "figures": figures} for theme, figures in with_recommendations(themes)],
            "cycles": [{"cycle": cycle.slug, "figures": figures} for cycle, figures in with_recommendations(cycles)],
            "years": [{"day": day, "figures": figures} for day, figures in cached.yearly_implementation(chosen, day)],
        }
        return Response(OverviewSerializer(data).data)


# Projects.


def projects():
    return Project.objects.published().prefetch_related(
        Prefetch("offices", queryset=Office.objects.order_by().only("slug")),
        # Only the published recommendations it answers: an unpublished one is never revealed.
        Prefetch("recommendations", queryset=published().order_by().only("reference")),
    )


class ProjectList(ReadOnly):
    @extend_schema(
        operation_id="projects",
        summary="Published projects",
        description="The project list page's filters, each refused with a 400 when its value is not understood; "
        "by slug, 25 a page.",
        parameters=[*filter_parameters(ProjectFilter), CURSOR_PARAMETER, LANGUAGE_PARAMETER],
        responses={200: paged("ProjectPage", shapes.ProjectSerializer), **ERRORS},
    )
    def get(self, request):
        filterset, position, _day = self.checked(
            request, filterset_class=ProjectFilter, queryset=projects(), order=BY_SLUG
        )
        return self.page(request, filterset.qs, BY_SLUG, position, shapes.ProjectSerializer)


class ProjectDetail(ReadOnly):
    @extend_schema(
        operation_id="project",
        summary="One published project",
        parameters=[LANGUAGE_PARAMETER],
        responses={200: shapes.ProjectDetailSerializer, **NOT_FOUND, **ERRORS},
    )
    def get(self, request, slug):
        self.checked(request)
        record = get_object_or_404(
            projects().prefetch_related(Prefetch("updates", queryset=ProjectUpdate.objects.all())), slug=slug
        )
        return Response(shapes.ProjectDetailSerializer(record, context={"request": request}).data)
