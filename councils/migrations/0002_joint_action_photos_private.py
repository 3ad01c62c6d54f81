"""Joint actions' photos leave the public media folder for the private one.

They were served by the web server from MEDIA_URL under the uploader's file name; they
show people, so they are now served by the portal to those who may see the action. Each
existing photo is moved to PRIVATE_MEDIA_ROOT under a random name, encoded again without
its metadata (EXIF, GPS) when it is a sound image, as a new upload is. The old files are
deleted once the migration has committed. The reverse moves them back (random names kept).
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models, transaction

import portal.storage
from portal import images

FOLDER = "actions"


def _move(apps, source, target, *, clean):
    Photo = apps.get_model("councils", "JointActionPhoto")
    for photo in Photo.objects.exclude(image="").order_by("pk").iterator():
        old = photo.image.name
        if not source.exists(old):
            continue  # nothing left to move; the row keeps its name
        with source.open(old, "rb") as file:
            content = file.read()
        name = posixpath.basename(old)
        if clean:
            extension = posixpath.splitext(old)[1].lower().lstrip(".")[:8] or "bin"
            name = images.random_name(extension)
            try:
                cleaned = images.clean_image(ContentFile(content, name=old))
            except ValidationError:
                pass  # not an image Pillow reads: kept as it is, under the random name
            else:
                content, name = cleaned.read(), cleaned.name
        new = target.save(posixpath.join(FOLDER, name), ContentFile(content))
        Photo.objects.filter(pk=photo.pk).update(image=new)
        transaction.on_commit(lambda old=old: source.delete(old))


def to_private(apps, schema_editor):
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    _move(apps, public, portal.storage.private_storage(), clean=True)


def to_public(apps, schema_editor):
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    _move(apps, portal.storage.private_storage(), public, clean=False)


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0001_councils_partners_actions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jointactionphoto",
            name="image",
            field=models.ImageField(
                storage=portal.storage.private_storage, upload_to="actions/", verbose_name="photo"
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
