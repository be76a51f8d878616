"""The cooperative life team reads the followers in the admin (read-only: nobody adds, changes or deletes them
there; followers manage themselves through their links)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the role needs this one now.
    config = apps.get_app_config("following")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="following", codename="view_follower")
    for group in Group.objects.filter(name="Cooperative life team"):
        group.permissions.add(*permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Cooperative life team"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="following"))


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_initial"),
        ("recommendations", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
