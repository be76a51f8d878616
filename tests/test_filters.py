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
    old = make_recommendation(reference="2018-BE-01", cycle=process["old"], workgroups=[process["old_group"]], title="Ethics")
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


def test_overview_filter_keeps_only_cycle_and_country(db):
    from recommendations.filters import OverviewFilter

    assert list(OverviewFilter.base_filters) == ["cycle", "country"]
