"""Files made off the request: roll-up PDFs and other long exports, as Celery tasks.

A view asks for a file with `file_jobs.start(user, maker, params)`; the task calls the
maker (a function marked with `@file_maker`, owned by the app whose file it is), which
reports its progress and returns the file. The job's state, its progress and the finished
file live in the cache (Redis in production, which every worker and app server shares) for
FILE_JOB_TTL seconds, under the asker's primary key: only the user who asked finds the job
or downloads the file (portal/file_jobs/views.py).

Without a broker (`make run`, the tests) the task runs at once inside `start`, so the view
can answer with the file itself, as before; with workers the user is sent to the job's page,
which polls its progress (static/js/import-progress.js) and offers the file when it is done.
Transient failures (the database or the cache out of reach) are retried with backoff; the
soft time limit ends the job with a translated reason, the hard one kills the task.
"""
