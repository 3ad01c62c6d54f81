"""Effectiveness indicators of inspectors, the akim's yearly view and the targets."""

from django.urls import path

from reports.views import indicators as views

urlpatterns = [
    path("staff/reports/indicators/", views.indicator_page, name="indicators"),
    path("staff/reports/indicators/year/", views.year_page, name="indicators-year"),
    path("staff/reports/indicators/year/pdf/", views.year_pdf, name="indicators-year-pdf"),
    path("staff/reports/indicators/targets/", views.target_page, name="indicator-targets"),
]
