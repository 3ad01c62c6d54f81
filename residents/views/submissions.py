"""What residents send: a problem or a suggestion to the inspector (followed on a private status
page) and e-mail subscriptions, rate-limited per address."""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from districts.models import Beat, ResidentSubmission, SubmissionKind
from districts.selectors.territory import BEAT_PUBLIC_RELATED
from districts.services import submissions
from portal import db_routers, policy, ratelimits
from reports.services import subscriptions
from residents.forms import ResidentSubmissionForm, SubscriptionForm

logger = logging.getLogger(__name__)

# Submissions accepted from one address (proposals and subscriptions counted apart).
PUBLIC_FORM_RATE = "5/h"


def _public_beat(code):
    return get_object_or_404(Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code)


def _usage(request, group, *, increment):
    return ratelimits.usage(
        request, group=group, key="ip", rate=PUBLIC_FORM_RATE, method="POST", increment=increment
    )


def _over_limit(request, group):
    """True when this address has used up its submissions, or when nothing can count them
    (the cache is down); checked before any work."""
    usage = _usage(request, group, increment=False)
    return ratelimits.exhausted(usage), usage


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_propose(request, code):
    beat = _public_beat(code)
    group = "reports.beat-proposal"
    if request.method == "POST":
        limited, usage = _over_limit(request, group)
        form = ResidentSubmissionForm(request.POST)
        if limited:
            context = {"beat": beat, "form": form}
            return ratelimits.refused_form(request, "residents/propose.html", context, usage)
        if form.is_spam():
            _usage(request, group, increment=True)
            logger.info("A proposal for beat %s was caught by the honeypot", beat.code)
            return redirect("beat-proposal-thanks", code=beat.code)
        if form.is_valid():
            _usage(request, group, increment=True)
            submission = form.save(beat=beat)
            messages.success(
                request,
                _("Sent. Your reference number is %(reference)s.")
                % {"reference": submission.reference},
            )
            return redirect(submission)
    else:
        form = ResidentSubmissionForm(initial=_initial_kind(request))
    return render(request, "residents/propose.html", {"beat": beat, "form": form})


def _initial_kind(request):
    """`?kind=problem` or `?kind=suggestion` from the beat page's two buttons."""
    kind = request.GET.get("kind")
    return {"kind": kind} if kind in SubmissionKind.values else {}


@policy.guard("site.view")
@db_routers.primary_reads  # what the resident just wrote
@require_safe
@never_cache
def submission_status(request, token):
    """The resident's private page: where the submission stands and the public answer.

    The link is the only key; an unknown token is a plain 404. The page is never cached,
    never indexed and sends no Referer, so the link does not leak from it.
    """
    submission = (
        ResidentSubmission.objects.select_related(
            "beat__police_point__department__area", "beat__inspector", "appeal", "proposal"
        )
        .filter(token=token)
        .first()
    )
    if submission is None or len(token) < 20:
        raise Http404
    status, status_label = submissions.status_of(submission)
    context = {
        "submission": submission,
        "beat": submission.beat,
        "record": submission.record,
        "status": status,
        "status_label": status_label,
        "steps": submissions.steps_of(submission),
        "answer": submissions.answer_of(submission),
    }
    response = render(request, "residents/submission_status.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@policy.guard("site.view")
@require_safe
def beat_proposal_thanks(request, code):
    return render(request, "residents/propose_thanks.html", {"beat": _public_beat(code)})


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_subscribe(request, code):
    beat = _public_beat(code)
    group = "reports.beat-subscribe"
    if request.method == "POST":
        limited, usage = _over_limit(request, group)
        form = SubscriptionForm(request.POST)
        if limited:
            context = {"beat": beat, "form": form}
            return ratelimits.refused_form(request, "residents/subscribe.html", context, usage)
        if form.is_spam():
            _usage(request, group, increment=True)
            logger.info("A subscription to beat %s was caught by the honeypot", beat.code)
            return redirect("beat-subscribe-sent", code=beat.code)
        if form.is_valid():
            _usage(request, group, increment=True)
            subscriptions.subscribe(beat=beat, email=form.cleaned_data["email"], request=request)
            return redirect("beat-subscribe-sent", code=beat.code)
    else:
        form = SubscriptionForm()
    return render(request, "residents/subscribe.html", {"beat": beat, "form": form})


@policy.guard("site.view")
@require_safe
def beat_subscribe_sent(request, code):
    return render(request, "residents/subscribe_sent.html", {"beat": _public_beat(code)})


def _unknown_subscription(request):
    return render(request, "residents/subscription_unknown.html", status=404)


@policy.guard("site.view")
@db_routers.primary_reads  # what the resident just wrote
@require_http_methods(["GET", "HEAD", "POST"])
def subscription_confirm(request, token):
    """GET asks (so mail scanners that open links confirm nothing); POST confirms."""
    subscription = subscriptions.find(token)
    if subscription is None:
        return _unknown_subscription(request)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return render(
            request,
            "residents/subscription_confirm.html",
            {"subscription": subscription, "beat": subscription.beat, "done": True},
        )
    return render(
        request,
        "residents/subscription_confirm.html",
        {
            "subscription": subscription,
            "beat": subscription.beat,
            "done": subscription.is_confirmed,
        },
    )


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token; the
# unguessable token in the URL is what authorises it.
@policy.guard("site.view")
@db_routers.primary_reads  # what the resident just wrote
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscription_unsubscribe(request, token):
    """GET shows a button; POST (the button or a mail program's one-click) unsubscribes."""
    if request.method == "POST":
        subscription = subscriptions.find(token)
        subscriptions.unsubscribe(token)
        beat = subscription.beat if subscription else None
        return render(request, "residents/unsubscribe.html", {"beat": beat, "done": True})
    subscription = subscriptions.find(token)
    if subscription is None:
        return _unknown_subscription(request)
    return render(
        request,
        "residents/unsubscribe.html",
        {"subscription": subscription, "beat": subscription.beat, "done": False},
    )
