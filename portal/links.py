"""Links offered only to those who may follow them."""

from django.urls import resolve, reverse

from portal import policy


def link_for(user, name, *args):
    """The URL of a named page when the page's declared rule admits the user, else None."""
    url = reverse(name, args=args or None)
    return url if policy.rule_of(resolve(url).func).allows(user) else None
