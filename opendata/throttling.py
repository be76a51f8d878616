"""The API's limit per client address, kept in the default cache.

The cache is ``sip.cache``'s: while Redis fails a read is a miss and a write is dropped, so every request
finds an empty history and passes. The limit lapses; the API stays up.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PerAddress(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at each request rather than once at import, as DRF's class attribute would be.
        return settings.API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
