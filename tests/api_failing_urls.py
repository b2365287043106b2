"""Corridor's URLs and one API path whose view fails, as a bug would (tests/test_api_errors.py)."""

from django.urls import path

from corridor.urls import urlpatterns as corridor_urls


def failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/v1/failing", failing_view), *corridor_urls]
