"""What the benchmark requests on one database, printed as JSON (run by bench.run in a
Django process pointed at that database):

    DATABASE_URL=... python -m bench.samples

"public": the public pages and API lists; "pdf": a stored report PDF and its file;
"staff": the staff pages, each with the synthetic user (seed_scale) of the widest scope
the access policy lets open it. Everything is found through the models and `reverse`, so
the benchmark follows the URLs wherever they move.
"""

import json
import os
import sys
from urllib.parse import quote

import django


def _public(beat, revision, street):
    from django.urls import reverse

    return [
        ("healthz", reverse("healthz")),
        ("home", reverse("public-home")),
        ("street search", reverse("public-home") + "?q=" + quote(street)),
        ("beat page", reverse("beat-detail", kwargs={"code": beat.code})),
        ("report page", reverse("public-report", kwargs={"pk": revision.pk})),
        ("events page", reverse("events")),
        ("councils page", reverse("public-council-list")),
        ("API beats", "/api/v1/beats"),
        ("API reports", "/api/v1/reports"),
        ("API events", "/api/v1/events"),
        ("API beat", f"/api/v1/beats/{beat.code}"),
    ]


# (name, URL name, query, usernames to try, widest scope first)
STAFF = [
    ("inspector start", "inspector-home", "", ["scale-inspector"]),
    ("meetings list", "meeting-list", "", ["scale-admin", "scale-supervisor"]),
    ("appeals list", "appeal-list", "", ["scale-admin", "scale-supervisor"]),
    ("department", "department-home", "", ["scale-supervisor"]),
    ("departments overview", "department-overview", "", ["scale-admin"]),
    ("register list (country)", "assistant-list", "", ["scale-admin"]),
    ("register list (area)", "assistant-list", "", ["scale-akimat"]),
    ("register name filter", "assistant-list", "?q={name}", ["scale-admin"]),
    ("register status filter", "assistant-list", "?status=active", ["scale-admin"]),
    ("regional record (region)", "register-regional", "", ["scale-regional"]),
    ("regional record (country)", "register-regional", "", ["scale-admin"]),
    ("area roll-up", "area-rollup", "", ["scale-akimat"]),
    ("joint actions", "action-list", "", ["scale-admin", "scale-secretary"]),
    ("events (signed in)", "events", "", ["scale-admin"]),
]


def _staff(name_fragment):
    from django.urls import resolve, reverse

    from portal import policy
    from portal.models import User

    users = {u.username: u for u in User.objects.filter(username__startswith="scale-")}
    pages = []
    for title, url_name, query, candidates in STAFF:
        path = reverse(url_name) + query.format(name=quote(name_fragment))
        rule = policy.rule_of(resolve(reverse(url_name)).func)
        for username in candidates:
            user = users.get(username)
            if user is not None and (rule is None or policy.may(user, rule.read)):
                pages.append({"name": title, "path": path, "user": username})
                break
    return pages


def main():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.urls import reverse

    from districts.models import Beat, BeatStreet
    from reports.models import ReportRevision
    from volunteers.models import Assistant

    revision = (
        ReportRevision.objects.select_related("report__beat")
        .filter(language="ru")
        .exclude(pdf="")
        .order_by("-pk")
        .first()
    )
    if revision is None:
        sys.exit("No published report: run seed_scale first.")
    beat = revision.report.beat
    street = BeatStreet.objects.filter(beat=beat).values_list("name_ru", flat=True).first() or "а"
    last_name = Assistant.objects.order_by("pk").values_list("last_name", flat=True).first() or "а"
    storage = ReportRevision._meta.get_field("pdf").storage
    json.dump(
        {
            "beats": Beat.objects.count(),
            "login": reverse("login"),
            "public": [{"name": n, "path": p} for n, p in _public(beat, revision, street[:5])],
            "pdf": {
                "path": reverse("public-report-pdf", kwargs={"pk": revision.pk}),
                "file": storage.path(revision.pdf.name),
                "size": revision.pdf.size,
            },
            "staff": _staff(last_name[:4]),
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
