from django.urls import path

from portal.file_jobs import views

urlpatterns = [
    path("staff/files/<str:job>/", views.file_job, name="file-job"),
    path("staff/files/<str:job>/progress/", views.file_job_progress, name="file-job-progress"),
    path("staff/files/<str:job>/download/", views.file_job_download, name="file-job-download"),
]
