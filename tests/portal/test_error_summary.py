"""Forms in the GOV.UK manner: an error summary at the top of the form linking to each field
with an error, focus moved to it by a small script (no inline JavaScript), the server's
messages only (`novalidate` on every form), and each field's own error still next to it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import Role
from tests.clients import as_role
from tests.factories import AssistantFactory, VolunteerFactory, VolunteerGroupFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
FORM_TAG = re.compile(r"<form\b[^>]*>", re.S)


def summary_of(html):
    match = re.search(r'<div class="alert alert-danger error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def links_of(summary):
    return re.findall(r'href="#([^"]+)"', summary)


def assert_links_reach_fields(html):
    summary = summary_of(html)
    links = links_of(summary)
    for anchor in links:
        assert f'id="{anchor}"' in html, f"#{anchor} leads nowhere"
    return links


def test_a_record_form_summarises_every_error_with_a_link_to_its_field(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("appeal-create"), {"subject": ""})
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    links = assert_links_reach_fields(html)
    assert sorted(links) == sorted(form[name].id_for_label for name in form.errors)
    summary = summary_of(html)
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert 'role="alert"' in summary
    # At the top of the form: before its first field.
    form_html = html.split('<form method="post"', 1)[1]
    assert form_html.index("error-summary") < form_html.index('name="subject"')
    # crispy keeps each field's own message next to the field.
    assert html.count('class="invalid-feedback"') >= len(form.errors)
    for name in form.errors:
        label = str(form[name].label)
        assert label in summary


@pytest.mark.parametrize("with_boxes", [True, False])
def test_the_summary_links_to_the_first_box_of_a_group_of_checkboxes(client, world, with_boxes):
    if with_boxes:
        AssistantFactory(beat=world.beat, status="registered")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(reverse("training-create"), {"kind": "art7_briefing"})
    links = assert_links_reach_fields(response.content.decode())
    assert ("id_attendees_0" if with_boxes else "div_id_attendees") in links


def test_an_error_of_no_field_is_listed_once_without_a_link(client, world):
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    data = {
        "volunteer": volunteer.pk,
        "group": group.pk,
        "date": "2020-01-01",
        "kind": "social",
        "action": "Субботник",
        "hours": "2",
    }
    response = client.post(reverse("volunteeractivity-create"), data)
    form = response.context["form"]
    [message] = form.non_field_errors()
    html = response.content.decode()
    summary = summary_of(html)
    assert message in summary
    assert html.count(message) == 1  # not repeated by crispy above the fields


def test_errors_of_formset_rows_are_numbered_and_linked(client, world):
    as_role(client, world, Role.INSPECTOR)
    page = client.get(reverse("meeting-create"))
    formset = page.context["formset"]
    prefix = formset.prefix
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-text": "Освещение во дворе",
        f"{prefix}-0-kind": "no-such-kind",
    }
    response = client.post(reverse("meeting-create"), data)
    html = response.content.decode()
    links = assert_links_reach_fields(html)
    assert f"id_{prefix}-0-kind" in links
    assert "№ 1." in summary_of(html)


def test_a_valid_page_has_no_summary(client, world):
    as_role(client, world, Role.INSPECTOR)
    assert "data-error-summary" not in client.get(reverse("appeal-create")).content.decode()


def test_fields_keep_required_for_assistive_technology(client, world):
    as_role(client, world, Role.INSPECTOR)
    html = client.get(reverse("appeal-create")).content.decode()
    subject = re.search(r'<input[^>]*name="subject"[^>]*>', html).group(0)
    assert " required" in subject


# --- server-side messages only ---------------------------------------------------------------


def test_every_form_of_every_template_is_novalidate():
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for tag in FORM_TAG.findall(path.read_text(encoding="utf-8")):
            if "novalidate" not in tag:
                missing.append(f"{path.relative_to(TEMPLATES)}: {tag[:80]}")
    assert missing == []


@pytest.mark.parametrize("url_name", ["login", "public-home"])
def test_forms_crispy_renders_whole_are_novalidate(client, db, url_name):
    html = client.get(reverse(url_name)).content.decode()
    tags = FORM_TAG.findall(html)
    assert tags and all("novalidate" in tag for tag in tags if "set_language" not in tag)


def test_a_failed_sign_in_is_summarised(client, db):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    html = response.content.decode()
    summary = summary_of(html)
    assert response.context["form"].non_field_errors()[0] in summary


# --- the focus script ------------------------------------------------------------------------


def test_the_focus_script_is_served_and_no_inline_script_is_needed(client, world):
    as_role(client, world, Role.INSPECTOR)
    html = client.post(reverse("appeal-create"), {}).content.decode()
    assert '<script src="/static/js/error-summary.js"></script>' in html
    # A JSON data block (field mode's settings) is not run, so the CSP has no say on it.
    assert re.search(r'<script(?![^>]*\b(src=|type="application/json"))[^>]*>', html) is None
    script = (Path(settings.BASE_DIR) / "static" / "js" / "error-summary.js").read_text()
    assert "[data-error-summary]" in script and ".focus(" in script
