"""Search in the reader's words: the recommendations whose title, text or context, as written or in any
translation, contain what was asked for, or whose reference it is.

On PostgreSQL a full-text search: each text is analysed with its own language's configuration (stems,
accents ignored) into the recommendation's ``SearchDocument``, which the database's triggers keep
(migration 0008), found through its GIN index and ranked, title before text before context; a reference
is found by its beginning. Elsewhere a case-insensitive contains over the same columns.
"""

import contextlib
import re
import threading
from importlib import import_module

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, connections, models, router

from workgroups.languages import LANGUAGES, column

from . import bulk
from .models import REFERENCE_PATTERN, Recommendation, SearchDocument, among_keys

# Copies of PostgreSQL's dutch, french and english configurations that drop accents before stemming,
# created by migration recommendations.0008: "creche" finds "crèche".
CONFIGURATIONS = {"nl": "sip_dutch", "fr": "sip_french", "en": "sip_english"}
# The texts searched, in the order of their weight in the ranking.
FIELDS = ["title", "text", "context"]
# What the beginning of a reference looks like: "2020", "2020-BE", "2020-BE-0".
REFERENCE_START = re.compile(rf"(?=.*\d){REFERENCE_PATTERN}-?")
# The name of the index on the words.
INDEX_NAME = "recommendation_search_idx"
# How many matches of a search are ranked at most (see ``found``); a whole number of list pages.
RANKED = 500
# The words' SQL of the triggers (migration 0008), so that words analysed ahead are the triggers' own.
WORDS_OF = import_module("recommendations.migrations.0008_search").document
# While this setting is "on" in a transaction, new recommendations get no words from the trigger (0014).
WORDS_AHEAD = "sip.words_ahead"
# The columns the words are made of, in the order ``WordsAhead`` hands them to the database.
WORD_COLUMNS = ["language", *(text for name in FIELDS for text in (name, *(column(name, code) for code in LANGUAGES)))]


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
        for name in FIELDS:
            for field in (name, *(column(name, language) for language in LANGUAGES)):
                found |= models.Q(**{f"{field}__icontains": words})
        return found
    # A reference is found by its beginning ("2020-BE" finds the Belgian ones of 2019-2020) through its own
    # index (references are in capitals), not as words: "be" would be an English stop word.
    documents = SearchDocument.objects.filter(document=query(words)).values("recommendation_id")
    if not REFERENCE_START.fullmatch(words.upper()):
        return models.Q(pk__in=documents)
    # One list of keys, not an OR of two: PostgreSQL runs an OR beside a subquery once per recommendation.
    references = Recommendation.objects.filter(reference__startswith=words.upper()).values("pk")
    return models.Q(pk__in=documents.union(references))


def through_the_words_index(keys):
    """The ``keys`` (a query of the first matches of a search), read through the words' index on PostgreSQL.

    PostgreSQL cannot tell how many recommendations a rare word finds (outside its most common words it
    guesses thousands) and, to fill the ``LIMIT`` early, may plan a scan of every recommendation's words:
    500 ms at a million for a word found 41 times, where the index takes 5. Through the index, a common
    word costs the same as before. The setting is sent with the query, in one string: if the query fails,
    its transaction takes the setting back with it.
    """
    if not full_text():
        return list(keys)
    sql, params = keys.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SET enable_seqscan = off; {sql}", params)
        found = [key for (key,) in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan")
    return found


def found(recommendations, words, ranked=True, keep=None):
    """The ``recommendations`` that ``words`` find, and those of them ranked first, in order (or ``None``).

    ``ranked``: the best matches first, ties and the rest in the order of ``recommendations``. A search
    finding no more than ``RANKED``, as every search of the cooperative's own register does, is ranked
    whole. Ordering hundreds of thousands of matches would read every one, so beyond that only the
    ``RANKED`` most recently recorded matches are ranked, and come first; the others follow in the usual
    order (see docs/PERFORMANCE.md).

    ``keep(kind, rows, compute)`` keeps which matches are ranked (``FigureCache.remember``): finding them
    reads the words' index, and within an office or a theme checks thousands of matches against it.
    """
    matches = recommendations.filter(matching(words))
    if not (ranked and full_text()):
        return matches, None
    keep = keep or (lambda _kind, _rows, compute: compute())
    whole, keys = keep("search's ranked keys", matches, lambda: first_matches(matches))
    words_of = SearchDocument.objects.filter(recommendation=models.OuterRef("pk")).values("document")
    rank = SearchRank(models.Subquery(words_of), query(words))
    ordering = recommendations.query.order_by or recommendations.model._meta.ordering
    # By their keys alone: the planner, which cannot tell how many rows a word finds, then knows; the keys are
    # of ``recommendations`` already, whose conditions (an office's thousands of keys) would be checked again.
    first = recommendations.model._default_manager.filter(among_keys("pk", keys))
    first = first.alias(search_rank=rank).order_by("-search_rank", *ordering)
    if whole:
        return first, None
    in_first = models.Case(models.When(among_keys("pk", keys), then=rank), output_field=models.FloatField())
    ordered = matches.alias(search_rank=in_first).order_by(models.F("search_rank").desc(nulls_last=True), *ordering)
    return ordered, first


def first_matches(matches):
    """Whether ``matches`` are ``RANKED`` at most, and the keys of the ranked ones: all of them, or the
    ``RANKED`` most recently recorded, in key order so that every page ranks the same ones whatever plan
    the database chooses."""
    keys = through_the_words_index(matches.order_by().values_list("pk", flat=True)[: RANKED + 1])
    if len(keys) <= RANKED:
        return True, keys
    return False, list(matches.order_by("-pk").values_list("pk", flat=True)[:RANKED])


class WordsAhead:
    """The words of new recommendations, analysed on a connection of its own while an import writes them.

    Analysing the texts is most of what a new recommendation costs the database (the stemming of every
    language's texts); on a second connection it runs beside the import's statements, on another core,
    instead of in the trigger after them. ``start`` gives None where there is nothing to analyse ahead.
    """

    def __init__(self, recommendations):
        self.recommendations = recommendations
        self.alias = router.db_for_write(Recommendation)
        self.documents = self.error = None
        self.thread = threading.Thread(target=self._analyse, name="words-ahead", daemon=True)
        self.thread.start()

    @classmethod
    def start(cls, recommendations):
        if not recommendations or connections[router.db_for_write(Recommendation)].vendor != "postgresql":
            return None
        return cls(recommendations)

    def _analyse(self):
        # The texts alone, no row of the import: this connection cannot see the import's uncommitted rows.
        columns = [[getattr(item, name) for item in self.recommendations] for name in WORD_COLUMNS]
        arrays = ", ".join(["%s::text[]"] * len(columns))
        names = ", ".join(WORD_COLUMNS)
        try:
            with connections[self.alias].cursor() as cursor:
                cursor.execute(
                    f"SELECT ({WORDS_OF('r')})::text FROM unnest({arrays}) WITH ORDINALITY AS r({names}, n) ORDER BY n",
                    columns,
                )
                self.documents = [document for (document,) in cursor.fetchall()]
        except Exception as error:  # handed to the import's own thread, which fails with it
            self.error = error
        finally:
            connections[self.alias].close()

    @contextlib.contextmanager
    def deferred(self):
        """The new recommendations written inside get their words from ``write``, not from the trigger."""
        with connections[self.alias].cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [WORDS_AHEAD])
            try:
                yield
            finally:
                cursor.execute("SELECT set_config(%s, '', true)", [WORDS_AHEAD])

    def write(self):
        """Wait for the analysis, then write the words of the recommendations, which have their keys now."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        fields = [SearchDocument._meta.get_field(name) for name in ("recommendation", "document")]
        keys = [item.pk for item in self.recommendations]
        with connections[self.alias].cursor() as cursor:
            bulk.copy(cursor, SearchDocument, fields, [keys, self.documents])
