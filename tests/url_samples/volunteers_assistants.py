"""Samples for the assistants' register: an assistant of world.beat (in every reader's scope)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import AssistantFactory
from tests.uploads import png_bytes


def assistant(world):
    return {"pk": AssistantFactory(beat=world.beat).pk}


def assistant_with_photo(world):
    photo = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    return {"pk": AssistantFactory(beat=world.beat, photo=photo).pk}


SAMPLES = {
    "assistant-detail": assistant,
    "assistant-edit": assistant,
    "assistant-photo": assistant_with_photo,
    **dict.fromkeys(
        [
            "assistant-petition",
            "assistant-refuse",
            "assistant-register",
            "assistant-activate",
            "assistant-suspend",
            "assistant-resume",
            "assistant-deregister",
        ],
        assistant,
    ),
}
