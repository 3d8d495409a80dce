"""The ABK terms are explained where they appear (a tooltip) and on one glossary page."""

from django.urls import reverse
from django.utils.html import escape

from analisis_beban.choices import ISTILAH
from mutasi_asn.akun.roles import Peran


def test_glosarium_menjelaskan_istilah_abk(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(reverse("glosarium")).content.decode()
    for istilah in ("EJ", "PJ", "EU / PU", "Bezetting", "Kebutuhan"):
        assert f">{istilah}</dt>" in html
    assert 'href="/glosarium/"' in client.get(reverse("beranda")).content.decode()


def test_judul_kolom_hasil_abk_berketerangan(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(reverse("analisis_beban:hasilabk_list")).content.decode()
    for istilah in ("EJ", "PJ", "Bezetting", "Kebutuhan"):
        assert f'title="{escape(ISTILAH[istilah])}"' in html
