"""``manage.py herald_worker``: run tasks in a process of its own, with Herald's leases.

The options are django-tasks-db's ``db_worker``'s (which still works, without leases), with
Herald's defaults: every queue, and ``HERALD_WORKER_INTERVAL`` between polls. The lease,
heartbeat, attempts and backoff come from the ``HERALD_TASK_*`` settings (worker/leases.py).
A database error does not end the process: the worker starts again after a growing pause, as
the embedded one does. SIGTERM or Ctrl-C lets the running task finish, then stops; a second one
stops at once and hands the task back to the queue.
"""

import os

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from worker.leases import HeraldWorker, worker_id_default
from worker.services import Supervised


class Command(DatabaseWorkerCommand):
    help = (
        "Run Herald's task worker: a task whose worker dies is run again once its lease "
        "expires, and a failing task is retried with growing pauses before it is failed."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(
            queue_name="*", interval=settings.HERALD_WORKER_INTERVAL, worker_id=None, reload=False
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = HeraldWorker(
            worker_id=worker_id or worker_id_default(),
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
        )
        supervised = Supervised("herald-worker", worker.run)
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child that runs the tasks
            run_with_reloader(supervised.run)
        else:
            worker.configure_signals()
            supervised.run()
