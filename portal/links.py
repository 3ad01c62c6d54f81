"""Links to other parts of the portal that may not be installed, or not open to the user."""

from django.urls import NoReverseMatch, resolve, reverse

from portal import policy


def reverse_or_none(name, *args, **kwargs):
    """The URL of a named page, or None while that part of the portal is not installed."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def link_for(user, name, *args):
    """The URL of a named page when it exists and its declared rule admits the user."""
    url = reverse_or_none(name, *args)
    if url is None:
        return None
    rule = policy.rule_of(resolve(url).func)
    return url if rule is not None and rule.allows(user) else None
