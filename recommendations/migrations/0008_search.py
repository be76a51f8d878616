"""Full-text search on PostgreSQL: the unaccent extension, configurations that drop accents before
stemming, the words of each recommendation in a stored generated column (``search.document()``) and a
GIN index on it. Other databases get the column, always empty, and search by contains.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

import recommendations.search

# Copies of PostgreSQL's own configurations with ``unaccent`` before the stemmer, for words with letters.
CONFIGURATIONS = {"sip_dutch": "dutch", "sip_french": "french", "sip_english": "english"}
INDEX = GinIndex(fields=["search_document"], name="recommendation_search_idx")


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


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("recommendations", "Recommendation"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("recommendations", "Recommendation"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0007_content_languages"),
    ]

    operations = [
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.AddField(
            model_name="recommendation",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=recommendations.search.Joined(
                    models.Case(
                        models.When(
                            language="nl",
                            then=django.contrib.postgres.search.SearchVector("title", config="sip_dutch", weight="A"),
                        ),
                        models.When(
                            language="fr",
                            then=django.contrib.postgres.search.SearchVector("title", config="sip_french", weight="A"),
                        ),
                        default=django.contrib.postgres.search.SearchVector("title", config="sip_english", weight="A"),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                    django.contrib.postgres.search.SearchVector("title_en", config="sip_english", weight="A"),
                    django.contrib.postgres.search.SearchVector("title_nl", config="sip_dutch", weight="A"),
                    django.contrib.postgres.search.SearchVector("title_fr", config="sip_french", weight="A"),
                    models.Case(
                        models.When(
                            language="nl",
                            then=django.contrib.postgres.search.SearchVector("text", config="sip_dutch", weight="B"),
                        ),
                        models.When(
                            language="fr",
                            then=django.contrib.postgres.search.SearchVector("text", config="sip_french", weight="B"),
                        ),
                        default=django.contrib.postgres.search.SearchVector("text", config="sip_english", weight="B"),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                    django.contrib.postgres.search.SearchVector("text_en", config="sip_english", weight="B"),
                    django.contrib.postgres.search.SearchVector("text_nl", config="sip_dutch", weight="B"),
                    django.contrib.postgres.search.SearchVector("text_fr", config="sip_french", weight="B"),
                    models.Case(
                        models.When(
                            language="nl",
                            then=django.contrib.postgres.search.SearchVector("context", config="sip_dutch", weight="C"),
                        ),
                        models.When(
                            language="fr",
                            then=django.contrib.postgres.search.SearchVector(
                                "context", config="sip_french", weight="C"
                            ),
                        ),
                        default=django.contrib.postgres.search.SearchVector(
                            "context", config="sip_english", weight="C"
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                    django.contrib.postgres.search.SearchVector("context_en", config="sip_english", weight="C"),
                    django.contrib.postgres.search.SearchVector("context_nl", config="sip_dutch", weight="C"),
                    django.contrib.postgres.search.SearchVector("context_fr", config="sip_french", weight="C"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
