"""A published revision makes its beat's cached page stale (portal/page_cache.py); report
pages and the API read the global "published" version, which publishing bumps itself
(reports.services.publishing)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from districts.models import Beat
from portal import page_cache
from reports.models import ReportRevision


@receiver(post_save, sender=ReportRevision)
def _revision_published(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        codes = Beat.objects.filter(reports=instance.report_id).values_list("code", flat=True)
        page_cache.bump_beats_on_commit(list(codes))
