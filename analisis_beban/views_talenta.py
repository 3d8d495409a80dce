"""The talent pool pages: the 9-box grid (per instansi and city-wide), each box's people, and
for boxes 7–9 the positions with a shortage they are eligible for; the "cocok untuk" panel of the
pegawai profile. Reads go through `talenta.py`, scoped by the user."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from instansi.models import Instansi
from pegawai import kompetensi as rumus
from pegawai.models import Pegawai
from pegawai.models_kompetensi import KotakTalenta

from . import talenta
from .views import _periode_dari_query

LABEL_KINERJA = {
    rumus.DI_ATAS: "Di atas ekspektasi",
    rumus.SESUAI: "Sesuai ekspektasi",
    rumus.DI_BAWAH: "Di bawah ekspektasi",
}
LABEL_POTENSI = {rumus.RENDAH: "Rendah", rumus.MENENGAH: "Menengah", rumus.TINGGI: "Tinggi"}


def _angka(teks: str, batas: int) -> int | None:
    return int(teks) if teks.isdigit() and 0 < int(teks) <= batas else None


@login_required
@permission_required(
    ["pegawai.view_pegawai", "pegawai.view_skptahunan", "analisis_beban.view_hasilabk"],
    raise_exception=True,
)
def talenta_grid(request):
    user = request.user
    daftar_instansi = Instansi.objects.for_user(user).filter(aktif=True).order_by("nama")
    instansi = None
    instansi_id = _angka(request.GET.get("instansi", ""), 2**31 - 1)
    if instansi_id:
        instansi = get_object_or_404(daftar_instansi, pk=instansi_id)
    elif not user.lingkup_kota and user.instansi_cakupan_id:
        instansi = get_object_or_404(daftar_instansi, pk=user.instansi_cakupan_id)
    periode = _periode_dari_query(request)
    grid = talenta.grid_talenta(user, instansi_id=instansi.pk if instansi else None)
    nomor = _angka(request.GET.get("kotak", ""), 9)
    halaman = kotak = None
    if nomor:
        kotak = KotakTalenta.objects.filter(nomor=nomor).first()
        baris = talenta.orang_dalam_kotak(
            user, nomor, instansi_id=instansi.pk if instansi else None
        )
        halaman = Paginator(baris, 25).get_page(request.GET.get("page"))
        halaman.object_list = talenta.lengkapi_orang(
            user, list(halaman.object_list), nomor=nomor, periode=periode
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "analisis_beban/talenta.html",
        {
            "judul": "Kelompok talenta (9 kotak)"
            + (f" — {instansi.nama}" if instansi else " — seluruh kota"),
            "grid": grid,
            "label_kinerja": LABEL_KINERJA,
            "label_potensi": LABEL_POTENSI,
            "daftar_instansi": daftar_instansi if user.lingkup_kota else None,
            "instansi": instansi,
            "periode": periode,
            "nomor": nomor,
            "kotak": kotak,
            "halaman": halaman,
            "talent_pool": nomor in rumus.KOTAK_TALENT_POOL if nomor else False,
            "query_tanpa_halaman": query.urlencode(),
            "boleh_usul": user.has_perm("usulan_mutasi.add_usulanmutasi"),
        },
    )


@login_required
@permission_required(["pegawai.view_pegawai", "analisis_beban.view_hasilabk"], raise_exception=True)
def talenta_cocok(request, pk):
    """The profile's "cocok untuk …" panel (htmx): positions with a shortage one pegawai fits."""
    pegawai = get_object_or_404(
        Pegawai.objects.for_user(request.user).select_related("jabatan"), pk=pk
    )
    periode = _periode_dari_query(request)
    saran = talenta.saran_posisi(request.user, [pegawai], periode=periode)[pegawai.pk]
    return render(
        request,
        "analisis_beban/_talenta_cocok.html",
        {
            "pegawai": pegawai,
            "saran": saran,
            "periode": periode,
            "boleh_usul": request.user.has_perm("usulan_mutasi.add_usulanmutasi"),
        },
    )
