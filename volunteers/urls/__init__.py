"""URLs of the Law No. 590 register and of volunteers; each part has its own module."""

from volunteers.urls import (
    activity,
    assistants,
    certificates,
    join,
    registry,
    start,
    volunteer_groups,
)

urlpatterns = [
    *start.urlpatterns,
    *assistants.urlpatterns,
    *certificates.urlpatterns,
    *activity.urlpatterns,
    *registry.urlpatterns,
    *volunteer_groups.urlpatterns,
    *join.urlpatterns,
]
