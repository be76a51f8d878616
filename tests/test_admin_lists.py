"""No admin list costs a query per row."""

import datetime

import pytest

from recommendations import services
from recommendations.models import Decision, Status
from workgroups.models import Office, Workgroup

from .support import ADMIN_LISTS, queries_of


def add_rows(process, make_recommendation, start, count):
    for number in range(start, start + count):
        office = Office.objects.create(name=f"Office {number}", slug=f"office-{number}", country="FR")
        group = Workgroup.objects.create(
            cycle=process["new"], theme=process["gender"], office=office, name=f"Group {number}", slug=f"group-{number}"
        )
        recommendation = make_recommendation(workgroups=[group, process["nantes_group"]])
        services.record_decision(
            recommendation, board="FR", meeting_date=datetime.date(2020, 9, 1), decision=Decision.POSTPONED
        )
        services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 1))


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_admin_list_costs_the_same_queries_for_3_or_25_rows(client, root, process, make_recommendation, model):
    client.force_login(root)
    add_rows(process, make_recommendation, 0, 3)
    few, response = queries_of(client.get, f"/admin/{model}/")
    assert response.status_code == 200
    add_rows(process, make_recommendation, 3, 22)
    many, response = queries_of(client.get, f"/admin/{model}/")
    assert many == few <= 30
    changelist = response.context["cl"]
    assert changelist.result_count == changelist.model.objects.count()
