"""The page cache's tag versions, mirrored in each process and kept exact by Redis.

A cached page is served only after checking that the versions of what it shows
are still the current ones (pagecache/store.py). Asking Redis on every hit is
a network round trip, most of what a hit costs. So each process keeps the
versions it has read, and Redis tells it the moment one changes: the process
holds one connection with `CLIENT TRACKING ... BCAST PREFIX <version keys>`,
redirected to itself and subscribed to `__redis__:invalidate`. Redis queues that
message before it answers the write, so by the time anyone has seen the change
(an editor's save returned, a vote answered) the message is waiting on this
connection; every read drains the connection first, so a changed version is
never served from the mirror.

A copy is also trusted for at most TRUST_SECONDS, so even a connection that
died without a word could not keep a page stale for longer than that. When the
connection is down the mirror steps aside and every read goes to Redis, as
before; it reconnects a few seconds later (a Redis that does not answer then is
the caller's error: its breaker leaves Redis alone for a while).

Other cache backends (file, locmem) are read directly: they are local anyway.
"""

import contextlib
import os
import threading
import time

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .compat import redis_connection_kwargs, redis_primary_pool

INVALIDATE_CHANNEL = "__redis__:invalidate"


class VersionMirror:
    TRUST_SECONDS = 1.0
    RETRY_SECONDS = 5.0

    def __init__(self, cache, prefix: str):
        """`cache`: Django's Redis cache; `prefix`: the cache key every tracked key starts with."""
        self.cache = cache
        self.redis_prefix = cache.make_key(prefix)
        self.lock = threading.Lock()
        self.values: dict[str, tuple[object, float]] = {}  # Redis key -> (value, read at)
        self.generation = 0  # bumped by every invalidation: a read that overlapped one is not kept
        self.connection = None
        self.pid = None
        self.retry_at = 0.0

    def get_many(self, keys: list[str]) -> dict:
        """Like cache.get_many(keys), from the mirror where it is known to be current."""
        now = time.monotonic()
        known, missing, generation = {}, keys, None
        with self.lock:
            if self._listening(now):
                missing = []
                for key in keys:
                    copy = self.values.get(self.cache.make_key(key))
                    if copy is not None and now - copy[1] < self.TRUST_SECONDS:
                        known[key] = copy[0]
                    else:
                        missing.append(key)
                if not missing:
                    return known
                generation = self.generation
        found = self.cache.get_many(missing)
        if generation is not None:
            with self.lock:
                self._drain()
                if self.connection is not None and generation == self.generation:
                    for key, value in found.items():
                        self.values[self.cache.make_key(key)] = (value, now)
        return {**known, **found}

    def forget(self, keys) -> None:
        """This process just changed these: never read them from the mirror again."""
        with self.lock:
            self.generation += 1
            for key in keys:
                self.values.pop(self.cache.make_key(key), None)

    def _listening(self, now: float) -> bool:
        """True when the invalidation connection is up and drained (connecting if it is time)."""
        if self.pid != os.getpid():  # a forked worker: the parent's connection is not ours
            self.pid, self.connection, self.retry_at = os.getpid(), None, 0.0
            self.values.clear()
        if self.connection is None:
            if now < self.retry_at:
                return False
            try:
                self._connect()
            except (RedisError, OSError) as error:
                self._lost(now)
                if isinstance(error, (RedisConnectionError, RedisTimeoutError, OSError)):
                    # Redis does not answer: reading it instead would wait another timeout.
                    # The caller's breaker hears of it (pagecache/breaker.py).
                    raise
                return False
        self._drain()
        return self.connection is not None

    def _connect(self) -> None:
        pool = redis_primary_pool(self.cache)  # the primary: where writes happen
        # RESP2: invalidations come as pub/sub messages on this very connection (REDIRECT to itself).
        connection = pool.connection_class(**redis_connection_kwargs(pool))
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", "PREFIX", self.redis_prefix
            )
            if connection.read_response() not in (b"OK", "OK"):
                raise RedisError("CLIENT TRACKING refused")
            connection.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
            connection.read_response()  # ["subscribe", channel, 1]
        except BaseException:
            connection.disconnect()
            raise
        self.connection = connection
        self.generation += 1
        self.values.clear()

    def _drain(self) -> None:
        """Apply every invalidation waiting on the connection (never blocks)."""
        if self.connection is None:
            return
        try:
            while self.connection.can_read(timeout=0):
                message = self.connection.read_response()
                if not isinstance(message, list) or message[0] not in (b"message", "message"):
                    continue
                self.generation += 1
                keys = message[2]
                if keys is None:  # FLUSHDB / FLUSHALL
                    self.values.clear()
                    continue
                for key in keys:
                    self.values.pop(key.decode() if isinstance(key, bytes) else key, None)
        except (RedisError, OSError):
            self._lost(time.monotonic())

    def _lost(self, now: float) -> None:
        if self.connection is not None:
            with contextlib.suppress(RedisError, OSError):
                self.connection.disconnect()
        self.connection = None
        self.values.clear()
        self.generation += 1
        self.retry_at = now + self.RETRY_SECONDS
