from django.conf import settings


def navigation(request):
    """What the page frame needs: the languages to offer and the user's start page."""
    from portal.views import start_page_for

    user = getattr(request, "user", None)
    return {
        "LANGUAGES_OFFERED": settings.LANGUAGES,
        "start_page": start_page_for(user) if user and user.is_authenticated else None,
    }
