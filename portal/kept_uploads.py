"""Files uploaded with a form that failed on another field, kept for the next submit.

A browser never fills a file input again, so after a validation error the file the user
chose would be lost. Instead each valid file of a failed submit is kept in the cache
(private: no URL serves it, and it is gone after KEEP_SECONDS) under a random token and the
uploader's user id. The form carries only the token, in a hidden field of its POST body
(never in a URL), and the file field says "kept: <name>" with a box to drop it. The next
submit without a new file uses the kept file; a new file replaces it. Another user's
request finds nothing under the same token, since the key holds the owner.

The same pattern as the import pipeline's uploads (`portal/imports/jobs.py`): the cache is
Redis in production, shared by every web worker.

    files = kept_uploads.files(request)                 # request.FILES + kept files
    form = SomeForm(request.POST, files, ...)
    if form.is_valid(): ...; kept_uploads.forget(request, form)
    else: kept_uploads.keep(request, form)              # keeps the valid files, marks fields
"""

import re
import secrets
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

KEEP_SECONDS = 60 * 60
MAX_BYTES = 10 * 1024 * 1024  # larger files are refused by their fields anyway
KEPT_SUFFIX = "-kept"
REMOVE_SUFFIX = "-kept-remove"
TOKEN_PATTERN = re.compile(r"[\w-]{16,64}")


@dataclass(frozen=True)
class KeptFile:
    """What the file field shows: the kept file's name, its token and the removal box."""

    token: str
    name: str
    token_name: str
    remove_name: str
    remove_id: str


def _key(request, token):
    return f"kept-upload:{request.user.pk}:{token}"


def _usable(request, token):
    return request.user.is_authenticated and bool(token) and TOKEN_PATTERN.fullmatch(token)


def _load(request, token):
    return cache.get(_key(request, token)) if _usable(request, token) else None


def _discard(request, token):
    if _usable(request, token):
        cache.delete(_key(request, token))


def files(request):
    """request.FILES, plus the kept file of every file input the user left empty.

    A ticked removal box drops the kept file; a new file replaces it.
    """
    result = request.FILES.copy()
    for upload in result.values():
        upload.original_name = upload.name
    if not request.user.is_authenticated:
        return result
    for name, token in request.POST.items():
        if not name.endswith(KEPT_SUFFIX):
            continue
        field = name.removesuffix(KEPT_SUFFIX)
        if result.get(field) or request.POST.get(field + REMOVE_SUFFIX):
            _discard(request, token)
            continue
        kept = _load(request, token)
        if kept is None:
            continue  # expired, or someone else's
        upload = SimpleUploadedFile(kept["name"], kept["content"], kept["content_type"])
        upload.original_name = kept["name"]
        upload.kept_token = token
        result[field] = upload
    return result


def _file_fields(form):
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.FileInput):
            yield name, field


def keep(request, form):
    """After a failed submit: keep each file that passed its own field's checks, and tell
    the field to show it. A file its field refused is dropped."""
    if not request.user.is_authenticated or not form.is_bound:
        return
    for name, field in _file_fields(form):
        html_name = form.add_prefix(name)
        upload = form.files.get(html_name)
        token = getattr(upload, "kept_token", None)
        if not upload or name in form.errors or upload.size > MAX_BYTES:
            _discard(request, token)
            continue
        if token is None:
            token = secrets.token_urlsafe(24)
            upload.seek(0)
            content = upload.read()
            kept = {
                "name": getattr(upload, "original_name", upload.name)[:200],
                "content": content,
                "content_type": upload.content_type or "application/octet-stream",
            }
            cache.set(_key(request, token), kept, KEEP_SECONDS)
        else:
            cache.touch(_key(request, token), KEEP_SECONDS)
        field.widget.kept = KeptFile(
            token=token,
            name=getattr(upload, "original_name", upload.name),
            token_name=html_name + KEPT_SUFFIX,
            remove_name=html_name + REMOVE_SUFFIX,
            remove_id=f"id_{html_name}{REMOVE_SUFFIX}",
        )


def forget(request, form):
    """After a successful submit: the kept files have been used."""
    for name, _field in _file_fields(form):
        _discard(request, form.data.get(form.add_prefix(name) + KEPT_SUFFIX))
