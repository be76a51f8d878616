"""Each board's newest decision as a column of its own (``decision_be``, ``decision_fr``), so that the list's
``board`` filter is checked in the list's indexes, like the latest decision, and the boards' figures are
counted from the recommendations alone. Filled from the decisions before the indexes are built again."""

from django.db import migrations, models

TABLE = "recommendations_recommendation"
DECISIONS = "recommendations_boarddecision"


def let_sqlite_remake_the_table(apps, schema_editor):
    """SQLite adds these columns by copying the table, which the kept figures' triggers on other tables refuse:
    they are dropped here, and made again with fresh counts after the migration (``kept.restore_triggers``)."""
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sip_kept_%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")


def fill(apps, schema_editor):
    for board in ("BE", "FR"):
        newest = (
            f"SELECT decision FROM {DECISIONS} d WHERE d.recommendation_id = {TABLE}.id AND d.board = '{board}' "
            "ORDER BY d.meeting_date DESC, d.id DESC LIMIT 1"
        )
        schema_editor.execute(
            f"UPDATE {TABLE} SET decision_{board.lower()} = ({newest}) WHERE id IN "
            f"(SELECT recommendation_id FROM {DECISIONS} WHERE board = '{board}')"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0014_words_ahead'),
        ('workgroups', '0003_content_languages'),
    ]

    operations = [
        migrations.RunPython(let_sqlite_remake_the_table, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='recommendation',
            name='published_by_cycle_idx',
        ),
        migrations.RemoveIndex(
            model_name='recommendation',
            name='published_by_reference_idx',
        ),
        migrations.RemoveIndex(
            model_name='recommendation',
            name='published_by_title_idx',
        ),
        migrations.RemoveIndex(
            model_name='recommendation',
            name='published_by_status_idx',
        ),
        migrations.RemoveIndex(
            model_name='recommendation',
            name='published_by_date_idx',
        ),
        migrations.AddField(
            model_name='recommendation',
            name='decision_be',
            field=models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('reformulated', 'Reformulated'), ('postponed', 'Postponed'), ('refused', 'Refused')], editable=False, max_length=20, verbose_name='latest decision of the Belgian board'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='decision_fr',
            field=models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('reformulated', 'Reformulated'), ('postponed', 'Postponed'), ('refused', 'Refused')], editable=False, max_length=20, verbose_name='latest decision of the French board'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True)), fields=['cycle', 'reference'], include=('id', 'theme', 'country', 'status', 'latest_decision', 'decision_be', 'decision_fr'), name='published_by_cycle_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True)), fields=['reference'], include=('id', 'cycle', 'theme', 'country', 'status', 'latest_decision', 'decision_be', 'decision_fr'), name='published_by_reference_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True)), fields=['title', 'reference'], include=('id', 'cycle', 'theme', 'country', 'status', 'latest_decision', 'decision_be', 'decision_fr'), name='published_by_title_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True)), fields=['status', 'reference'], include=('id', 'cycle', 'theme', 'country', 'latest_decision', 'decision_be', 'decision_fr'), name='published_by_status_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True)), fields=['status_date', 'reference'], include=('id', 'cycle', 'theme', 'country', 'status', 'latest_decision', 'decision_be', 'decision_fr'), name='published_by_date_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True), models.Q(('decision_be', ''), _negated=True), models.Q(('decision_fr', ''), _negated=True), models.Q(('decision_be', models.F('decision_fr')), _negated=True)), fields=['cycle', 'reference'], name='published_boards_differ_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True), ('status', 'postponed')), fields=['status_date', 'reference'], include=('id', 'cycle', 'theme'), name='published_postponed_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('published', True), ('revisits__isnull', False)), fields=['revisits'], name='published_revisiting_idx'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('decision_be__in', ['accepted', 'reformulated', 'postponed', 'refused', ''])), name='recommendation_decision_be_valid'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('decision_fr__in', ['accepted', 'reformulated', 'postponed', 'refused', ''])), name='recommendation_decision_fr_valid'),
        ),
        # Undone, the columns are removed by copying the table too: the triggers go first that way as well.
        migrations.RunPython(migrations.RunPython.noop, let_sqlite_remake_the_table),
    ]
