"""Search in the reader's words: the recommendations whose title, text or context, as written or in any
translation, contain what was asked for, or whose reference it is.

On PostgreSQL a full-text search: each text is analysed with its own language's configuration (stems,
accents ignored) into the recommendation's ``search_document`` column, which the database keeps (a
stored generated column of ``document()``), found through its GIN index and ranked, title before text
before context; a reference is found by its beginning. Elsewhere a case-insensitive contains over the same
columns.
"""

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection, models

from workgroups.languages import LANGUAGES, column

# Copies of PostgreSQL's dutch, french and english configurations that drop accents before stemming,
# created by migration recommendations.0008: "creche" finds "crèche".
CONFIGURATIONS = {"nl": "sip_dutch", "fr": "sip_french", "en": "sip_english"}
# Words of a title weigh most, then those of the text, then those of the context.
WEIGHTS = {"title": "A", "text": "B", "context": "C"}
# The name of the index on ``search_document``.
INDEX_NAME = "recommendation_search_idx"
# How many matches of a search are ranked at most (see ``found``); a whole number of list pages.
RANKED = 500


class Joined(models.Func):
    """Text search vectors joined into one (``||``); nothing (NULL) on databases without full-text search."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchVectorField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


def _as_written(name, weight):
    """Field ``name`` as written, analysed with the configuration of the record's own language."""
    default = settings.LANGUAGE_CODE
    return models.Case(
        *(
            models.When(language=language, then=SearchVector(name, config=CONFIGURATIONS[language], weight=weight))
            for language in LANGUAGES
            if language != default
        ),
        default=SearchVector(name, config=CONFIGURATIONS[default], weight=weight),
        output_field=SearchVectorField(),
    )


def document():
    """A recommendation's words as one weighted text search vector (PostgreSQL), the expression of its
    ``search_document`` column: a change here needs a migration (makemigrations sees it)."""
    vectors = []
    for name, weight in WEIGHTS.items():
        vectors.append(_as_written(name, weight))
        vectors.extend(
            SearchVector(column(name, language), config=CONFIGURATIONS[language], weight=weight)
            for language in LANGUAGES
        )
    return Joined(*vectors)


def query(words):
    """The words as a web search would read them ("quoted phrase", -not, or) in each language, any one."""
    languages = iter(CONFIGURATIONS.values())
    found = SearchQuery(words, config=next(languages), search_type="websearch")
    for config in languages:
        found |= SearchQuery(words, config=config, search_type="websearch")
    return found


def full_text():
    return connection.vendor == "postgresql"


def matching(words):
    """A condition for the recommendations ``words`` find."""
    if not full_text():
        found = models.Q(reference__icontains=words)
        for name in WEIGHTS:
            for field in (name, *(column(name, language) for language in LANGUAGES)):
                found |= models.Q(**{f"{field}__icontains": words})
        return found
    # A reference is found by its beginning ("2020-BE" finds the Belgian ones of 2019-2020) through its own
    # index (references are in capitals), not as words: "be" would be an English stop word.
    return models.Q(reference__startswith=words.upper()) | models.Q(
        SearchVectorExact(models.F("search_document"), query(words))
    )


def found(recommendations, words, ranked=True):
    """The ``recommendations`` that ``words`` find, and those of them ranked first, in order (or ``None``).

    ``ranked``: the best matches first, ties and the rest in the order of ``recommendations``. A search
    finding no more than ``RANKED``, as every search of the cooperative's own register does, is ranked
    whole. Ordering hundreds of thousands of matches would read every one, so beyond that only the
    ``RANKED`` most recently recorded matches are ranked, and come first; the others follow in the usual
    order (see docs/PERFORMANCE.md).
    """
    matches = recommendations.filter(matching(words))
    if not (ranked and full_text()):
        return matches, None
    rank = SearchRank(models.F("search_document"), query(words))
    ordering = recommendations.query.order_by or recommendations.model._meta.ordering
    if matches.order_by()[: RANKED + 1].count() <= RANKED:
        return matches.alias(search_rank=rank).order_by("-search_rank", *ordering), None
    # In key order, so that every page ranks the same ones whatever plan the database chooses.
    newest = matches.order_by("-pk").values("pk")[:RANKED]
    first = models.Case(models.When(pk__in=newest, then=rank), output_field=models.FloatField())
    ordered = matches.alias(search_rank=first).order_by(models.F("search_rank").desc(nulls_last=True), *ordering)
    return ordered, matches.filter(pk__in=newest).alias(search_rank=rank).order_by("-search_rank", *ordering)
