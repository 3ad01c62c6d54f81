"""Moved to portal.periods; kept only for the demo modules until they import it from there."""

from portal.periods import add_working_days, is_working_day  # noqa: F401
