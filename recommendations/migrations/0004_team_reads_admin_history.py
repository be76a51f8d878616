"""The cooperative life team reads the admin's history: who changed what, and when."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TEAM = "Cooperative life team"


def grant(apps, schema_editor):
    admin_config = apps.get_app_config("admin")
    admin_config.models_module = True
    create_permissions(admin_config, verbosity=0)
    admin_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="admin", codename="view_logentry")
    for group in Group.objects.filter(name=TEAM):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=TEAM):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="admin", codename="view_logentry"))


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_edit_versions"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
