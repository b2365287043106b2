"""The API's writes are throttled per signed-in user and per client address (ninja's own
throttling, counting in Django's cache, which all processes share: settings.CACHES). Past a
limit the write is answered 429, `{"detail": "Too many requests."}`, with Retry-After: the
seconds until the oldest write counted leaves the window. The rates are settings
(API_WRITES_PER_USER, API_WRITES_PER_IP), read at each request."""

import math
import threading

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class SettingRateThrottle(SimpleRateThrottle):
    """A rate read from a setting at each request. ninja keeps what one check found (key,
    history, time) on the throttle object, which every thread of a process shares: here it
    is kept per thread, so that two requests at once never mix their counts."""

    setting = ""

    def __init__(self) -> None:
        self.scope = self.setting.lower()
        self._state = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def wait(self) -> float:
        """Seconds until a write may be counted again (at least 1)."""
        if not self.history:
            return float(self.duration or 1)
        oldest_kept = self.history[min(len(self.history), self.num_requests or 1) - 1]
        return max(1.0, math.ceil(self.duration - (self.now - oldest_kept)))

    key = property(lambda self: self._state.key, lambda self, v: setattr(self._state, "key", v))
    history = property(
        lambda self: self._state.history, lambda self, v: setattr(self._state, "history", v)
    )
    now = property(lambda self: self._state.now, lambda self, v: setattr(self._state, "now", v))


class WritesPerUser(SettingRateThrottle):
    setting = "API_WRITES_PER_USER"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the API's writes all need a signed-in user: refused before this
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


class WritesPerAddress(SettingRateThrottle):
    """Per client address: REMOTE_ADDR, or behind CORRIDOR_TRUSTED_PROXIES proxies the
    address the nearest of them saw in X-Forwarded-For (never one a client sends itself)."""

    setting = "API_WRITES_PER_IP"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_writes(operation) -> None:
    """Throttles an operation that writes (a POST, PUT, PATCH or DELETE), once."""
    if WRITE_METHODS & set(operation.methods) and not operation.throttle_objects:
        operation.throttle_objects = [WritesPerUser(), WritesPerAddress()]
