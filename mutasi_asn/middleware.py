"""Middleware of the shared layer."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url


class HtmxMasukMiddleware:
    """A partial asked by htmx (a progress box polling every second) whose session has ended:
    the login redirect becomes `HX-Redirect`, so the browser opens the login page instead of
    swapping the whole page into the box."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
        ):
            return HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
