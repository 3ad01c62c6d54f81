"""Which cached public pages a change of the territory or of a beat's records makes stale.

The public pages are cached whole under versioned scopes (portal/page_cache.py); this module
bumps them after the commit of any write, by whatever path (a form, a service, the admin):

* a beat, its streets, messenger groups, reception hours or inspector assignment, the
  proposals and comments shown on its page, its meetings: that beat's page (and the beat
  lists of the API); a meeting changes the public calendar too;
* the inspector's own card (name, rank, phone, photo): the pages of the inspector's beats;
* regions, areas, departments and police points: every page that names them.

Bulk writes (`bulk_create`, `update`) send no signals: whoever uses them on these models bumps
the scopes itself.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from districts.models import (
    Area,
    Beat,
    BeatStreet,
    Meeting,
    MessengerGroup,
    PoliceDepartment,
    PolicePoint,
    Proposal,
    Region,
    SurveyResponse,
)
from districts.models.survey import CommentStatus
from portal import page_cache

# Saving only these fields of a user changes nothing on a public page (a sign-in, say).
PRIVATE_USER_FIELDS = frozenset({"last_login", "password"})


def _code_of(record) -> str | None:
    """The code of the record's beat, without a query when the beat is loaded."""
    beat = record._meta.get_field("beat").get_cached_value(record, default=None)
    if beat is not None and beat.pk == record.beat_id:
        return beat.code
    return Beat.objects.filter(pk=record.beat_id).values_list("code", flat=True).first()


def _codes_of(record) -> list:
    """The code of the record's beat, and of the beat it was moved from (see below)."""
    codes = [_code_of(record)]
    former = getattr(record, "_page_cache_former_beat", None)
    if former is not None and former != record.beat_id:
        codes.append(Beat.objects.filter(pk=former).values_list("code", flat=True).first())
    return codes


BEAT_RECORDS = (BeatStreet, MessengerGroup, Proposal, SurveyResponse, Meeting)


def _remember_former_beat(sender, instance, raw=False, **kwargs):
    # A record moved to another beat leaves the page of the beat it left stale too.
    if instance.pk is not None and not raw:
        former = sender.objects.filter(pk=instance.pk).values_list("beat", flat=True).first()
        instance._page_cache_former_beat = former


for _model in BEAT_RECORDS:
    pre_save.connect(_remember_former_beat, sender=_model, dispatch_uid=f"page-beat-{_model}")


def bump_beat_pages(*codes):
    page_cache.bump_beats_on_commit(codes)


@receiver(pre_save, sender=Beat)
def _remember_old_code(sender, instance, raw=False, **kwargs):
    # A new code leaves the page at the old address stale too.
    if instance.pk is not None and not raw:
        old = Beat.objects.filter(pk=instance.pk).values_list("code", flat=True).first()
        instance._page_cache_old_code = old


@receiver(post_save, sender=Beat)
@receiver(post_delete, sender=Beat)
def _beat_changed(sender, instance, **kwargs):
    bump_beat_pages(instance.code, getattr(instance, "_page_cache_old_code", None))


@receiver(post_save, sender=BeatStreet)
@receiver(post_delete, sender=BeatStreet)
@receiver(post_save, sender=MessengerGroup)
@receiver(post_delete, sender=MessengerGroup)
def _beat_record_changed(sender, instance, **kwargs):
    bump_beat_pages(*_codes_of(instance))


@receiver(post_save, sender=Proposal)
@receiver(post_delete, sender=Proposal)
def _proposal_changed(sender, instance, **kwargs):
    # A past meeting's public page counts the proposals raised at it.
    bump_beat_pages(*_codes_of(instance))
    page_cache.bump_on_commit(page_cache.EVENTS)


@receiver(post_save, sender=SurveyResponse)
@receiver(post_delete, sender=SurveyResponse)
def _survey_response_changed(sender, instance, created=False, **kwargs):
    # A new answer waits for moderation (and the index shows completed quarters only): only
    # a moderated or removed comment changes the beat's page.
    if not created or instance.comment_status == CommentStatus.APPROVED:
        bump_beat_pages(*_codes_of(instance))


@receiver(post_save, sender=Meeting)
@receiver(post_delete, sender=Meeting)
def _meeting_changed(sender, instance, **kwargs):
    bump_beat_pages(*_codes_of(instance))
    page_cache.bump_on_commit(page_cache.EVENTS)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _inspector_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= PRIVATE_USER_FIELDS:
        return
    codes = Beat.objects.filter(inspector_id=instance.pk).values_list("code", flat=True)
    bump_beat_pages(*codes)


@receiver(post_save, sender=Region)
@receiver(post_delete, sender=Region)
@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=PoliceDepartment)
@receiver(post_delete, sender=PoliceDepartment)
@receiver(post_save, sender=PolicePoint)
@receiver(post_delete, sender=PolicePoint)
def _territory_changed(sender, instance, **kwargs):
    page_cache.bump_on_commit(page_cache.TERRITORY)
