"""Django's Redis cache backend, with one redis-py client per connection pool
(see compat.ReusedClientRedisCacheClient for why), guarded by the shared cache's
breaker: while it is open, every call fails at once instead of after a socket timeout."""

import functools

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from . import store
from .compat import ReusedClientRedisCacheClient, use_cache_client


class FastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        use_cache_client(self, ReusedClientRedisCacheClient)


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        breaker = store.breaker  # looked up at each call: tests give each test a fresh one
        breaker.check()
        try:
            result = method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        return result

    return call


# Every method of Django's RedisCache that talks to Redis (decr, get_or_set and the
# like call these). Checked against Django 5.2.19: tests/pagecache/test_breaker.py
# fails when a new one appears.
GUARDED = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")
for _name in GUARDED:
    setattr(FastRedisCache, _name, _guarded(getattr(RedisCache, _name)))
