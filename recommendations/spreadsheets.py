"""Spreadsheet files as staff open them: CSV and XLSX written safely, the one place that knows their format.

Reports write through it and the stocktaking import reads what it wrote, so both agree on the
byte-order mark, the separators, ISO dates and the apostrophe that keeps a formula plain text.
"""

import csv
import datetime
import itertools

from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

# A spreadsheet runs a cell as a formula when its first character past any spaces is one of these
# (LibreOffice skips the spaces), or when it starts with a tab or carriage return, which can hide one;
# a leading apostrophe makes it plain text, and the import strips it again.
FORMULA_STARTS = ("=", "+", "-", "@")
HIDING_STARTS = ("\t", "\r")
SEPARATORS = {"comma": ",", "semicolon": ";"}
FORMATS = ("csv", "xlsx")
# Names may hold commas, never this.
WORKGROUP_SEPARATOR = " | "
# A chunk per line would cost the server a write per row.
LINES_PER_CHUNK = 500
# Column widths of a workbook are judged on its first rows, in characters.
WIDTH_SAMPLE_ROWS = 200
WIDEST_COLUMN = 60


class Coded(str):
    """A code, which CSV files keep for scripts and imports, with the label a workbook shows people."""

    def __new__(cls, code, label):
        coded = super().__new__(cls, code)
        coded.label = label
        return coded

    @classmethod
    def heading(cls, field, code=None):
        """The heading of a model field's column: its name, and its verbose name as label."""
        return cls(code or field.name, capfirst(field.verbose_name))

    @classmethod
    def choices(cls, choices):
        """One coded value per choice of a ``TextChoices``, to look up by code: ``{code: Coded}``."""
        return {code: cls(code, label) for code, label in choices.choices}


class Percent(int):
    """A whole percentage: its number in a CSV file, a percentage in a workbook."""


class InvalidRequest(ValueError):
    """A file was asked for in a way that makes no sense; the message says why, in plain words."""


def _needs_apostrophe(text):
    """Whether a spreadsheet would run the text past its leading apostrophes.

    A text that starts with apostrophes before a formula gets one more too, so that ``restore`` strips
    exactly the one that ``neutralise`` added and a typed ``'=x`` comes back as ``'=x``.
    """
    # Nearly every text starts with a letter or a digit; a file of a million rows has ten million texts.
    if text[:1].isalnum():
        return False
    text = text.lstrip("'")
    return text.startswith(HIDING_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(value):
    """Make a text value that a spreadsheet would run as a formula into plain text."""
    if isinstance(value, str) and _needs_apostrophe(value):
        return "'" + value
    return value


def restore(value):
    """A cell as it was meant: without surrounding spaces or the apostrophe that ``neutralise`` adds."""
    value = value.strip()
    if value.startswith("'") and _needs_apostrophe(value[1:]):
        return value[1:]
    return value


def separator(name):
    """The CSV separator for the ``sep`` parameter: ``comma`` (the default) or ``semicolon``."""
    try:
        return SEPARATORS[name or "comma"]
    except KeyError:
        raise InvalidRequest(_("The separator must be comma or semicolon.")) from None


def file_name(report_name, filters, extension, today=None):
    """``theme-summary_cycle-2019-2020_status-executed_2026-03-01.csv``: report, filters, date."""
    today = today or timezone.localdate()
    parts = [report_name, *(f"{name}-{slugify(value)}" for name, value in filters), today.isoformat()]
    return "_".join(parts) + "." + extension


def _text(value):
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file that hands back what is written, so ``csv.writer`` can feed a stream."""

    def write(self, value):
        return value


def csv_chunks(rows, separator=","):
    """The rows as CSV text, ``LINES_PER_CHUNK`` lines at a time, starting with the byte-order mark."""
    writer = csv.writer(_Echo(), delimiter=separator)
    yield "\ufeff"
    batch = []
    for row in rows:
        batch.append(writer.writerow([_text(value) for value in row]))
        if len(batch) == LINES_PER_CHUNK:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _xlsx_cell(sheet, value):
    if isinstance(value, Coded):
        value = str(value.label)
    if isinstance(value, Percent):
        cell = WriteOnlyCell(sheet, value / 100)
        cell.number_format = "0%"
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, timezone.localtime(value).replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        # Control characters cannot be stored in XLSX; they would abort the whole file.
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", neutralise(value))
    return value


def _widths(header, sample):
    """Each column as wide as its longest value among the header and the sample, within bounds."""
    widths = [len(str(name.label if isinstance(name, Coded) else name)) for name in header]
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], len(str(value.label if isinstance(value, Coded) else _text(value))))
    return [min(max(width + 2, 8), WIDEST_COLUMN) for width in widths]


def write_xlsx(rows, target, sheet_title="Report"):
    """Write the rows to ``target`` (a path or a binary file) as a one-sheet write-only workbook.

    The first row is the header: bold, frozen, with a filter on every column. Codes show their labels.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    rows = iter(rows)
    header = next(rows, None)
    if header is not None:
        sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
        for index, width in enumerate(_widths(header, sample), 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        # Printed, the sheet is one page wide, in landscape, with the header on every page.
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.print_title_rows = "1:1"
        cells = [WriteOnlyCell(sheet, _xlsx_cell(sheet, name)) for name in header]
        for cell in cells:
            cell.font = Font(bold=True)
        sheet.append(cells)
        count = 1
        for row in itertools.chain(sample, rows):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count}"
    workbook.save(target)


def write_file(rows, file_format, target, sep=",", sheet_title="Report"):
    """Write the rows to a binary file as CSV or XLSX."""
    if file_format == "xlsx":
        write_xlsx(rows, target, sheet_title)
    else:
        for chunk in csv_chunks(rows, sep):
            target.write(chunk.encode("utf-8"))
