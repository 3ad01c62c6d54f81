"""Private uploads: files with personal data, kept under PRIVATE_MEDIA_ROOT, which the web
server never serves. Only the portal's views hand them out, after the access policy.

(The assistants' photos use `volunteers.storage`, the same place; their migrations name it.)
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read when used (so a changed setting applies), and
    with no URL: `url()` raises rather than link a file no web server serves."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    return PrivateStorage()
