"""Stocktaking editions: the team's account, on a day, of what became of every recommendation, with an
analysis per theme; their figures are those of the progress history at the end of that day."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workgroups.languages import Written, shown, translated


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


@translated("title", "introduction")
class Edition(Written):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    as_of = models.DateField(
        _("date"), help_text=_("The day the stocktaking was made: its figures are those at the end of this day.")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    published = models.BooleanField(_("published"), default=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "slug"]
        verbose_name = _("stocktaking edition")
        verbose_name_plural = _("stocktaking editions")

    def __str__(self):
        return shown(self, "title").text

    def get_absolute_url(self):
        return reverse("edition_detail", args=[self.slug])

    def clean(self):
        super().clean()
        # A day still to come has no figures yet, as the figure pages' as_of says.
        if self.as_of and self.as_of > timezone.localdate():
            raise ValidationError(
                {"as_of": _("A stocktaking is dated today or an earlier day: its figures are not known yet.")}
            )


@translated("analysis")
class ThemeAnalysis(Written):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("stocktaking edition")
    )
    theme = models.ForeignKey(
        "workgroups.Theme", on_delete=models.PROTECT, related_name="stocktaking_analyses", verbose_name=_("theme")
    )
    analysis = models.TextField(_("analysis"))

    class Meta:
        ordering = ["edition", "theme"]
        verbose_name = _("analysis of a theme")
        verbose_name_plural = _("analyses per theme")
        constraints = [models.UniqueConstraint(fields=["edition", "theme"], name="one_analysis_per_theme")]

    def __str__(self):
        return f"{self.edition}: {self.theme}"
