"""Personas and a small hand-made register that the tests share.

alice is in the cooperative life team, bob a board secretary, charlie a coordinator, dave a member
with an account but no staff rights, and root a superuser.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from recommendations import services
from recommendations.backup import write_backup
from recommendations.demo.illustrative import load_demo
from recommendations.models import Recommendation, Status
from stocktaking.models import Edition
from workgroups.models import Cycle, Office, Theme, Workgroup

from .support import restore

ROLE_OF = {
    "alice": "Cooperative life team",
    "bob": "Board secretaries",
    "charlie": "Coordinators",
}


@pytest.fixture(autouse=True)
def default_language():
    """A request in another language leaves it active in the thread; each test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Passwords hashed by one round: each hash of the production hasher costs most of a second, and the
    personas are made and log in several hundred times. The servers the tests start keep their own hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached figures, as the data version goes back with its rollback."""
    cache.clear()
    yield
    cache.clear()


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username=username, password=f"{username}-Pa55word!", **extra)
    if group:
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def alice(django_user_model):
    return make_user(django_user_model, "alice", ROLE_OF["alice"])


@pytest.fixture
def bob(django_user_model):
    return make_user(django_user_model, "bob", ROLE_OF["bob"])


@pytest.fixture
def charlie(django_user_model):
    return make_user(django_user_model, "charlie", ROLE_OF["charlie"])


@pytest.fixture
def dave(django_user_model):
    return make_user(django_user_model, "dave")


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="root-Pa55word!")


@pytest.fixture
def process(db):
    """Two cycles, two themes, three offices and three workgroups."""
    brussels = Office.objects.create(name="Brussels", slug="brussels", country="BE")
    nantes = Office.objects.create(name="Nantes", slug="nantes", country="FR")
    lyon = Office.objects.create(name="Lyon", slug="lyon", country="FR")
    old = Cycle.objects.create(
        name="2017-2018",
        slug="2017-2018",
        edition=3,
        start_date=datetime.date(2017, 10, 1),
        end_date=datetime.date(2018, 6, 30),
    )
    new = Cycle.objects.create(
        name="2019-2020",
        slug="2019-2020",
        edition=5,
        ran_in_france=True,
        start_date=datetime.date(2019, 10, 1),
        end_date=datetime.date(2020, 5, 31),
    )
    gender = Theme.objects.create(name="Gender equality", slug="gender-equality")
    activity = Theme.objects.create(name="Consolidating my activity", slug="consolidating-my-activity")
    new.themes.set([gender, activity])
    return {
        "old": old,
        "new": new,
        "gender": gender,
        "activity": activity,
        "brussels": brussels,
        "nantes_group": Workgroup.objects.create(
            cycle=new, theme=activity, office=nantes, name="Activity (Nantes)", slug="activity-nantes"
        ),
        "lyon_group": Workgroup.objects.create(
            cycle=new, theme=activity, office=lyon, name="Activity (Lyon)", slug="activity-lyon"
        ),
        "online_group": Workgroup.objects.create(
            cycle=new, theme=gender, office=None, name="Gender (online)", slug="gender-online"
        ),
        "old_group": Workgroup.objects.create(
            cycle=old, theme=gender, office=brussels, name="Gender (Brussels)", slug="gender-brussels-2018"
        ),
    }


@pytest.fixture
def make_recommendation(process):
    counter = iter(range(1, 10_000))

    def make(status=Status.NOT_EXECUTED, date=datetime.date(2020, 6, 1), workgroups=None, **fields):
        number = next(counter)
        fields.setdefault("reference", f"2020-BE-{number:02d}")
        fields.setdefault("title", f"Recommendation {number}")
        fields.setdefault("text", "Text of the recommendation.")
        fields.setdefault("cycle", process["new"])
        fields.setdefault("theme", process["activity"])
        fields.setdefault("country", "BE")
        return services.create_recommendation(
            Recommendation(**fields),
            status=status,
            date=date,
            workgroups=workgroups if workgroups is not None else [process["nantes_group"]],
        )

    return make


@pytest.fixture
def shown(make_recommendation):
    """One executed recommendation, on every page of ``support.PUBLIC_PAGES``."""
    make_recommendation(status=Status.EXECUTED)


@pytest.fixture
def recommendation(make_recommendation):
    return make_recommendation()


@pytest.fixture
def edition(process):
    """A stocktaking edition, for the tests of every report: the ``stocktaking`` report is about one."""
    return Edition.objects.create(slug="2021", as_of=datetime.date(2021, 1, 31), title="Stocktaking 2021")


@pytest.fixture(autouse=True)
def generous_api_rate(settings):
    """The API's limit per address is a test of its own (``test_api.py``); elsewhere it stays out of the way."""
    settings.API_RATE = "100000/min"


@pytest.fixture(scope="session")
def demo_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo as ``load_demo`` writes it, made once per test process and kept as a backup: restoring it
    takes a fraction of the time, and gives back the same register (tests/test_backup.py)."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_demo()
        write_backup(path)
        transaction.set_rollback(True)
    return path


@pytest.fixture
def demo(db, demo_backup):
    """The demo data, in the test's transaction."""
    restore(demo_backup)
