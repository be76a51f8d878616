"""Writing many rows of a model at once, for the bulk changes of ``services``.

On PostgreSQL new rows are copied in (``COPY``, keys taken from the sequence first) and changed rows
updated from arrays (``unnest``): building the SQL of Django's ``bulk_create``/``bulk_update`` costs
more than the database's write. Elsewhere (SQLite) the plain ``bulk_create`` and ``bulk_update``.
"""

import csv
import io
import itertools

from django.db import connections, router

UPDATE_BATCH = 500
# Rows sent to COPY at a time.
COPY_ROWS = 500


def _on_postgresql(model):
    return connections[router.db_for_write(model)].vendor == "postgresql"


def _arrays(fields, objects, *, add):
    columns = []
    for field in fields:
        if getattr(field, "auto_now", False) or (add and getattr(field, "auto_now_add", False)):
            # One moment for the whole batch.
            moment = field.pre_save(objects[0], add)
            for obj in objects:
                setattr(obj, field.attname, moment)
            columns.append([moment] * len(objects))
        else:
            attname = field.attname
            columns.append([getattr(obj, attname) for obj in objects])
    return columns


def copy(cursor, model, fields, columns):
    """``COPY`` the rows whose values ``columns`` holds (one list per field) into ``model``'s table.

    In ``COPY``'s CSV an unquoted empty value is NULL: the columns that cannot be NULL read it as "".
    """
    quote = cursor.db.ops.quote_name
    # A column of one value (a batch's moment, a default) is written as text once, not once a row.
    columns = [
        [str(column[0])] * len(column) if column[0] is not None and column.count(column[0]) == len(column) else column
        for column in columns
    ]
    names = ", ".join(quote(field.column) for field in fields)
    not_null = ", ".join(quote(field.column) for field in fields if not field.null)
    cursor.cursor.copy_expert(
        f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({not_null}))",
        CsvChunks(zip(*columns)),
    )


class CsvChunks:
    """Rows as CSV text, ``COPY_ROWS`` at a time, for ``copy_expert`` to read: the database writes the rows it
    has while the next are put into words, instead of after all of them."""

    def __init__(self, rows):
        self.rows = iter(rows)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def read(self, _size=-1):
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerows(itertools.islice(self.rows, COPY_ROWS))
        return self.buffer.getvalue()


def _casts(fields, connection):
    return ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)


def insert(model, objects):
    """Insert ``objects`` (unsaved instances of ``model``) and set their primary keys."""
    if not objects:
        return objects
    if not _on_postgresql(model):
        return model._default_manager.bulk_create(objects)
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        # Taken from the table's own sequence first, so that each object knows its key before the insert.
        cursor.execute(
            "SELECT nextval(sequence) FROM CAST(pg_get_serial_sequence(%s, %s) AS regclass) AS sequence, "
            "generate_series(1, %s)",
            [meta.db_table, pk.column, len(objects)],
        )
        for obj, (key,) in zip(objects, cursor.fetchall()):
            obj.pk = key
        fields = [field for field in meta.concrete_fields if not field.generated]
        copy(cursor, model, fields, _arrays(fields, objects, add=True))
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def insert_values(model, rows):
    """Insert rows given as ``{attname: value}``; the fields a row leaves out take their defaults.

    Cheaper than ``insert`` when nothing needs the new keys: no model instance is made on PostgreSQL.
    """
    if not rows:
        return
    if not _on_postgresql(model):
        model._default_manager.bulk_create([model(**row) for row in rows])
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key and not field.generated]
    columns = []
    for field in fields:
        if field.attname in rows[0]:
            columns.append([row[field.attname] for row in rows])
        else:
            if getattr(field, "auto_now_add", False):
                default = field.pre_save(model(), add=True)
            else:
                default = field.get_default()
            columns.append([default] * len(rows))
    with connections[router.db_for_write(model)].cursor() as cursor:
        copy(cursor, model, fields, columns)


def update(model, objects, field_names):
    """Write the fields ``field_names`` (and any ``auto_now`` field) of saved ``objects`` of ``model``."""
    if not objects:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    fields += [field for field in meta.concrete_fields if getattr(field, "auto_now", False) and field not in fields]
    if not _on_postgresql(model):
        _arrays(fields, objects, add=False)  # fills auto_now fields, which bulk_update leaves as they are
        model._default_manager.bulk_update(objects, [field.name for field in fields], batch_size=UPDATE_BATCH)
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = [meta.pk, *fields]
    names = ", ".join(f"c{index}" for index in range(len(columns)))
    assignments = ", ".join(f"{quote(field.column)} = new.c{index}" for index, field in enumerate(columns) if index)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM unnest({_casts(columns, connection)}) AS new({names}) "
            f"WHERE {table}.{quote(meta.pk.column)} = new.c0",
            [[obj.pk for obj in objects], *_arrays(fields, objects, add=False)],
        )
