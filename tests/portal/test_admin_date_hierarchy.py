"""The admin's date hierarchy: a date outside the calendar is a bad filter, not a 500."""

import pytest
from django.urls import reverse

from portal.models import Role


@pytest.fixture
def admin_client_(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    return client


OUT_OF_RANGE = [
    "{f}__year=9999",  # the year's end falls in year 10000
    "{f}__year=9999&{f}__month=12",
    "{f}__year=9999&{f}__month=12&{f}__day=31",
    "{f}__year=1&{f}__month=1&{f}__day=1",  # local midnight lies before year 1 in UTC
    "{f}__year=99999999999999999999",  # past a C long
    "{f}__year=2026&{f}__month=99999999999999999999",
    "{f}__year=2026&{f}__month=2&{f}__day=99999999999999999999",
    "{f}__year=2026&{f}__month=13",
]


@pytest.mark.parametrize(
    ("changelist", "field"),
    [
        ("admin:districts_appeal_changelist", "received_on"),
        ("admin:districts_meeting_changelist", "held_at"),
        ("admin:axes_accesslog_changelist", "attempt_time"),
    ],
)
def test_a_date_out_of_range_is_answered_as_a_bad_filter(admin_client_, changelist, field):
    url = reverse(changelist)
    for query in OUT_OF_RANGE:
        response = admin_client_.get(f"{url}?{query.format(f=field)}")
        assert (response.status_code, response.get("Location")) == (302, f"{url}?e=1"), query
    for query in ("{f}__year=2026", "{f}__year=9998&{f}__month=12&{f}__day=31", "{f}__year=2"):
        assert admin_client_.get(f"{url}?{query.format(f=field)}").status_code == 200, query
