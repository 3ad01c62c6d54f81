"""Certificates and breast badges: issue, the register, return, revocation and the PDF cards."""

import datetime
import io
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from portal.models import Role
from tests.factories import AssistantFactory, BeatFactory, UserFactory, valid_iin
from volunteers.cards import CARDS_PER_SHEET, sheets
from volunteers.forms.certificates import years_later
from volunteers.models import AreaCounter, Assistant, Certificate, CertificateState, Series
from volunteers.services import lifecycle

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


_serial = iter(range(1, 100000))


def assistant(beat, status="registered", **fields):
    fields.setdefault("iin", valid_iin(datetime.date(1985, 4, 12), start=next(_serial) * 7))
    return AssistantFactory(beat=beat, status=status, **fields)


def issue(beat, *, issued_on=None, **fields):
    return lifecycle.certificate_issue(
        assistant=assistant(beat, **fields), user=None, issued_on=issued_on or TODAY
    )


def registrar(world):
    return world.users[Role.AKIMAT_REGISTRAR]


def signed_in(client, user):
    client.force_login(user)
    return client


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    document = PdfReader(io.BytesIO(body))
    return document, "\n".join(page.extract_text() for page in document.pages)


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def pictures(document):
    """The distinct raster images of a PDF (WeasyPrint shares one resource dictionary)."""
    return {image.name for page in document.pages for image in page.images}


def jpeg(width=60, height=80):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


# --- issue -----------------------------------------------------------------------------------


def test_the_issue_form_proposes_today_and_three_years(client, world):
    person = assistant(world.beat)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-issue", args=[person.pk])
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form["issued_on"].value() == TODAY
    assert form["valid_until"].value() == years_later(TODAY, 3)
    assert response.context["possible"] is True


def test_a_registrar_issues_a_certificate_and_history_keeps_who(client, world):
    person = assistant(world.beat)
    user = registrar(world)
    response = signed_in(client, user).post(
        reverse("certificate-issue", args=[person.pk]),
        {"issued_on": days(-1).isoformat(), "valid_until": days(700).isoformat()},
    )
    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("certificate-detail", args=[certificate.pk])
    assert (certificate.number, certificate.area) == (1, world.area)
    assert (certificate.issued_on, certificate.valid_until) == (days(-1), days(700))
    assert certificate.state == CertificateState.ISSUED and certificate.badge_issued
    person.refresh_from_db()
    assert person.status == "certified"
    assert certificate.history.get().history_user == user
    assert person.history.latest("history_date").history_user == user


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"issued_on": days(2).isoformat(), "valid_until": days(900).isoformat()}, "issued_on"),
        ({"issued_on": TODAY.isoformat(), "valid_until": days(-5).isoformat()}, "valid_until"),
        ({"issued_on": "31.02.2025", "valid_until": days(900).isoformat()}, "issued_on"),
        ({"issued_on": "", "valid_until": ""}, "issued_on"),
    ],
)
def test_bad_dates_are_refused_next_to_the_field(client, world, data, field):
    person = assistant(world.beat)
    response = signed_in(client, registrar(world)).post(
        reverse("certificate-issue", args=[person.pk]), data
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Certificate.objects.count() == 0
    assert not AreaCounter.objects.filter(series=Series.CERTIFICATE, last__gt=0).exists()
    person.refresh_from_db()
    assert person.status == "registered"


@pytest.mark.parametrize("status", ["applied", "petitioned", "refused", "deregistered"])
def test_an_impossible_issue_is_refused_with_a_message_and_nothing_saved(client, world, status):
    person = assistant(world.beat, status=status, petition_sent_on=days(-3))
    client = signed_in(client, registrar(world))
    url = reverse("certificate-issue", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["possible"] is False
    assert b'id="certificate-issue-form"' not in page.content
    response = client.post(url, {"issued_on": TODAY, "valid_until": days(1000)})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Certificate.objects.count() == 0
    person.refresh_from_db()
    assert person.status == status


def test_a_second_certificate_while_one_is_held_is_refused(client, world):
    held = issue(world.beat)
    client = signed_in(client, registrar(world))
    url = reverse("certificate-issue", args=[held.assistant.pk])
    page = client.get(url)
    assert page.context["held"] == held
    assert b'id="certificate-held"' in page.content
    response = client.post(url, {"issued_on": TODAY, "valid_until": days(1000)})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Certificate.objects.count() == 1
    # After the return (a worn card, say) an active assistant gets the next number.
    lifecycle.certificate_return(
        certificate=held, user=None, returned_on=TODAY, badge_returned=True
    )
    Assistant.objects.filter(pk=held.assistant.pk).update(status="active")
    client.post(url, {"issued_on": TODAY, "valid_until": days(1000)})
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_only_registrars_issue(client, world, role):
    person = assistant(world.beat)
    client = signed_in(client, world.users[role])
    url = reverse("certificate-issue", args=[person.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"issued_on": TODAY, "valid_until": days(900)}).status_code == 403
    assert Certificate.objects.count() == 0


def test_a_registrar_of_another_area_gets_404(client, world):
    person = assistant(world.other_beat)
    client = signed_in(client, registrar(world))
    url = reverse("certificate-issue", args=[person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"issued_on": TODAY, "valid_until": days(900)}).status_code == 404
    assert Certificate.objects.count() == 0


def test_numbers_run_per_area_without_gaps(world):
    numbers = [issue(world.beat).number for _ in range(3)]
    other = [issue(world.other_beat).number for _ in range(2)]
    assert numbers == [1, 2, 3]
    assert other == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_in_one_area_get_numbers_without_gaps_or_repeats():
    from django.db import connections

    from tests.conftest import World

    world = World()
    people = [assistant(BeatFactory(police_point=world.point)) for _ in range(6)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(person):
        try:
            barrier.wait()
            outcomes.append(
                lifecycle.certificate_issue(assistant=person, user=None, issued_on=TODAY).number
            )
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == list(range(1, len(people) + 1))
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert AreaCounter.objects.get(area=world.area, series=Series.CERTIFICATE).last == 6


# --- the register ----------------------------------------------------------------------------


def test_the_register_lists_the_area_with_badges_and_states(client, world):
    kept = issue(world.beat)
    returned = issue(world.colleague_beat)
    lifecycle.certificate_return(
        certificate=returned, user=None, returned_on=TODAY, badge_returned=False
    )
    revoked = issue(world.beat)
    lifecycle.certificate_revoke(certificate=revoked, user=None, revoked_on=TODAY, reason="x")
    issue(world.other_beat)
    issue(world.far_beat)
    response = signed_in(client, registrar(world)).get(reverse("certificate-list"))
    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert listed == [kept, returned, revoked]
    assert f'data-certificate="{kept.pk}"'.encode() in response.content
    # Only issued certificates can be ticked for printing.
    assert f'id="print-{kept.pk}"'.encode() in response.content
    assert f'id="print-{returned.pk}"'.encode() not in response.content
    assert response.context["print_area"] == world.area.pk


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (Role.INSPECTOR, {"beat"}),
        (Role.SUPERVISOR, {"beat", "colleague"}),
        (Role.AKIMAT_REGISTRAR, {"beat", "colleague"}),
        (Role.REGIONAL_REGISTRAR, {"beat", "colleague", "other"}),
        (Role.ADMINISTRATOR, {"beat", "colleague", "other", "far"}),
    ],
)
def test_the_register_is_scoped(client, world, role, visible):
    made = {
        "beat": issue(world.beat),
        "colleague": issue(world.colleague_beat),
        "other": issue(world.other_beat),
        "far": issue(world.far_beat),
    }
    response = signed_in(client, world.users[role]).get(reverse("certificate-list"))
    assert set(response.context["object_list"]) == {made[k] for k in visible}
    assert response.context["can_print"] is (role in (Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR))


def test_council_secretaries_see_no_register(client, world):
    issue(world.beat)
    response = signed_in(client, world.users[Role.COUNCIL_SECRETARY]).get(
        reverse("certificate-list")
    )
    assert response.status_code == 403


def test_filters_state_area_expiring_and_search(client, world):
    soon = issue(world.beat)
    Certificate.objects.filter(pk=soon.pk).update(valid_until=days(10))
    later = issue(world.beat, last_name="Сапаров")
    expired = issue(world.beat, issued_on=days(-1200))
    Certificate.objects.filter(pk=expired.pk).update(valid_until=days(-3))
    revoked = issue(world.beat)
    lifecycle.certificate_revoke(certificate=revoked, user=None, revoked_on=TODAY, reason="x")
    other = issue(world.other_beat)
    client = signed_in(client, world.users[Role.REGIONAL_REGISTRAR])
    url = reverse("certificate-list")

    def listed(**params):
        return set(client.get(url, params).context["object_list"])

    assert listed(expiring="on") == {soon}
    assert listed(state="revoked") == {revoked}
    assert listed(area=world.other_area.pk) == {other}
    assert listed(q="Сапар") == {later}
    assert listed(q=str(revoked.number)) == {revoked}
    # An area outside the user's region is not a valid choice: the filter refuses it.
    response = client.get(url, {"area": world.far_area.pk})
    assert response.context["filter"].form.errors


def test_the_register_query_count_does_not_grow(client, world):
    client = signed_in(client, registrar(world))
    issue(world.beat)
    small = queries(client, reverse("certificate-list"))
    for _ in range(6):
        certificate = issue(world.colleague_beat)
    lifecycle.certificate_return(
        certificate=certificate, user=None, returned_on=TODAY, badge_returned=True
    )
    assert queries(client, reverse("certificate-list")) == small


# --- one certificate -------------------------------------------------------------------------


def test_the_detail_shows_the_qr_code_and_the_verification_link(client, world):
    certificate = issue(world.beat)
    response = signed_in(client, registrar(world)).get(certificate.get_absolute_url())
    assert response.status_code == 200
    verify_url = f"http://testserver/verify/{certificate.token}/"
    assert response.context["verify_url"] == verify_url
    assert b'<svg viewBox="0 0' in response.content and b'class="qr-code"' in response.content
    assert f'href="{verify_url}"'.encode() in response.content
    assert reverse("certificate-pdf", args=[certificate.pk]).encode() in response.content
    assert response.context["return_form"] is not None
    assert response.context["revoke_form"] is not None
    # The register pages never show the holder's personal data.
    person = certificate.assistant
    masked_iin = "********" + person.iin[-4:]
    for value in (person.iin, person.iin[:6], person.phone, person.address, masked_iin):
        assert value.encode() not in response.content


def test_readers_see_the_certificate_without_actions(client, world):
    certificate = issue(world.beat)
    response = signed_in(client, world.inspector).get(certificate.get_absolute_url())
    assert response.status_code == 200
    assert response.context["return_form"] is None
    assert response.context["can_print"] is False
    assert reverse("certificate-pdf", args=[certificate.pk]).encode() not in response.content


def test_outsiders_get_404_for_a_certificate(client, world):
    certificate = issue(world.other_beat)
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.AKIMAT_REGISTRAR):
        client.force_login(world.users[role])
        assert client.get(certificate.get_absolute_url()).status_code == 404
        assert client.get(reverse("certificate-pdf", args=[certificate.pk])).status_code in (
            403,
            404,
        )


def test_the_detail_query_count_does_not_grow(client, world):
    client = signed_in(client, registrar(world))
    first = issue(world.beat)
    small = queries(client, first.get_absolute_url())
    for _ in range(5):
        issue(world.beat)
    second = issue(world.beat)
    lifecycle.certificate_revoke(certificate=second, user=None, revoked_on=TODAY, reason="x")
    assert queries(client, second.get_absolute_url()) == small


def test_return_with_the_badge(client, world):
    certificate = issue(world.beat)
    user = registrar(world)
    response = signed_in(client, user).post(
        reverse("certificate-return", args=[certificate.pk]),
        {"returned_on": TODAY.isoformat(), "badge_returned": "on"},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.RETURNED
    assert certificate.returned_on == TODAY and certificate.badge_returned
    assert certificate.history.latest("history_date").history_user == user


def test_return_without_the_badge_shows_it_missing_in_the_register(client, world):
    certificate = issue(world.beat)
    client = signed_in(client, registrar(world))
    client.post(
        reverse("certificate-return", args=[certificate.pk]), {"returned_on": TODAY.isoformat()}
    )
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.RETURNED and not certificate.badge_returned
    assert client.get(reverse("certificate-list")).status_code == 200


def test_a_future_return_date_is_refused_and_nothing_changes(client, world):
    certificate = issue(world.beat)
    response = signed_in(client, registrar(world)).post(
        reverse("certificate-return", args=[certificate.pk]),
        {"returned_on": days(3).isoformat(), "badge_returned": "on"},
    )
    assert response.status_code == 200
    assert response.context["return_form"].errors["returned_on"]
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.ISSUED and certificate.returned_on is None


def test_revoke_needs_a_reason(client, world):
    certificate = issue(world.beat)
    client = signed_in(client, registrar(world))
    url = reverse("certificate-revoke", args=[certificate.pk])
    response = client.post(url, {"revoked_on": TODAY.isoformat(), "reason": "   "})
    assert response.status_code == 200
    assert response.context["revoke_form"].errors["reason"]
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.ISSUED
    data = {"revoked_on": TODAY.isoformat(), "reason": "Грубое нарушение"}
    response = client.post(url, data)
    assert response.status_code == 200  # not confirmed
    assert response.context["revoke_form"].errors["confirm"]
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.ISSUED
    response = client.post(url, {**data, "confirm": "on"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.REVOKED
    assert certificate.revocation_reason == "Грубое нарушение"


def test_a_returned_certificate_cannot_be_revoked(client, world):
    certificate = issue(world.beat)
    lifecycle.certificate_return(
        certificate=certificate, user=None, returned_on=TODAY, badge_returned=True
    )
    response = signed_in(client, registrar(world)).post(
        reverse("certificate-revoke", args=[certificate.pk]),
        {"revoked_on": TODAY.isoformat(), "reason": "x", "confirm": "on"},
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.RETURNED


def test_return_and_revoke_by_get_lead_back_and_readers_may_not_post(client, world):
    certificate = issue(world.beat)
    client = signed_in(client, registrar(world))
    response = client.get(reverse("certificate-return", args=[certificate.pk]))
    assert response.status_code == 302 and response.url == certificate.get_absolute_url()
    client.force_login(world.users[Role.SUPERVISOR])
    for name in ("certificate-return", "certificate-revoke"):
        response = client.post(
            reverse(name, args=[certificate.pk]),
            {"returned_on": TODAY, "revoked_on": TODAY, "reason": "x"},
        )
        assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.ISSUED


# --- PDF cards -------------------------------------------------------------------------------


def test_the_card_pdf_has_both_sides_and_no_personal_data(client, world):
    certificate = issue(world.beat, last_name="Жумабеков", first_name="Асхат")
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-pdf", args=[certificate.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert f"certificate-{certificate.display_number}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    document, text = pdf_text(response)
    assert len(document.pages) == 2
    flat = text.replace("\n", " ")
    assert "ЖУМАБЕКОВ" in flat.upper()
    assert certificate.display_number in flat
    assert certificate.valid_until.strftime("%d.%m.%Y") in flat
    assert world.area.name in flat
    assert world.area.akimat in flat
    assert certificate.token in text.replace("\n", "")
    person = certificate.assistant
    masked_iin = "********" + person.iin[-4:]
    for secret in (
        person.iin,
        person.iin[:6],
        masked_iin,
        person.phone,
        person.address,
        "7011234567",
    ):
        assert secret not in flat and secret not in text.replace("\n", "")
    # No photo uploaded: the placeholder is drawn, no picture embedded.
    assert len(pictures(document)) == 0


def test_the_card_carries_the_photo_when_there_is_one(client, world):
    certificate = issue(world.beat)
    person = certificate.assistant
    person.photo.save("portrait.jpg", ContentFile(jpeg()), save=True)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-pdf", args=[certificate.pk])
    )
    document, _text = pdf_text(response)
    assert len(pictures(document)) == 1


def test_a_broken_photo_file_falls_back_to_the_placeholder(client, world):
    certificate = issue(world.beat)
    person = certificate.assistant
    person.photo.save("portrait.jpg", ContentFile(b"not an image at all"), save=True)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-pdf", args=[certificate.pk])
    )
    document, _text = pdf_text(response)
    assert len(pictures(document)) == 0


def test_the_card_speaks_kazakh_when_asked(client, world):
    world.area.name_kk = "Алмалы ауданы"
    world.area.akimat_kk = "Алмалы ауданының әкімдігі"
    world.area.save()
    certificate = issue(world.beat, last_name="Нұрғалиев", first_name="Өмірзақ")
    client = signed_in(client, registrar(world))
    response = client.get(reverse("certificate-pdf", args=[certificate.pk]), {"lang": "kk"})
    _document, text = pdf_text(response)
    flat = text.replace("\n", " ")
    assert "Алмалы ауданы" in flat
    assert "Алмалы ауданының әкімдігі" in flat
    assert "НҰРҒАЛИЕВ" in flat.upper() and "Өмірзақ" in flat
    # The page language decides when nothing is asked; English falls back to Russian.
    client.cookies["django_language"] = "en"
    response = client.get(reverse("certificate-pdf", args=[certificate.pk]))
    _document, text = pdf_text(response)
    assert world.area.name_ru in text.replace("\n", " ")


def test_only_registrars_print(client, world):
    certificate = issue(world.beat)
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR):
        client.force_login(world.users[role])
        assert client.get(reverse("certificate-pdf", args=[certificate.pk])).status_code == 403
        assert client.get(reverse("certificate-batch-pdf")).status_code == 403


def test_a_revoked_certificate_is_not_printed(client, world):
    certificate = issue(world.beat)
    lifecycle.certificate_revoke(certificate=certificate, user=None, revoked_on=TODAY, reason="x")
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-pdf", args=[certificate.pk])
    )
    assert response.status_code == 302
    assert response.url == certificate.get_absolute_url()


def test_batch_by_ids_lays_out_fronts_and_backs(client, world):
    made = [issue(world.beat) for _ in range(CARDS_PER_SHEET + 1)]
    ids = ",".join(str(c.pk) for c in made)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-batch-pdf"), {"ids": ids}
    )
    assert response.status_code == 200
    document, text = pdf_text(response)
    assert len(document.pages) == 4  # two A4 sheets, front and back
    width, height = (float(v) for v in document.pages[0].mediabox.upper_right)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    for certificate in made:
        assert certificate.display_number in text
        assert certificate.token in text.replace("\n", "")
    # The repeated form of the parameter works too.
    response = client.get(reverse("certificate-batch-pdf") + f"?ids={made[0].pk}&ids={made[1].pk}")
    document, _text = pdf_text(response)
    assert len(document.pages) == 2


@pytest.mark.parametrize("ids", ["999999", "abc", "1;2", "-1", "1,,x"])
def test_batch_with_unknown_or_malformed_ids_is_404(client, world, ids):
    issue(world.beat)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-batch-pdf"), {"ids": ids}
    )
    assert response.status_code == 404


def test_batch_with_an_id_of_another_area_is_404(client, world):
    mine = issue(world.beat)
    theirs = issue(world.other_beat)
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-batch-pdf"), {"ids": f"{mine.pk},{theirs.pk}"}
    )
    assert response.status_code == 404


def test_batch_without_ids_prints_the_valid_certificates_of_the_area(client, world):
    valid = [issue(world.beat), issue(world.colleague_beat)]
    expired = issue(world.beat, issued_on=days(-1200))
    Certificate.objects.filter(pk=expired.pk).update(valid_until=days(-1))
    revoked = issue(world.beat)
    lifecycle.certificate_revoke(certificate=revoked, user=None, revoked_on=TODAY, reason="x")
    issue(world.other_beat)
    response = signed_in(client, registrar(world)).get(reverse("certificate-batch-pdf"))
    document, text = pdf_text(response)
    assert len(document.pages) == 2
    flat = text.replace("\n", "")
    assert all(c.token in flat for c in valid)
    assert expired.token not in flat and revoked.token not in flat


def test_batch_of_a_revoked_certificate_is_refused(client, world):
    revoked = issue(world.beat)
    lifecycle.certificate_revoke(certificate=revoked, user=None, revoked_on=TODAY, reason="x")
    response = signed_in(client, registrar(world)).get(
        reverse("certificate-batch-pdf"), {"ids": revoked.pk}
    )
    assert response.status_code == 302
    assert response.url == reverse("certificate-list")


def test_batch_for_an_administrator_needs_an_area(client, world):
    issue(world.far_beat)
    client = signed_in(client, world.users[Role.ADMINISTRATOR])
    response = client.get(reverse("certificate-batch-pdf"))
    assert response.status_code == 302 and response.url == reverse("certificate-list")
    response = client.get(reverse("certificate-batch-pdf"), {"area": world.far_area.pk})
    assert response.status_code == 200
    # A registrar cannot ask for someone else's area.
    client.force_login(registrar(world))
    response = client.get(reverse("certificate-batch-pdf"), {"area": world.far_area.pk})
    assert response.status_code == 404


def test_an_empty_batch_leads_back_to_the_register(client, world):
    response = signed_in(client, registrar(world)).get(reverse("certificate-batch-pdf"))
    assert response.status_code == 302 and response.url == reverse("certificate-list")


def test_backs_mirror_the_columns_for_duplex_printing():
    cards = [f"card {i}" for i in range(CARDS_PER_SHEET + 3)]
    result = sheets(cards)
    assert len(result) == 2
    front = {item["slot"]: item["card"] for item in result[0]["front"]}
    back = {item["slot"]: item["card"] for item in result[0]["back"]}
    assert front[0] == back[1] == "card 0"
    assert front[1] == back[0] == "card 1"
    assert front[7] == back[6] == "card 7"
    # A last row with a single card: its back goes to the right-hand slot.
    tail = {item["slot"]: item["card"] for item in result[1]["back"]}
    assert tail == {1: "card 8", 0: "card 9", 3: "card 10"}


def test_the_batch_query_count_does_not_grow(client, world):
    client = signed_in(client, registrar(world))
    issue(world.beat)
    small = queries(client, reverse("certificate-batch-pdf"))
    for _ in range(5):
        issue(world.beat)
    assert queries(client, reverse("certificate-batch-pdf")) == small


def test_assistants_of_another_area_cannot_be_reached_through_a_new_registrar(client, world):
    # A registrar without an area sees nothing and prints nothing.
    lost = UserFactory(role=Role.AKIMAT_REGISTRAR, area=None)
    certificate = issue(world.beat)
    client = signed_in(client, lost)
    assert client.get(certificate.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("certificate-list")).context["object_list"]) == []
    response = client.get(reverse("certificate-batch-pdf"), {"ids": certificate.pk})
    assert response.status_code == 404
    assert Assistant.objects.count() == 1


def test_the_pages_have_no_inline_scripts_or_styles(client, world):
    certificate = issue(world.beat)
    waiting = assistant(world.beat)
    client = signed_in(client, registrar(world))
    for url in (
        reverse("certificate-list"),
        certificate.get_absolute_url(),
        reverse("certificate-issue", args=[waiting.pk]),
        reverse("verify", args=[certificate.token]),
        reverse("verify", args=["unknown"]),
    ):
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "onclick=" not in html, url
