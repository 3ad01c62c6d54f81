"""The Celery application: long work (the imports, e-mail to staff) runs as tasks, with Redis
as the broker.

Production starts workers with `celery -A portal worker --loglevel=INFO` and one scheduler
of the periodic tasks (CELERY_BEAT_SCHEDULE) with `celery -A portal beat`. Without
CELERY_BROKER_URL (`make run`, the tests) every task runs eagerly: in the process that
sends it, at once. Settings: the CELERY_* names in portal/settings.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # the tasks.py of every installed app
app.autodiscover_tasks(["portal.imports", "portal.file_jobs"])
