"""An anonymous answer to a beat's trust and satisfaction survey.

One row per answer, and nothing that points to the person: no IP address, no user agent,
no account, no cookie value, and the moment of the answer rounded down to the hour. The
optional comment is the resident's own words: it stays with the police of the beat and is
shown publicly only once they approve it (`comment_status`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models.base import BEAT_TERRITORY

# "Positive" trust: 4 or 5 on the 1–5 scale (see districts.trust_index).
POSITIVE_FROM = 4


class Trust(models.IntegerChoices):
    NONE = 1, _("I do not trust them at all")
    LITTLE = 2, _("I rather do not trust them")
    NEUTRAL = 3, _("Hard to say")
    MOSTLY = 4, _("I rather trust them")
    FULLY = 5, _("I fully trust them")


class Safety(models.IntegerChoices):
    UNSAFE = 1, _("Unsafe")
    RATHER_UNSAFE = 2, _("Rather unsafe")
    RATHER_SAFE = 3, _("Rather safe")
    SAFE = 4, _("Safe")


class KnowsInspector(models.IntegerChoices):
    NO = 0, _("No")
    NAME = 1, _("I know the name")
    MET = 2, _("Yes, I have met them")


class Satisfaction(models.IntegerChoices):
    NO_CONTACT = 0, _("I had no contact with the inspector")
    BAD = 1, _("Not satisfied")
    RATHER_BAD = 2, _("Rather not satisfied")
    RATHER_GOOD = 3, _("Rather satisfied")
    GOOD = 4, _("Satisfied")


class Problem(models.TextChoices):
    NONE = "none", _("No serious problems")
    THEFT = "theft", _("Theft and burglary")
    DRUNKENNESS = "drunkenness", _("Drinking in public places")
    DRUGS = "drugs", _("Drugs")
    FRAUD = "fraud", _("Fraud, including by phone and online")
    ROADS = "roads", _("Dangerous driving and parking")
    LIGHTING = "lighting", _("Dark yards and streets")
    NOISE = "noise", _("Noise and disorder at night")
    YOUTH = "youth", _("Teenagers' offences")
    DOMESTIC = "domestic", _("Violence in the family")
    OTHER = "other", _("Something else")


class CommentStatus(models.TextChoices):
    NEW = "new", _("Waiting for moderation")
    APPROVED = "approved", _("Approved for publication")
    REJECTED = "rejected", _("Not for publication")


class Source(models.TextChoices):
    """Where the resident came from: the link on the site, a notice's or a report's QR."""

    LINK = "link", _("A link")
    NOTICE = "notice", _("The QR code of a notice")
    REPORT = "report", _("The QR code of a report")


COMMENT_MAX_LENGTH = 500


class SurveyResponse(models.Model):
    territory_paths = BEAT_TERRITORY
    # Comments are read by the police of the beat only.
    view_action = "trust.moderate"

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("beat"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    # Rounded down to the hour: the exact second could be matched with a server's log.
    answered_at = models.DateTimeField(_("answered at"))
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(
        _("came from"), max_length=8, choices=Source.choices, default=Source.LINK
    )
    trust = models.PositiveSmallIntegerField(
        _("trust in the district inspector"), choices=Trust.choices
    )
    safety = models.PositiveSmallIntegerField(
        _("safety in the yard after dark"), choices=Safety.choices
    )
    knows_inspector = models.PositiveSmallIntegerField(
        _("knows who the inspector is"), choices=KnowsInspector.choices
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with the last contact"), choices=Satisfaction.choices
    )
    problem = models.CharField(
        _("the main problem of the beat"), max_length=16, choices=Problem.choices
    )
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    comment_status = models.CharField(
        _("comment status"),
        max_length=8,
        choices=CommentStatus.choices,
        default=CommentStatus.NEW,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-answered_at", "-pk"]
        indexes = [
            models.Index(fields=["beat", "year", "quarter"], name="trust_beat_quarter"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="trust_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=models.Q(trust__gte=1, trust__lte=5), name="trust_on_the_scale"
            ),
        ]

    def __str__(self):
        return f"{self.beat_id} {self.year}-Q{self.quarter} #{self.pk}"
