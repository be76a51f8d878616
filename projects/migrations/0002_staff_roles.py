"""The staff roles of ``recommendations.0002_staff_roles`` take in projects: the cooperative life team
manages them, board secretaries add their updates, coordinators read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVERY_VIEW = ["view_project", "view_projectupdate"]
ROLES = {
    "Cooperative life team": [
        f"{action}_{model}" for model in ("project", "projectupdate") for action in ("add", "change", "delete", "view")
    ],
    "Board secretaries": [*EVERY_VIEW, "add_projectupdate"],
    "Coordinators": EVERY_VIEW,
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    config = apps.get_app_config("projects")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        permissions = Permission.objects.filter(content_type__app_label="projects", codename__in=codes)
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="projects"))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("recommendations", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
