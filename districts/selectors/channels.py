"""How residents reach a beat's inspector: what the beat page and its notice PDF show
(`templates/districts/_beat_channels.html`; the open-data API gives the same fields).

`beat_channels(beat)` gathers the inspector's reception hours beside the police point's,
the region's trust phone and the beat's active messenger groups, each with its QR code.
Everything in it is public by nature: work contacts and links, never a resident's data.

Queries: one for the groups, plus whatever of the beat's police point, department, area and
region and inspector was not loaded with the beat (`CHANNELS_RELATED` loads them in one).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from districts.models import Beat, MessengerGroup
from portal.qr import qr_data_uri, qr_svg

# What a beat should be read with for `beat_channels` to add one query only.
CHANNELS_RELATED = ("police_point__department__area__region", "inspector")


@dataclass(frozen=True)
class ChannelGroup:
    """One messenger group as residents see it."""

    label: str
    platform: str
    platform_label: str
    url: str

    @cached_property
    def qr_svg(self):
        """Inline SVG for the web page (no request leaves the page)."""
        title = _("QR code of the group %(label)s") % {"label": self.label}
        return qr_svg(self.url, title=str(title))

    @cached_property
    def qr_data_uri(self):
        """An SVG data: URI for a PDF (the PDF renderer fetches nothing else)."""
        return qr_data_uri(self.url)


@dataclass(frozen=True)
class BeatChannels:
    beat: Beat
    inspector_name: str
    inspector_phone: str
    inspector_hours: str
    point_name: str
    point_address: str
    point_phone: str
    point_hours: str
    trust_phone: str
    groups: tuple[ChannelGroup, ...] = field(default_factory=tuple)

    @property
    def has_any(self):
        return bool(self.inspector_hours or self.point_hours or self.trust_phone or self.groups)


def active_groups(beat_ids):
    """The active groups of the beats, in the order the inspector entered them."""
    return MessengerGroup.objects.filter(beat_id__in=beat_ids, is_active=True).order_by("pk")


def channel_group(group: MessengerGroup) -> ChannelGroup:
    return ChannelGroup(
        label=group.label,
        platform=group.platform,
        platform_label=str(group.get_platform_display()),
        url=group.url,
    )


def beat_channels(beat: Beat) -> BeatChannels:
    """The beat's ways to reach its inspector, in the active language."""
    point = beat.police_point
    region = point.department.area.region
    inspector = beat.inspector
    groups = tuple(channel_group(g) for g in active_groups([beat.pk]))
    return BeatChannels(
        beat=beat,
        inspector_name=inspector.display_name if inspector else "",
        inspector_phone=(inspector.work_phone or "") if inspector else "",
        inspector_hours=beat.reception_hours or "",
        point_name=point.name,
        point_address=point.address,
        point_phone=point.phone,
        point_hours=point.reception_hours,
        trust_phone=region.trust_phone,
        groups=groups,
    )
