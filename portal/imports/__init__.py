"""One import pipeline for every spreadsheet import of the portal.

Upload → dry run (every bad row reported with its row number and reasons, nothing
written) → apply (all or nothing), with progress, as Celery tasks with a time limit, which
the uploader may cancel. A file is measured against the IMPORT_MAX_* limits before it is
parsed and streamed within them (`portal.tabular`): the upload form refuses what the file
declares of itself, the task what its rows hold.

* `columns`  — a column per field: label, template header, accepted names, parser;
* `checker`  — the checker base: header mapped, rows checked, bad rows reported;
* `spec`     — `ImportSpec`, what an import declares: columns, checker, limits, write;
* `jobs`     — the uploaded file and the job's state, progress and cancel in the cache;
* `steps`    — the dry run and the apply as the tasks run them;
* `tasks`    — the Celery tasks and `start`, which queues them after the commit;
* `views`, `forms` — what the import pages share.

A new import is one more `ImportSpec` in the app that owns the records, with its views
(see `volunteers/services/registry_import.py` and `volunteers/views/registry.py`).
"""
