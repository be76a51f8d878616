"""The FilterSet shared by the public list, its CSV and the reports."""

import pytest

from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation, Status


def references(data):
    filterset = RecommendationFilter(data, queryset=Recommendation.objects.all())
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("reference", flat=True))


def test_filters_narrow_by_every_parameter(make_recommendation, process):
    nantes = make_recommendation(reference="2020-FR-01", country="FR", status=Status.EXECUTED)
    both = make_recommendation(
        reference="2020-FR-02", country="FR", workgroups=[process["nantes_group"], process["lyon_group"]]
    )
    online = make_recommendation(reference="2020-BE-01", theme=process["gender"], workgroups=[process["online_group"]])
    old = make_recommendation(
        reference="2018-BE-01", cycle=process["old"], workgroups=[process["old_group"]], title="Ethics"
    )
    assert references({"cycle": "2017-2018"}) == [old.reference]
    assert references({"theme": "gender-equality"}) == [online.reference]
    assert references({"workgroup": "activity-lyon"}) == [both.reference]
    assert references({"office": "nantes"}) == [nantes.reference, both.reference]
    assert references({"country": "BE"}) == sorted([online.reference, old.reference])
    assert references({"status": "executed"}) == [nantes.reference]
    assert references({"q": "ethic"}) == [old.reference]
    assert references({"decision": "accepted"}) == []


@pytest.mark.parametrize(
    "data", [{"cycle": "1999"}, {"status": "finished"}, {"country": "NL"}, {"decision": "maybe"}, {"sort": "password"}]
)
def test_unknown_values_make_the_filterset_invalid(db, data):
    filterset = RecommendationFilter(data, queryset=Recommendation.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == set(data)


def test_a_search_longer_than_a_thousand_characters_is_refused_not_a_server_error(client, db):
    assert RecommendationFilter({"q": "x" * 1000}, queryset=Recommendation.objects.all()).is_valid()
    for url in ["/recommendations/", "/recommendations/export.csv"]:
        response = client.get(url, {"q": "x" * 100_000})
        assert response.status_code == 400, url


def test_overview_filter_keeps_only_cycle_and_country(db):
    from recommendations.filters import OverviewFilter

    assert list(OverviewFilter.base_filters) == ["cycle", "country"]


@pytest.mark.parametrize("data", [{}, {"workgroup": "tricky", "office": "nantes"}, {"workgroup": "gone"}])
def test_long_menus_have_the_markup_and_choices_of_djangos_select(process, data):
    from django import forms

    from recommendations.filters import RecommendationFilter
    from workgroups.models import Cycle, Office, Theme, Workgroup

    Workgroup.objects.create(
        cycle=process["old"], theme=process["gender"], name='<b>"Q&A"</b> \u202eonline', slug="tricky"
    )
    form = RecommendationFilter(data, queryset=Recommendation.objects.all()).form
    form.is_valid()
    menus = {
        "cycle": Cycle.objects.all(),
        "theme": Theme.objects.all(),
        "workgroup": Workgroup.objects.select_related("cycle"),
        "office": Office.objects.all(),
    }
    for name, objects in menus.items():
        field = form[name]
        choices = [("", field.field.empty_label), *((obj.slug, str(obj)) for obj in objects)]
        django_markup = field.as_widget(widget=forms.Select(choices=choices))
        assert str(field) == "\n".join(line for line in django_markup.splitlines() if line.strip()), name
    assert "&lt;b&gt;&quot;Q&amp;A&quot;&lt;/b&gt;" in str(form["workgroup"])
