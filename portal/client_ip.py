"""The address of the client a request comes from, behind a reverse proxy or not.

Behind a proxy every request reaches the portal from the proxy's address (REMOTE_ADDR), and
the proxy passes the client's own address in a header (CLIENT_IP_HEADER: X-Real-IP as nginx
sets it, or X-Forwarded-For). That header is believed only on a request from one of
TRUSTED_PROXY_IPS: from anywhere else anyone could have written it, and the client is
REMOTE_ADDR itself. In X-Forwarded-For the client is the right-most address that is not a
trusted proxy: what stands left of it came from the client and may be anything.

    TRUSTED_PROXY_IPS = ["127.0.0.1"], CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    REMOTE_ADDR 127.0.0.1, X-Real-IP 203.0.113.7          → 203.0.113.7
    REMOTE_ADDR 198.51.100.2, X-Real-IP 203.0.113.7       → 198.51.100.2 (not the proxy)
    REMOTE_ADDR 127.0.0.1, X-Real-IP "garbage" or absent  → 127.0.0.1

The login lockout (django-axes: AXES_CLIENT_IP_CALLABLE) and the rate limits
(django-ratelimit: RATELIMIT_IP_META_KEY) both count by this address.
"""

import functools
import ipaddress

from django.conf import settings


@functools.cache
def _networks(trusted: tuple[str, ...]):
    return tuple(ipaddress.ip_network(value, strict=False) for value in trusted)


def _address(text: str):
    """The IP address written in `text` (an IPv4-mapped IPv6 one as IPv4), or None."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted_proxy(address) -> bool:
    networks = _networks(tuple(settings.TRUSTED_PROXY_IPS))
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's address: from the proxy's header on a request from a trusted proxy,
    REMOTE_ADDR otherwise."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(_address(remote)):
        return remote
    forwarded = request.META.get(settings.CLIENT_IP_HEADER, "")
    for text in reversed(forwarded.split(",")):
        address = _address(text)
        if address is None:
            break  # nothing, or not an address: the chain is not to be believed past here
        if not _is_trusted_proxy(address):
            return str(address)
    return remote
