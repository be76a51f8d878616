"""Staff roles as groups: what each kind of staff member may do in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {
    "workgroups": ["office", "cycle", "theme", "workgroup"],
    "recommendations": ["recommendation", "recommendationworkgroup", "boarddecision", "progressupdate"],
}
EVERY_VIEW = [f"{app}.view_{model}" for app, models in MODELS.items() for model in models]

ROLES = {
    "Cooperative life team": [
        f"{app}.{action}_{model}"
        for app, models in MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    + ["recommendations.import_recommendation", "recommendations.export_recommendation"],
    "Board secretaries": EVERY_VIEW
    + [
        "recommendations.add_boarddecision",
        "recommendations.change_boarddecision",
        "recommendations.add_progressupdate",
        "recommendations.change_progressupdate",
    ],
    "Coordinators": EVERY_VIEW + ["recommendations.export_recommendation"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0001_initial"),
        ("workgroups", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
