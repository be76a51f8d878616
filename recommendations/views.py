"""The public pages: the overview, the list, one recommendation, and one theme, cycle or workgroup.

Only published recommendations count and show; every page runs a fixed number of queries.
"""

import array

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Mod, RowNumber
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workgroups.languages import in_language
from workgroups.models import Cycle, Theme, Workgroup

from . import search, sections, stats
from .as_of import PARAMETER as AS_OF
from .as_of import InvalidDay, day_asked
from .caching import FigureCache, cached_page
from .filters import DIFFER, InvalidFilters, OverviewFilter, RecommendationFilter, filtered
from .models import BOARDS_DIFFER, NEWEST_DECISION_FIRST, BoardDecision, ProgressUpdate, Recommendation, RowAfter

PAGE_SIZE = 25
# A list of up to this many rows that no index gives in its order (a workgroup's or an office's, or a cycle's
# by title) has its keys in order kept with its figures: a page is a slice of them, not a sort of every row.
KEPT_KEYS = 40_000
KEY_BYTES = 8


def published():
    return Recommendation.objects.published()


class ListRows:
    """The rows of a list for the paginator, read in two steps: the keys of one page, then its rows.

    The first query filters, orders and skips on the recommendations' own columns alone, so that the
    database sorts narrow rows (from an index where there is one); the second reads the page's rows with
    their cycle, theme and every board's latest decision, whose subqueries then run for the rows shown
    instead of every row before the offset. ``count`` is the number of rows when it is known already
    (the total of the page's figures, the same set), which spares a count of the whole set.

    ``ranked`` are the rows a search ranked, first in the order and in their order: a page among them is
    read from them alone, without ordering every other row (see ``search.found``).

    ``groups`` split an order whose first key has a few values into its groups, each ordered by reference:
    (lookups, number of rows) in the list's order, counted already by the page's figures. A page is then read
    from the group or two it falls in, through the index on that key and the reference, whichever way
    the groups follow each other (newest cycle first; status either way).

    ``kept_keys`` are the keys of all the rows in the list's order, when they are kept already: a page is
    then a slice of them. ``page_ends`` (``PageEnds``), where the last row of each page is kept: a page is
    then the rows after the one before it, read from the order's index without counting the rows before.
    """

    def __init__(self, recommendations, count=None, ranked=None, groups=None, kept_keys=None, page_ends=None):
        self.recommendations = recommendations
        self.known_count = count
        self.ranked = ranked
        self.groups = groups
        self.kept_keys = kept_keys
        self.page_ends = page_ends

    def count(self):
        return self.recommendations.count() if self.known_count is None else self.known_count

    def spanned(self, window):
        """The groups ``window`` falls in, with the part of each: [(lookups, slice)]."""
        spanned, start = [], 0
        for lookups, rows in self.groups:
            if start >= window.stop:
                break
            if rows and start + rows > window.start:
                spanned.append((lookups, slice(max(window.start - start, 0), window.stop - start)))
            start += rows
        return spanned

    def keys(self, window):
        if self.kept_keys is not None:
            return self.kept_keys[window]
        if self.page_ends is not None and window.start % PAGE_SIZE == 0:
            rows = self.page_ends.page(self.recommendations, window.start // PAGE_SIZE)
            return list(rows.values_list("pk", flat=True)[: window.stop - window.start])
        spanned = self.spanned(window) if self.groups is not None else None
        # A page across more than two groups (each smaller than a page) is read in one query of the whole order.
        if spanned is not None and len(spanned) <= 2:
            keys = []
            for lookups, part in spanned:
                group = self.recommendations.filter(**lookups).order_by("reference").values_list("pk", flat=True)
                keys += group[part]
            return keys
        if self.ranked is None:
            return list(self.recommendations.values_list("pk", flat=True)[window])
        first = list(self.ranked.values_list("pk", flat=True))
        keys = first[window]
        if window.stop > len(first) and len(first) == search.RANKED:
            rest = self.recommendations.exclude(pk__in=self.ranked.values("pk")).values_list("pk", flat=True)
            keys += rest[max(window.start - len(first), 0) : window.stop - len(first)]
        return keys

    def __getitem__(self, window):
        keys = self.keys(window)
        if not keys:
            return []
        rows = Recommendation.objects.filter(pk__in=keys).select_related("cycle", "theme")
        by_key = {row.pk: row for row in rows}
        return [by_key[key] for key in keys if key in by_key]


def page_of(request, recommendations, count=None, ranked=None, groups=None, kept_keys=None, page_ends=None):
    """One page of list rows, with their cycle, theme and every board's latest decision at hand.

    ``count`` is the number of ``recommendations`` when the page's figures counted it already; ``ranked``
    those a search ranked first; ``groups`` the groups of their order, ``kept_keys`` all their keys in it
    and ``page_ends`` where its pages end (see ``ListRows``).
    """
    rows = ListRows(recommendations, count, ranked, groups, kept_keys, page_ends)
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


class PageEnds:
    """Where each page of a list ends: the values of the order's ``keys`` (the last one unique, none ever
    empty) at the last row of every full page, in order."""

    def __init__(self, keys, ends):
        self.keys, self.ends = keys, ends

    @classmethod
    def counted(cls, recommendations, keys):
        """The number of ``recommendations``, in their order by ``keys``, and where their pages end, in one
        query that returns only the last row of each page (and the last row); the ends are ``None`` when a
        key is empty somewhere (a row comparison does not place an empty value)."""
        empty = Q()
        for key in keys:
            empty |= Q(**{f"{key}__isnull": True})
        numbered = (
            recommendations.order_by()
            .annotate(
                number=Window(RowNumber(), order_by=[F(key).asc() for key in keys]),
                total=Window(Count("pk")),
                empty=Window(Count("pk", filter=empty)),
                place=Mod("number", PAGE_SIZE),
            )
            .filter(Q(place=0) | Q(number=F("total")))
            .order_by("number")
        )
        rows = list(numbered.values_list(*keys, "place", "total", "empty"))
        if not rows:
            return 0, cls(keys, [])
        *_values, _place, count, empties = rows[-1]
        ends = [tuple(values) for *values, place, _count, _empties in rows if place == 0]
        return count, (None if empties else cls(keys, ends))

    def page(self, recommendations, number):
        """The rows of page ``number`` (from 0) on, in the order of the keys."""
        rows = recommendations.order_by(*self.keys)
        return rows if number == 0 else rows.filter(RowAfter(self.keys, self.ends[number - 1], descending=False))


def ordered_groups(filterset, chosen, summary, cached):
    """The groups of the list's order (see ``ListRows``) when its figures count them, else ``None``.

    By status, the summary counts each status. Newest cycle first, the kept counts give each cycle's rows
    when they answer the set (``stats.Selection.kept``); cycles that started the same day form one group.
    A search ranks its rows in the usual order: not in groups.
    """
    values = filterset.form.cleaned_data if filterset.is_bound else {}
    sort = values.get("sort") or []
    if sort in (["status"], ["-status"]):
        statuses = sorted(summary.counts, key=lambda status: status.value, reverse=sort == ["-status"])
        return [({"status": status}, summary.counts[status]) for status in statuses]
    if sort or values.get("q") or not chosen.kept:
        return None
    by_start = {}
    for cycle, figures in cached.figures_by(chosen, "cycle", Cycle.objects.order_by("-start_date")):
        if figures.total:
            by_start.setdefault(cycle.start_date, []).append((cycle.pk, figures.total))
    return [
        ({"cycle__in": [pk for pk, _rows in cycles]}, sum(rows for _pk, rows in cycles)) for cycles in by_start.values()
    ]


def with_recommendations(rows):
    """The rows of ``stats.figures_by`` that have recommendations."""
    return [(obj, figures) for obj, figures in rows if figures.total]


def selection(filterset):
    """The set a valid FilterSet narrows the list to, with its filters named by the fields they compare."""
    values = filterset.form.cleaned_data if filterset.is_bound else {}
    filters = {filterset.filters[name].field_name: value for name, value in values.items() if name != "sort"}
    return stats.Selection(filterset.qs, **filters)


def figures_context(recommendations, breakdowns=(), as_of=None, cached=None):
    """The figures of a page (``recommendations``, a ``stats.Selection``): the summary, its growth over the
    years and its breakdowns; ``as_of`` a day, as they stood at its end.

    ``breakdowns`` are (id, heading, column, field name, objects): a table per field of ``stats.figures_by``;
    ``cached`` the request's ``FigureCache``, if it has one already.
    """
    cached = cached or FigureCache()
    return {
        "summary": cached.figures(recommendations, as_of),
        "over_time": cached.yearly_implementation(recommendations, as_of),
        "today": timezone.localdate(),
        "as_of": as_of,
        "breakdowns": [
            {
                "id": key,
                "heading": heading,
                "column": column,
                "rows": with_recommendations(cached.figures_by(recommendations, field_name, objects, as_of)),
            }
            for key, heading, column, field_name, objects in breakdowns
        ],
    }


def day_context(request):
    """What the choice of a day needs on a figure page: the day typed, the page's other parameters (kept by
    the form; a page number is not: another day has other pages) and the address of today's figures."""
    others = request.GET.copy()
    for name in (AS_OF, "page"):
        others.pop(name, None)
    return {
        "today": timezone.localdate(),
        "as_of_value": request.GET.get(AS_OF, ""),
        "as_of_others": [(name, value) for name, values in others.lists() for value in values],
        "today_address": request.path + (f"?{others.urlencode()}" if others else ""),
    }


def per_theme():
    return ("themes", _("Per theme"), _("Theme"), "theme", Theme.objects.order_by(in_language("name")))


def per_cycle():
    return ("cycles", _("Per cycle"), _("Cycle"), "cycle", Cycle.objects.all())


def filtered_or_refused(request, filterset_class, template, *, as_of=False):
    """The request's FilterSet and the day asked for (``as_of``, on a page that reads one), or the page with
    a message naming each value not understood and no figures or rows (status 400)."""
    problems = []
    try:
        filterset = filtered(request.GET, published(), filterset_class)
    except InvalidFilters as error:
        filterset, problems = error.filterset, list(error.problems)
    day = None
    if as_of:
        try:
            day = day_asked(request.GET)
        except InvalidDay as error:
            problems.append(error.problem)
    if problems:
        context = {"filterset": filterset, "invalid": problems, **(day_context(request) if as_of else {})}
        return None, None, render(request, template, context, status=400)
    return filterset, day, None


@cached_page(*OverviewFilter.base_filters, AS_OF)
def overview(request):
    template = "recommendations/overview.html"
    filterset, day, refusal = filtered_or_refused(request, OverviewFilter, template, as_of=True)
    if refusal:
        return refusal
    figures = figures_context(selection(filterset), [per_theme(), per_cycle()], as_of=day)
    list_query = request.GET.copy()
    list_query.pop(AS_OF, None)
    context = {"filterset": filterset, "list_query": list_query.urlencode(), **figures, **day_context(request)}
    return render(request, template, context)


@cached_page(*RecommendationFilter.base_filters, "page")
def recommendation_list(request):
    template = "recommendations/recommendation_list.html"
    filterset, _day, refusal = filtered_or_refused(request, RecommendationFilter, template)
    if refusal:
        return refusal
    cached, chosen = FigureCache(), selection(filterset)
    filterset.form.keep_menus(cached)
    summary = cached.figures(chosen)
    groups = ordered_groups(filterset, chosen, summary, cached)
    kept_keys = None
    # An order read by its groups finds its page in an index; any other is sorted, once per data version.
    if filterset.ranked is None and (groups is None or not chosen.kept) and 0 < summary.total <= KEPT_KEYS:
        kept_keys = kept_in_order(cached, chosen, filterset.qs)
    page = page_of(request, filterset.qs, summary.total, filterset.ranked, groups, kept_keys)
    context = {"filterset": filterset, "summary": summary, "page": page, "feed": list_feed(request)}
    return render(request, template, context)


def kept_in_order(cached, chosen, recommendations):
    """The keys of ``recommendations`` (of ``chosen``) in their order, kept with the figures: sorting an office's
    rows, or a cycle's by title, took 150–300 ms at every page."""
    order = ",".join(map(str, recommendations.query.order_by))
    return cached.remember(
        f"list keys by {order}", chosen, lambda: PackedKeys(recommendations.values_list("pk", flat=True))
    )


class PackedKeys:
    """Keys as the bytes of 64-bit numbers: a page reads its 25 without making the others Python numbers,
    and ``KEPT_KEYS`` of them take 320 kB in the cache."""

    def __init__(self, keys):
        self.packed = array.array("q", keys).tobytes()

    def __len__(self):
        return len(self.packed) // KEY_BYTES

    def __getitem__(self, window):
        start, stop, _step = window.indices(len(self))
        return array.array("q", self.packed[start * KEY_BYTES : max(start, stop) * KEY_BYTES]).tolist()


def list_feed(request):
    """The address of the list's feed in the reader's language: the same filters, without an order or a page."""
    query = request.GET.copy()
    for name in ("sort", "page"):
        query.pop(name, None)
    return reverse("recommendation_list_feed") + (f"?{query.urlencode()}" if query else "")


@cached_page()
def recommendation_detail(request, reference):
    recommendation = get_object_or_404(
        published()
        .select_related("cycle", "theme", "revisits")
        .prefetch_related(
            Prefetch(
                "workgroups", queryset=Workgroup.objects.select_related("office", "cycle").order_by(in_language("name"))
            ),
            Prefetch("decisions", queryset=BoardDecision.objects.order_by(*NEWEST_DECISION_FIRST)),
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("decision")),
            Prefetch("revisited_by", queryset=published().order_by("reference")),
        ),
        reference=reference,
    )
    workgroups = list(recommendation.workgroups.all())
    offices = sorted({group.office for group in workgroups if group.office}, key=str)
    context = {
        "recommendation": recommendation,
        "workgroups": workgroups,
        "offices": offices,
        "decisions": with_standing(recommendation.decisions.all()),
        "sections": sections.rendered(request, recommendation),
        "feed": reverse("recommendation_feed", args=[recommendation.reference]),
    }
    return render(request, "recommendations/recommendation_detail.html", context)


def with_standing(decisions):
    """Each decision (oldest first) with whether it is its board's current one, once a board decided twice.

    ``decisions`` come newest first (``NEWEST_DECISION_FIRST``), so a board's first is its current one;
    with one decision per board there is nothing earlier to tell it from, and no mark:
    (decision, "current" | "earlier" | None).
    """
    decisions = list(decisions)
    current = {}
    for decision in decisions:
        current.setdefault(decision.board, decision)
    oldest_first = list(reversed(decisions))
    if len(current) == len(oldest_first):
        return [(decision, None) for decision in oldest_first]
    return [(decision, "current" if current[decision.board] is decision else "earlier") for decision in oldest_first]


def elsewhere(request, kind, obj):
    """The addresses of the badge and the figure card of ``obj``, whole, in the reader's language, to paste
    into a newsletter or another site."""
    language = {"lang": translation.get_language()}
    return {
        "badge": request.build_absolute_uri(f"{reverse('badge', args=[kind, obj.slug])}?{urlencode(language)}"),
        "card": request.build_absolute_uri(f"{reverse('card', args=[kind, obj.slug])}?{urlencode(language)}"),
    }


def render_slice(request, kind, obj, lookup, breakdowns=(), *, recommendations=None, template=None, extra=None):
    """The page of a theme, cycle, workgroup or office: its figures (as they stood at the end of the day
    asked for, if any) and its recommendations as they are now.

    ``kind`` names the template and the list's filter parameter; ``recommendations`` are those of ``obj``
    when ``lookup`` alone does not find them, and ``extra`` what else the page shows.
    """
    template = template or f"recommendations/{kind}.html"
    context = {
        "object": obj,
        "list_query": urlencode({kind: obj.slug}),
        # Its feed, by the name of its kind's ("theme_feed"): an office's lives with the projects.
        "feed": reverse(f"{kind}_feed", args=[obj.slug]),
        **day_context(request),
        **(extra or {}),
    }
    try:
        day = day_asked(request.GET)
    except InvalidDay as error:
        return render(request, template, {**context, "invalid": [error.problem]}, status=400)
    if recommendations is None:
        recommendations = published().filter(**{lookup: obj})
    chosen = stats.Selection(recommendations, **{lookup: obj})
    cached = FigureCache()
    figures = figures_context(chosen, breakdowns, as_of=day, cached=cached)
    # The list shows the recommendations as they are now: its count is today's.
    today = figures["summary"] if day is None else cached.figures(chosen)
    kept_keys = None
    if not chosen.kept and 0 < today.total <= KEPT_KEYS:
        kept_keys = kept_in_order(cached, chosen, recommendations)
    context.update(
        figures,
        page=page_of(request, recommendations, today.total, kept_keys=kept_keys),
        elsewhere=elsewhere(request, f"{kind}s", obj),
        sections=sections.rendered(request, obj, kind),
        figure_sections=sections.rendered_figures(request, kind, obj, recommendations, today),
    )
    return render(request, template, context)


@cached_page("page", AS_OF)
def theme(request, slug):
    chosen = get_object_or_404(Theme, slug=slug)
    return render_slice(request, "theme", chosen, "theme", [per_cycle()])


@cached_page("page", AS_OF)
def cycle(request, slug):
    chosen = get_object_or_404(Cycle, slug=slug)
    workgroups = chosen.workgroups.order_by(in_language("name"))
    breakdowns = [per_theme(), ("workgroups", _("Per workgroup"), _("Workgroup"), "workgroups", workgroups)]
    return render_slice(request, "cycle", chosen, "cycle", breakdowns)


@cached_page("page", AS_OF)
def workgroup(request, slug):
    chosen = get_object_or_404(Workgroup.objects.select_related("cycle", "theme", "office"), slug=slug)
    return render_slice(request, "workgroup", chosen, "workgroups")


@cached_page("page", AS_OF)
def boards(request):
    """Per board, per cycle and per theme, what the boards' newest decisions are, and the recommendations the
    two boards decided on differently. The decisions as they are: the page takes no earlier day."""
    template = "recommendations/boards.html"
    context = day_context(request)
    if request.GET.get(AS_OF):
        message = gettext(
            "This page shows the boards' decisions as they are today; it cannot show them as they stood on an "
            "earlier day."
        )
        return render(request, template, {**context, "invalid": [(AS_OF, request.GET[AS_OF], message)]}, status=400)
    figures = FigureCache().board_figures(stats.Selection(published()))
    cycles, themes = Cycle.objects.order_by("-start_date"), Theme.objects.order_by(in_language("name"))
    context["boards"] = [
        {
            "board": board,
            "total": figures.total(board),
            "cycles": figures.by(board, "cycle", cycles),
            "themes": figures.by(board, "theme", themes),
        }
        for board in stats.BOARDS
    ]
    context["decisions"] = stats.DECISIONS
    context["differing"] = figures.differing
    context["page"] = page_of(request, published().filter(BOARDS_DIFFER), figures.differing)
    context["differ_query"] = urlencode({"boards": DIFFER})
    return render(request, template, context)
