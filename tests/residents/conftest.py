import pytest
from django.db import transaction

from tests.builders.streets import almaty_streets


@pytest.fixture(scope="module")
def almaty(django_db_setup, django_db_blocker):
    """tests/builders/streets.py, built once for a module and rolled back after its last test;
    each test runs in a savepoint of its own, so what a test writes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield almaty_streets()
        transaction.set_rollback(True)


@pytest.fixture
def beats(almaty, db):
    """Beats 11 to 19 by number, with the streets of tests/builders/streets.py."""
    return almaty
