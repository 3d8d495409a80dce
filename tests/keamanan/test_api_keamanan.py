"""Issue 13, findings 1 and 10: the API as a curious agency user sees it.

1. The browsable API (`Accept: text/html`, `?format=api`) renders forms whose choice lists went
   past the scope (every employee of the city in the `pegawai` filter), and an unscoped filter
   answered 200 for an id it may not see but 400 for one that does not exist (an existence
   oracle). Every filter set is scoped; in production the browsable renderer is off.
10. Format suffixes (`/abk/ringkasan.json`, `…/kelayakan.json`) reached actions that take no
   `format` argument: a 500. No route takes a suffix; `?format=json` chooses the format.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mutasi_asn.api_urls import router
from mutasi_asn.filters import FilterSetBerlingkup
from usulan_mutasi.rencana.models import RencanaPemerataan

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def _url_api(user):
    """Every route of the router: each list, one detail in the user's scope, every extra action."""
    from rest_framework.test import APIRequestFactory

    for prefix, viewset, basename in router.registry:
        view = viewset()
        view.request = APIRequestFactory().get("/")
        view.request.user = user
        view.action, view.kwargs, view.format_kwarg = "retrieve", {}, None
        model = getattr(getattr(viewset, "queryset", None), "model", None)
        if model is RencanaPemerataan and not user.lingkup_kota:
            continue  # closed to agency roles (a 403, tests/usulan_mutasi/test_rencana_api.py)
        yield basename, f"/api/v1/{prefix}/"
        if not hasattr(viewset, "retrieve"):
            continue
        obj = view.get_queryset().order_by("pk").first()
        if obj is None and model is RencanaPemerataan:
            continue  # no plan in this city; its routes: tests/usulan_mutasi/test_rencana_api.py
        if obj is None:  # a route whose rows the fixture does not make: its list is walked
            continue
        yield basename, f"/api/v1/{prefix}/{obj.pk}/"
        for aksi in viewset.get_extra_actions():
            if aksi.detail:
                yield basename, f"/api/v1/{prefix}/{obj.pk}/{aksi.url_path}/"


def test_setiap_filter_api_berlingkup():
    for _prefix, viewset, basename in router.registry:
        kelas = getattr(viewset, "filterset_class", None)
        if kelas is not None:
            assert issubclass(kelas, FilterSetBerlingkup), basename


@pytest.mark.parametrize("cara", ["accept", "format"])
def test_api_sebagai_html_tidak_menyebut_pegawai_instansi_lain(client, kota, cara):
    client.force_login(kota.operator_a)
    dilihat = 0
    for basename, url in _url_api(kota.operator_a):
        if cara == "accept":
            resp = client.get(url, HTTP_ACCEPT="text/html")
        else:
            resp = client.get(url, {"format": "api"})
        assert resp.status_code in (200, 405), (url, resp.status_code)
        assert resp["Content-Type"].startswith("text/html"), url
        isi = resp.content.decode()
        for asing in (kota.pegawai_b.nama, kota.pegawai_b.nip, kota.usulan_b.nomor):
            assert asing not in isi, (basename, url, asing)
        dilihat += 1
    assert dilihat >= 10
    # The employee of the user's own agency is still there to pick.
    isi = client.get("/api/v1/usulan/", HTTP_ACCEPT="text/html").content.decode()
    assert kota.pegawai_a.nama in isi


@pytest.mark.parametrize(
    "param",
    ["pegawai", "instansi_asal", "instansi_tujuan"],
)
def test_filter_usulan_tidak_membedakan_id_di_luar_cakupan_dari_yang_tidak_ada(client, kota, param):
    client.force_login(kota.operator_a)
    luar = {"pegawai": kota.pegawai_b.pk, "instansi_asal": kota.b.pk, "instansi_tujuan": kota.b.pk}
    tidak_ada = client.get("/api/v1/usulan/", {param: 987654321})
    di_luar = client.get("/api/v1/usulan/", {param: luar[param]})
    assert di_luar.status_code == tidak_ada.status_code
    assert di_luar.json() == tidak_ada.json()


def test_filter_pegawai_usulan_masih_menyaring_dalam_cakupan(client, kota):
    client.force_login(kota.operator_a)
    resp = client.get("/api/v1/usulan/", {"pegawai": kota.pegawai_a.pk})
    assert [r["id"] for r in resp.json()["results"]] == [kota.usulan_a.pk]


def test_produksi_tanpa_api_yang_bisa_dijelajahi():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="mutasi_asn.settings.production",
        SECRET_KEY="uji-" + "x" * 50,
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
        ALLOWED_HOSTS="contoh.go.id",
    )
    kode = (
        "from rest_framework.settings import api_settings;"
        "print([r.__name__ for r in api_settings.DEFAULT_RENDERER_CLASSES])"
    )
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", kode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == "['JSONRenderer']"


def test_akhiran_format_di_setiap_rute_404_bukan_500(client, kota):
    client.force_login(kota.bkpsdm)
    urls = [url for _b, url in _url_api(kota.bkpsdm)] + ["/api/v1/"]
    for url in urls:
        for akhiran in (".json", ".api"):
            resp = client.get(url.rstrip("/") + akhiran)
            assert resp.status_code == 404, (url, akhiran, resp.status_code)
            resp = client.post(url.rstrip("/") + akhiran, {}, content_type="application/json")
            assert resp.status_code in (403, 404, 405), (url, akhiran, resp.status_code)


def test_format_lewat_parameter_tetap_berlaku(client, kota):
    client.force_login(kota.operator_a)  # the proposer of usulan_a, who may read its findings
    for url in ("/api/v1/abk/ringkasan/", f"/api/v1/usulan/{kota.usulan_a.pk}/kelayakan/"):
        resp = client.get(url, {"format": "json"})
        assert resp.status_code == 200, url
        assert resp["Content-Type"] == "application/json"
