import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from redis.exceptions import RedisError
from rq import Queue, Worker

from core.tasks import redis_connection, worker_name

logger = logging.getLogger("core.tasks")


class Command(BaseCommand):
    """The task worker (core/tasks.py): runs the queue's jobs, one at a time, each in a process
    of its own (RQ forks one per job: a photo's few hundred MB go back with it), and the jobs
    whose retry time has come. SIGTERM (systemctl stop) lets the job at hand finish and then
    stops; a second SIGTERM, or SIGKILL after systemd's TimeoutStopSec, stops it at once.
    Run one per machine that has cores to spare; any number of them share a queue."""

    help = "Chạy tác vụ nền (ảnh thu nhỏ, đọc chữ trong PDF, gửi thư) từ hàng đợi Redis."

    def add_arguments(self, parser):
        parser.add_argument("--queue", default=None, help="tên hàng đợi (mặc định TASKS_QUEUE)")
        parser.add_argument("--burst", action="store_true", help="chạy hết việc đang chờ rồi dừng")

    def handle(self, *args, queue=None, burst=False, **options):
        if not settings.TASKS_REDIS_URL:
            raise CommandError("Chưa đặt REDIS_URL (hoặc TASKS_REDIS_URL): không có hàng đợi để chạy.")
        name = queue or settings.TASKS_QUEUE
        connection = redis_connection()  # no socket timeout: the worker waits on Redis by design
        try:
            connection.ping()
        except RedisError as error:
            raise CommandError(f"Không kết nối được Redis của hàng đợi: {error}") from None
        if settings.TASKS_SYNC:
            logger.warning("TASKS_SYNC=1 here: the web servers run their tasks themselves unless theirs says 0.")
        connections.close_all()  # each job's process opens its own
        worker = DjangoWorker([Queue(name, connection=connection)], connection=connection, name=worker_name(name))
        logger.info("Task worker %s: queue %r on %s", worker.name, name, _safe_url(settings.TASKS_REDIS_URL))
        worker.work(burst=burst, with_scheduler=True, logging_level=settings.LOGGING["root"]["level"])
        logger.info("Task worker %s stopped.", worker.name)


def _safe_url(url: str) -> str:
    """The Redis address without its password, for the log."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


class DjangoWorker(Worker):
    def perform_job(self, job, queue, *args, **kwargs):
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            connections.close_all()  # say goodbye to PostgreSQL before the job's process exits
