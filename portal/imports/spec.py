"""What an import is: its columns, its checker, its limits, its messages and its write.

An import subclasses `ImportSpec` in the app that owns the records (see
`volunteers/services/registry_import.py`, `reports/services/statistics_import.py`); the
job, the tasks, the progress and the shared pieces of the pages come from this package.
"""

from portal import tabular
from portal.imports.checker import Checker, CheckResult
from portal.imports.columns import Columns
from portal.imports.errors import ImportFileError, message


class ImportSpec:
    kind: str  # names the jobs of this import in the cache: "register", "statistics"
    columns: Columns
    checker: type[Checker]
    # This import's own size and row limits, when lower than the IMPORT_MAX_* settings.
    max_file_bytes: int | None = None
    max_rows: int | None = None
    reasons: dict = {}  # row reasons: code → lazy message
    messages: dict = {}  # this import's wording of job errors ("changed", "conflict")
    administrators_see_every_job = False  # else a job is seen by its uploader only

    @property
    def path(self) -> str:
        """Where a worker finds this import (the tasks get it as an argument)."""
        return f"{type(self).__module__}.{type(self).__name__}"

    @property
    def limits(self) -> tabular.Limits:
        """What a file of this import may hold (the settings, or this import's own)."""
        return tabular.Limits.from_settings(max_bytes=self.max_file_bytes, max_rows=self.max_rows)

    def inspect(self, content: bytes, filename: str = ""):
        """The checks of a file that need no parsing (size; an XLSX file's package and
        declared width), quick enough for the upload form; raises ImportFileError."""
        tabular.inspect(content, filename, limits=self.limits, error=ImportFileError)

    def read(self, content: bytes, filename: str = "", *, rows_wanted=None, tick=None):
        """(header, rows) of an uploaded file, read within this import's limits; raises
        ImportFileError. See `portal.tabular.read_table` for `rows_wanted` and `tick`."""
        return tabular.read_table(
            content,
            filename,
            limits=self.limits,
            error=ImportFileError,
            rows_wanted=rows_wanted,
            tick=tick,
        )

    def check(self, user, content: bytes, filename="", *, progress=None, today=None):
        """The dry run of a file: every row checked, nothing written."""
        header, rows = self.read(content, filename)
        return self.checker(user, today=today).check(header, rows, progress=progress)

    def keep(self, result: CheckResult):
        """What a job keeps of a check for its page: by default not the good rows' data."""
        return result.without_good_rows()

    def write(self, user, result: CheckResult, *, progress=None, reason="") -> dict:
        """Write the good rows of `result` in ONE transaction; {"written": n, ...}.

        Raises portal.imports.errors.Conflict, with nothing written, when the database
        refuses a row that someone else saved first."""
        raise NotImplementedError

    def text(self, code, params=None) -> str:
        """A reason or an error, translated, with column keys shown as labels."""
        return message(
            code, params, columns=self.columns, messages={**self.reasons, **self.messages}
        )
