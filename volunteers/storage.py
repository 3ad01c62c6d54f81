"""Photos of assistants are personal data: kept outside MEDIA_ROOT, never served by the web
server, only through the portal's guarded view (and embedded in the certificate PDF)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
