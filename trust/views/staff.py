"""The police's side of the survey: the report-meeting notice for the house entrances (PDF)
and the moderation of the residents' comments."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from districts.models import Beat, Meeting, MeetingKind, MeetingStatus
from districts.models.survey import CommentStatus, Source, SurveyResponse
from districts.selectors.channels import beat_channels
from districts.selectors.territory import BEAT_PUBLIC_RELATED
from portal import policy
from portal.pdf import render_pdf
from portal.qr import qr_data_uri
from portal.query_params import parse_id
from trust.selectors import comments_for_moderation
from trust.services import comment_moderate

NOTICE_LANGUAGES = ("kk", "ru")
COMMENTS_SHOWN = 100


def _police_beat(request, code):
    return policy.get_scoped_or_404(
        request.user, Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code
    )


def survey_url(request, beat, source=Source.NOTICE):
    """The absolute address of the beat's survey, marked with where the resident came from."""
    return request.build_absolute_uri(reverse("beat-survey", args=[beat.code])) + (
        f"?from={source}"
    )


def next_report_meeting(beat):
    """The beat's next planned report meeting, or None."""
    return (
        Meeting.objects.filter(
            beat=beat,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            held_at__gte=timezone.now(),
        )
        .order_by("held_at", "pk")
        .first()
    )


def _notice_language(request):
    language = request.GET.get("language") or (translation.get_language() or "ru")
    language = language.split("-")[0]
    return language if language in NOTICE_LANGUAGES else "ru"


@policy.guard("trust.notice")
@require_safe
def beat_notice(request, code):
    """An A4 notice of the next report meeting for the house entrances of the beat."""
    beat = _police_beat(request, code)
    language = _notice_language(request)
    meeting = next_report_meeting(beat)
    survey = survey_url(request, beat)
    page = request.build_absolute_uri(beat.get_absolute_url())
    with translation.override(language):  # the place and the names in the notice's language
        content = render_pdf(
            "trust/pdf/notice.html",
            {
                "beat": beat,
                "channels": beat_channels(beat),
                "meeting": timezone.localtime(meeting.held_at) if meeting else None,
                "place": meeting.place if meeting else "",
                "survey_url": survey,
                "survey_qr": qr_data_uri(survey),
                "page_url": page,
                "page_qr": qr_data_uri(page),
                "lang": language,
            },
            language=language,
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{beat.code}-{language}.pdf"'
    return response


@policy.guard("trust.moderate")
@require_http_methods(["GET", "HEAD", "POST"])
def survey_comments(request, code):
    """The beat's survey comments: the police approve some for the beat's page."""
    beat = _police_beat(request, code)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision in (CommentStatus.APPROVED, CommentStatus.REJECTED):
            pk = parse_id(request.POST.get("response")) or 0
            response = SurveyResponse.objects.filter(beat=beat, pk=pk).exclude(comment="").first()
            if response is not None:
                comment_moderate(response=response, status=decision)
                messages.success(request, _("The decision is saved."))
        return redirect("survey-comments", code=beat.code)
    comments = list(comments_for_moderation(beat)[:COMMENTS_SHOWN])
    return render(request, "trust/comments.html", {"beat": beat, "comments": comments})
