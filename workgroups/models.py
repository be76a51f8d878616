"""The participatory process: offices, yearly cycles, themes and the workgroups that meet in them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .languages import Written, shown, translated


class Country(models.TextChoices):
    BELGIUM = "BE", _("Belgium")
    FRANCE = "FR", _("France")


class OfficeQuerySet(models.QuerySet):
    def in_cycle(self, cycle):
        """The offices whose workgroups met in ``cycle``."""
        return self.filter(pk__in=Workgroup.objects.filter(cycle=cycle).values("office"))


@translated("name")
class Office(Written):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(condition=models.Q(country__in=Country.values), name="office_country_valid")
        ]

    def __str__(self):
        return shown(self, "name").text

    def get_absolute_url(self):
        return reverse("office", args=[self.slug])


class CycleQuerySet(models.QuerySet):
    def in_country(self, country):
        if country == Country.BELGIUM:
            return self.filter(ran_in_belgium=True)
        if country == Country.FRANCE:
            return self.filter(ran_in_france=True)
        return self.none()


@translated("description")
class Cycle(Written):
    name = models.CharField(_("name"), max_length=50, unique=True, help_text=_("For example 2019-2020."))
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    edition = models.PositiveSmallIntegerField(_("edition"), unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    ran_in_belgium = models.BooleanField(_("ran in Belgium"), default=True)
    ran_in_france = models.BooleanField(_("ran in France"), default=False)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        "Theme",
        related_name="cycles",
        blank=True,
        verbose_name=_("themes"),
        help_text=_("The themes its general assembly chose."),
    )
    is_demo = models.BooleanField(
        _("illustrative demo data"),
        default=False,
        help_text=_("Marks cycles generated as illustration, so the public pages can say so."),
    )

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        # Lists of recommendations sort by their cycle's start date: with this index PostgreSQL walks
        # the cycles newest first and sorts only the first cycle's recommendations, not all of them.
        indexes = [models.Index(fields=["start_date"], name="cycle_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="cycle_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ran_in_belgium=True) | models.Q(ran_in_france=True),
                name="cycle_runs_in_a_country",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cycle", args=[self.slug])

    @property
    def countries(self):
        return [
            country
            for country, ran in ((Country.BELGIUM, self.ran_in_belgium), (Country.FRANCE, self.ran_in_france))
            if ran
        ]


class ThemeQuerySet(models.QuerySet):
    def in_cycle(self, cycle):
        """The themes of ``cycle``: those its general assembly chose and those its workgroups met on, for a
        cycle whose chosen themes were never entered."""
        return self.filter(
            models.Q(pk__in=Cycle.themes.through.objects.filter(cycle=cycle).values("theme"))
            | models.Q(pk__in=Workgroup.objects.filter(cycle=cycle).values("theme"))
        )


@translated("name", "description")
class Theme(Written):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return shown(self, "name").text

    def get_absolute_url(self):
        return reverse("theme", args=[self.slug])


@translated("name", "description")
class Workgroup(Written):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="workgroups", verbose_name=_("cycle"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="workgroups", verbose_name=_("theme"))
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="workgroups",
        null=True,
        blank=True,
        verbose_name=_("office"),
        help_text=_("Leave empty for a group that met online across offices or countries."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    moderator = models.CharField(_("moderator"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["cycle__start_date", "name"]
        verbose_name = _("workgroup")
        verbose_name_plural = _("workgroups")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="workgroup_name_unique_in_cycle"),
        ]

    def __str__(self):
        return self.label(shown(self, "name").text, self.cycle.name)

    def get_absolute_url(self):
        return reverse("workgroup", args=[self.slug])

    @staticmethod
    def label(name, cycle_name):
        """How a workgroup is named in lists and menus: names repeat from one cycle to the next."""
        return f"{name} ({cycle_name})"
