"""IIN validation and the registration lifecycle of Law No. 590 (Art. 5)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from portal.periods import add_working_days
from tests.factories import AssistantFactory, BeatFactory, valid_iin
from volunteers.iin import check_digit, make_iin, mask_iin, parse_iin
from volunteers.models import Assistant, AssistantStatus, Certificate, Training, TrainingKind
from volunteers.services import lifecycle

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


# --- IIN ---------------------------------------------------------------------------------------


def test_valid_iin_gives_birth_date_and_sex():
    iin = valid_iin(datetime.date(1990, 1, 1), "M")
    assert parse_iin(iin).birth_date == datetime.date(1990, 1, 1)
    assert parse_iin(iin).sex == "M"
    female = valid_iin(datetime.date(2001, 12, 31), "F")
    assert female[6] == "6"
    assert parse_iin(female).sex == "F"


def test_wrong_check_digit_is_refused():
    iin = valid_iin(datetime.date(1985, 6, 15), "F")
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        parse_iin(wrong)
    assert error.value.code == "iin_check"


def test_second_weights_are_used_when_the_first_give_ten():
    # Find an 11-digit start whose first weighted sum is 10 mod 11.
    for serial in range(1, 10000):
        first = f"9001013{serial:04d}"
        digits = [int(c) for c in first]
        if sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11 == 10:
            break
    second = check_digit(first)
    weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    expected = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if expected == 10:
        assert second is None
    else:
        assert second == expected
        assert parse_iin(first + str(second)).birth_date == datetime.date(1990, 1, 1)


def test_numbers_whose_both_sums_give_ten_are_invalid():
    found = [
        f"9001013{serial:04d}"
        for serial in range(10000)
        if check_digit(f"9001013{serial:04d}") is None
    ]
    assert found, "some serials have no valid check digit"
    assert make_iin(datetime.date(1990, 1, 1), "M", int(found[0][7:])) is None
    for digit in range(10):
        with pytest.raises(ValidationError):
            parse_iin(found[0] + str(digit))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12345", "iin_format"),
        ("90010130123a", "iin_format"),
        ("901301300123", "iin_date"),  # month 13
        ("900230300123", "iin_date"),  # 30 February
        ("900101700123", "iin_century"),
    ],
)
def test_impossible_iins(value, code):
    with pytest.raises(ValidationError) as error:
        parse_iin(value)
    assert error.value.code == code


def test_mask_keeps_only_the_last_four_digits():
    assert mask_iin("900101300123") == "********0123"  # the birth date 900101 is hidden
    assert mask_iin("") == ""


# --- applying ----------------------------------------------------------------------------------


def apply(world, **overrides):
    fields = {
        "last_name": "Нурланов",
        "first_name": "Ержан",
        "iin": valid_iin(datetime.date(1992, 5, 17)),
        "phone": "+7 701 000 00 00",
        "address": "ул. Абая, 1",
        "area": world.area,
        "beat": world.beat,
        "forms": ["patrols", "raids"],
        "applied_on": days(-2),
        "consent_given_on": days(-2),
        **overrides,
    }
    return lifecycle.assistant_apply(user=world.inspector, **fields)


def test_application_derives_birth_date_and_sex(world):
    assistant = apply(world)
    assert assistant.status == AssistantStatus.APPLIED
    assert assistant.birth_date == datetime.date(1992, 5, 17)
    assert assistant.sex == "M"
    assert assistant.police_check_due_on == days(28)


def test_under_age_application_is_refused(world):
    young = valid_iin(TODAY.replace(year=TODAY.year - 17))
    with pytest.raises(ValidationError) as error:
        apply(world, iin=young)
    assert "iin" in error.value.message_dict
    assert Assistant.objects.count() == 0


def test_the_same_iin_cannot_apply_twice_in_one_beat(world):
    iin = valid_iin(datetime.date(1980, 3, 3))
    apply(world, iin=iin)
    with pytest.raises(ValidationError):
        apply(world, iin=iin)
    assert Assistant.objects.filter(iin=iin).count() == 1


def registered(world, **overrides):
    assistant = apply(world, **overrides)
    registrar = world.users["akimat_registrar"]
    lifecycle.assistant_petition(
        assistant=assistant, user=None, sent_on=days(-1), petition_number="1/1"
    )
    return lifecycle.assistant_register(assistant=assistant, user=registrar, registered_on=TODAY)


def test_an_application_elsewhere_is_taken_and_its_registration_waits_for_the_first_to_end(
    world,
):
    """The police of another area learn nothing from the IIN; the registration step there is
    refused until the registrar who keeps the first registration ends it."""
    iin = valid_iin(datetime.date(1980, 3, 3))
    first = registered(world, iin=iin)
    elsewhere = apply(world, iin=iin, area=world.other_area, beat=world.other_beat)
    assert elsewhere.status == AssistantStatus.APPLIED
    lifecycle.assistant_petition(
        assistant=elsewhere, user=None, sent_on=days(-1), petition_number="2/2"
    )
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_register(assistant=elsewhere, user=None, registered_on=TODAY)
    assert refused.value.code == "registered_elsewhere"
    elsewhere.refresh_from_db()
    assert (elsewhere.status, elsewhere.registration_number) == (AssistantStatus.PETITIONED, "")

    lifecycle.assistant_deregister(
        assistant=first, user=None, deregistered_on=TODAY, ground="own_application"
    )
    lifecycle.assistant_register(assistant=elsewhere, user=None, registered_on=TODAY)
    assert elsewhere.registration_number.endswith("00001")


def test_database_constraint_holds_without_the_form(world):
    from django.db import IntegrityError, transaction

    first = AssistantFactory(beat=world.beat)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assistant.objects.create(
            **{
                f.attname: getattr(first, f.attname)
                for f in Assistant._meta.concrete_fields
                if not f.primary_key
            }
        )


def test_a_refused_or_deregistered_iin_may_apply_again(world):
    assistant = apply(world)
    lifecycle.assistant_refuse(
        assistant=assistant, user=world.inspector, refused_on=TODAY, reason="Состоит на учёте"
    )
    again = apply(world, iin=assistant.iin)
    assert again.pk != assistant.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_applications_of_one_iin_cannot_both_succeed():
    from tests.conftest import World

    world = World()
    iin = valid_iin(datetime.date(1975, 7, 7))
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt():
        from django.db import connections

        try:
            barrier.wait()
            apply(world, iin=iin)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Assistant.objects.filter(iin=iin).count() == 1


# --- every step --------------------------------------------------------------------------------


def briefed(assistant):
    training = Training.objects.create(
        area=assistant.area,
        kind=TrainingKind.ART7_BRIEFING,
        date=TODAY,
        held_by="майор полиции Касымбеков М.",
    )
    training.attendees.add(assistant)


def test_the_whole_lifecycle_with_history(world):
    registrar = world.users["akimat_registrar"]
    supervisor = world.users["supervisor"]
    assistant = apply(world, applied_on=days(-20), consent_given_on=days(-20))
    lifecycle.assistant_petition(
        assistant=assistant, user=supervisor, sent_on=days(-10), petition_number="12/345"
    )
    assert assistant.registration_due_on == add_working_days(days(-10), 7)
    lifecycle.assistant_register(assistant=assistant, user=registrar, registered_on=days(-5))
    assert assistant.registration_number.endswith("00001")
    certificate = lifecycle.certificate_issue(
        assistant=assistant, user=registrar, issued_on=days(-4)
    )
    assert assistant.status == AssistantStatus.CERTIFIED
    assert certificate.number == 1
    assert certificate.valid_until == days(-4).replace(year=days(-4).year + 3)
    with pytest.raises(lifecycle.StepRefused):
        lifecycle.assistant_activate(assistant=assistant, user=registrar)  # no briefing yet
    briefed(assistant)
    lifecycle.assistant_activate(assistant=assistant, user=registrar)
    lifecycle.assistant_suspend(
        assistant=assistant, user=registrar, suspended_on=TODAY, reason="Проверка"
    )
    lifecycle.assistant_resume(assistant=assistant, user=registrar)
    lifecycle.assistant_deregister(
        assistant=assistant, user=registrar, deregistered_on=TODAY, ground="own_application"
    )
    certificate.refresh_from_db()
    assert certificate.state == "revoked"
    statuses = [h.status for h in assistant.history.order_by("history_date", "history_id")]
    assert statuses == [
        "applied",
        "petitioned",
        "registered",
        "certified",
        "active",
        "suspended",
        "active",
        "deregistered",
    ]
    users = [h.history_user for h in assistant.history.order_by("history_date", "history_id")]
    assert users[0] == world.inspector and users[1] == supervisor and users[2] == registrar


@pytest.mark.parametrize(
    ("status", "step"),
    [
        ("applied", "register"),
        ("applied", "issue_certificate"),
        ("petitioned", "petition"),
        ("refused", "register"),
        ("registered", "activate"),
        ("active", "register"),
        ("deregistered", "resume"),
        ("deregistered", "issue_certificate"),
        ("suspended", "suspend"),
    ],
)
def test_impossible_steps_are_refused(world, status, step):
    assistant = AssistantFactory(beat=world.beat, status=status, petition_sent_on=days(-3))
    calls = {
        "register": lambda: lifecycle.assistant_register(
            assistant=assistant, user=None, registered_on=TODAY
        ),
        "issue_certificate": lambda: lifecycle.certificate_issue(
            assistant=assistant, user=None, issued_on=TODAY
        ),
        "petition": lambda: lifecycle.assistant_petition(
            assistant=assistant, user=None, sent_on=TODAY, petition_number="1"
        ),
        "activate": lambda: lifecycle.assistant_activate(assistant=assistant, user=None),
        "resume": lambda: lifecycle.assistant_resume(assistant=assistant, user=None),
        "suspend": lambda: lifecycle.assistant_suspend(
            assistant=assistant, user=None, suspended_on=TODAY, reason="x"
        ),
    }
    with pytest.raises(lifecycle.StepRefused):
        calls[step]()
    assistant.refresh_from_db()
    assert assistant.status == status
    assert Certificate.objects.count() == 0


def test_refusal_needs_reasons_and_registration_numbers_have_no_gaps(world):
    assistant = apply(world)
    with pytest.raises(lifecycle.StepRefused):
        lifecycle.assistant_refuse(assistant=assistant, user=None, refused_on=TODAY, reason=" ")
    numbers = []
    for n in range(3):
        other = AssistantFactory(
            beat=BeatFactory(police_point=world.point),
            status="petitioned",
            petition_sent_on=days(-3),
            iin=valid_iin(datetime.date(1970, 1, 1), start=100 + n * 5),
        )
        numbers.append(
            lifecycle.assistant_register(
                assistant=other, user=None, registered_on=TODAY
            ).registration_number
        )
    assert [int(n.split("-")[1]) for n in numbers] == [1, 2, 3]


def test_certificate_cannot_be_issued_twice_while_held(world):
    assistant = AssistantFactory(beat=world.beat, status="registered")
    lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=TODAY)
    with pytest.raises(lifecycle.StepRefused):
        lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=TODAY)


def test_deadline_state():
    assert lifecycle.deadline_state(days(-1)) == "missed"
    assert lifecycle.deadline_state(days(3)) == "near"
    assert lifecycle.deadline_state(days(20)) == "ok"


def test_seven_working_days_skip_weekends_and_holidays():
    # Thursday 5 March 2026: 6, 9 (8 March observed), 10, 11, 12, 13, 16 → then 17th is the 7th.
    assert add_working_days(datetime.date(2026, 3, 5), 7) == datetime.date(2026, 3, 17)
    # A plain week: Monday + 7 working days = the Wednesday after next.
    assert add_working_days(datetime.date(2026, 11, 2), 7) == datetime.date(2026, 11, 11)
