"""The FilterSet shared by the public list, its CSV and the reports."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.filters import OverviewFilter, RecommendationFilter
from recommendations.models import Recommendation, Status
from workgroups.models import Cycle, Office, Theme, Workgroup


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
    assert list(OverviewFilter.base_filters) == ["cycle", "country"]


@pytest.mark.parametrize("data", [{}, {"workgroup": "tricky", "office": "nantes"}])
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


# Menus narrowed to the chosen cycle


MENUS = ["theme", "workgroup", "office", "country"]


def options(content, name):
    """The values a page's menu ``name`` offers, and the one selected."""
    menu = re.search(rf'<select name="{name}".*?</select>', content, re.S).group()
    values = re.findall(r'<option value="([^"]*)"', menu)
    selected = re.findall(r'<option value="([^"]*)" selected', menu)
    return values, selected


@pytest.fixture
def themes_apart(process):
    """A theme chosen for 2019-2020 that no workgroup met on, and one no cycle had."""
    spaces = Theme.objects.create(name="Shared spaces", slug="shared-spaces")
    process["new"].themes.add(spaces)
    Theme.objects.create(name="An ethics committee", slug="an-ethics-committee")
    return process


def test_a_chosen_cycle_narrows_the_menus_to_what_it_had(client, themes_apart, make_recommendation):
    make_recommendation()
    content = client.get("/recommendations/", {"cycle": "2019-2020"}).content.decode()
    # Its general assembly's themes, one of them with no workgroup; not the theme of no cycle.
    assert options(content, "theme")[0] == ["", "consolidating-my-activity", "gender-equality", "shared-spaces"]
    assert options(content, "workgroup")[0] == ["", "activity-lyon", "activity-nantes", "gender-online"]
    assert options(content, "office")[0] == ["", "lyon", "nantes"]
    assert options(content, "country")[0] == ["", "BE", "FR"]

    # 2017-2018 has no themes entered: those its workgroups met on stand for them.
    content = client.get("/recommendations/", {"cycle": "2017-2018"}).content.decode()
    assert options(content, "theme")[0] == ["", "gender-equality"]
    assert options(content, "workgroup")[0] == ["", "gender-brussels-2018"]
    assert options(content, "office")[0] == ["", "brussels"]
    assert options(content, "country")[0] == ["", "BE"]


def test_without_a_cycle_the_menus_offer_everything(client, themes_apart):
    content = client.get("/recommendations/", {"status": "ongoing"}).content.decode()
    assert options(content, "theme")[0] == ["", *Theme.objects.values_list("slug", flat=True)]
    assert options(content, "workgroup")[0] == ["", *Workgroup.objects.values_list("slug", flat=True)]
    assert options(content, "office")[0] == ["", *Office.objects.values_list("slug", flat=True)]
    assert options(content, "country")[0] == ["", "BE", "FR"]


def test_the_overview_offers_the_countries_of_the_chosen_cycle(client, process):
    assert options(client.get("/", {"cycle": "2017-2018"}).content.decode(), "country")[0] == ["", "BE"]
    assert options(client.get("/").content.decode(), "country")[0] == ["", "BE", "FR"]


def test_a_theme_absent_from_the_cycle_stays_chosen_in_its_menu_with_an_empty_list(
    client, process, make_recommendation
):
    make_recommendation(theme=process["activity"])
    query = {"cycle": "2017-2018", "theme": "consolidating-my-activity", "office": "nantes", "country": "FR"}
    response = client.get("/recommendations/", query)
    assert response.status_code == 200
    content = response.content.decode()
    assert options(content, "theme") == (
        ["", "consolidating-my-activity", "gender-equality"],
        ["consolidating-my-activity"],
    )
    assert options(content, "office") == (["", "brussels", "nantes"], ["nantes"])
    assert options(content, "country") == (["", "BE", "FR"], ["FR"])
    assert "No published recommendation matches. Remove one of the filters above to see more." in content


def test_the_csv_of_a_theme_absent_from_the_cycle_is_empty_not_refused(client, process, make_recommendation):
    make_recommendation(theme=process["activity"])
    response = client.get("/recommendations/export.csv", {"cycle": "2017-2018", "theme": "consolidating-my-activity"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1  # the header alone


def menus_read(data, filterset_class=RecommendationFilter):
    """The queries that rendering the menus of ``data`` runs, once its filters are validated."""
    filterset = filterset_class(data, queryset=Recommendation.objects.all())
    assert filterset.is_valid(), filterset.errors
    with CaptureQueriesContext(connection) as captured:
        for name in filterset.form.fields:
            str(filterset.form[name])
    return [query["sql"] for query in captured]


def test_narrowed_menus_take_one_query_each_and_never_read_the_recommendations(themes_apart, make_recommendation):
    for number in range(3):
        make_recommendation(reference=f"2020-BE-{number}")
    data = {"cycle": "2019-2020", "theme": "an-ethics-committee", "workgroup": "gender-brussels-2018"}
    queries = menus_read(data)
    # cycle, theme, workgroup and office; the country menu is read from the cycle.
    assert len(queries) == 4
    assert not [sql for sql in queries if "recommendations_recommendation" in sql]
    assert len(menus_read({"cycle": "2019-2020"}, OverviewFilter)) == 1

    cycle = Cycle.objects.get(slug="2019-2020")
    themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(20)]
    cycle.themes.add(*themes[:10])
    office = Office.objects.create(name="Lille", slug="lille", country="FR")
    for number, theme in enumerate(themes):
        Workgroup.objects.create(cycle=cycle, theme=theme, office=office, name=f"Group {number}", slug=f"g-{number}")
    assert len(menus_read(data)) == 4


def test_an_invalid_value_shows_in_its_menu_with_its_message_not_as_all_cycles(client, process):
    for url in ["/recommendations/", "/"]:
        response = client.get(url, {"cycle": "1999", "country": "BE"})
        assert response.status_code == 400, url
        content = response.content.decode()
        assert '<option value="1999" selected disabled>1999</option>' in content, url
        assert options(content, "cycle")[1] == ["1999"], url
        assert options(content, "country")[1] == ["BE"], url
        # The summary links to the menu, and the menu is described by its message, as GOV.UK's pattern asks.
        assert '<a href="#id_cycle">There is no cycle “1999”.</a>' in content, url
        assert 'aria-describedby="id_cycle_error" id="id_cycle"' in content, url
        error = re.search(r'<p class="field__error" id="id_cycle_error">(.*?)</p>', content).group(1)
        assert error == '<span class="visually-hidden">Error:</span> There is no cycle “1999”.', url


def test_a_refused_value_is_escaped_and_shortened_in_its_menu(client, process):
    content = client.get("/recommendations/", {"theme": '<b>"x"</b>' + "y" * 100}).content.decode()
    value, label = "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" + "y" * 100, "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" + "y" * 49 + "…"
    assert f'<option value="{value}" selected disabled>{label}</option>' in content


def test_a_theme_added_to_a_cycle_shows_in_its_menu_at_once(client, process):
    url = "/recommendations/?cycle=2017-2018"
    assert options(client.get(url).content.decode(), "theme")[0] == ["", "gender-equality"]
    process["old"].themes.add(process["activity"])
    assert options(client.get(url).content.decode(), "theme")[0] == ["", "consolidating-my-activity", "gender-equality"]


def test_the_lists_menus_are_kept_until_the_next_change_of_the_process(client, make_recommendation, process):
    make_recommendation()
    menu_query = re.compile(r'FROM "workgroups_workgroup" INNER JOIN "workgroups_cycle"')

    def page(number, language="en"):
        with CaptureQueriesContext(connection) as read:
            body = client.get(f"/recommendations/?page={number}", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        return body, [query for query in read.captured_queries if menu_query.search(query["sql"])]

    first, _read = page(1)
    # Another address of the same list is built again, its workgroups' menu read from the cache.
    again, read = page("01")
    assert read == []
    assert again.count('<option value="activity-lyon"') == first.count('<option value="activity-lyon"') == 1
    # Each language has its own.
    _body, read = page("001", language="fr")
    assert read != []
    group = process["lyon_group"]
    group.name = "Activity, Lyon and Villeurbanne"
    group.save()
    renamed, _read = page("0001")
    assert "Activity, Lyon and Villeurbanne" in renamed
