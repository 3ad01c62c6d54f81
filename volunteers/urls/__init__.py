"""URLs of the Law No. 590 register and of volunteers; each part has its own module."""

from volunteers.urls import activity, assistants, certificates, registry, volunteer_groups

urlpatterns = [
    *assistants.urlpatterns,
    *certificates.urlpatterns,
    *activity.urlpatterns,
    *registry.urlpatterns,
    *volunteer_groups.urlpatterns,
]
