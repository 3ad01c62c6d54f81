"""Certificates, their PDF cards and the public verification page."""

from django.urls import path

from volunteers.views import certificates as views

urlpatterns = [
    path(
        "staff/register/assistants/<int:pk>/certificate/",
        views.certificate_issue,
        name="certificate-issue",
    ),
    path("staff/register/certificates/", views.CertificateList.as_view(), name="certificate-list"),
    path(
        "staff/register/certificates/print/",
        views.certificate_batch_pdf,
        name="certificate-batch-pdf",
    ),
    path(
        "staff/register/certificates/<int:pk>/",
        views.CertificateDetail.as_view(),
        name="certificate-detail",
    ),
    path(
        "staff/register/certificates/<int:pk>/card.pdf",
        views.certificate_pdf,
        name="certificate-pdf",
    ),
    path(
        "staff/register/certificates/<int:pk>/return/",
        views.certificate_return,
        name="certificate-return",
    ),
    path(
        "staff/register/certificates/<int:pk>/revoke/",
        views.certificate_revoke,
        name="certificate-revoke",
    ),
    # Public: reached by the QR code on the card. Any string is accepted and looked at.
]
