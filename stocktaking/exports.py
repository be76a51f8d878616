"""The ``stocktaking`` report: an edition's figures beside today's, per theme, with the number of
recommendations whose status changed since; one of the reports of ``/exports/``."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recommendations import stats
from recommendations.models import Recommendation
from recommendations.reports.reports import STATUSES, SummaryReport, heading
from recommendations.spreadsheets import Coded, InvalidRequest
from workgroups.languages import shown
from workgroups.models import Theme

from .models import Edition
from .views import themes


class StocktakingReport(SummaryReport):
    name = "stocktaking"
    title = gettext_lazy("Stocktaking")
    description = gettext_lazy(
        "Per theme: the number of recommendations per status, the total and the implementation percentage at "
        "the end of the edition's day and today, and how many changed status since."
    )
    chooses = "edition"
    leading_columns = [heading(Recommendation, "theme"), heading(Theme, "slug", "theme_slug")]

    def __init__(self, recommendations, *, edition, counted, **options):
        super().__init__(recommendations, **options)
        self.edition, self.counted = edition, counted

    @classmethod
    def choices(cls):
        return [(edition.slug, label(edition)) for edition in Edition.objects.all()]

    @classmethod
    def made_for(cls, query, recommendations, *, counted, **options):
        slug = query.get(cls.chooses, "")
        if not slug:
            raise InvalidRequest(_("Choose a stocktaking edition: edition=<its slug>."))
        edition = Edition.objects.filter(slug=slug).first()
        if edition is None:
            raise InvalidRequest(_("There is no stocktaking edition “%(value)s”.") % {"value": slug[:60]})
        return cls(recommendations, edition=edition, counted=counted, **options)

    @property
    def chosen(self):
        return [(self.chooses, self.edition.slug)]

    def header(self):
        day = date_format(self.edition.as_of, "SHORT_DATE_FORMAT")
        then = [
            Coded(f"{code}_as_of", _("%(heading)s, %(day)s") % {"heading": code.label, "day": day})
            for code in self.figure_heading()
        ]
        today = [
            Coded(f"{code}_today", _("%(heading)s, today") % {"heading": code.label}) for code in self.figure_heading()
        ]
        changed = Coded("changed_since", _("Changed status since %(day)s") % {"day": day})
        return [*self.leading_columns, *then, *today, changed]

    @staticmethod
    def figure_heading():
        return [
            *(STATUSES[status] for status in stats.STATUSES),
            Coded("total", _("Total")),
            Coded("implementation_percent", _("Implemented")),
        ]

    def rows(self):
        day, every_theme = self.edition.as_of, list(themes())
        then = dict(stats.figures_by(self.counted, "theme", every_theme, as_of=day))
        today = dict(stats.figures_by(self.counted, "theme", every_theme))
        changed = stats.changed_counts_by(self.counted, "theme", day)
        for theme in every_theme:
            if then[theme].total or today[theme].total:
                cells = [*self.figure_cells(then[theme]), *self.figure_cells(today[theme]), changed.get(theme.pk, 0)]
                yield [shown(theme, "name").text, theme.slug, *cells]
        # Every recommendation has one theme: the themes' figures add up to those of all.
        total = [*self.figure_cells(added(then.values())), *self.figure_cells(added(today.values()))]
        yield [_("All recommendations"), "", *total, sum(changed.values())]


def added(figures):
    """The figures of several sets without a recommendation in common, as one."""
    return stats.Figures({status: sum(each.counts[status] for each in figures) for status in stats.STATUSES})


def label(edition):
    """An edition as the reports page names it: its title and day, and whether it is unpublished."""
    named = f"{shown(edition, 'title').text} ({date_format(edition.as_of, 'DATE_FORMAT')})"
    return named if edition.published else _("%(edition)s, unpublished") % {"edition": named}
