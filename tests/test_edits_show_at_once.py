"""Every edit of what the public pages show is on the next request of every page that shows it.

Tests run with DEBUG off, so the pages are kept in the cache: an edit that does not move the data
version leaves the old page in place. For every model the pages and the public CSV show, every shown
field is changed at once, through the admin's change form and through ``services`` (or a plain save for
the process, whose models move the version themselves), then read on each page that shows it. Each new
value is first checked to be absent, so that no check passes before the edit.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import Decision, Recommendation, Status

from .support import admin_form_data


@pytest.fixture
def register(process, make_recommendation):
    earlier = make_recommendation(reference="2018-BE-05", title="An earlier recommendation", cycle=process["old"])
    recommendation = make_recommendation(reference="2020-BE-01", title="Share the agendas", status=Status.ONGOING)
    decision = services.record_decision(
        recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision=Decision.ACCEPTED
    )
    update = services.record_progress(
        recommendation, status=Status.EXECUTED, date=datetime.date(2021, 2, 1), note="Agendas are online"
    )
    return {**process, "earlier": earlier, "recommendation": recommendation, "decision": decision, "update": update}


# For each model: the record, the new values of its shown fields, what the pages then show (view, text),
# and the public CSV's cells of the recommendation. Views ending in "-cards" are the recommendation's
# card in a list, not the filter menus, which name every cycle, theme, workgroup and office anyway.
def cases(register):
    recommendation = register["recommendation"]
    group = register["nantes_group"]
    cards = ["list-cards", "theme-cards", "cycle-cards", "workgroup-cards"]
    return {
        "recommendation": (
            recommendation,
            {
                "reference": "2020-FR-77",
                "title": "Publish the boards' agendas",
                "text": "Every agenda a week ahead.",
                "context": "Asked for in Lille.",
                "country": "FR",
                "follow_up": "hackathon",
                "theme": register["gender"],
                "cycle": register["old"],
                "revisits": register["earlier"],
            },
            [
                *((view, "2020-FR-77") for view in ["detail", *cards]),
                *((view, "Publish the boards&#x27; agendas") for view in ["detail", *cards]),
                ("detail", "Every agenda a week ahead."),
                ("detail", "Asked for in Lille."),
                ("detail", "<dd>France</dd>"),
                *((view, "· France") for view in ["list-cards", "theme-cards"]),
                ("detail", "Hackathon case"),
                *((view, ">Gender equality<") for view in ["detail", "list-cards", "cycle-cards"]),
                *((view, ">2017-2018<") for view in ["detail", "list-cards", "theme-cards"]),
                ("detail", "2018-BE-05 An earlier recommendation</a>"),
            ],
            {
                "reference": "2020-FR-77",
                "title": "Publish the boards' agendas",
                "country": "FR",
                "theme": "Gender equality",
                "cycle": "2017-2018",
            },
        ),
        "boarddecision": (
            register["decision"],
            {
                "board": "FR",
                "meeting_date": datetime.date(2020, 11, 20),
                "decision": Decision.REFORMULATED,
                "motivation": "Within the means of the cooperative.",
                "reformulated_text": "Publish the agendas of the boards.",
            },
            [
                ("detail", "France: Reformulated"),
                ("detail", "Meeting of Nov. 20, 2020"),
                ("detail", "Within the means of the cooperative."),
                ("detail", "Publish the agendas of the boards."),
                *((view, "France: <strong>Reformulated</strong>") for view in cards),
            ],
            {"decision_be": "", "decision_fr": "reformulated"},
        ),
        "progressupdate": (
            register["update"],
            {"note": "Agendas are online a week ahead."},
            [("detail", "Agendas are online a week ahead.")],
            {},
        ),
        "cycle": (
            register["new"],
            {
                "name": "2019-2021",
                "slug": "2019-2021",
                "start_date": datetime.date(2019, 11, 2),
                "end_date": datetime.date(2021, 5, 30),
                "ran_in_belgium": False,
                "description": "The first French cycle.",
                "is_demo": True,
            },
            [
                *((view, ">2019-2021<") for view in ["detail", "list-cards", "theme", "cycle", "workgroup"]),
                ("cycle", "From Nov. 2, 2019 to May 30, 2021\n    · France</p>"),
                ("cycle", "The first French cycle."),
                *((view, "Illustrative demo data.") for view in ["detail", "list", "theme", "cycle", "workgroup"]),
            ],
            {"cycle": "2019-2021"},
        ),
        "theme": (
            register["activity"],
            {"name": "Strengthening my activity", "slug": "strengthening", "description": "Income, clients, tools."},
            [
                *(
                    (view, ">Strengthening my activity<")
                    for view in ["detail", "list-cards", "theme", "cycle", "workgroup"]
                ),
                ("theme", "Income, clients, tools."),
            ],
            {"theme": "Strengthening my activity"},
        ),
        "workgroup": (
            group,
            {
                "name": "Activity (Nantes-Atlantique)",
                "slug": "activity-nantes-atlantique",
                "theme": register["gender"],
                "office": register["brussels"],
                "moderator": "Camille Martin",
                "participants": 23,
                "description": "Met monthly at the office.",
            },
            [
                *((view, ">Activity (Nantes-Atlantique)<") for view in ["detail", "cycle", "workgroup"]),
                *((view, ">Brussels<") for view in ["detail", "workgroup"]),
                ("workgroup", ">Gender equality<"),
                ("workgroup", ">Camille Martin<"),
                ("workgroup", ">23<"),
                ("workgroup", "Met monthly at the office."),
            ],
            {"workgroups": "Activity (Nantes-Atlantique)"},
        ),
        "office": (
            group.office,
            {"name": "Nantes-Atlantique"},
            [(view, ">Nantes-Atlantique<") for view in ["detail", "workgroup"]],
            {},
        ),
    }


def card(page):
    """The recommendation's card in a list, without the earlier recommendation's."""
    start = page.index('<ol class="cards"')
    found = page[start : page.index("</ol>", start)].split('<li class="card">')[1:]
    return "".join(item for item in found if "2018-BE-05" not in item)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def views(client, recommendation):
    """Every public page that shows the recommendation, and its row of the public CSV."""
    recommendation = Recommendation.objects.select_related("cycle", "theme").get(pk=recommendation.pk)
    urls = {
        "detail": recommendation.get_absolute_url(),
        "list": reverse("recommendation_list"),
        "theme": recommendation.theme.get_absolute_url(),
        "cycle": recommendation.cycle.get_absolute_url(),
        "workgroup": recommendation.workgroups.get().get_absolute_url(),
    }
    pages = {name: read(client, url) for name, url in urls.items()}
    pages.update({f"{name}-cards": card(pages[name]) for name in ["list", "theme", "cycle", "workgroup"]})
    rows = csv.DictReader(io.StringIO(read(client, reverse("recommendation_export_csv"))))
    [row] = [row for row in rows if row["reference"] == recommendation.reference]
    return pages, row


def posted(value):
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def change_in_admin(client, record, values, register):
    meta = record._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    data = admin_form_data(client.get(url))
    for name, value in values.items():
        if value is False:
            data.pop(name)
        else:
            data[name] = "on" if value is True else posted(value)
    if meta.model_name == "recommendation":
        # The workgroups it came from met in its cycle: they move with it.
        data.update({key: register["old_group"].pk for key in data if key.endswith("-0-workgroup")})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def change_in_the_decision_inline(client, decision, values, register):
    url = reverse("admin:recommendations_recommendation_change", args=[decision.recommendation_id])
    data = admin_form_data(client.get(url))
    [prefix] = [key.removesuffix("-0-motivation") for key in data if key.endswith("-0-motivation")]
    data.update({f"{prefix}-0-{name}": posted(value) for name, value in values.items()})
    assert client.post(url, data).status_code == 302


def change_through_services(client, record, values, register):
    for name, value in values.items():
        setattr(record, name, value)
    kind = record._meta.model_name
    if kind == "recommendation":
        services.save_recommendation(record, seen_version=record.version)
    elif kind == "boarddecision":
        services.save_decision(record, seen_version=record.version)
    elif kind == "progressupdate":
        services.edit_progress_note(record, values["note"])
    else:
        record.save()


WAYS = {"admin": change_in_admin, "inline": change_in_the_decision_inline, "services": change_through_services}


@pytest.mark.parametrize(
    "model, way",
    [
        *(
            (model, way)
            for model in ["recommendation", "boarddecision", "progressupdate"]
            for way in ["admin", "services"]
        ),
        ("boarddecision", "inline"),
        *((model, way) for model in ["cycle", "theme", "workgroup", "office"] for way in ["admin", "services"]),
    ],
)
def test_every_shown_field_shows_its_new_value_on_the_next_request(client, alice, register, model, way):
    record, values, shown, cells = cases(register)[model]
    recommendation = register["recommendation"]
    pages, row = views(client, recommendation)
    for view, text in shown:
        assert text not in pages[view], (view, text)
    if cells:
        assert {column: row[column] for column in cells} != cells
    client.force_login(alice)
    WAYS[way](client, record, values, register)
    client.logout()
    pages, row = views(client, recommendation)
    missing = [(view, text) for view, text in shown if text not in pages[view]]
    assert missing == []
    assert {column: row[column] for column in cells} == cells
