"""Issue 13, finding 12: what the deployment tells and trusts. /healthz gives an anonymous
caller only its verdict; in the compose file only the reverse proxy is published, gunicorn is
on the internal network, and X-Forwarded-* headers count only from the proxy's address."""

from pathlib import Path

import pytest
import yaml
from django.test import override_settings

from mutasi_asn.middleware import ProxyTepercayaMiddleware

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_hanya_proxy_yang_membuka_port(compose):
    layanan = compose["services"]
    assert {p.split(":")[-1] for p in layanan["proxy"]["ports"]} == {"80", "443"}
    for nama, isi in layanan.items():
        if nama != "proxy":
            assert "ports" not in isi, nama


def test_gunicorn_hanya_di_jaringan_dalam(compose):
    layanan, jaringan = compose["services"], compose["networks"]
    assert layanan["web"]["networks"] == ["belakang"]
    assert jaringan["belakang"]["internal"] is True
    for nama in ("postgres", "redis", "web", "beat"):
        assert layanan[nama]["networks"] == ["belakang"], nama
    assert "belakang" in layanan["proxy"]["networks"]
    assert "reverse_proxy web:8000" in compose["configs"]["caddyfile"]["content"]


def test_header_proxy_dipercaya_hanya_dari_alamat_proxy(compose):
    layanan = compose["services"]
    alamat = layanan["proxy"]["networks"]["belakang"]["ipv4_address"]
    subnet = compose["networks"]["belakang"]["ipam"]["config"][0]["subnet"]
    assert alamat.rsplit(".", 1)[0] == subnet.rsplit(".", 1)[0]
    for nama in ("web", "worker", "beat"):
        assert layanan[nama]["environment"]["PROXY_TEPERCAYA"] == alamat
    assert f"--forwarded-allow-ips {alamat}" in layanan["web"]["command"]


def _permintaan(rf, alamat):
    req = rf.get("/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="203.0.113.9")
    req.META["REMOTE_ADDR"] = alamat
    return req


@override_settings(
    PROXY_TEPERCAYA=["172.30.0.2"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_header_dari_selain_proxy_dibuang(rf):
    dilihat = {}

    def tampilan(request):
        dilihat["aman"] = request.is_secure()
        dilihat["xff"] = request.META.get("HTTP_X_FORWARDED_FOR")
        return None

    mw = ProxyTepercayaMiddleware(tampilan)
    mw(_permintaan(rf, "10.9.8.7"))
    assert dilihat == {"aman": False, "xff": None}
    mw(_permintaan(rf, "172.30.0.2"))
    assert dilihat == {"aman": True, "xff": "203.0.113.9"}


def test_middleware_proxy_paling_depan(settings):
    assert settings.MIDDLEWARE[0] == "mutasi_asn.middleware.ProxyTepercayaMiddleware"
