"""Readers' pages from a streaming replica, everything else from the primary.

Installed only with DATABASE_REPLICA_URL (huyenuy/settings/data.py; README "Scaling out").
Reads go to the primary unless ReplicaMiddleware says otherwise, so management
commands, imports, the task worker, the shell and the tests never read a replica.
The middleware opens the replica to a request only when it is a reader's GET or
HEAD of a public page (not STAFF/PRIVATE_URL_PREFIXES: the admin, votes and their
"cua-ban" answer, /healthz), without a session or a message cookie, and when
nothing was written anywhere in the last DB_REPLICA_AFTER_WRITE_SECONDS.

That last rule is how the same request chain reads its own writes, without a
cookie: every write through the ORM, on any app server or in any command, sets a
short-lived key in the shared cache (the "fence"), and while it is there pages are
made from the primary. A cookie pinning the writer alone would not do here: a vote
clears its article's cached page, and the next reader to make it afresh from a
replica a few milliseconds behind would store the old totals in the page cache
for every reader, the voter included, for PAGE_CACHE_SECONDS. A replica that lags
longer than the fence means pages that much behind (README).

A replica that does not answer costs one short connection attempt: the process
then leaves it alone for DB_REPLICA_RETRY_SECONDS and reads the primary. One that
fails in the middle of a page has the page made again from the primary.
"""

import contextvars
import logging
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

from pagecache.store import CACHE_ERRORS

from . import compat
from .middleware import DATABASE_ERRORS

logger = logging.getLogger(__name__)

REPLICA = "replica"
FENCE_KEY = "dbrouter:recent-write"
# Requests carrying these belong to an editor (session) or a reader just back from a
# form without JavaScript (message): they see what they did, from the primary.
PERSONAL_COOKIES = ("sessionid", "messages")

_reads_replica = contextvars.ContextVar("reads_replica", default=False)
# In a request: whether it has set the fence yet (once per request). Elsewhere (commands): None.
_request_fenced = contextvars.ContextVar("request_fenced", default=None)


class _ReplicaHealth:
    """This process's memory of a replica that failed: not asked again until `retry_at`."""

    def __init__(self):
        self.retry_at = 0.0

    def usable(self) -> bool:
        if time.monotonic() < self.retry_at:
            return False
        replica = connections[REPLICA]
        try:
            # Django checks a kept connection once per request, before its first query;
            # done here, a dead one is found while the primary can still take the query.
            compat.drop_broken_connection(replica)
            replica.ensure_connection()
        except DATABASE_ERRORS as error:
            self.failed(error)
            return False
        if self.retry_at:
            self.retry_at = 0.0
            logger.warning("Read replica answers again: readers' pages read it [process %s]", os.getpid())
        return True

    def failed(self, error: Exception) -> None:
        if not self.retry_at:
            logger.warning(
                "Read replica unreachable (%s): pages read the primary [process %s]", type(error).__name__, os.getpid()
            )
        self.retry_at = time.monotonic() + settings.DB_REPLICA_RETRY_SECONDS
        connections[REPLICA].close()


health = _ReplicaHealth()
_next_fence = 0.0


def _fence() -> None:
    """Readers' pages come from the primary for the next DB_REPLICA_AFTER_WRITE_SECONDS.
    Set by a request's first write; outside requests (an import's thousands of rows) at
    most once a second, so there it outlasts the last write by that many seconds less one."""
    global _next_fence
    fenced = _request_fenced.get()
    if fenced is not None:
        if fenced[0]:
            return
        fenced[0] = True
    else:
        now = time.monotonic()
        if now < _next_fence:
            return
        _next_fence = now + 1
    try:
        caches["default"].set(FENCE_KEY, 1, timeout=max(1, settings.DB_REPLICA_AFTER_WRITE_SECONDS))
    except CACHE_ERRORS:
        _next_fence = 0.0  # not recorded: readers cannot read the fence either, so they read the primary


def recently_written() -> bool:
    try:
        return caches["default"].get(FENCE_KEY) is not None
    except CACHE_ERRORS:
        return True  # a recent write cannot be ruled out


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block and health.usable():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        _fence()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database and its copy

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica replays the primary's migrations


def reads_replica(request) -> bool:
    """Whether this request may read the replica: a reader's page, nothing written lately."""
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(settings.PRIVATE_URL_PREFIXES):
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    return not recently_written()


class ReplicaMiddleware:
    """Opens the replica to readers' pages (reads_replica); right below PageCacheMiddleware,
    so hits never get here. A page that failed because the replica went away mid-way (503
    from DatabaseUnavailableMiddleware) is made once more from the primary: a GET can be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fenced = _request_fenced.set([False])
        try:
            return self._respond(request)
        finally:
            _request_fenced.reset(fenced)

    def _respond(self, request):
        if not reads_replica(request):
            return self.get_response(request)
        failed = []
        token = _reads_replica.set(True)
        try:
            with connections[REPLICA].execute_wrapper(_watch(failed)):
                response = self.get_response(request)
        finally:
            _reads_replica.reset(token)
        if response.status_code == 503 and failed:
            health.failed(failed[0])
            response = self.get_response(request)
        return response


def _watch(failed: list):
    def watching(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except DATABASE_ERRORS as error:
            failed.append(error)
            raise

    return watching
