"""News by e-mail for the confirmed subscribers of a beat.

* `report_published(revisions)` — called by the publishing service with a report's versions;
* `meeting_announced(meeting)` — a planned public meeting of the beat's inspector;
* `action_announced(action)` — a public joint action covering the beat.

Each queues a Celery task (reports/tasks.py) once the transaction commits, so nothing is
sent when it rolls back, the request does not wait for the mail server, and a worker reads
what it sends about again after the commit (without a broker the task runs right after the
commit, in the request). Messages
are plain text in the language each resident subscribed in, with the URL of the page
and a one-click unsubscribe link (also as List-Unsubscribe headers).

`connect()` hooks the announcements to the models' signals (idempotent): a meeting is
announced when it is saved planned, public and still ahead for the first time (created
so, or just switched to it); a joint action when it is saved public and not yet over
for the first time, and to a beat added to an already public action.
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_init, post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from councils.models import JointAction
from districts.models import Beat, Meeting, MeetingStatus
from portal.periods import Quarter
from portal.published import bump_published_version
from portal.tasks import after_commit
from portal.tasks import send as send_task
from reports.models import ReportRevision
from reports.services.subscriptions import (
    confirmed_subscriptions,
    message,
    send,
    site_url,
)

# Set on a model instance: its announcement state as loaded from the database.
STATE_ATTRIBUTE = "_reports_announce_state"
# Set on a joint action while its announcement waits for the commit.
PENDING_ATTRIBUTE = "_reports_announcement_pending"
UNKNOWN = object()


def _queue(task_name, *args):
    """Queue `reports.tasks.<task_name>(*args)` once the transaction commits."""
    from reports import tasks  # the tasks import this module

    after_commit(getattr(tasks, task_name), *args)


def _messages(subscriptions, *, subject, template, context, base_url):
    return [
        message(
            subscription=s,
            subject=subject,
            template=template,
            context=context,
            base_url=base_url,
        )
        for s in subscriptions
    ]


def _in_their_languages(subscriptions, build):
    """The messages `build(group, language)` makes for each group of subscribers who
    subscribed in the same language, built with that language active."""
    groups = defaultdict(list)
    for subscription in subscriptions:
        groups[subscription.language or settings.LANGUAGE_CODE].append(subscription)
    messages = []
    for language, group in sorted(groups.items()):
        with translation.override(language):
            messages += build(group, language)
    return messages


# --- a published report ------------------------------------------------------------------


def report_published(revisions):
    """E-mail the beat's confirmed subscribers once the publication commits: the version in
    the message's language first, with a link to the other."""
    if isinstance(revisions, ReportRevision):
        revisions = [revisions]
    _queue("send_report_published", [r.pk for r in revisions])


def _send_report_published(revision_ids):
    versions = list(
        ReportRevision.objects.select_related("report__beat__police_point__department__area")
        .filter(pk__in=revision_ids)
        .order_by("pk")
    )
    if not versions:
        return 0
    report = versions[0].report
    subscriptions = confirmed_subscriptions([report.beat_id])
    if not subscriptions:
        return 0
    base_url = site_url()

    def build(group, language):
        # The version in the subscriber's language, else the one there is.
        revision = next((v for v in versions if v.language == language), versions[0])
        context = {
            "revision": revision,
            "report": report,
            "beat": report.beat,
            "area": report.beat.police_point.department.area,
            "url": base_url + reverse("public-report", args=[revision.pk]),
            "pdf_url": base_url + reverse("public-report-pdf", args=[revision.pk]),
            "other_versions": [
                {
                    "language": version.get_language_display(),
                    "url": base_url + reverse("public-report", args=[version.pk]),
                }
                for version in versions
                if version.pk != revision.pk
            ],
            "beat_url": base_url + report.beat.get_absolute_url(),
        }
        if revision.number > 1:
            subject = _("Corrected report of %(beat)s for %(period)s")
        else:
            subject = _("New report of %(beat)s for %(period)s")
        period = Quarter(report.year, report.quarter).label
        subject = subject % {"beat": report.beat, "period": period}
        return _messages(
            group,
            subject=subject,
            template="reports/email/report_published.txt",
            context=context,
            base_url=base_url,
        )

    return send(_in_their_languages(subscriptions, build))


# --- a report meeting or another public meeting --------------------------------------------


def meeting_announced(meeting):
    # The public calendar and the API show it: cached copies must not hide it.
    transaction.on_commit(bump_published_version)
    _queue("send_meeting_announced", meeting.pk)


def _send_meeting_announced(meeting_id):
    meeting = (
        Meeting.objects.select_related("beat__police_point__department__area")
        .filter(pk=meeting_id, status=MeetingStatus.PLANNED, is_public=True)
        .first()
    )
    if meeting is None:  # cancelled or withdrawn before the commit
        return 0
    subscriptions = confirmed_subscriptions([meeting.beat_id])
    if not subscriptions:
        return 0
    base_url = site_url()
    beat = meeting.beat

    def build(group, language):
        subject = _("%(kind)s on %(beat)s: %(date)s") % {
            "kind": meeting.get_kind_display(),
            "beat": beat,
            "date": date_format(timezone.localtime(meeting.held_at), "SHORT_DATETIME_FORMAT"),
        }
        return _messages(
            group,
            subject=subject,
            template="reports/email/meeting_announced.txt",
            context={
                "meeting": meeting,
                "beat": beat,
                "area": beat.police_point.department.area,
                "beat_url": base_url + beat.get_absolute_url(),
            },
            base_url=base_url,
        )

    return send(_in_their_languages(subscriptions, build))


# --- a public joint action -----------------------------------------------------------------


def action_announced(action, beat_ids=None):
    """E-mail the subscribers of the action's beats (or of `beat_ids` only) after commit.

    Without `beat_ids` the beats are read at commit time, so beats added to the action
    in the same transaction (a form saves them after the action) are included.
    """
    from reports import tasks  # the tasks import this module

    transaction.on_commit(bump_published_version)
    if beat_ids is None:
        setattr(action, PENDING_ATTRIBUTE, True)

    def send_after_commit():
        if beat_ids is None:
            setattr(action, PENDING_ATTRIBUTE, False)
        send_task(tasks.send_action_announced, action.pk, beat_ids)

    transaction.on_commit(send_after_commit, robust=True)


def _send_action_announced(action_id, beat_ids):
    action = JointAction.objects.select_related("area", "campaign").filter(pk=action_id).first()
    if action is None or not action.is_public:
        return 0
    beats = {b.pk: b for b in action.beats.all()}
    if beat_ids is not None:
        beats = {pk: beat for pk, beat in beats.items() if pk in set(beat_ids)}
    if not beats:
        return 0
    base_url = site_url()

    def build(group, language):
        partners = sorted(p.name for p in action.partners.all())
        subject = _("Public action: %(title)s, %(date)s") % {
            "title": action.title,
            "date": date_format(timezone.localtime(action.starts_at), "SHORT_DATE_FORMAT"),
        }
        messages = []
        # One message per address; the links lead to the beat the address subscribed to.
        for subscription in group:
            beat = beats[subscription.beat_id]
            messages += _messages(
                [subscription],
                subject=subject,
                template="reports/email/action_announced.txt",
                context={
                    "action": action,
                    "beat": beat,
                    "area": action.area,
                    "partners": partners,
                    "beat_url": base_url + beat.get_absolute_url(),
                },
                base_url=base_url,
            )
        return messages

    return send(_in_their_languages(confirmed_subscriptions(beats), build))


# --- signals -------------------------------------------------------------------------------


def _loaded(instance, *names):
    """The fields' values as loaded, or UNKNOWN (a new instance or deferred fields)."""
    if instance.pk is None or any(name not in instance.__dict__ for name in names):
        return UNKNOWN
    return tuple(instance.__dict__[name] for name in names)


def _meeting_is_announced(status, is_public):
    return status == MeetingStatus.PLANNED and bool(is_public)


def _remember_meeting(sender, instance, **kwargs):
    setattr(instance, STATE_ATTRIBUTE, _loaded(instance, "status", "is_public"))


def _meeting_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, STATE_ATTRIBUTE, UNKNOWN)
    setattr(instance, STATE_ATTRIBUTE, (instance.status, instance.is_public))
    if not _meeting_is_announced(instance.status, instance.is_public):
        return
    if instance.held_at is None or instance.held_at < timezone.now():
        return
    newly = created or (before is not UNKNOWN and not _meeting_is_announced(*before))
    if newly:
        meeting_announced(instance)


def _remember_action(sender, instance, **kwargs):
    setattr(instance, STATE_ATTRIBUTE, _loaded(instance, "is_public"))


def _action_is_ahead(action):
    return action.ends_at is not None and action.ends_at >= timezone.now()


def _action_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, STATE_ATTRIBUTE, UNKNOWN)
    setattr(instance, STATE_ATTRIBUTE, (instance.is_public,))
    if not instance.is_public or not _action_is_ahead(instance):
        return
    if created or (before is not UNKNOWN and not before[0]):
        action_announced(instance)


def _action_beats_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A beat added to an already public action hears of it too."""
    if action != "post_add" or not pk_set:
        return
    if reverse:  # beat.joint_actions.add(...)
        if not isinstance(instance, Beat):
            return
        for joint_action in JointAction.objects.filter(
            pk__in=pk_set, is_public=True, ends_at__gte=timezone.now()
        ):
            action_announced(joint_action, beat_ids=[instance.pk])
        return
    if not instance.is_public or not _action_is_ahead(instance):
        return
    if getattr(instance, PENDING_ATTRIBUTE, False):
        return  # the announcement waiting for the commit reads all the beats then
    action_announced(instance, beat_ids=sorted(pk_set))


def connect():
    """Hook the announcements to the models' signals; call from ReportsConfig.ready()."""
    post_init.connect(_remember_meeting, sender=Meeting, dispatch_uid="reports.meeting.init")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="reports.meeting.saved")
    post_init.connect(_remember_action, sender=JointAction, dispatch_uid="reports.action.init")
    post_save.connect(_action_saved, sender=JointAction, dispatch_uid="reports.action.saved")
    m2m_changed.connect(
        _action_beats_changed,
        sender=JointAction.beats.through,
        dispatch_uid="reports.action.beats",
    )


def disconnect():
    post_init.disconnect(sender=Meeting, dispatch_uid="reports.meeting.init")
    post_save.disconnect(sender=Meeting, dispatch_uid="reports.meeting.saved")
    post_init.disconnect(sender=JointAction, dispatch_uid="reports.action.init")
    post_save.disconnect(sender=JointAction, dispatch_uid="reports.action.saved")
    m2m_changed.disconnect(sender=JointAction.beats.through, dispatch_uid="reports.action.beats")
