"""Reading a stocktaking file as real spreadsheets write it, and saying what is wrong with it in plain words.

The admin and the ``import_recommendations`` command read with ``read_dataset`` and report with
``describe_problems``, so staff get the same messages in both. A file that is too large, too wide, a
zip bomb or neither CSV nor XLSX is refused before it is parsed; line numbers are the spreadsheet's.
"""

import csv
import datetime
import io
import zipfile

import openpyxl
import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..spreadsheets import restore

REQUIRED_COLUMNS = ["reference", "title", "text", "cycle", "theme", "country", "status"]
CANDIDATE_SEPARATORS = [",", ";", "\t"]
# The csv module's limit is per process; this module is the project's only CSV reader.
csv.field_size_limit(settings.IMPORT_MAX_CELL_CHARS)

# Besides the code and the English label, the spellings a Dutch or French spreadsheet uses.
STATUS_SPELLINGS = {
    "executed": ["Uitgevoerd", "Exécutée"],
    "ongoing": ["Lopend", "En cours"],
    "not_executed": ["Niet uitgevoerd", "Non exécutée"],
    "rejected": ["Verworpen", "Rejetée"],
    "postponed": ["Uitgesteld", "Reportée"],
}
COUNTRY_SPELLINGS = {"BE": ["België", "Belgique"], "FR": ["Frankrijk"]}
YES = {"yes", "y", "true", "1", "ja", "oui", "x"}
NO = {"no", "n", "false", "0", "nee", "non"}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; ``messages`` say why, before any row is read."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


class StocktakingDataset(tablib.Dataset):
    """The rows of a file, with ``lines``: the line of each row in the file as a spreadsheet shows it."""

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)


def normalise_header(value):
    return "_".join(str(value or "").split()).lower()


def normalise_label(value):
    """``"  Not_executed "`` and ``"not executed"`` are the same answer."""
    return " ".join(str(value).replace("_", " ").split()).casefold()


def decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _separator(first_line):
    """The separator that splits the header into the most known columns (then the most columns)."""

    def score(separator):
        names = [normalise_header(name) for name in next(csv.reader([first_line], delimiter=separator), [])]
        return (len(set(names) & set(REQUIRED_COLUMNS)), len(names))

    return max(CANDIDATE_SEPARATORS, key=score)


def check_size(size):
    """Refuse a file larger than ``IMPORT_MAX_BYTES`` before it is read."""
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            [
                _("The file is %(size)s; files up to %(limit)s can be imported. Nothing was imported.")
                % {"size": filesizeformat(size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            ]
        )


def _check_text(text):
    # A binary file (an image, a PDF, an executable) decodes as Windows-1252 but is full of control characters.
    start = text[:4096]
    controls = sum(1 for char in start if char < " " and char not in "\t\r\n")
    if "\x00" in start or controls > len(start) // 100:
        raise ImportFileError([_("This is not a CSV or XLSX file. Save the spreadsheet as .xlsx or as CSV.")])


def _csv_records(text):
    _check_text(text)
    lines = text.splitlines()
    first_line = next((line for line in lines if line.strip()), "")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line))
        line = 1
        for record in reader:
            yield line, record
            # A quoted value may span lines; the next record starts after the last line read.
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(
            [
                _("Line %(line)d holds a value longer than %(limit)d characters, or a quote that is never closed.")
                % {"line": line, "limit": csv.field_size_limit()}
            ]
        ) from None


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_packing(data):
    """Refuse a zip bomb: content declared larger or packed tighter than an honest spreadsheet.

    Python's ``zipfile`` never unpacks more than an entry declares, so the declared sizes are a bound.
    """
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise ImportFileError([_("This spreadsheet cannot be read. Save it again as .xlsx or as CSV.")]) from None
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES or unpacked > max(packed, 1) * settings.IMPORT_MAX_PACKING_RATIO:
        raise ImportFileError(
            [
                _("This spreadsheet unpacks to %(size)s, more than an import may hold. Nothing was imported.")
                % {"size": filesizeformat(unpacked)}
            ]
        )


def _xlsx_records(data):
    _check_packing(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError([_("This spreadsheet cannot be read. Save it again as .xlsx or as CSV.")]) from None
    for number, row in enumerate(workbook.active.iter_rows(values_only=True), 1):
        yield number, [_cell_text(value) for value in row]


def _records(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    check_size(len(data))
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_records(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError([_("This is an old Excel file (.xls). Save it as .xlsx or as CSV and import that.")])
    return _csv_records(decode(data))


def _check_rows(headers, rows):
    problems = []
    first_line_of = {}
    reference_index = headers.index("reference")
    for line, cells in rows:
        if any(cells[len(headers) :]):
            problems.append(
                _("Line %(line)d has more values than the header has columns (%(count)d).")
                % {"line": line, "count": len(headers)}
            )
        if any("\x00" in cell for cell in cells):
            problems.append(
                _("Line %(line)d holds a NUL character, which cannot be stored: remove it and import again.")
                % {"line": line}
            )
        reference = cells[reference_index] if reference_index < len(cells) else ""
        if reference and reference in first_line_of:
            problems.append(
                _("Lines %(first)d and %(second)d both have the reference %(reference)s.")
                % {"first": first_line_of[reference], "second": line, "reference": reference}
            )
        first_line_of.setdefault(reference, line)
    return problems


def read_dataset(data):
    """The rows of a CSV or XLSX file (bytes) as a ``tablib.Dataset`` with normalised column names.

    Raises :class:`ImportFileError` when the file as a whole is unusable: nothing is imported then.
    """
    records = []
    for line, cells in _records(data):
        if any(cell.strip() for cell in cells):
            records.append((line, [restore(cell) for cell in cells]))
            # Reading stops at the limit: a file of many short rows would hold a worker for long.
            if len(records) > settings.IMPORT_MAX_ROWS + 1:
                raise ImportFileError(
                    [
                        _("The file has more rows than an import may hold (%(limit)d). Split it and import each part.")
                        % {"limit": settings.IMPORT_MAX_ROWS}
                    ]
                )
    if not records:
        raise ImportFileError([_("The file is empty.")])
    headers = [normalise_header(name) for name in records[0][1]]
    if len(headers) > settings.IMPORT_MAX_COLUMNS:
        raise ImportFileError(
            [
                _("The first line has %(count)d columns; an import may have up to %(limit)d. Nothing was imported.")
                % {"count": len(headers), "limit": settings.IMPORT_MAX_COLUMNS}
            ]
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in headers]
    if missing:
        raise ImportFileError(
            [
                _("Required columns are missing: %(missing)s. The first line has: %(found)s. Nothing was imported.")
                % {"missing": ", ".join(missing), "found": ", ".join(name for name in headers if name) or "—"}
            ]
        )
    repeated = sorted({name for name in headers if name and headers.count(name) > 1})
    if repeated:
        raise ImportFileError([_("These columns appear twice: %(names)s.") % {"names": ", ".join(repeated)}])
    rows = records[1:]
    if not rows:
        raise ImportFileError([_("The file has column names but no rows.")])
    problems = _check_rows(headers, rows)
    if problems:
        raise ImportFileError(problems)
    dataset = StocktakingDataset(headers=headers, lines=[line for line, _cells in rows])
    for _line, cells in rows:
        dataset.append((cells + [""] * len(headers))[: len(headers)])
    return dataset


def describe_problems(result, lines):
    """Every problem of an import result as one sentence, with the file's line and the column."""

    def line(number):
        return lines[number - 1] if 0 < number <= len(lines) else number

    problems = [str(error.error) for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [
            _("Line %(line)s: %(problem)s") % {"line": line(number), "problem": error.error} for error in errors
        ]
    for row in result.invalid_rows:
        for column, messages in row.field_specific_errors.items():
            problems += [
                _("Line %(line)s, column %(column)s: %(problem)s")
                % {"line": line(row.number), "column": column, "problem": message}
                for message in messages
            ]
        problems += [
            _("Line %(line)s: %(problem)s") % {"line": line(row.number), "problem": message}
            for message in row.non_field_specific_errors
        ]
    return problems


def describe_totals(result):
    totals = result.totals
    return _("%(new)d new, %(update)d updated, %(skip)d unchanged.") % {
        "new": totals.get("new", 0),
        "update": totals.get("update", 0),
        "skip": totals.get("skip", 0),
    }
