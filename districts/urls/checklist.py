"""The Appendix B checklist."""

from django.urls import path

from districts.views import checklist

urlpatterns = [
    path("staff/checklist/", checklist.checklist_page, name="checklist"),
    path("staff/checklist/tick/", checklist.checklist_tick, name="checklist-tick"),
    path("staff/checklist/untick/", checklist.checklist_untick, name="checklist-untick"),
]
