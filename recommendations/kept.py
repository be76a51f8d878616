"""The figures kept: counts of published recommendations that the database itself keeps exact, by triggers.

``StatusCount`` holds the recommendations per (cycle, theme, country, status). ``YearCount`` holds the
progress updates per (cycle, theme, country, year, status) that start a span of their recommendation's
history in that year (``started``), and those that a newer update ends in that year (``ended``): the
figures at the end of a year are the running sums of ``started - ended`` up to it.

Triggers on the recommendations and on their progress updates change them in the writing statement's
own transaction, so that no writer can leave them behind: ``services``, the import's ``COPY``, the admin,
``generate_synthetic``, ``loaddata`` and deletions alike. Each trigger adds what the rows it touched
count now and takes away what they counted before, so the counts are right whatever order rows arrive or
leave in. PostgreSQL runs one trigger per statement over its transition tables (a bulk write costs one
pass); SQLite, which has row triggers only, one per row. What rows count is written once, below.
"""

from django.db import connection

from .models import ProgressUpdate, Recommendation, StatusCount, YearCount

RECOMMENDATIONS = Recommendation._meta.db_table
UPDATES = ProgressUpdate._meta.db_table
STATUS_COUNTS = StatusCount._meta.db_table
YEAR_COUNTS = YearCount._meta.db_table
STATUS_KEY = "cycle_id, theme_id, country, status"
YEAR_KEY = "cycle_id, theme_id, country, year, status"
# The columns of a recommendation that decide where it counts.
PLACE = ("cycle_id", "theme_id", "country", "published")
RECOMMENDATION_COLUMNS = ("id", *PLACE, "status")
UPDATE_COLUMNS = ("id", "recommendation_id", "status", "date")
PREFIX = "sip_kept"


def _year(vendor, column):
    if vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)"
    return f"CAST(substr({column}, 1, 4) AS integer)"  # SQLite keeps dates as YYYY-MM-DD text


def status_rows(recommendations):
    """What the recommendations of the row source ``recommendations`` count in ``StatusCount``."""
    return f"SELECT {STATUS_KEY}, 1 AS recommendations FROM {recommendations} r WHERE r.published"


def year_rows(vendor, updates, recommendations):
    """What the progress updates of the row source ``updates`` count in ``YearCount``, placed by the
    recommendations of ``recommendations``.

    An update starts a span in its own year; the next update of its recommendation (by date, then
    recording order, as the status follows them) ends it in that one's year. Updates whose
    recommendation is not there count nothing.
    """
    joined = f"FROM {updates} u JOIN {recommendations} r ON r.id = u.recommendation_id WHERE r.published"
    return (
        f"SELECT r.cycle_id, r.theme_id, r.country, {_year(vendor, 'u.date')} AS year, u.status, "
        f"1 AS started, 0 AS ended {joined} "
        f"UNION ALL SELECT cycle_id, theme_id, country, {_year(vendor, 'next_date')}, status, 0, 1 FROM ("
        f"SELECT r.cycle_id, r.theme_id, r.country, u.status, "
        f"LEAD(u.date) OVER (PARTITION BY u.recommendation_id ORDER BY u.date, u.id) AS next_date {joined}"
        f") spans WHERE next_date IS NOT NULL"
    )


class Kept:
    """One table of counts: its name, key and counted columns."""

    def __init__(self, table, key, values):
        self.table, self.key, self.values = table, key, values

    def apply(self, plus=None, minus=None):
        """The statement that adds the counts of the query ``plus`` and takes away those of ``minus``."""
        parts = []
        if plus:
            parts.append(f"SELECT {self.key}, {', '.join(self.values)} FROM ({plus}) plus")
        if minus:
            parts.append(f"SELECT {self.key}, {', '.join(f'-{v} AS {v}' for v in self.values)} FROM ({minus}) minus")
        sums = ", ".join(f"SUM({value})" for value in self.values)
        changed = " OR ".join(f"SUM({value}) <> 0" for value in self.values)
        assignments = ", ".join(f"{value} = {self.table}.{value} + excluded.{value}" for value in self.values)
        # SQLite needs a WHERE to read ON CONFLICT as the upsert's, not as a join's.
        return (
            f"INSERT INTO {self.table} ({self.key}, {', '.join(self.values)}) "
            f"SELECT {self.key}, {sums} FROM ({' UNION ALL '.join(parts)}) delta WHERE 1 = 1 "
            f"GROUP BY {self.key} HAVING {changed} "
            f"ON CONFLICT ({self.key}) DO UPDATE SET {assignments}"
        )


STATUS = Kept(STATUS_COUNTS, STATUS_KEY, ["recommendations"])
YEARS = Kept(YEAR_COUNTS, YEAR_KEY, ["started", "ended"])


def _updates_of(which, *, without=None, also=None):
    """A row source of the progress updates that the condition ``which`` (on their ``recommendation_id``)
    picks; ``without`` those of the row source ``without``, and with those of ``also``."""
    columns = ", ".join(UPDATE_COLUMNS)
    sql = f"SELECT {columns} FROM {UPDATES} WHERE {which}"
    if without:
        sql += f" AND id NOT IN (SELECT id FROM {without} w)"
    if also:
        sql += f" UNION ALL SELECT {columns} FROM {also} a"
    return f"({sql})"


def _whole(table, columns):
    return f"(SELECT {', '.join(columns)} FROM {table})"


def update_statements(vendor, new=None, old=None, which=None):
    """What a write of progress updates changes. ``new`` and ``old`` are the row sources of the rows as
    written and as they were, ``None`` when the write has none (an insert has no old rows); ``which`` picks
    the updates of their recommendations (by default by a query of their keys)."""
    keys = " UNION ".join(f"SELECT recommendation_id FROM {source} k" for source in (new, old) if source)
    which = which or f"recommendation_id IN ({keys})"
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    now = year_rows(vendor, _updates_of(which), recommendations)
    before = year_rows(vendor, _updates_of(which, without=new, also=old), recommendations)
    return [YEARS.apply(now, before)]


def recommendation_statements(vendor, new=None, old=None, which=None):
    """What a write of recommendations changes, as two statements: their status counts, and the year counts
    of their histories. ``new`` and ``old`` as for ``update_statements``; ``which`` picks the updates of
    those whose histories count elsewhere now: for an update, those whose place (cycle, theme, country,
    published) changed; by default, all of them."""
    histories = _updates_of(which or f"recommendation_id IN (SELECT id FROM {new or old} k)")
    return [
        STATUS.apply(new and status_rows(new), old and status_rows(old)),
        YEARS.apply(new and year_rows(vendor, histories, new), old and year_rows(vendor, histories, old)),
    ]


def rebuild_statements(vendor):
    """Count everything again from the rows."""
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    return [
        f"DELETE FROM {STATUS_COUNTS}",
        f"DELETE FROM {YEAR_COUNTS}",
        STATUS.apply(status_rows(recommendations)),
        YEARS.apply(year_rows(vendor, _whole(UPDATES, UPDATE_COLUMNS), recommendations)),
    ]


def counted(vendor):
    """Queries of what the rows count now, per key: (status counts, year counts), without zeros."""
    recommendations = _whole(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)
    return (
        f"SELECT {STATUS_KEY}, SUM(recommendations) FROM ({status_rows(recommendations)}) c GROUP BY {STATUS_KEY}",
        f"SELECT {YEAR_KEY}, SUM(started), SUM(ended) FROM "
        f"({year_rows(vendor, _whole(UPDATES, UPDATE_COLUMNS), recommendations)}) c GROUP BY {YEAR_KEY}",
    )


# The tables and their triggers, created by a migration.


def _row(prefix, columns):
    """SQLite's row of a row trigger as a row source: ``NEW`` or ``OLD``."""
    return f"(SELECT {', '.join(f'{prefix}.{column} AS {column}' for column in columns)})"


def _differ(columns):
    return " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)


def _tables(vendor):
    key = (
        "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        if vendor == "postgresql"
        else "id integer NOT NULL PRIMARY KEY AUTOINCREMENT"
    )
    place = "cycle_id bigint NOT NULL, theme_id bigint NOT NULL, country varchar(2) NOT NULL"
    return [
        f"CREATE TABLE {STATUS_COUNTS} ({key}, {place}, status varchar(20) NOT NULL, "
        f"recommendations integer NOT NULL, UNIQUE ({STATUS_KEY}))",
        f"CREATE TABLE {YEAR_COUNTS} ({key}, {place}, year integer NOT NULL, status varchar(20) NOT NULL, "
        f"started integer NOT NULL, ended integer NOT NULL, UNIQUE ({YEAR_KEY}))",
    ]


def _executed(sql, into=""):
    """A statement of a PL/pgSQL function planned each time it runs, with the keys gathered as ``$1``.

    A statement written in the function is planned once per session, for the size its transition
    tables had then: a plan for the one row of a status change is ruinous for an import's 10,000.
    """
    return f"EXECUTE $sql${sql}$sql${f' INTO {into}' if into else ''} USING affected"


def _postgresql_triggers():
    """One function and trigger per table and kind of statement, over its transition tables.

    The keys of the recommendations whose counts change are gathered first, so that their histories are
    read by index. An update of recommendations that moves none of them reads no history.
    """
    vendor = "postgresql"
    which = "recommendation_id = ANY($1)"
    differ = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in PLACE)
    moved = f"SELECT array_agg(n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {differ}"
    recommendations_updated = recommendation_statements(vendor, new="new_rows", old="old_rows", which=which)
    writes = {
        RECOMMENDATIONS: {
            "INSERT": [
                ("SELECT array_agg(id) FROM new_rows", "affected"),
                *recommendation_statements(vendor, new="new_rows", which=which),
            ],
            "DELETE": [
                ("SELECT array_agg(id) FROM old_rows", "affected"),
                *recommendation_statements(vendor, old="old_rows", which=which),
            ],
            "UPDATE": [
                ("SELECT array_agg(id) FROM new_rows", "affected"),
                recommendations_updated[0],
                (moved, "affected"),
                recommendations_updated[1],
            ],
            # A table emptied at once (a test database's flush) leaves nothing to count.
            "TRUNCATE": [f"DELETE FROM {STATUS_COUNTS}", f"DELETE FROM {YEAR_COUNTS}"],
        },
        UPDATES: {
            "INSERT": [
                ("SELECT array_agg(DISTINCT recommendation_id) FROM new_rows", "affected"),
                *update_statements(vendor, new="new_rows", which=which),
            ],
            "DELETE": [
                ("SELECT array_agg(DISTINCT recommendation_id) FROM old_rows", "affected"),
                *update_statements(vendor, old="old_rows", which=which),
            ],
            "UPDATE": [
                (
                    "SELECT array_agg(DISTINCT recommendation_id) FROM "
                    "(SELECT recommendation_id FROM new_rows UNION ALL SELECT recommendation_id FROM old_rows) k",
                    "affected",
                ),
                *update_statements(vendor, new="new_rows", old="old_rows", which=which),
            ],
            "TRUNCATE": [f"DELETE FROM {YEAR_COUNTS}"],
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
        for event, statements in events.items():
            name = f"{PREFIX}_{table}_{event.lower()}"
            body = []
            for statement in statements:
                if isinstance(statement, tuple):
                    body.append(_executed(*statement))
                elif event == "TRUNCATE":
                    body.append(statement)
                else:
                    # Nothing to count again when no recommendation's histories moved or changed.
                    body.append(f"IF affected IS NOT NULL THEN {_executed(statement)}; END IF")
            sql.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"DECLARE affected bigint[]; BEGIN {'; '.join(body)}; RETURN NULL; END $$"
            )
            sql.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} {referencing[event]} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
    return sql


def _sqlite_triggers():
    vendor = "sqlite"
    new_update, old_update = _row("NEW", UPDATE_COLUMNS), _row("OLD", UPDATE_COLUMNS)
    new, old = _row("NEW", RECOMMENDATION_COLUMNS), _row("OLD", RECOMMENDATION_COLUMNS)
    status, years = recommendation_statements(vendor, new=new, old=old, which="recommendation_id IN (SELECT NEW.id)")
    triggers = [
        (RECOMMENDATIONS, "INSERT", "", recommendation_statements(vendor, new=new)),
        (RECOMMENDATIONS, "DELETE", "", recommendation_statements(vendor, old=old)),
        (RECOMMENDATIONS, "UPDATE", f"WHEN {_differ(('status', *PLACE))} ", [status]),
        (RECOMMENDATIONS, "UPDATE", f"WHEN {_differ(PLACE)} ", [years]),
        (UPDATES, "INSERT", "", update_statements(vendor, new=new_update)),
        (UPDATES, "DELETE", "", update_statements(vendor, old=old_update)),
        (UPDATES, "UPDATE", "", update_statements(vendor, new=new_update, old=old_update)),
    ]
    sql = []
    for number, (table, event, condition, statements) in enumerate(triggers):
        body = "; ".join(statements)
        sql.append(
            f"CREATE TRIGGER {PREFIX}_{number} AFTER {event} ON {table} FOR EACH ROW {condition}BEGIN {body}; END"
        )
    return sql


def install(schema_editor):
    """Create the tables and triggers, and count what is there (a migration's operation)."""
    vendor = schema_editor.connection.vendor
    triggers = _postgresql_triggers() if vendor == "postgresql" else _sqlite_triggers()
    for statement in [*_tables(vendor), *triggers, *rebuild_statements(vendor)]:
        schema_editor.execute(statement, params=None)


def rebuild():
    """Count everything again from the rows; in the caller's transaction, which locks out writers."""
    with connection.cursor() as cursor:
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement)


def uninstall(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        drops = [
            f"DROP FUNCTION {PREFIX}_{table}_{event}() CASCADE"
            for table in (RECOMMENDATIONS, UPDATES)
            for event in ("insert", "delete", "update", "truncate")
        ]
    else:
        drops = [f"DROP TRIGGER {PREFIX}_{number}" for number in range(len(_sqlite_triggers()))]
    for statement in [*drops, f"DROP TABLE {STATUS_COUNTS}", f"DROP TABLE {YEAR_COUNTS}"]:
        schema_editor.execute(statement, params=None)


def restore_triggers(using):
    """Create SQLite's triggers again when a migration has remade a table, and count afresh.

    SQLite changes a table by copying it into a new one, which drops the old one's triggers; PostgreSQL
    alters tables in place and keeps them. Run after every ``migrate`` (``signals``).
    """
    from django.db import connections

    target = connections[using]
    if target.vendor != "sqlite" or STATUS_COUNTS not in target.introspection.table_names():
        return
    expected = _sqlite_triggers()
    with target.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{PREFIX}_%"])
        if cursor.fetchone()[0] == len(expected):
            return
        for number in range(len(expected)):
            cursor.execute(f"DROP TRIGGER IF EXISTS {PREFIX}_{number}")
        for statement in [*expected, *rebuild_statements("sqlite")]:
            cursor.execute(statement)
