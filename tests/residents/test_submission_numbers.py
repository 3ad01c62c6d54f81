"""Ten residents sending at the same moment get ten different reference numbers, one after
another. Needs PostgreSQL: SQLite takes one writer at a time, so nothing runs concurrently."""

import threading

import pytest
from django.db import connection, connections

from districts.models import ReferenceCounter, ResidentSubmission, SubmissionKind
from districts.services.submissions import reference_prefix, submission_receive
from tests.factories import BeatFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
    pytest.mark.django_db(transaction=True),
]
RESIDENTS = 10


def test_ten_residents_at_once_get_ten_numbers_without_gaps():
    beat = BeatFactory(code="almaly-77")
    barrier = threading.Barrier(RESIDENTS)
    outcomes = []

    def send(kind):
        try:
            barrier.wait()
            submission_receive(beat=beat, kind=kind, text="Во дворе темно, не горят фонари.")
            outcomes.append("sent")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    kinds = [SubmissionKind.PROBLEM, SubmissionKind.SUGGESTION] * (RESIDENTS // 2)
    threads = [threading.Thread(target=send, args=(kind,)) for kind in kinds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["sent"] * RESIDENTS
    numbers = sorted(
        int(reference.rsplit("-", 1)[1])
        for reference in ResidentSubmission.objects.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, RESIDENTS + 1))
    assert ReferenceCounter.objects.get(prefix=reference_prefix(beat)).last == RESIDENTS
