"""Atom feeds of the public pages: the list (with its filters), a theme, cycle, workgroup and one recommendation.

Each entry is one dated change of the history, newest first: a board's decision or a progress update (and,
in ``projects.feeds``, a project's public update), worded in the reader's language, the language of the
feed's address (``/nl/…``, ``/fr/…``), since a feed reader sends none of its own. Only published
recommendations are read; feeds are public pages, kept whole under the data version as the others.
"""

import dataclasses
import datetime
from itertools import chain

from django.contrib.syndication.views import Feed
from django.db import models
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from workgroups.languages import shown
from workgroups.models import Country, Cycle, Theme, Workgroup
from workgroups.templatetags.languages import shown as shown_text

from .caching import cached_page
from .filters import InvalidFilters, RecommendationFilter, filtered, in_workgroups
from .models import BoardDecision, Decision, ProgressUpdate, Recommendation, Status, among_keys
from .reports.views import refused

# The newest changes a feed holds; a reader that polls now and then sees every one.
FEED_LENGTH = 50
# A set of at most this many recommendations is read through its keys (see ``among``).
FEW_RECOMMENDATIONS = 20_000
# A feed without entries has changed never: one fixed moment, so that it reads the same at every request.
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# The list feed reads the list's filters; newest first is its only order, and it has no pages.
LIST_FEED_PARAMETERS = [name for name in RecommendationFilter.base_filters if name != "sort"]


class ChangesAtom(Atom1Feed):
    """Atom with each entry's text as ``content`` (a reader shows it whole) and the feed's ``updated`` the
    newest time an entry was recorded."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})

    def latest_post_date(self):
        return max((item["updateddate"] for item in self.items), default=NEVER)


@dataclasses.dataclass(frozen=True)
class Change:
    """One entry: a dated change, in the reader's words, under a tag URI that never changes."""

    day: datetime.date
    recorded_at: datetime.datetime
    # Which record it is ("decision", 12): the entry's identity, and the last of the order's ties.
    record: tuple
    title: str
    content: str
    link: str

    @property
    def order(self):
        return (self.day, self.recorded_at, self.record)

    def tag(self, authority):
        """Its id: ``tag:host,day recorded:decision/12``, the same in every feed and language it shows in."""
        kind, key = self.record
        return f"tag:{authority},{self.recorded_at.date().isoformat()}:{kind}/{key}"


def newest(*changes):
    """The ``FEED_LENGTH`` newest of several lists of changes: by day, then by the time each was recorded."""
    return sorted(chain(*changes), key=lambda change: change.order, reverse=True)[:FEED_LENGTH]


def marked(text):
    """A ``Shown`` text as plain text: a text shown as written says its language, as on the pages."""
    return f"{text.text} ({text.marker})" if getattr(text, "original", False) else str(text)


def with_marker(record, name):
    return marked(shown(record, name))


def named(recommendation):
    return f"{recommendation.reference} {with_marker(recommendation, 'title')}"


def dated(day, words=None):
    """A day as the pages show it, in a ``time`` element; ``words`` a sentence holding it as ``%(date)s``."""
    shown_day = date_format(day, "DATE_FORMAT")
    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), words % {"date": shown_day} if words else shown_day
    )


def recommendation_line(recommendation):
    return format_html("<p><strong>{}</strong> {}</p>", recommendation.reference, shown_text(recommendation, "title"))


def decision_change(decision):
    """A board's decision: which board, which decision, the meeting's day, the motivation and the reformulated
    text, as the recommendation's page shows it. Written here rather than by a template: a feed holds 50."""
    recommendation = decision.recommendation
    board, verdict = Country(decision.board).label, Decision(decision.decision).label
    title = _("%(recommendation)s: %(decision)s by the board of directors, %(board)s") % {
        "recommendation": named(recommendation),
        "decision": verdict,
        "board": board,
    }
    parts = [
        recommendation_line(recommendation),
        format_html(
            "<p><strong>{}</strong> · {}</p>",
            _("%(board)s: %(decision_label)s") % {"board": board, "decision_label": verdict},
            dated(decision.meeting_date, _("Meeting of %(date)s")),
        ),
    ]
    if decision.motivation:
        parts.append(format_html("<p>{}</p>{}", _("Motivation"), shown_text(decision, "motivation", paragraphs=True)))
    if decision.reformulated_text:
        parts.append(
            format_html(
                "<p>{}</p><blockquote>{}</blockquote>",
                _("Reformulated as"),
                shown_text(decision, "reformulated_text", paragraphs=True),
            )
        )
    link = recommendation.get_absolute_url()
    return Change(decision.meeting_date, decision.recorded_at, ("decision", decision.pk), title, "".join(parts), link)


def progress_change(update):
    """A progress update: its day, its status, the decision that caused it, its note, as the page's timeline."""
    recommendation = update.recommendation
    status = Status(update.status).label
    title = _("%(recommendation)s: %(status)s") % {"recommendation": named(recommendation), "status": status}
    cause = (
        ", "
        + _("after the decision of the board of directors, %(board)s") % {"board": Country(update.decision.board).label}
        if update.decision
        else ""
    )
    parts = [
        recommendation_line(recommendation),
        format_html("<p>{} · <strong>{}</strong>{}</p>", dated(update.date), status, cause),
    ]
    if update.note:
        parts.append(shown_text(update, "note", paragraphs=True))
    link = recommendation.get_absolute_url()
    return Change(update.date, update.recorded_at, ("progress", update.pk), title, "".join(parts), link)


def newest_keys(records, day, kind):
    """The ``FEED_LENGTH`` newest of ``records`` by ``day``, then the time each was recorded, as their place in
    that order: (day, recorded at, (kind, key)), read from the index of that order alone (never a whole row
    while looking)."""
    newest_first = records.order_by(f"-{day}", "-recorded_at", "-id")
    return [(on, at, (kind, key)) for on, at, key in newest_first.values_list(day, "recorded_at", "id")[:FEED_LENGTH]]


def among(recommendations):
    """A condition for the changes of ``recommendations``: when they are a few thousand at most, their keys
    themselves, read first (on PostgreSQL one array, checked by hashing); else a subquery, each change met in
    the walk of the newest checked through ``published_by_key_idx``. A narrow set found by walking would
    take thousands of checks per entry; a wide one read whole, thousands of rows to sort."""
    keys = list(recommendations.order_by().values_list("pk", flat=True)[: FEW_RECOMMENDATIONS + 1])
    if len(keys) > FEW_RECOMMENDATIONS:
        return models.Q(recommendation__in=recommendations.values("pk"))
    return among_keys("recommendation", keys)


def recommendation_changes(recommendations):
    """The newest changes of ``recommendations`` (published ones, a queryset), in a fixed number of queries:
    the places of the newest decisions and updates first, then the rows of the ``FEED_LENGTH`` newest of both
    alone, the only ones worded."""
    condition = among(recommendations)
    places = chain(
        newest_keys(BoardDecision.objects.filter(condition), "meeting_date", "decision"),
        newest_keys(ProgressUpdate.objects.filter(condition), "date", "progress"),
    )
    chosen = {"decision": [], "progress": []}
    for _day, _recorded_at, (kind, key) in sorted(places, reverse=True)[:FEED_LENGTH]:
        chosen[kind].append(key)
    decisions = BoardDecision.objects.filter(pk__in=chosen["decision"]).select_related("recommendation")
    updates = ProgressUpdate.objects.filter(pk__in=chosen["progress"]).select_related("recommendation", "decision")
    return [*map(decision_change, decisions), *map(progress_change, updates)]


@dataclasses.dataclass(frozen=True)
class Subject:
    """What a feed follows: its title and description, the page it follows, and its newest changes."""

    title: str
    subtitle: str
    page: str
    address: str
    authority: str
    changes: list


def subject(request, title, subtitle, page, changes):
    host, _port = split_domain_port(request.get_host())
    return Subject(
        title=_("%(title)s · Smart in Progress") % {"title": title},
        subtitle=subtitle,
        page=page,
        address=request.build_absolute_uri(),
        authority=host,
        changes=newest(changes),
    )


def kind_and_name(kind, record):
    return _("%(kind)s: %(name)s") % {"kind": kind, "name": with_marker(record, "name")}


class ChangesFeed(Feed):
    """A feed of a ``Subject``; subclasses find it in ``get_object``."""

    feed_type = ChangesAtom
    author_name = "Smart in Progress"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The page cache keeps a page's type and content: a header it would not keep is left out from the start.
        del response["Last-Modified"]
        return response

    def title(self, subject):
        return subject.title

    def subtitle(self, subject):
        return subject.subtitle

    def link(self, subject):
        return subject.page

    def feed_url(self, subject):
        return subject.address

    def feed_guid(self, subject):
        return subject.address

    def items(self, subject):
        return [(change, subject.authority) for change in subject.changes]

    def item_title(self, item):
        return item[0].title

    def item_description(self, item):
        # The text goes whole into ``content`` (see ``item_extra_kwargs``).
        return None

    def item_link(self, item):
        return item[0].link

    def item_guid(self, item):
        change, authority = item
        return change.tag(authority)

    def item_pubdate(self, item):
        # The day of the change, from the start of that day where the cooperative is.
        return datetime.datetime.combine(item[0].day, datetime.time())

    def item_updateddate(self, item):
        return item[0].recorded_at

    def item_extra_kwargs(self, item):
        return {"content": item[0].content}


def published():
    return Recommendation.objects.published()


class RecommendationListFeed(ChangesFeed):
    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            return refused(str(error))

    def get_object(self, request):
        filterset = filtered(request.GET, published())
        words = [marked(words) for _name, words, _without in filterset.in_use()]
        title = (
            _("Recommendations: %(filters)s") % {"filters": " · ".join(words)} if words else _("All recommendations")
        )
        query = request.GET.urlencode()
        page = reverse("recommendation_list") + (f"?{query}" if query else "")
        subtitle = _("Board decisions and progress of the recommendations of this list, newest first.")
        return subject(request, title, subtitle, page, recommendation_changes(filterset.qs))


class RecommendationFeed(ChangesFeed):
    def get_object(self, request, reference):
        recommendation = get_object_or_404(published(), reference=reference)
        changes = recommendation_changes(published().filter(pk=recommendation.pk))
        subtitle = _("Its board decisions and progress, newest first.")
        return subject(request, named(recommendation), subtitle, recommendation.get_absolute_url(), changes)


SLICE_SUBTITLE = _("Board decisions and progress of its recommendations, newest first.")


class ThemeFeed(ChangesFeed):
    def get_object(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        changes = recommendation_changes(published().filter(theme=theme))
        return subject(
            request, kind_and_name(_("Theme"), theme), str(SLICE_SUBTITLE), theme.get_absolute_url(), changes
        )


class CycleFeed(ChangesFeed):
    def get_object(self, request, slug):
        cycle = get_object_or_404(Cycle, slug=slug)
        changes = recommendation_changes(published().filter(cycle=cycle))
        title = _("%(kind)s: %(name)s") % {"kind": _("Cycle"), "name": cycle.name}
        return subject(request, title, str(SLICE_SUBTITLE), cycle.get_absolute_url(), changes)


class WorkgroupFeed(ChangesFeed):
    def get_object(self, request, slug):
        workgroup = get_object_or_404(Workgroup, slug=slug)
        changes = recommendation_changes(in_workgroups(published(), [workgroup.pk]))
        title = kind_and_name(_("Workgroup"), workgroup)
        return subject(request, title, str(SLICE_SUBTITLE), workgroup.get_absolute_url(), changes)


recommendation_list_feed = cached_page(*LIST_FEED_PARAMETERS)(RecommendationListFeed())
recommendation_feed = cached_page()(RecommendationFeed())
theme_feed = cached_page()(ThemeFeed())
cycle_feed = cached_page()(CycleFeed())
workgroup_feed = cached_page()(WorkgroupFeed())
