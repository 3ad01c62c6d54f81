"""The read-only open-data API under /api/v1/ (namespace "api-v1").

django-ninja builds the URL patterns (the OpenAPI document, the operations and its root);
each callback is wrapped here so that it declares the public access rule, runs outside a
request transaction and sends `Cache-Control: public, max-age=300`.
"""

from django.urls import include, path

from api.endpoints import api, public_endpoint


def _declared_public(patterns):
    for pattern in patterns:
        pattern.callback = public_endpoint(pattern.callback)
    return patterns


_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    path("api/v1/", include((_declared_public(_patterns), _app_name), namespace=_namespace)),
]
