"""Work that should not hold a web worker (photo renditions, the text of PDFs, e-mail),
handed to `manage.py run_worker` through RQ on Redis.

    enqueue(send_notice, message.pk)

A task is a module-level function that takes ids and names, never objects (the row may
have changed, or be gone, by the time it runs), and may run more than once: a failure
is retried after TASKS_RETRY_INTERVALS seconds (10, 60, 300), each failure is logged
with the task's name, and the last one stays in RQ's failed registry.

Without a queue (no TASKS_REDIS_URL, or TASKS_SYNC=1: `make run`, the tests, a one-server
install that wants no worker) a task runs at once in the process that asked, and its
failure is logged the same way, never raised at the request that asked. Neither does a
queue that cannot take the task hold it up: with Redis unreachable, or no worker
listening on the queue, it runs here too, with a warning, rather than waiting for nobody.
"""

import logging
import os
import socket
import uuid

from django.conf import settings

logger = logging.getLogger(__name__)

# How long RQ keeps what it knows of a finished or failed job (seconds): enough for
# `rq info` and a look at the last failures, little memory.
RESULT_TTL = 60
FAILURE_TTL = 7 * 24 * 3600

# A web process asks Redis briefly: a Redis that is down costs a fraction of a second.
ENQUEUE_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
_connections = {}


def synchronous() -> bool:
    """Whether tasks run at once where they are asked for (no queue configured)."""
    return bool(settings.TASKS_SYNC or not settings.TASKS_REDIS_URL)


def task_name(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def enqueue(func, *args) -> None:
    """Run func(*args) in a task worker, or here and now without a queue (see above)."""
    if not synchronous():
        try:
            if _push(func, args):
                return
            logger.warning("No task worker listens on queue %r: %s runs here.", settings.TASKS_QUEUE, task_name(func))
        except OSError as error:  # redis-py's ConnectionError and TimeoutError are OSErrors too
            logger.warning("Task queue unreachable (%s): %s runs here.", error, task_name(func))
    run_now(func, *args)


def run_now(func, *args) -> None:
    try:
        func(*args)
    except Exception as error:
        logger.error("Task %s%r failed (%s: %s).", task_name(func), args, type(error).__name__, error)


def _push(func, args: tuple) -> bool:
    """Put the job on the queue; False (and nothing queued) if no worker listens on it."""
    from redis.exceptions import RedisError
    from rq import Callback, Queue, Retry, Worker

    try:
        connection = redis_connection(ENQUEUE_TIMEOUTS)
        queue = Queue(settings.TASKS_QUEUE, connection=connection)
        if not Worker.count(queue=queue):
            return False
        queue.enqueue_call(
            func,
            args=args,
            # The queue's name in the job's id: `rq:job:<queue>-…`, so that a test run removes its own keys.
            job_id=f"{queue.name}-{uuid.uuid4().hex}",
            retry=Retry(max=len(settings.TASKS_RETRY_INTERVALS), interval=settings.TASKS_RETRY_INTERVALS),
            on_failure=Callback(log_failure),
            result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL,
        )
    except RedisError as error:
        raise OSError(str(error)) from error
    return True


def redis_connection(options: dict | None = None):
    """One client per process and set of options (redis-py makes a new pool after a fork)."""
    import redis

    key = tuple(sorted((options or {}).items()))
    if key not in _connections:
        _connections[key] = redis.Redis.from_url(settings.TASKS_REDIS_URL, **(options or {}))
    return _connections[key]


def log_failure(job, connection, exc_type, exc_value, traceback) -> None:
    """RQ's failure callback, in the worker: one line per failed try, naming the task."""
    name, error = job.func_name, f"{exc_type.__name__}: {exc_value}"
    if job.retries_left:
        intervals = settings.TASKS_RETRY_INTERVALS
        wait = intervals[min(len(intervals) - job.retries_left, len(intervals) - 1)]
        logger.warning("Task %s%r failed (%s); retried in %s s, %s tries left.", name, job.args, error, wait,
                       job.retries_left)  # fmt: skip
    else:
        logger.error("Task %s%r failed (%s) and is given up: see `rq info` / the failed jobs.", name, job.args, error)


def worker_name(queue: str) -> str:
    return f"{queue}-{socket.gethostname()}-{os.getpid()}"
