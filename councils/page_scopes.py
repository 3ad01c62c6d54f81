"""Which cached public pages a change of an event or a council makes stale
(portal/page_cache.py), bumped after the commit whatever path wrote it (a form, the admin):

* a joint action (its time, place, partners, campaign, whether it is public) or the beats it
  covers: the public calendar and the pages of those beats;
* an open council session or its decisions: the calendar (a council serves an area, not a beat);
* a council and its members: the calendar and the pages that name the area's councils.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from councils.models import (
    Campaign,
    CouncilMember,
    CouncilSession,
    JointAction,
    PartnerOrganization,
    PublicCouncil,
    SessionDecision,
)
from districts.models import Beat
from portal import page_cache


def _bump_action(action_pk, beat_codes=None):
    if beat_codes is None:
        beat_codes = Beat.objects.filter(joint_actions=action_pk).values_list("code", flat=True)
    page_cache.bump_beats_on_commit(list(beat_codes))
    page_cache.bump_on_commit(page_cache.EVENTS)


@receiver(post_save, sender=JointAction)
def _action_saved(sender, instance, **kwargs):
    _bump_action(instance.pk)


@receiver(pre_delete, sender=JointAction)
def _action_deleted(sender, instance, **kwargs):
    _bump_action(instance.pk)  # before the beats it covered are unlinked


LINKS_CHANGED = ("post_add", "post_remove", "pre_clear")


@receiver(m2m_changed, sender=JointAction.beats.through)
def _action_beats_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in LINKS_CHANGED:
        return
    if reverse:  # beat.joint_actions changed: `instance` is the beat
        page_cache.bump_beats_on_commit([instance.code])
    elif action == "pre_clear":
        _bump_action(instance.pk)  # the beats still linked
    else:
        codes = Beat.objects.filter(pk__in=pk_set or ()).values_list("code", flat=True)
        page_cache.bump_beats_on_commit(list(codes))
    page_cache.bump_on_commit(page_cache.EVENTS)


def _bump_actions_of(**lookup):
    """The calendar and the pages of the beats of the actions that name a partner or a
    campaign (their names are shown with each action)."""
    codes = Beat.objects.filter(**lookup).values_list("code", flat=True).distinct()
    page_cache.bump_beats_on_commit(list(codes))
    page_cache.bump_on_commit(page_cache.EVENTS)


@receiver(m2m_changed, sender=JointAction.partners.through)
def _action_partners_changed(sender, instance, action, reverse, **kwargs):
    if action not in LINKS_CHANGED:
        return
    if reverse:  # partner.actions changed: `instance` is the partner
        _bump_actions_of(joint_actions__partners=instance)
    else:
        _bump_action(instance.pk)


@receiver(post_save, sender=PartnerOrganization)
@receiver(pre_delete, sender=PartnerOrganization)
def _partner_changed(sender, instance, **kwargs):
    _bump_actions_of(joint_actions__partners=instance)


@receiver(post_save, sender=Campaign)
@receiver(pre_delete, sender=Campaign)
def _campaign_changed(sender, instance, **kwargs):
    _bump_actions_of(joint_actions__campaign=instance)


@receiver(post_save, sender=CouncilSession)
@receiver(post_delete, sender=CouncilSession)
@receiver(post_save, sender=SessionDecision)  # a past session's page shows its decisions
@receiver(post_delete, sender=SessionDecision)
def _session_changed(sender, instance, **kwargs):
    page_cache.bump_on_commit(page_cache.EVENTS)


@receiver(post_save, sender=PublicCouncil)
@receiver(post_delete, sender=PublicCouncil)
@receiver(post_save, sender=CouncilMember)
@receiver(post_delete, sender=CouncilMember)
def _council_changed(sender, instance, **kwargs):
    page_cache.bump_on_commit(page_cache.EVENTS, page_cache.TERRITORY)
