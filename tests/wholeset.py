"""The whole scale-out set of deploy/ on this one machine, for tests/deploy/test_whole_set.py
and bench/whole_set.py: nginx with the shipped locations in front of two app servers
(gunicorn), a task worker (`manage.py run_worker`), a PostgreSQL primary behind pgbouncer
(transaction mode, deploy/pgbouncer.ini) with a streaming replica for readers, a Redis
of its own, and an S3-protocol server (moto) holding every upload.

Every piece is a process of the set's own on a free port of 127.0.0.1 and is gone afterwards;
the portal is configured only through its environment, as /etc/huyenuy.env would.
"""

import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.live import ROOT, STARTUP_SECONDS, gunicorn, nginx, redis_server
from tests.pgservers import ADMIN, SECRET_KEY, Cluster, create_database, manage, pgbouncer, primary_and_replica
from tests.storage.conftest import KEYS, Bucket, s3_server


@dataclasses.dataclass
class WholeSet:
    front: str  # nginx: where readers and editors come in
    app_servers: list[str]
    primary: Cluster
    replica: Cluster
    database: str
    bucket: Bucket  # the S3 server's bucket holding every upload
    worker_log: Path
    env: dict

    @property
    def media_url(self) -> str:
        """Where pages link photos: the bucket's own address."""
        return f"{self.bucket.endpoint}/{self.bucket.name}/"

    def objects(self) -> set[str]:
        return self.bucket.objects()

    def reads(self, cluster: Cluster) -> int:
        """Transactions the portal's database has run on `cluster` so far."""
        sql = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
        cluster.query("SELECT pg_stat_clear_snapshot()")
        return cluster.query(sql, (self.database,))[0][0]


@contextlib.contextmanager
def worker(env: dict, log: Path):
    """`manage.py run_worker`, as deploy/huyenuy-worker.service runs it; stopped by SIGTERM."""
    import redis
    from rq import Queue, Worker

    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    connection = redis.Redis.from_url(env["REDIS_URL"])
    queue = Queue(env["TASKS_QUEUE"], connection=connection)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not Worker.count(queue=queue):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the task worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.1)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def whole_set(static_root: Path, *, app_servers: int = 2, workers_per_server: int = 2, **extra_env):
    """Start the whole set with the demo content and an administrator (tests.pgservers.ADMIN);
    yield a WholeSet."""
    with (
        tempfile.TemporaryDirectory(prefix="huyenuy-set-") as tmp,
        primary_and_replica() as (primary, replica),
        redis_server() as redis,
        s3_server() as endpoint,
    ):
        folder = Path(tmp)
        folder.chmod(0o755)
        bucket = Bucket(endpoint)  # with deploy/s3-bucket-policy.json
        database = "huyenuy"
        direct_url = create_database(primary, database)
        common = {
            **KEYS,
            "STORAGE_URL": bucket.storage_url,
            "REDIS_URL": redis.url,
            "TASKS_QUEUE": "huyenuy",
            "TASKS_RETRY_INTERVALS": "1,1,1",
        }
        # The tables, the demo's articles and photos (into the bucket) and an administrator.
        empty_media = folder / "media"  # every server's MEDIA_ROOT: never written with STORAGE_URL
        manage(direct_url, "migrate", "--noinput", media_root=empty_media, **common, TASKS_SYNC="1")
        manage(direct_url, "load_demo", media_root=empty_media, **common, TASKS_SYNC="1")
        manage(
            direct_url, "createsuperuser", "--noinput", "--username", ADMIN[0], "--email", "qt@example.vn",
            media_root=empty_media, **common, DJANGO_SUPERUSER_PASSWORD=ADMIN[1],
        )  # fmt: skip
        with pgbouncer(primary, database, pool_mode="transaction") as pooled_url:
            env = {
                "PATH": os.environ["PATH"],
                "HOME": os.environ.get("HOME", "/tmp"),
                **common,
                "DEBUG": "0",
                "SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": "127.0.0.1,portal.test",
                "SECURE_SSL_REDIRECT": "0",
                "BEHIND_PROXY": "0",
                "TRUSTED_PROXY_COUNT": "1",
                "STATIC_ROOT": str(static_root),
                "MEDIA_ROOT": str(empty_media),
                "DATABASE_URL": pooled_url,
                "DB_CONN_MAX_AGE": "0",
                "DB_PREPARED_STATEMENTS": "0",  # pgbouncer 1.18 in transaction mode
                "DATABASE_REPLICA_URL": replica.url(database),
                "ADMIN_REQUIRE_2FA": "0",
                "RATING_VOTES_PER_IP_PER_HOUR": "100000",
                **extra_env,
            }
            servers = []
            with contextlib.ExitStack() as stack:
                for number in range(app_servers):
                    server_env = {**env, "IMAGE_JOB_LOCK_DIR": str(folder / f"locks-{number}")}
                    servers.append(stack.enter_context(gunicorn(server_env, workers=workers_per_server)))
                worker_log = folder / "worker.log"
                stack.enter_context(worker(env, worker_log))
                front = stack.enter_context(nginx(servers, media=empty_media))
                yield WholeSet(front, servers, primary, replica, database, bucket, worker_log, env)
