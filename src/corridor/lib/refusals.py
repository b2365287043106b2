"""A page's answer to a refusal: the app's own 403 page saying why."""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def refusing_with(template: str):
    """A view decorator: a PermissionDenied, from a role check or a service, becomes a 403
    page rendered from `template`, with the refusal's words as `message`."""

    def refusing(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as e:
                message = str(e) or "You may not do this."
                return render(request, template, {"message": message}, status=403)

        return wrapped

    return refusing
