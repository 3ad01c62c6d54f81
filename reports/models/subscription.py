"""A resident's e-mail subscription to a beat: double opt-in, one-click unsubscribe."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    beat = models.ForeignKey(
        "districts.Beat", on_delete=models.CASCADE, related_name="subscriptions"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The language the resident subscribed in: every message to them is written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["beat", "email"], name="subscription_once_per_beat")
        ]

    def __str__(self):
        return f"{self.email} → {self.beat}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
