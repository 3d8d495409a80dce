"""API token sign-in with a limit on wrong tokens.

Its own module, importing nothing of DRF's views: DRF's settings import it while they load.
"""

from rest_framework import authentication, exceptions, throttling


class TokenGagalThrottle(throttling.SimpleRateThrottle):
    """Wrong tokens counted per client address (rate `token_gagal`)."""

    scope = "token_gagal"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def penuh(self, request) -> bool:
        self.key = self.get_cache_key(request, None)
        self.now = self.timer()
        riwayat = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        self.history = riwayat
        return len(riwayat) >= self.num_requests


class TokenAuthenticationBerbatas(authentication.TokenAuthentication):
    """Token sign-in whose wrong tokens are throttled: DRF's own throttles run only after
    authentication, so a robot trying tokens would never meet them. After too many wrong
    tokens from one address, every token request from it waits (429) for the rest of the
    minute, even with a right token."""

    def authenticate(self, request):
        kepala = authentication.get_authorization_header(request).split()
        if not kepala or kepala[0].lower() != self.keyword.lower().encode():
            return None
        batas = TokenGagalThrottle()
        if batas.penuh(request):
            raise exceptions.Throttled(
                wait=batas.wait(),
                detail="Terlalu banyak token yang salah dari alamat ini; coba lagi nanti.",
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            batas.allow_request(request, None)  # records this failure
            raise
