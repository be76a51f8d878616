"""The figures kept by the database: two tables of counts and the triggers that keep them (see ``kept``)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from recommendations import kept

    kept.install(schema_editor)


def uninstall(apps, schema_editor):
    from recommendations import kept

    kept.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0008_search"),
        ("workgroups", "0002_cycle_start_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatusCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("country", models.CharField(max_length=2)),
                ("status", models.CharField(max_length=20)),
                ("recommendations", models.IntegerField()),
                ("cycle", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.cycle")),
                ("theme", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.theme")),
            ],
            options={"db_table": "recommendations_statuscount", "managed": False},
        ),
        migrations.CreateModel(
            name="YearCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("country", models.CharField(max_length=2)),
                ("year", models.IntegerField()),
                ("status", models.CharField(max_length=20)),
                ("started", models.IntegerField()),
                ("ended", models.IntegerField()),
                ("cycle", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.cycle")),
                ("theme", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.theme")),
            ],
            options={"db_table": "recommendations_yearcount", "managed": False},
        ),
        migrations.RunPython(install, uninstall),
    ]
