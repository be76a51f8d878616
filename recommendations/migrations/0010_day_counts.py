"""The figures at the end of any day: a table of the history's counts per day, kept by the same triggers
(see ``kept``), which are written anew with it."""

from django.db import migrations, models


def add_days(apps, schema_editor):
    from recommendations import kept

    kept.add_days(schema_editor)


def remove_days(apps, schema_editor):
    from recommendations import kept

    kept.remove_days(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0009_kept_figures"),
    ]

    operations = [
        migrations.CreateModel(
            name="DayCount",
            fields=[
                ("pk", models.CompositePrimaryKey("day", "cycle", "theme", "country", "status", blank=True, editable=False, primary_key=True, serialize=False)),
                ("country", models.CharField(max_length=2)),
                ("day", models.DateField()),
                ("status", models.CharField(max_length=20)),
                ("started", models.IntegerField()),
                ("ended", models.IntegerField()),
                ("cycle", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.cycle")),
                ("theme", models.ForeignKey(db_constraint=False, on_delete=models.deletion.DO_NOTHING, related_name="+", to="workgroups.theme")),
            ],
            options={"db_table": "recommendations_daycount", "managed": False},
        ),
        migrations.RunPython(add_days, remove_days),
    ]
