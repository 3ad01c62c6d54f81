"""The columns of an import file and how a header row is matched to them.

A column is known by its key in the code, a translated label for the pages, the name it
has in the template file, and the names a person may give it in Russian, Kazakh or
English. A header cell may carry two names at once ("Фамилия / surname"); the order of
the columns does not matter and unknown columns are ignored.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from portal.imports.errors import ImportFileError
from portal.tabular import cell_text


class CellError(Exception):
    """A cell that its column's parser refuses; `code` names the reason for the report."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translated name for the pages and the messages
    header: str  # the name in the template file
    aliases: tuple  # accepted header names (Russian, Kazakh, English)
    required: bool = True  # the file must have this column
    blank: bool = False  # an empty cell is allowed (otherwise the row is refused)
    max_length: int | None = None
    parse: Callable | None = None  # the cell → a clean value; raises CellError


def norm(value) -> str:
    """Lower case, ё → е, punctuation and runs of blanks → one space."""
    text = str(value if value is not None else "").casefold().replace("ё", "е")
    text = re.sub(r"[_\-.,:;*№#\"'«»()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class Columns:
    """The columns of one import, in the order of its template file."""

    def __init__(self, *columns: Column):
        self.columns = columns
        self.by_key = {column.key: column for column in columns}
        self.aliases = {norm(alias): c.key for c in columns for alias in c.aliases}
        self.aliases.update({norm(column.key): column.key for column in columns})

    def __iter__(self):
        return iter(self.columns)

    def __len__(self):
        return len(self.columns)

    def __getitem__(self, key) -> Column:
        return self.by_key[key]

    @property
    def headers(self) -> list:
        return [column.header for column in self.columns]

    def label(self, key) -> str:
        return str(self.by_key[key].label) if key in self.by_key else str(key)

    def map(self, header) -> dict:
        """{column key: index in the row}. Raises ImportFileError when a required column is
        missing or a column is given twice."""
        found = {}
        duplicates = set()
        for index, name in enumerate(header):
            text = cell_text(name)
            keys = {self.aliases.get(norm(part)) for part in [text, *text.split("/")]}
            keys.discard(None)
            for key in keys:
                if key in found:
                    duplicates.add(key)
                found[key] = index
        missing = [c.key for c in self.columns if c.required and c.key not in found]
        if duplicates or missing:
            error = ImportFileError(
                "duplicate_columns" if duplicates else "missing_columns",
                columns=sorted(duplicates) if duplicates else missing,
            )
            error.column_set = self  # its message names the columns by their labels
            raise error
        return found
