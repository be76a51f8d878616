"""Full-text search on PostgreSQL: the unaccent extension, configurations that drop accents before
stemming, and each recommendation's words in a table of their own with a GIN index, kept by triggers.
Other databases get the table, always empty, and search by contains.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Copies of PostgreSQL's own configurations with ``unaccent`` before the stemmer, for words with letters.
CONFIGURATIONS = {"sip_dutch": "dutch", "sip_french": "french", "sip_english": "english"}
CONFIGURATION_OF = {"nl": "sip_dutch", "fr": "sip_french", "en": "sip_english"}
# A title's words weigh most in the ranking, then the text's, then the context's.
WEIGHTS = {"title": "A", "text": "B", "context": "C"}
TABLE = "recommendations_recommendation"
WORDS = "recommendations_searchdocument"


def document(row):
    """The SQL of the words of ``row``: each text as written in its own language, each translation in its."""
    language = (
        f"(CASE {row}.language "
        + " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGURATION_OF.items())
        + " ELSE 'sip_english' END)::regconfig"
    )
    parts = []
    for name, weight in WEIGHTS.items():
        parts.append(f"setweight(to_tsvector({language}, {row}.{name}), '{weight}')")
        parts.extend(
            f"setweight(to_tsvector('{configuration}', {row}.{name}_{code}), '{weight}')"
            for code, configuration in CONFIGURATION_OF.items()
        )
    return " || ".join(parts)


# Only a recommendation whose texts or language changed has its words written again: a change of status
# leaves them, and their index, as they are. The condition is the trigger's own, checked row by row
# before any function runs; new recommendations are analysed a statement at a time (as COPY writes them).
TEXTS = ["language", *(f"{name}{suffix}" for name in WEIGHTS for suffix in ["", "_nl", "_fr", "_en"])]
CHANGED = " OR ".join(f"OLD.{name} IS DISTINCT FROM NEW.{name}" for name in TEXTS)

TRIGGERS = f"""
CREATE FUNCTION recommendation_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {WORDS} (recommendation_id, document) SELECT added.id, {document("added")} FROM added;
    RETURN NULL;
END $$;
CREATE FUNCTION recommendation_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {WORDS} SET document = {document("NEW")} WHERE recommendation_id = NEW.id;
    RETURN NULL;
END $$;
CREATE FUNCTION recommendation_words_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {WORDS} WHERE recommendation_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER recommendation_words_insert AFTER INSERT ON {TABLE} REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION recommendation_words_added();
CREATE TRIGGER recommendation_words_update AFTER UPDATE ON {TABLE}
    FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION recommendation_words_changed();
CREATE TRIGGER recommendation_words_delete AFTER DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION recommendation_words_deleted();
"""

FILL = f"INSERT INTO {WORDS} (recommendation_id, document) SELECT added.id, {document('added')} FROM {TABLE} AS added"

FORGET = f"""
DROP TRIGGER recommendation_words_insert ON {TABLE};
DROP TRIGGER recommendation_words_update ON {TABLE};
DROP TRIGGER recommendation_words_delete ON {TABLE};
DROP FUNCTION recommendation_words_added();
DROP FUNCTION recommendation_words_changed();
DROP FUNCTION recommendation_words_deleted();
"""


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in CONFIGURATIONS.items():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION {name}")
    # The extension stays: it holds no data, and other objects of the database may use it.


def keep_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)
        schema_editor.execute(FILL)


def forget_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORGET)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0007_content_languages"),
    ]

    operations = [
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "recommendation",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="recommendations.recommendation",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        migrations.RunPython(keep_words, forget_words),
        # After the words of the recommendations already there: an index is built faster than filled.
        migrations.AddIndex(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(fields=["document"], name="recommendation_search_idx"),
        ),
    ]
