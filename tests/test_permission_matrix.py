"""Who may reach what: every URL of the project against every persona, table-driven.

A URL without a row in ROUTES fails ``test_every_url_has_a_row``, so a new page cannot go live without
a decision on who may see it. That the public pages show published data only is
``test_unpublished_never_shown.py``.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse

from following.models import Follower
from projects.models import Project, ProjectUpdate
from recommendations import services
from recommendations.models import Recommendation, Status
from stocktaking.models import Edition, ThemeAnalysis

PERSONAS = ["anonymous", "dave", "charlie", "bob", "alice", "root"]

# Answer per persona, in the order of PERSONAS: anonymous visitor, member without staff rights,
# coordinator, board secretary, cooperative life team, superuser. 302 = sent to the log-in page.
ROUTES = {
    "healthz": "200 200 200 200 200 200",
    # The public pages and the public CSV: published data only, for everyone.
    "overview": "200 200 200 200 200 200",
    "recommendation_list": "200 200 200 200 200 200",
    "recommendation_detail": "200 200 200 200 200 200",
    "recommendation_export_csv": "200 200 200 200 200 200",
    "recommendation_export_xlsx": "200 200 200 200 200 200",
    "theme": "200 200 200 200 200 200",
    "cycle": "200 200 200 200 200 200",
    "workgroup": "200 200 200 200 200 200",
    "badge": "200 200 200 200 200 200",
    "card": "200 200 200 200 200 200",
    "project_list": "200 200 200 200 200 200",
    "project_export_csv": "200 200 200 200 200 200",
    "project_detail": "200 200 200 200 200 200",
    "office": "200 200 200 200 200 200",
    "boards": "200 200 200 200 200 200",
    "waiting": "200 200 200 200 200 200",
    "edition_list": "200 200 200 200 200 200",
    "edition_detail": "200 200 200 200 200 200",
    "edition_theme_changes": "200 200 200 200 200 200",
    # Their feeds, under a language prefix.
    "recommendation_list_feed": "200 200 200 200 200 200",
    "recommendation_feed": "200 200 200 200 200 200",
    "theme_feed": "200 200 200 200 200 200",
    "cycle_feed": "200 200 200 200 200 200",
    "workgroup_feed": "200 200 200 200 200 200",
    "project_feed": "200 200 200 200 200 200",
    "office_feed": "200 200 200 200 200 200",
    # Following by e-mail: the request from a page for everyone; the pages of a mail's signed links answer
    # a link that was not signed as not found, whoever asks.
    "follow": "200 200 200 200 200 200",
    "following_confirm": "404 404 404 404 404 404",
    "following_manage": "404 404 404 404 404 404",
    "following_export": "404 404 404 404 404 404",
    "following_unsubscribe": "404 404 404 404 404 404",
    # The open data API, its schema and the schema's documentation: published data only, for everyone.
    "api_recommendations": "200 200 200 200 200 200",
    "api_recommendation": "200 200 200 200 200 200",
    "api_decisions": "200 200 200 200 200 200",
    "api_progress": "200 200 200 200 200 200",
    "api_themes": "200 200 200 200 200 200",
    "api_theme": "200 200 200 200 200 200",
    "api_cycles": "200 200 200 200 200 200",
    "api_cycle": "200 200 200 200 200 200",
    "api_workgroups": "200 200 200 200 200 200",
    "api_workgroup": "200 200 200 200 200 200",
    "api_offices": "200 200 200 200 200 200",
    "api_office": "200 200 200 200 200 200",
    "api_projects": "200 200 200 200 200 200",
    "api_project": "200 200 200 200 200 200",
    "api_figures": "200 200 200 200 200 200",
    "api_schema": "200 200 200 200 200 200",
    "api_docs": "200 200 200 200 200 200",
    # Staff reports: coordinators and the cooperative life team.
    "exports": "302 403 200 403 200 200",
    "export_report": "302 403 200 403 200 200",
    "admin:recommendations_recommendation_import": "302 302 403 403 200 200",
    "admin:recommendations_recommendation_process_import": "302 302 405 405 405 405",
    "admin:recommendations_recommendation_export": "302 302 200 403 200 200",
    "switch_language": "302 302 302 302 302 302",
    "admin:index": "302 302 200 200 200 200",
    "admin:login": "200 200 302 302 302 302",
    "admin:logout": "302 302 405 405 405 405",
    "admin:password_change": "302 302 200 200 200 200",
    "admin:password_change_done": "302 302 200 200 200 200",
    "admin:jsi18n": "302 302 200 200 200 200",
    "admin:autocomplete": "302 302 403 403 403 403",
    "admin:view_on_site": "302 302 302 302 302 302",
    "admin:app_list auth": "302 302 404 404 404 200",
    "admin:app_list workgroups": "302 302 200 200 200 200",
    "admin:app_list recommendations": "302 302 200 200 200 200",
    "admin:app_list projects": "302 302 200 200 200 200",
    "admin:app_list stocktaking": "302 302 200 200 200 200",
    "admin:app_list admin": "302 302 404 404 200 200",
    "admin:app_list axes": "302 302 404 404 404 200",
    "admin:app_list following": "302 302 404 404 200 200",
    "admin:auth_user_password_change": "302 302 403 403 403 200",
}
# Staff models: (view, add, change, delete) per persona; the admin URLs follow from them.
MODEL_RIGHTS = {
    "auth.group": ["", "", "", "", "", "vacd"],
    "auth.user": ["", "", "", "", "", "vacd"],
    "workgroups.office": ["", "", "v", "v", "vacd", "vacd"],
    "workgroups.cycle": ["", "", "v", "v", "vacd", "vacd"],
    "workgroups.theme": ["", "", "v", "v", "vacd", "vacd"],
    "workgroups.workgroup": ["", "", "v", "v", "vacd", "vacd"],
    "recommendations.recommendation": ["", "", "v", "v", "vacd", "vacd"],
    "recommendations.boarddecision": ["", "", "v", "vac", "vacd", "vacd"],
    "recommendations.progressupdate": ["", "", "v", "vac", "vacd", "vacd"],
    # Board secretaries add a project's updates, and change nothing else of projects.
    "projects.project": ["", "", "v", "v", "vacd", "vacd"],
    "projects.projectupdate": ["", "", "v", "va", "vacd", "vacd"],
    # The cooperative life team writes the stocktaking editions (their analyses inline); the other roles read them.
    "stocktaking.edition": ["", "", "v", "v", "vacd", "vacd"],
    "admin.logentry": ["", "", "", "", "v", "v"],
    # The team reads the followers; nobody changes them in the admin: followers manage themselves.
    "following.follower": ["", "", "", "", "v", "v"],
    "axes.accessattempt": ["", "", "", "", "", "vd"],
    "axes.accesslog": ["", "", "", "", "", "vd"],
    "axes.accessfailurelog": ["", "", "", "", "", "vd"],
}
NEEDS = {"changelist": "v", "history": "v", "change": "v", "add": "a", "delete": "d"}


# A record's history page is part of the admin's history: it needs the right to read that too.
HISTORY_READERS = [bool(granted) for granted in MODEL_RIGHTS["admin.logentry"]]


def model_routes():
    for label, rights in MODEL_RIGHTS.items():
        app_label, model = label.split(".")
        for view, right in NEEDS.items():
            allowed = [right in granted for granted in rights]
            if view == "history":
                allowed = [may and reads for may, reads in zip(allowed, HISTORY_READERS)]
            # Visitors and members are sent to log in; staff without the right get 403.
            answers = ["302", "302"] + ["200" if may else "403" for may in allowed[2:]]
            yield f"admin:{app_label}_{model}_{view}", " ".join(answers)


TABLE = {**ROUTES, **dict(model_routes())}


def project_routes(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_routes(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def test_every_url_has_a_row():
    routes = set(project_routes())
    table = {row.split(" ")[0] for row in TABLE}
    assert routes - table == set(), "add a row to the permission matrix for each new URL"
    assert table - routes == set(), "remove rows of URLs that no longer exist"


@pytest.fixture
def objects(process, recommendation, alice, dave):
    decision = services.record_decision(recommendation, board="BE", meeting_date="2020-09-15", decision="accepted")
    update = services.record_progress(recommendation, status=Status.ONGOING, date="2021-01-01")
    project = Project.objects.create(
        kind="test_project",
        title="Afterworks",
        slug="afterworks",
        description="Monthly.",
        contact_name="Sofie",
        start_date="2022-10-06",
    )
    project.recommendations.add(recommendation)
    project.offices.add(process["brussels"])
    project_update = ProjectUpdate.objects.create(project=project, date="2023-01-01", text="First meeting.")
    edition = Edition.objects.create(slug="2022", as_of="2022-01-31", title="Stocktaking 2022")
    ThemeAnalysis.objects.create(edition=edition, theme=process["activity"], analysis="Much to do.")
    entry = LogEntry.objects.log_actions(alice.pk, [recommendation], CHANGE, single_object=True)
    access = {
        "user_agent": "test",
        "ip_address": "203.0.113.7",
        "username": "dave",
        "http_accept": "*/*",
        "path_info": "/admin/login/",
    }
    return {
        "auth.group": Group.objects.get(name="Board secretaries"),
        "auth.user": dave,
        "workgroups.office": process["brussels"],
        "workgroups.cycle": process["new"],
        "workgroups.theme": process["activity"],
        "workgroups.workgroup": process["nantes_group"],
        "recommendations.recommendation": recommendation,
        "recommendations.boarddecision": decision,
        "recommendations.progressupdate": update,
        "projects.project": project,
        "projects.projectupdate": project_update,
        "stocktaking.edition": edition,
        "admin.logentry": entry,
        "following.follower": Follower.objects.create(email="ann@example.org"),
        "axes.accessattempt": AccessAttempt.objects.create(failures_since_start=1, **access),
        "axes.accesslog": AccessLog.objects.create(**access),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**access),
    }


def url_of(row, objects):
    name, _, argument = row.partition(" ")
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": argument})
    if name == "admin:view_on_site":
        recommendation = objects["recommendations.recommendation"]
        # Tests that empty and refill the database give content types new ids; the cache keeps old ones.
        ContentType.objects.clear_cache()
        return reverse(name, args=[ContentType.objects.get_for_model(Recommendation).pk, recommendation.pk])
    public = {
        "recommendation_detail": objects["recommendations.recommendation"].reference,
        "theme": objects["workgroups.theme"].slug,
        "cycle": objects["workgroups.cycle"].slug,
        "workgroup": objects["workgroups.workgroup"].slug,
        "project_detail": objects["projects.project"].slug,
        "office": objects["workgroups.office"].slug,
        "edition_detail": objects["stocktaking.edition"].slug,
        "api_recommendation": objects["recommendations.recommendation"].reference,
        "api_theme": objects["workgroups.theme"].slug,
        "api_cycle": objects["workgroups.cycle"].slug,
        "api_workgroup": objects["workgroups.workgroup"].slug,
        "api_office": objects["workgroups.office"].slug,
        "api_project": objects["projects.project"].slug,
    }
    # A page's feed takes the page's argument.
    page = {"recommendation_feed": "recommendation_detail", "project_feed": "project_detail"}.get(
        name, name.removesuffix("_feed")
    )
    if page in public:
        return reverse(name, args=[public[page]])
    if name == "edition_theme_changes":
        return reverse(name, args=[objects["stocktaking.edition"].slug, objects["workgroups.theme"].slug])
    if name == "export_report":
        return reverse(name, args=["recommendations", "csv"])
    if name in ("badge", "card"):
        return reverse(name, args=["themes", objects["workgroups.theme"].slug])
    if name == "follow":
        return reverse(name, args=["recommendation", objects["recommendations.recommendation"].reference])
    if name.startswith("following_"):
        return reverse(name, args=["not-a-signed-link"])
    if name == "switch_language":
        return reverse(name, args=["nl"])
    if name == "admin:auth_user_password_change":
        return reverse(name, args=[objects["auth.user"].pk])
    for label, instance in objects.items():
        prefix = f"admin:{label.replace('.', '_')}_"
        if name.startswith(prefix) and name.removeprefix(prefix) in ("history", "delete", "change"):
            return reverse(name, args=[instance.pk])
    return reverse(name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reaches_exactly_what_the_matrix_allows(client, request, objects, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    expected = {row: answers.split()[PERSONAS.index(persona)] for row, answers in TABLE.items()}
    seen = {row: str(client.get(url_of(row, objects)).status_code) for row in TABLE}
    assert seen == expected


# Bulk actions on the recommendation list: "form" = its form or confirmation page is shown,
# "no" = the action is not offered or is refused and nothing happens, "login" = sent to the log-in page.
# Deleting a recommendation takes its history with it: only the right to delete recommendations counts.
ACTIONS = {
    "record_board_decision": "login login no form form form",
    "change_status": "login login no form form form",
    "delete_selected": "login login no no form form",
    "export_admin_action": "login login form no form form",
}


def outcome(response):
    if response.status_code == 302 and response.headers["Location"].startswith(reverse("admin:login")):
        return "login"
    page = response.content.decode() if response.status_code == 200 else ""
    export_form = f'action="{reverse("admin:recommendations_recommendation_export")}"'
    return "form" if 'name="apply"' in page or 'name="post"' in page or export_form in page else "no"


def test_every_bulk_action_has_a_row(rf, root):
    from django.contrib import admin

    request = rf.get("/")
    request.user = root
    assert set(admin.site.get_model_admin(Recommendation).get_actions(request)) == set(ACTIONS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_runs_exactly_the_bulk_actions_the_matrix_allows(client, request, recommendation, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    changelist = reverse("admin:recommendations_recommendation_changelist")
    expected = {action: answers.split()[PERSONAS.index(persona)] for action, answers in ACTIONS.items()}
    seen = {
        action: outcome(client.post(changelist, {"action": action, "_selected_action": [recommendation.pk]}))
        for action in ACTIONS
    }
    assert seen == expected
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
