"""Public assistants: applications, the register and the lifecycle steps."""

from django.urls import path

from volunteers.views import assistants as views
from volunteers.views import iin_lookup

BASE = "staff/register/assistants/"

urlpatterns = [
    path(BASE, views.AssistantList.as_view(), name="assistant-list"),
    path(f"{BASE}apply/", views.assistant_apply, name="assistant-apply"),
    path(f"{BASE}find-by-iin/", iin_lookup.find_by_iin, name="assistant-find-by-iin"),
    path(f"{BASE}<int:pk>/", views.assistant_detail, name="assistant-detail"),
    path(f"{BASE}<int:pk>/edit/", views.AssistantUpdate.as_view(), name="assistant-edit"),
    path(f"{BASE}<int:pk>/photo/", views.assistant_photo, name="assistant-photo"),
    path(f"{BASE}<int:pk>/petition/", views.assistant_petition, name="assistant-petition"),
    path(f"{BASE}<int:pk>/refuse/", views.assistant_refuse, name="assistant-refuse"),
    path(f"{BASE}<int:pk>/register/", views.assistant_register, name="assistant-register"),
    path(f"{BASE}<int:pk>/activate/", views.assistant_activate, name="assistant-activate"),
    path(f"{BASE}<int:pk>/suspend/", views.assistant_suspend, name="assistant-suspend"),
    path(f"{BASE}<int:pk>/resume/", views.assistant_resume, name="assistant-resume"),
    path(f"{BASE}<int:pk>/deregister/", views.assistant_deregister, name="assistant-deregister"),
]
