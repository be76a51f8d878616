"""Pages of an ordered list read by keyset: a page is the rows after the last one of the page before.

The ``cursor`` names that row by the values of the order's keys, so that a page deep in the list costs what
the first does: the database starts reading the order's index at the cursor instead of counting rows up
to it. Each order ends with a unique key, so that no row is skipped or read twice.
"""

import base64
import binascii
import datetime
import json
import re
from dataclasses import dataclass

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from recommendations.models import RowAfter

PARAMETER = "cursor"
NO_ROWS = models.Q(pk__in=[])


class InvalidCursor(ValueError):
    def __init__(self, value):
        self.value = value
        super().__init__(
            _("“%(value)s” is not a cursor of this list: follow the list's “next” address.")
            % {"value": Truncator(value).chars(60)}
        )


@dataclass(frozen=True)
class Key:
    """A key of an order: the field, its direction, whether it may be empty (empty values come last
    ascending, first descending, as PostgreSQL's indexes keep them), and what its values look like."""

    field: str
    descending: bool = False
    nullable: bool = False
    kind: str = "text"  # "text", "slug", "reference", "choice", "date", "integer"
    choices: tuple = ()

    @property
    def ordering(self):
        expression = models.F(self.field)
        if self.descending:
            return expression.desc(nulls_first=True) if self.nullable else expression.desc()
        return expression.asc(nulls_last=True) if self.nullable else expression.asc()


SHAPES = {
    "slug": re.compile(r"[-a-zA-Z0-9_]+"),
    "reference": re.compile(r"[A-Z0-9]+(-[A-Z0-9]+)*"),
}


class Order:
    """An order of a list by ``keys``, the last one unique."""

    def __init__(self, *keys):
        self.keys = keys

    def ordering(self):
        return [key.ordering for key in self.keys]

    def position(self, row):
        return [getattr(row, key.field) for key in self.keys]

    def encode(self, row):
        values = [value.isoformat() if isinstance(value, datetime.date) else value for value in self.position(row)]
        return base64.urlsafe_b64encode(json.dumps(values, ensure_ascii=False).encode()).decode().rstrip("=")

    def decode(self, cursor):
        """The key values a cursor names, each checked to be one its field may hold; ``InvalidCursor`` if not."""
        try:
            values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise InvalidCursor(cursor) from None
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise InvalidCursor(cursor)
        return [self.checked(key, value, cursor) for key, value in zip(self.keys, values)]

    def checked(self, key, value, cursor):
        if value is None and key.nullable:
            return None
        if key.kind == "integer":
            if type(value) is int and 0 < value < 2**63:
                return value
            raise InvalidCursor(cursor)
        if not isinstance(value, str) or "\x00" in value or len(value) > 1000:
            raise InvalidCursor(cursor)
        if key.kind == "date":
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise InvalidCursor(cursor) from None
        if key.kind in SHAPES and not SHAPES[key.kind].fullmatch(value):
            raise InvalidCursor(cursor)
        if key.kind == "choice" and value not in key.choices:
            raise InvalidCursor(cursor)
        return value

    def after(self, values):
        """A condition on the rows after the one at ``values``."""
        directions = {key.descending for key in self.keys}
        if len(directions) == 1 and not any(key.nullable for key in self.keys):
            if len(self.keys) == 1:
                key = self.keys[0]
                return models.Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": values[0]})
            return RowAfter([key.field for key in self.keys], values, directions.pop())
        # Key by key: beyond on the first, or equal on it and beyond on the next, and so on.
        condition, equal = None, models.Q()
        for key, value in zip(self.keys, values):
            beyond = equal & self.beyond(key, value)
            condition = beyond if condition is None else condition | beyond
            equal &= models.Q(**{f"{key.field}__isnull": True}) if value is None else models.Q(**{key.field: value})
        return condition

    @staticmethod
    def beyond(key, value):
        if value is None:
            # Empty values come last ascending (nothing after them), first descending (every value after).
            return models.Q(**{f"{key.field}__isnull": False}) if key.descending else NO_ROWS
        condition = models.Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": value})
        if key.nullable and not key.descending:
            condition |= models.Q(**{f"{key.field}__isnull": True})
        return condition
