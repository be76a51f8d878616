"""The day a figure page is asked for: ``as_of=YYYY-MM-DD``, read strictly and refused in plain words.

Figures are shown as they stood at the end of a past day or of today; a day still to come has no
figures yet and is refused, as an impossible day or a value that is not a date at all is.
"""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

PARAMETER = "as_of"
# ASCII digits only: Python's \d takes other scripts' digits too, and fromisoformat other shapes (20220131).
SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class InvalidDay(ValueError):
    """The ``as_of`` given is not a day the figures can be shown for; ``message`` says why, for the reader."""

    def __init__(self, value, message):
        super().__init__(message)
        self.value, self.message = value, message

    @property
    def problem(self):
        """As the filters' problems are listed: (parameter, value given, message)."""
        return (PARAMETER, self.value, self.message)


def day_asked(data):
    """The day of the query parameters ``data``, or ``None`` when none is asked (today's figures).

    Raises ``InvalidDay`` for a value that is not a date, a day the calendar does not have, or one
    after today.
    """
    value = (data.get(PARAMETER) or "").strip()
    if not value:
        return None
    shown = Truncator(value).chars(60)
    if not SHAPE.fullmatch(value):
        raise InvalidDay(
            value, _("“%(value)s” is not a date: write it as year-month-day, such as 2022-01-31.") % {"value": shown}
        )
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidDay(value, _("There is no day %(value)s in the calendar.") % {"value": shown}) from None
    if day > timezone.localdate():
        raise InvalidDay(
            value,
            _("The figures of %(day)s are not known yet: choose today or an earlier day.")
            % {"day": date_format(day, "DATE_FORMAT")},
        )
    return day
