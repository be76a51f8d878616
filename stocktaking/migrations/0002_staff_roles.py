"""The staff roles of ``recommendations.0002_staff_roles`` take in the stocktaking editions: the cooperative
life team writes them and their analyses, board secretaries and coordinators read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("edition", "themeanalysis")
EVERY_VIEW = [f"view_{model}" for model in MODELS]
ROLES = {
    "Cooperative life team": [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")],
    "Board secretaries": EVERY_VIEW,
    "Coordinators": EVERY_VIEW,
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    config = apps.get_app_config("stocktaking")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        permissions = Permission.objects.filter(content_type__app_label="stocktaking", codename__in=codes)
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="stocktaking"))


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0001_initial"),
        ("recommendations", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
