"""The private Django and redis-py APIs of pagecache/compat.py still work as it expects.

Each test fails when an upgrade changes one of them: fix pagecache/compat.py, nothing else.
No Redis server is needed: pools and clients connect only when used.
"""

from django.core.cache.backends.redis import RedisCache

from pagecache import compat
from pagecache.redis import FastRedisCache

URL = "redis://127.0.0.1:6379/13"


def test_the_configured_servers_and_the_primary_pool_are_found():
    backend = RedisCache(URL, {})
    assert compat.redis_servers(backend) == (URL,)
    pool = compat.redis_primary_pool(backend)
    assert pool.connection_kwargs["db"] == 13
    kwargs = compat.redis_connection_kwargs(pool)
    assert kwargs["protocol"] == 2 and "maint_notifications_config" not in kwargs
    assert pool.connection_class(**kwargs).db == 13  # a connection can be made from them


def test_one_client_per_pool_is_kept():
    backend = FastRedisCache(URL, {})
    client = backend._cache  # RedisCache._cache: the client class use_cache_client() set
    assert isinstance(client, compat.ReusedClientRedisCacheClient)
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True).connection_pool is compat.redis_primary_pool(backend)
