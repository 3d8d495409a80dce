"""Issue 13, finding 9: a NUL byte typed into any search is no 500 (PostgreSQL refuses NUL in
a query). Every picker, every admin search box and search-select goes through one cleaning
function, `mutasi_asn.views.kata_kunci`."""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mutasi_asn.admin import PencarianAdminMixin
from mutasi_asn.views import CariView

pytestmark = pytest.mark.django_db


def _nama_url(patterns=None, awalan=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ruang = f"{p.namespace}:" if p.namespace else ""
            yield from _nama_url(p.url_patterns, awalan + ruang)
        elif isinstance(p, URLPattern) and p.name:
            yield awalan + p.name, p


def _url_pencarian():
    return sorted(
        nama
        for nama, p in _nama_url()
        if getattr(p.callback, "view_class", None) and issubclass(p.callback.view_class, CariView)
    )


def test_setiap_pemilih_memakai_satu_jalur_pembersihan():
    cari = {nama for nama, _p in _nama_url() if nama.endswith("_cari")}
    assert cari == set(_url_pencarian())
    assert {
        "instansi:jabatan_cari",
        "instansi:unitkerja_cari",
        "usulan_mutasi:pegawai_cari",
        "usulan_mutasi:jabatan_tujuan_cari",
    } <= cari


@pytest.mark.parametrize("nama", _url_pencarian())
def test_pemilih_dengan_nul_tidak_500_dan_tidak_menemukan_apa_pun(client, kota, nama):
    client.force_login(kota.admin)
    for q in ("Perawat\x00", "\x00", "%00"):
        resp = client.get(reverse(nama), {"q": q})
        assert resp.status_code == 200, (nama, q)
    assert client.get(reverse(nama), {"q": "\x00"}).json() == {"hasil": []}
    # An ordinary search still finds.
    assert client.get(reverse(nama), {"q": ""}).json()["hasil"]


def _admin_berpencarian():
    return sorted(
        (ma for ma in admin.site._registry.values() if ma.search_fields),
        key=lambda ma: ma.model._meta.label,
    )


def test_setiap_admin_berpencarian_memakai_pembersihan_yang_sama():
    tanpa = [
        ma.model._meta.label
        for ma in _admin_berpencarian()
        if not isinstance(ma, PencarianAdminMixin)
    ]
    assert tanpa == []


@pytest.mark.parametrize("ma", _admin_berpencarian(), ids=lambda ma: ma.model._meta.label)
def test_pencarian_admin_dengan_nul_tidak_500(client, kota, ma):
    client.force_login(kota.admin)
    meta = ma.model._meta
    resp = client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), {"q": "a\x00"}
    )
    assert resp.status_code == 200


def test_pilihan_cari_admin_dengan_nul_tidak_500(client, kota):
    client.force_login(kota.admin)
    diuji = 0
    for ma in admin.site._registry.values():
        for field in ma.autocomplete_fields:
            meta = ma.model._meta
            resp = client.get(
                reverse("admin:autocomplete"),
                {
                    "app_label": meta.app_label,
                    "model_name": meta.model_name,
                    "field_name": field,
                    "term": "Dinas\x00",
                },
            )
            assert resp.status_code == 200, (meta.label, field)
            assert resp.json()["results"] == []
            diuji += 1
    assert diuji >= 2
