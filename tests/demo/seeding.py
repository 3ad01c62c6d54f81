"""Running `manage.py seed_demo` from the demo tests."""

import io

from django.core.management import call_command


def seed(**options):
    """Run the command; return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


# The beats whose published reports the seeded city renders for real: the renderer runs on
# the demo's own snapshots (Kazakh and Russian); the other 42 beats save half a minute with a
# stand-in (tests/reports/test_report_pdf.py checks the renderer itself).
REAL_PDF_AREA = "almaly-"


def stand_in_pdf(snapshot, *, number, published_at, reason=""):
    """Bytes standing in for `reports.services.publishing.render_report_pdf`, each revision's
    own: for the tests whose subject is not the PDF itself, which the seeded city's real
    PDFs (test_reports.py) and tests/reports/test_report_pdf.py cover."""
    code = snapshot["beat"]["code"]
    return f"%PDF-stand-in {code} r{number} {published_at.isoformat()} {reason}".encode()
