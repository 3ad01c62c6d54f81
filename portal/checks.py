"""Deployment checks of the portal's own settings, run by `manage.py check --deploy`.

* portal.E001: production (DEBUG off) with a cache local to each process (locmem) or none
  (dummy): the rate limits would count per process and forget at each restart, and uploads
  kept between requests would be lost between workers.
* portal.E002: behind a TLS proxy (BEHIND_TLS_PROXY) without TRUSTED_PROXY_IPS: every client
  would have the proxy's address, so five wrong passwords from anywhere would lock a user out
  for everyone, and one visitor would use up the whole city's rate limits.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_CACHES = ("LocMemCache", "DummyCache")


@register(Tags.caches, Tags.security, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith(LOCAL_CACHES):
        return []
    return [
        Error(
            f"The cache ({backend}) is not shared between the portal's processes.",
            hint="Set CACHE_URL to Redis, e.g. redis://127.0.0.1:6379/1.",
            id="portal.E001",
        )
    ]


@register(Tags.security, deploy=True)
def proxy_named_behind_tls(app_configs, **kwargs):
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or settings.TRUSTED_PROXY_IPS:
        return []
    return [
        Error(
            "Behind a TLS proxy (BEHIND_TLS_PROXY) but TRUSTED_PROXY_IPS names no proxy: "
            "every client would have the proxy's address in the login lockout and the "
            "rate limits.",
            hint="Set TRUSTED_PROXY_IPS to the proxy's address (e.g. 127.0.0.1) and "
            "CLIENT_IP_HEADER to the header it sets (X-Real-IP).",
            id="portal.E002",
        )
    ]
