"""Running `manage.py seed_demo` from the demo tests."""

import io

from django.core.management import call_command


def seed(**options):
    """Run the command; return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()
