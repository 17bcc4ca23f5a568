"""Django's Redis cache backend, with one redis-py client per connection pool
(see compat.ReusedClientRedisCacheClient for why)."""

from django.core.cache.backends.redis import RedisCache

from .compat import ReusedClientRedisCacheClient, use_cache_client


class FastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        use_cache_client(self, ReusedClientRedisCacheClient)
