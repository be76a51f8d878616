"""The figures kept: counts of published recommendations that the database itself keeps exact, by triggers.

``StatusCount`` holds the recommendations per (cycle, theme, country, status). ``YearCount`` holds the
progress updates per (cycle, theme, country, year, status) that start a span of their recommendation's
history in that year (``started``), and those that a newer update ends in that year (``ended``): the
figures at the end of a year are the running sums of ``started - ended`` up to it. ``DayCount`` holds the
same per day: the figures at the end of any day are the sums of ``YearCount`` before its year and of
``DayCount`` from the first of January to that day. ``YearTotal`` holds ``YearCount`` summed over every
place: the overview's figures over the years read its few hundred rows, not the years of every place.

Triggers on the recommendations and on their progress updates change them in the writing statement's
own transaction, so that no writer can leave them behind: ``services``, the import's ``COPY``, the admin,
``generate_synthetic``, ``loaddata`` and deletions alike. Each trigger adds what the rows it touched
count now and takes away what they counted before, so the counts are right whatever order rows arrive or
leave in. A new progress update that is the newest of its recommendation, as nearly every one is, only
starts a span and ends the one before it: its trigger says that alone, without reading the whole
history; deleting the newest one takes the same away. PostgreSQL runs one trigger per statement over
its transition tables (a bulk write costs one pass); SQLite, which has row triggers only, one per row.
What rows count is written once, below.
"""

from django.db import connection

from .models import DayCount, ProgressUpdate, Recommendation, StatusCount, YearCount, YearTotal

RECOMMENDATIONS = Recommendation._meta.db_table
UPDATES = ProgressUpdate._meta.db_table
STATUS_COUNTS = StatusCount._meta.db_table
YEAR_COUNTS = YearCount._meta.db_table
DAY_COUNTS = DayCount._meta.db_table
YEAR_TOTALS = YearTotal._meta.db_table
STATUS_KEY = "cycle_id, theme_id, country, status"
YEAR_KEY = "cycle_id, theme_id, country, year, status"
DAY_KEY = "cycle_id, theme_id, country, day, status"
TOTAL_KEY = "year, status"
# The rows of a history's delta: a span started or ended on a day.
HISTORY_KEY = DAY_KEY
# The columns of a recommendation that decide where it counts.
PLACE = ("cycle_id", "theme_id", "country", "published")
RECOMMENDATION_COLUMNS = ("id", *PLACE, "status")
UPDATE_COLUMNS = ("id", "recommendation_id", "status", "date")
PREFIX = "sip_kept"
# The kept tables came in stages, each with its migration: the status and year counts (0009), the day
# counts (0010), the years' totals (0017). A migration writes the triggers of its own stage.
STAGE_YEARS, STAGE_DAYS, STAGE_TOTALS = 1, 2, 3


def _year(vendor, column):
    if vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)"
    return f"CAST(substr({column}, 1, 4) AS integer)"  # SQLite keeps dates as YYYY-MM-DD text


def status_rows(recommendations):
    """What the recommendations of the row source ``recommendations`` count in ``StatusCount``."""
    return f"SELECT {STATUS_KEY}, 1 AS recommendations FROM {recommendations} r WHERE r.published"


def history_rows(updates, recommendations):
    """What the progress updates of the row source ``updates`` count, placed by the recommendations of
    ``recommendations``: rows of (cycle_id, theme_id, country, day, status, started, ended).

    An update starts a span on its own day; the next update of its recommendation (by date, then
    recording order, as the status follows them) ends it on that one's day. Updates whose
    recommendation is not there count nothing.
    """
    joined = f"FROM {updates} u JOIN {recommendations} r ON r.id = u.recommendation_id WHERE r.published"
    return (
        f"SELECT r.cycle_id, r.theme_id, r.country, u.date AS day, u.status, 1 AS started, 0 AS ended {joined} "
        f"UNION ALL SELECT cycle_id, theme_id, country, next_date, status, 0, 1 FROM ("
        f"SELECT r.cycle_id, r.theme_id, r.country, u.status, "
        f"LEAD(u.date) OVER (PARTITION BY u.recommendation_id ORDER BY u.date, u.id) AS next_date {joined}"
        f") spans WHERE next_date IS NOT NULL"
    )


def _newer_than(update):
    """Whether an update of the same recommendation comes after the row ``update`` (by date, then recording)."""
    # As a row comparison, the condition reads the index of each recommendation's updates in order.
    return (
        f"EXISTS (SELECT 1 FROM {UPDATES} q WHERE q.recommendation_id = {update}.recommendation_id "
        f"AND (q.date, q.id) > ({update}.date, {update}.id))"
    )


def appended_rows(appended, recommendations):
    """What the new updates of the row source ``appended`` count, each the newest of its recommendation's
    history and its only new one: it starts a span on its day and ends, that day, the span of the update
    before it, read by index. The same as ``history_rows`` now less before, without reading the history.
    """
    # None for the first update of a recommendation: such rows are left out by ``Kept.upsert``.
    previous = (
        f"(SELECT q.status FROM {UPDATES} q WHERE q.recommendation_id = a.recommendation_id "
        f"AND (q.date, q.id) < (a.date, a.id) ORDER BY q.date DESC, q.id DESC LIMIT 1)"
    )
    placed = f"FROM {appended} a JOIN {recommendations} r ON r.id = a.recommendation_id WHERE r.published"
    return (
        f"SELECT r.cycle_id, r.theme_id, r.country, a.date AS day, a.status, 1 AS started, 0 AS ended {placed} "
        f"UNION ALL SELECT r.cycle_id, r.theme_id, r.country, a.date, {previous}, 0, 1 {placed}"
    )


class Kept:
    """One table of counts: its name, key and counted columns, and the key's expressions over a delta's rows."""

    def __init__(self, table, key, values, source_key=None, order=None):
        self.table, self.key, self.values = table, key, values
        self.source_key = source_key or key
        self.order = order

    def upsert(self, source, ordered=False):
        """The statement that adds the rows of ``source`` (a row source of deltas) to the counts; ``ordered``,
        written in the order of the table's reads, when counting everything again."""
        sums = ", ".join(f"SUM({value})" for value in self.values)
        changed = " OR ".join(f"SUM({value}) <> 0" for value in self.values)
        assignments = ", ".join(f"{value} = {self.table}.{value} + excluded.{value}" for value in self.values)
        # SQLite needs a WHERE to read ON CONFLICT as the upsert's, not as a join's. Rows without a status
        # are the ends of spans that an appended update found none to end (``appended_rows``): filtered here,
        # its subquery runs once per row.
        return (
            f"INSERT INTO {self.table} ({self.key}, {', '.join(self.values)}) "
            f"SELECT {self.source_key}, {sums} FROM {source} WHERE status IS NOT NULL "
            f"GROUP BY {self.source_key} HAVING {changed} "
            f"{f'ORDER BY {self.order} ' if ordered and self.order else ''}"
            f"ON CONFLICT ({self.key}) DO UPDATE SET {assignments}"
        )

    def apply(self, plus=None, minus=None):
        """The statement that adds the counts of the query ``plus`` and takes away those of ``minus``."""
        return self.upsert(f"({_delta(plus, minus, self.key, self.values)}) delta")


def _delta(plus, minus, key, values):
    parts = []
    if plus:
        parts.append(f"SELECT {key}, {', '.join(values)} FROM ({plus}) plus")
    if minus:
        parts.append(f"SELECT {key}, {', '.join(f'-{v} AS {v}' for v in values)} FROM ({minus}) minus")
    return " UNION ALL ".join(parts)


STATUS = Kept(STATUS_COUNTS, STATUS_KEY, ["recommendations"])
# Counted again, the days are written in their order, so that the rows of a range of days lie together.
DAYS = Kept(DAY_COUNTS, DAY_KEY, ["started", "ended"], order="day")


def _histories(vendor, stage):
    """The tables of the history's counts at ``stage``: the years, then the days and the years' totals once
    their tables exist."""
    year = _year(vendor, "day")
    years = Kept(YEAR_COUNTS, YEAR_KEY, ["started", "ended"], f"cycle_id, theme_id, country, {year}, status")
    totals = Kept(YEAR_TOTALS, TOTAL_KEY, ["started", "ended"], f"{year}, status")
    return [years, DAYS, totals][: len(_tables(stage)) - 1]


def history_statements(vendor, stage, plus=None, minus=None, ordered=False):
    """The statements that add the history rows of the query ``plus`` to every history table and take away
    those of ``minus``. On PostgreSQL one statement: the delta is read once for all of them."""
    delta = _delta(plus, minus, HISTORY_KEY, ["started", "ended"])
    tables = _histories(vendor, stage)
    if vendor != "postgresql" or len(tables) == 1:
        return [table.upsert(f"({delta}) delta", ordered) for table in tables]
    *first, last = tables
    written = "".join(f", written_{n} AS ({table.upsert('delta')})" for n, table in enumerate(first))
    return [f"WITH delta AS MATERIALIZED ({delta}){written} {last.upsert('delta', ordered)}"]


def _updates_of(which, *, without=None, also=None):
    """A row source of the progress updates that the condition ``which`` (on their ``recommendation_id``)
    picks; ``without`` those of the row source ``without``, and with those of ``also`` it picks (the others'
    may be counted by the narrow statement)."""
    columns = ", ".join(UPDATE_COLUMNS)
    sql = f"SELECT {columns} FROM {UPDATES} WHERE {which}"
    if without:
        sql += f" AND id NOT IN (SELECT id FROM {without} w)"
    if also:
        sql += f" UNION ALL SELECT {columns} FROM {also} a WHERE {which}"
    return f"({sql})"


def _whole(table, columns):
    return f"(SELECT {', '.join(columns)} FROM {table})"


def update_statements(vendor, stage, new=None, old=None, which=None):
    """What a write of progress updates changes. ``new`` and ``old`` are the row sources of the rows as
    written and as they were, ``None`` when the write has none (an insert has no old rows); ``which`` picks
    the updates of their recommendations (by default by a query of their keys)."""
    keys = " UNION ".join(f"SELECT recommendation_id FROM {source} k" for source in (new, old) if source)
    which = which or f"recommendation_id IN ({keys})"
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    now = history_rows(_updates_of(which), recommendations)
    before = history_rows(_updates_of(which, without=new, also=old), recommendations)
    return history_statements(vendor, stage, now, before)


def appended_statements(vendor, stage, appended=None, removed=None):
    """What new progress updates change when each is the newest and only new one of its recommendation
    (``appended``, their row source); or, the other way, what deleted ones change when each was the newest
    of what is left and the only one deleted of its recommendation (``removed``): the update before it
    becomes the newest again."""
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    return history_statements(
        vendor,
        stage,
        appended and appended_rows(appended, recommendations),
        removed and appended_rows(removed, recommendations),
    )


def recommendation_statements(vendor, stage, new=None, old=None, which=None):
    """What a write of recommendations changes: the statement of their status counts, and the statements
    of their histories' counts. ``new`` and ``old`` as for ``update_statements``; ``which`` picks the
    updates of those whose histories count elsewhere now: for an update, those whose place (cycle, theme,
    country, published) changed; by default, all of them."""
    histories = _updates_of(which or f"recommendation_id IN (SELECT id FROM {new or old} k)")
    return (
        STATUS.apply(new and status_rows(new), old and status_rows(old)),
        history_statements(vendor, stage, new and history_rows(histories, new), old and history_rows(histories, old)),
    )


def _tables(stage):
    """The kept tables at ``stage``, in the order they came."""
    return [STATUS_COUNTS, YEAR_COUNTS, DAY_COUNTS, YEAR_TOTALS][: stage + 1]


def rebuild_statements(vendor, stage=STAGE_TOTALS):
    """Count everything again from the rows."""
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    return [
        *(f"DELETE FROM {table}" for table in _tables(stage)),
        STATUS.apply(status_rows(recommendations)),
        *history_statements(
            vendor, stage, history_rows(_whole(UPDATES, UPDATE_COLUMNS), recommendations), ordered=True
        ),
    ]


def counted(vendor):
    """Queries of what the rows count now, per key: (status counts, year counts, day counts, years' totals)."""
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    history = history_rows(_whole(UPDATES, UPDATE_COLUMNS), recommendations)
    year = f"cycle_id, theme_id, country, {_year(vendor, 'day')}, status"
    total = f"{_year(vendor, 'day')}, status"
    return (
        f"SELECT {STATUS_KEY}, SUM(recommendations) FROM ({status_rows(recommendations)}) c GROUP BY {STATUS_KEY}",
        f"SELECT {year}, SUM(started), SUM(ended) FROM ({history}) c GROUP BY {year}",
        f"SELECT {DAY_KEY}, SUM(started), SUM(ended) FROM ({history}) c GROUP BY {DAY_KEY}",
        f"SELECT {total}, SUM(started), SUM(ended) FROM ({history}) c GROUP BY {total}",
    )


# The tables and their triggers, created by migrations: ``install`` the status and year counts (0009), then
# ``add_days`` (0010) and ``add_totals`` (0017).


def _row(prefix, columns):
    """SQLite's row of a row trigger as a row source: ``NEW`` or ``OLD``."""
    return f"(SELECT {', '.join(f'{prefix}.{column} AS {column}' for column in columns)})"


def _differ(columns):
    return " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)


def _create(vendor, table):
    key = (
        "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        if vendor == "postgresql"
        else "id integer NOT NULL PRIMARY KEY AUTOINCREMENT"
    )
    place = "cycle_id bigint NOT NULL, theme_id bigint NOT NULL, country varchar(2) NOT NULL"
    spans = "status varchar(20) NOT NULL, started integer NOT NULL, ended integer NOT NULL"
    return {
        STATUS_COUNTS: f"CREATE TABLE {STATUS_COUNTS} ({key}, {place}, status varchar(20) NOT NULL, "
        f"recommendations integer NOT NULL, UNIQUE ({STATUS_KEY}))",
        YEAR_COUNTS: f"CREATE TABLE {YEAR_COUNTS} ({key}, {place}, year integer NOT NULL, {spans}, "
        f"UNIQUE ({YEAR_KEY}))",
        # Keyed by the day first, and by nothing else (one index to write): the figures at the end of a day
        # read a range of days, of every place or of one.
        DAY_COUNTS: f"CREATE TABLE {DAY_COUNTS} ({place}, day date NOT NULL, {spans}, "
        f"PRIMARY KEY (day, cycle_id, theme_id, country, status))",
        YEAR_TOTALS: f"CREATE TABLE {YEAR_TOTALS} ({key}, year integer NOT NULL, {spans}, UNIQUE ({TOTAL_KEY}))",
    }[table]


def _executed(sql, into=""):
    """A statement of a PL/pgSQL function planned each time it runs, with the keys gathered as ``$1`` (the
    recommendations whose histories are read) and ``$2`` (the new updates appended to theirs).

    A statement written in the function is planned once per session, for the size its transition
    tables had then: a plan for the one row of a status change is ruinous for an import's 10,000.
    """
    return f"EXECUTE $sql${sql}$sql${f' INTO {into}' if into else ''} USING affected, appended"


# Of the new progress updates, the keys of those that are the newest and only new one of their
# recommendation (``appended``), and the recommendations of the others (``affected``).
def _sorted(rows):
    """Of the progress updates written or deleted (``rows``, a transition table), the keys of those that are
    (or were) the newest of their recommendation's updates, and its only one written (``appended``), and the
    recommendations of the others (``affected``)."""
    return (
        "SELECT array_agg(id) FILTER (WHERE newest), "
        "array_agg(DISTINCT recommendation_id) FILTER (WHERE NOT newest) "
        "FROM (SELECT n.id, n.recommendation_id, "
        f"COUNT(*) OVER (PARTITION BY n.recommendation_id) = 1 AND NOT {_newer_than('n')} AS newest FROM {rows} n) k"
    )


def _postgresql_triggers(stage):
    """One function and trigger per table and kind of statement, over its transition tables.

    The keys of the recommendations whose counts change are gathered first, so that their histories are
    read by index. An update of recommendations that moves none of them reads no history. Steps are
    (query, variables it sets) or (statement, the variable that must hold keys for it to run).
    """
    vendor = "postgresql"
    which = "recommendation_id = ANY($1)"
    differ = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in PLACE)
    moved = f"SELECT array_agg(n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {differ}"
    appended = f"(SELECT {', '.join(UPDATE_COLUMNS)} FROM {UPDATES} WHERE id = ANY($2))"
    # Deleted, they are read from the statement's old rows, joined to their keys.
    removed = (
        f"(SELECT {', '.join(f'o.{column}' for column in UPDATE_COLUMNS)} FROM old_rows o "
        "JOIN unnest($2) k(id) ON k.id = o.id)"
    )

    def run(statements, when="affected"):
        return [(statement, when) for statement in statements]

    def recommendations_written(**rows):
        status, histories = recommendation_statements(vendor, stage, which=which, **rows)
        return status, run(histories)

    inserted, deleted, updated = (
        recommendations_written(new="new_rows"),
        recommendations_written(old="old_rows"),
        recommendations_written(new="new_rows", old="old_rows"),
    )
    emptied = [(f"DELETE FROM {table}", None) for table in _tables(stage)]
    writes = {
        RECOMMENDATIONS: {
            "INSERT": [("SELECT array_agg(id) FROM new_rows", "affected"), (inserted[0], "affected"), *inserted[1]],
            "DELETE": [("SELECT array_agg(id) FROM old_rows", "affected"), (deleted[0], "affected"), *deleted[1]],
            "UPDATE": [
                ("SELECT array_agg(id) FROM new_rows", "affected"),
                (updated[0], "affected"),
                (moved, "affected"),
                *updated[1],
            ],
            # A table emptied at once (a test database's flush) leaves nothing to count.
            "TRUNCATE": emptied,
        },
        UPDATES: {
            "INSERT": [
                (_sorted("new_rows"), "appended, affected"),
                *run(appended_statements(vendor, stage, appended=appended), when="appended"),
                *run(update_statements(vendor, stage, new="new_rows", which=which)),
            ],
            "DELETE": [
                (_sorted("old_rows"), "appended, affected"),
                *run(appended_statements(vendor, stage, removed=removed), when="appended"),
                *run(update_statements(vendor, stage, old="old_rows", which=which)),
            ],
            "UPDATE": [
                (
                    "SELECT array_agg(DISTINCT recommendation_id) FROM "
                    "(SELECT recommendation_id FROM new_rows UNION ALL SELECT recommendation_id FROM old_rows) k",
                    "affected",
                ),
                *run(update_statements(vendor, stage, new="new_rows", old="old_rows", which=which)),
            ],
            "TRUNCATE": emptied[1:],
        },
    }
    referencing = {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
        "UPDATE": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
        "TRUNCATE": "",
    }
    sql = []
    for table, events in writes.items():
        for event, steps in events.items():
            name = f"{PREFIX}_{table}_{event.lower()}"
            body = []
            for statement, variables in steps:
                if event == "TRUNCATE":
                    body.append(statement)
                elif statement.startswith("SELECT"):
                    body.append(_executed(statement, into=variables))
                else:
                    # Nothing to count again when no recommendation's histories moved or changed.
                    body.append(f"IF {variables} IS NOT NULL THEN {_executed(statement)}; END IF")
            sql.append(
                # Compiling a statement costs more than running it over the rows of one write.
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$ "
                f"DECLARE affected bigint[]; appended bigint[]; BEGIN {'; '.join(body)}; RETURN NULL; END $$"
            )
            sql.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} {referencing[event]} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
    return sql


def _sqlite_triggers(stage):
    vendor = "sqlite"
    new_update, old_update = _row("NEW", UPDATE_COLUMNS), _row("OLD", UPDATE_COLUMNS)
    new, old = _row("NEW", RECOMMENDATION_COLUMNS), _row("OLD", RECOMMENDATION_COLUMNS)
    status, histories = recommendation_statements(
        vendor, stage, new=new, old=old, which="recommendation_id IN (SELECT NEW.id)"
    )
    inserted, deleted = (
        recommendation_statements(vendor, stage, new=new),
        recommendation_statements(vendor, stage, old=old),
    )
    # Each row's trigger runs as the row is written or deleted, so the newest it checks is of the rows so far.
    newer = _newer_than("NEW")
    triggers = [
        (RECOMMENDATIONS, "INSERT", "", [inserted[0], *inserted[1]]),
        (RECOMMENDATIONS, "DELETE", "", [deleted[0], *deleted[1]]),
        (RECOMMENDATIONS, "UPDATE", f"WHEN {_differ(('status', *PLACE))} ", [status]),
        (RECOMMENDATIONS, "UPDATE", f"WHEN {_differ(PLACE)} ", histories),
        (UPDATES, "INSERT", f"WHEN NOT {newer} ", appended_statements(vendor, stage, appended=new_update)),
        (UPDATES, "INSERT", f"WHEN {newer} ", update_statements(vendor, stage, new=new_update)),
        (UPDATES, "DELETE", f"WHEN NOT {_newer_than('OLD')} ", appended_statements(vendor, stage, removed=old_update)),
        (UPDATES, "DELETE", f"WHEN {_newer_than('OLD')} ", update_statements(vendor, stage, old=old_update)),
        (UPDATES, "UPDATE", "", update_statements(vendor, stage, new=new_update, old=old_update)),
    ]
    sql = []
    for number, (table, event, condition, statements) in enumerate(triggers):
        body = "; ".join(statements)
        sql.append(
            f"CREATE TRIGGER {PREFIX}_{number} AFTER {event} ON {table} FOR EACH ROW {condition}BEGIN {body}; END"
        )
    return sql


def _triggers(vendor, stage):
    return _postgresql_triggers(stage) if vendor == "postgresql" else _sqlite_triggers(stage)


def _drop_triggers(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        drops = [
            f"DROP FUNCTION IF EXISTS {PREFIX}_{table}_{event}() CASCADE"
            for table in (RECOMMENDATIONS, UPDATES)
            for event in ("insert", "delete", "update", "truncate")
        ]
    else:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{PREFIX}_%"])
            drops = [f"DROP TRIGGER {name}" for (name,) in cursor.fetchall()]
    for statement in drops:
        schema_editor.execute(statement, params=None)


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install(schema_editor):
    """Create the status and year counts and their triggers, and count what is there (migration 0009)."""
    vendor = schema_editor.connection.vendor
    tables = [_create(vendor, table) for table in _tables(STAGE_YEARS)]
    _run(schema_editor, [*tables, *_triggers(vendor, STAGE_YEARS), *rebuild_statements(vendor, STAGE_YEARS)])


def uninstall(schema_editor):
    _drop_triggers(schema_editor)
    _run(schema_editor, [f"DROP TABLE {table}" for table in _tables(STAGE_YEARS)])


def _add_stage(schema_editor, stage):
    """Add the table of ``stage``: the table, triggers that keep it too, and its count of the history."""
    vendor = schema_editor.connection.vendor
    _drop_triggers(schema_editor)
    history = history_rows(_whole(UPDATES, UPDATE_COLUMNS), _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS))
    counts = _histories(vendor, stage)[-1]
    count = counts.upsert(f"({_delta(history, None, HISTORY_KEY, counts.values)}) delta", ordered=True)
    _run(schema_editor, [_create(vendor, _tables(stage)[-1]), *_triggers(vendor, stage), count])


def _remove_stage(schema_editor, stage):
    _drop_triggers(schema_editor)
    vendor = schema_editor.connection.vendor
    _run(schema_editor, [f"DROP TABLE {_tables(stage)[-1]}", *_triggers(vendor, stage - 1)])


def add_days(schema_editor):
    """Add the day counts (migration 0010)."""
    _add_stage(schema_editor, STAGE_DAYS)


def remove_days(schema_editor):
    _remove_stage(schema_editor, STAGE_DAYS)


def add_totals(schema_editor):
    """Add the years' totals (migration 0017)."""
    _add_stage(schema_editor, STAGE_TOTALS)


def remove_totals(schema_editor):
    _remove_stage(schema_editor, STAGE_TOTALS)


def rebuild():
    """Count everything again from the rows; in the caller's transaction, which locks out writers."""
    with connection.cursor() as cursor:
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement)


def restore_triggers(using):
    """Create SQLite's triggers again when a migration has remade a table, and count afresh.

    SQLite changes a table by copying it into a new one, which drops the old one's triggers; PostgreSQL
    alters tables in place and keeps them. Run after every ``migrate`` (``signals``).
    """
    from django.db import connections

    target = connections[using]
    tables = target.introspection.table_names()
    if target.vendor != "sqlite" or STATUS_COUNTS not in tables:
        return
    stage = max(number for number, table in enumerate(_tables(STAGE_TOTALS)) if table in tables)
    expected = _sqlite_triggers(stage)
    with target.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{PREFIX}_%"])
        present = [name for (name,) in cursor.fetchall()]
        if len(present) == len(expected):
            return
        for name in present:
            cursor.execute(f"DROP TRIGGER {name}")
        for statement in [*expected, *rebuild_statements("sqlite", stage)]:
            cursor.execute(statement)
