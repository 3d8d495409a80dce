"""Middleware of the shared layer."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url

_KEPALA_PROXY = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")


class ProxyTepercayaMiddleware:
    """`X-Forwarded-*` headers count only when the connection comes from our reverse proxy
    (`PROXY_TEPERCAYA`, its addresses): anyone else who reached gunicorn could otherwise claim
    HTTPS (SECURE_PROXY_SSL_HEADER) or another client address (sign-in lockout, throttles).
    First in MIDDLEWARE, before anything reads them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.tepercaya = frozenset(getattr(settings, "PROXY_TEPERCAYA", ()))

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR") not in self.tepercaya:
            for kepala in _KEPALA_PROXY:
                request.META.pop(kepala, None)
        return self.get_response(request)


class HtmxMasukMiddleware:
    """A partial asked by htmx (a progress box polling every second) whose session has ended:
    the login redirect becomes `HX-Redirect`, so the browser opens the login page instead of
    swapping the whole page into the box. After signing in the user returns to the page they
    were on (htmx's HX-Current-URL, same site only), not to the partial."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
        ):
            halaman = request.htmx.current_url_abs_path or request.get_full_path()
            masuk = redirect_to_login(halaman)["Location"]
            return HttpResponse(status=204, headers={"HX-Redirect": masuk})
        return response
