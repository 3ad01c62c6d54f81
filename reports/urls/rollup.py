"""The area roll-up for the akim and the department head."""

from django.urls import path

from reports.views import rollup as views

urlpatterns = [
    path("staff/reports/rollup/", views.area_rollup, name="area-rollup"),
    path("staff/reports/rollup/pdf/", views.area_rollup_pdf, name="area-rollup-pdf"),
    path("staff/reports/rollup/xlsx/", views.area_rollup_xlsx, name="area-rollup-xlsx"),
]
