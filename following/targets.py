"""What can be followed, found by the key in its page's address, and named in a reader's language."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.models import Project
from recommendations.models import Recommendation
from workgroups.languages import shown
from workgroups.models import Cycle, Office, Theme, Workgroup

from .models import Kind

# (model's published records, field of the address, URL name) per kind; only published ones can be followed.
FOUND_BY = {
    Kind.RECOMMENDATION: (lambda: Recommendation.objects.published(), "reference", "recommendation_detail"),
    Kind.THEME: (lambda: Theme.objects.all(), "slug", "theme"),
    Kind.CYCLE: (lambda: Cycle.objects.all(), "slug", "cycle"),
    Kind.WORKGROUP: (lambda: Workgroup.objects.select_related("cycle"), "slug", "workgroup"),
    Kind.OFFICE: (lambda: Office.objects.all(), "slug", "office"),
    Kind.PROJECT: (lambda: Project.objects.published(), "slug", "project_detail"),
}


def find(kind, key):
    """The published record of ``kind`` whose address holds ``key``, or None."""
    if kind not in FOUND_BY:
        return None
    records, field, _url = FOUND_BY[kind]
    return records().filter(**{field: key}).first()


def key_of(kind, record):
    return getattr(record, FOUND_BY[kind][1])


def name(kind, record, language):
    """How a mail or a page names ``record`` to a reader of ``language``."""
    if kind == Kind.RECOMMENDATION:
        return f"{record.reference} {shown(record, 'title', language).text}"
    if kind == Kind.PROJECT:
        return shown(record, "title", language).text
    if kind == Kind.CYCLE:
        return record.name
    if kind == Kind.WORKGROUP:
        return Workgroup.label(shown(record, "name", language).text, record.cycle.name)
    return shown(record, "name", language).text


def address(kind, record):
    """The whole address of ``record``'s page, for a mail."""
    return absolute(reverse(FOUND_BY[kind][2], args=[key_of(kind, record)]))


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def labelled(kind, name):
    """A followed thing's name after its kind, "Theme: Gender equality", in the language active."""
    return _("%(kind)s: %(name)s") % {"kind": Kind(kind).label, "name": name}


def described(subscriptions, language):
    """(subscription, name, address) of each subscription whose record can still be followed."""
    wanted = {}
    for subscription in subscriptions:
        wanted.setdefault(subscription.kind, set()).add(subscription.target_id)
    records = {
        (kind, record.pk): record for kind, keys in wanted.items() for record in FOUND_BY[kind][0]().filter(pk__in=keys)
    }
    found = []
    for subscription in subscriptions:
        record = records.get((subscription.kind, subscription.target_id))
        if record is not None:
            found.append((subscription, name(subscription.kind, record, language), address(subscription.kind, record)))
    return found
