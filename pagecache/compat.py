"""Every private API of Django and redis-py the page cache relies on, and nowhere else.

Each was checked against Django 5.2.19 and redis-py 8.1.0 (requirements.txt);
tests/pagecache/test_compat.py fails when one of them changes shape, so an
upgrade shows here first instead of as a slow or stale page.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


def redis_servers(backend: RedisCache) -> tuple:
    """The server URLs a Django Redis cache was configured with (RedisCache._servers)."""
    return tuple(backend._servers)


def redis_primary_pool(backend: RedisCache):
    """The connection pool of the server writes go to (RedisCacheClient._get_connection_pool).

    The version mirror opens its listening connection with this pool's settings.
    """
    return backend._cache._get_connection_pool(write=True)


def redis_connection_kwargs(pool) -> dict:
    """What a new connection of `pool` is made with (ConnectionPool.connection_kwargs), for RESP2.

    redis-py 7+ adds maint_notifications_config, which needs RESP3 and is not for a subscriber.
    """
    kwargs = {**pool.connection_kwargs, "protocol": 2}
    kwargs.pop("maint_notifications_config", None)
    return kwargs


def use_cache_client(backend: RedisCache, client_class: type) -> None:
    """Make `backend` build its client from `client_class` (RedisCache._class)."""
    backend._class = client_class


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis.Redis per connection pool.

    Django creates a new redis.Redis object for every cache call, and redis-py 5+
    fills ~340 response callbacks for each: a third of the time of a page served
    from the cache. A client is thread-safe (it takes connections from its pool),
    so one per pool is enough. Overrides RedisCacheClient.get_client and calls
    its _get_connection_pool_index, _get_connection_pool and _client.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client
