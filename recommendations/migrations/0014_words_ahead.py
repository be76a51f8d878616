"""A new recommendation's words are left to the import when it analysed them ahead, on a connection of its
own (``search.WordsAhead``): while ``sip.words_ahead`` is "on" in a transaction, the trigger writes none."""

from importlib import import_module

from django.db import migrations

words = import_module("recommendations.migrations.0008_search")


def added(skip_when_ahead):
    check = "IF current_setting('sip.words_ahead', true) = 'on' THEN RETURN NULL; END IF;" if skip_when_ahead else ""
    return f"""
CREATE OR REPLACE FUNCTION recommendation_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {check}
    INSERT INTO {words.WORDS} (recommendation_id, document) SELECT added.id, {words.document("added")} FROM added;
    RETURN NULL;
END $$;
"""


def leave_to_import(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(added(skip_when_ahead=True))


def always_in_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(added(skip_when_ahead=False))


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0013_search_statistics")]

    operations = [migrations.RunPython(leave_to_import, always_in_trigger)]
