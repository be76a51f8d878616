"""Room on every page of the small kept tables, which every change updates in place: PostgreSQL then writes a
count's new version beside the old one (a HOT update, no index written) and clears the old ones as the page
is read again, so that the tables keep their size between vacuums. Without it, the years' totals (161 rows)
were found spread over 406 pages after a synthetic load, which every overview read in full."""

from django.db import migrations

TABLES = ["recommendations_statuscount", "recommendations_yearcount", "recommendations_yeartotal"]
ROOM = 50


def make_room(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {ROOM})")
        # Written again, in their key's order, with that room left.
        schema_editor.execute(f"CLUSTER {table} USING {table}_pkey")


def take_room_back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0017_year_totals"),
    ]

    operations = [migrations.RunPython(make_room, take_room_back)]
