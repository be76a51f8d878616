"""The figures over the years of every place at once: the years' totals, kept by the same triggers (see
``kept``), which are written anew with them."""

from django.db import migrations, models


def add_totals(apps, schema_editor):
    from recommendations import kept

    kept.add_totals(schema_editor)


def remove_totals(apps, schema_editor):
    from recommendations import kept

    kept.remove_totals(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0016_feed_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="YearTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.IntegerField()),
                ("status", models.CharField(max_length=20)),
                ("started", models.IntegerField()),
                ("ended", models.IntegerField()),
            ],
            options={"db_table": "recommendations_yeartotal", "managed": False},
        ),
        migrations.RunPython(add_totals, remove_totals),
    ]
