"""Every URL pattern of the portal with its declared access rule, for the tests that walk
them all (the access matrix, malformed query parameters)."""

from django.urls import URLPattern, URLResolver, get_resolver

from portal import policy

# Views that only answer POST; GET must still be refused or redirected, never served.
POST_ONLY = {"logout", "set_language"}
# Admin pages walked in the admin namespace (the admin declares its own access via is_staff).
ADMIN_PAGE_SUFFIXES = ("index", "_changelist")


def walk(patterns=None, namespace=None):
    """Yield (full url name, pattern, declared rule) for every pattern of the URLconf.

    Namespaces listed in policy.NAMESPACE_RULES (the admin) yield their named pages only.
    """
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and namespace not in policy.NAMESPACE_RULES:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, entry, policy.rule_of(entry.callback)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}", entry, policy.NAMESPACE_RULES[namespace]
