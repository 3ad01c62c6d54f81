"""The heavy staff pages read the large tables through indexes (PostgreSQL only).

Each page is requested at a moderate data size (tests/builders/country.py); every SELECT it
sends that touches a large table is explained again in the same transaction with
sequential scans switched off. A "Seq Scan" left on a large table then means that no index
serves the query's filter or order, and a SubPlan over a large table means a correlated
subquery run once per row: both grow with the country, and neither is allowed.
"""

import json
import os

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import Role
from tests.builders.country import build_country

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)

# The tables that grow with the country.
LARGE_TABLES = {
    "districts_beat",
    "districts_beatstreet",
    "districts_meeting",
    "districts_proposal",
    "districts_appeal",
    "districts_doortodoorround",
    "districts_preventivevisit",
    "districts_servicerecord",
    "volunteers_assistant",
    "volunteers_duty",
}


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_country()
            with connection.cursor() as cursor:
                for table in sorted(LARGE_TABLES):
                    cursor.execute(f"ANALYZE {table}")
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _nodes(plan, inside_subplan=False):
    """(node, whether it runs inside a SubPlan) for every node of a JSON plan."""
    inside = inside_subplan or plan.get("Parent Relationship") == "SubPlan"
    yield plan, inside
    for child in plan.get("Plans", []):
        yield from _nodes(child, inside)


def _problems(sql):
    """What is wrong with the plan of `sql` with sequential scans switched off."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    if os.environ.get("EXPLAIN_DEBUG"):
        print("\n=====", sql[:3000], "\n", json.dumps(plan, indent=1)[:6000])
    problems = []
    for node, in_subplan in _nodes(plan[0]["Plan"]):
        table = node.get("Relation Name")
        if table not in LARGE_TABLES:
            continue
        if node["Node Type"] == "Seq Scan":
            problems.append(f"Seq Scan on {table}")
        if in_subplan:
            problems.append(f"per-row SubPlan over {table}")
    return problems


def _touches_large_table(sql):
    return sql.lstrip().upper().startswith("SELECT") and any(
        f'"{table}"' in sql for table in LARGE_TABLES
    )


def _pages(country):
    """(role, url) of each heavy staff page, for the user whose scope is the largest."""
    area, department = country.areas[0], country.departments[0]
    return {
        "regional-record-region": (Role.REGIONAL_REGISTRAR, reverse("register-regional")),
        "regional-record-country": (Role.ADMINISTRATOR, reverse("register-regional")),
        "register-country": (Role.ADMINISTRATOR, reverse("assistant-list")),
        "register-by-name": (Role.ADMINISTRATOR, reverse("assistant-list") + "?q=ахмет"),
        "register-by-beat": (
            Role.ADMINISTRATOR,
            reverse("assistant-list") + f"?beat={country.beats[-1].code}&order=name",
        ),
        "register-region": (Role.REGIONAL_REGISTRAR, reverse("assistant-list")),
        "department-home": (Role.SUPERVISOR, reverse("department-home")),
        "department-overview": (
            Role.ADMINISTRATOR,
            reverse("department-overview") + f"?department={department.pk}",
        ),
        "area-rollup": (Role.ADMINISTRATOR, reverse("area-rollup") + f"?area={area.pk}"),
        "meetings-country": (Role.ADMINISTRATOR, reverse("meeting-list")),
        "meetings-department": (Role.SUPERVISOR, reverse("meeting-list")),
        "appeals-country": (Role.ADMINISTRATOR, reverse("appeal-list")),
        "appeals-department": (Role.SUPERVISOR, reverse("appeal-list")),
        "inspector-start": (Role.INSPECTOR, reverse("inspector-home")),
        "region-start": (Role.REGIONAL_REGISTRAR, reverse("region-home")),
        "street-search": (None, reverse("public-home") + "?q=Желтоксан"),
    }


PAGES = [
    "regional-record-region",
    "regional-record-country",
    "register-country",
    "register-by-name",
    "register-by-beat",
    "register-region",
    "department-home",
    "department-overview",
    "area-rollup",
    "meetings-country",
    "meetings-department",
    "appeals-country",
    "appeals-department",
    "inspector-start",
    "region-start",
    "street-search",
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_heavy_page_reads_large_tables_through_indexes(client, country, page):
    role, url = _pages(country)[page]
    if role is not None:
        client.force_login(country.users[role])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    heavy = [q["sql"] for q in captured.captured_queries if _touches_large_table(q["sql"])]
    assert heavy, "the page reads no large table: the check would prove nothing"
    found = {}
    for sql in heavy:
        problems = _problems(sql)
        if problems:
            found[sql[:600]] = problems
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
