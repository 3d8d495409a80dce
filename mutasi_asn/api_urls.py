"""Every app's read/write API under /api/v1/, wired in one router."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from analisis_beban.api import HasilABKViewSet, RingkasanInstansiViewSet
from instansi.api import InstansiViewSet, JabatanViewSet, UnitKerjaViewSet
from pegawai.api import PegawaiViewSet
from pegawai.api_kompetensi import (
    HasilAsesmenViewSet,
    KesenjanganView,
    KompetensiViewSet,
    RiwayatPelatihanViewSet,
    SertifikasiPegawaiViewSet,
    SKPTahunanViewSet,
)
from usulan_mutasi.api import UsulanMutasiViewSet
from usulan_mutasi.rencana.api import RencanaViewSet

# No format suffixes (`/abk/ringkasan.json`): they reached actions that take no `format`
# argument (a 500). `?format=json` and the Accept header choose the format on every route.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("instansi", InstansiViewSet, basename="instansi")
router.register("unit-kerja", UnitKerjaViewSet, basename="unitkerja")
router.register("jabatan", JabatanViewSet, basename="jabatan")
router.register("pegawai", PegawaiViewSet, basename="pegawai")
router.register("abk/hasil", HasilABKViewSet, basename="hasilabk")
router.register("abk/ringkasan", RingkasanInstansiViewSet, basename="ringkasan-abk")
router.register("usulan", UsulanMutasiViewSet, basename="usulan")
router.register("rencana", RencanaViewSet, basename="rencana")
router.register("kompetensi", KompetensiViewSet, basename="kompetensi")
router.register("asesmen", HasilAsesmenViewSet, basename="hasilasesmen")
router.register("pelatihan", RiwayatPelatihanViewSet, basename="riwayatpelatihan")
router.register("sertifikasi", SertifikasiPegawaiViewSet, basename="sertifikasipegawai")
router.register("skp", SKPTahunanViewSet, basename="skptahunan")

urlpatterns = router.urls + [
    path("pegawai/<int:pk>/kesenjangan/", KesenjanganView.as_view(), name="pegawai-kesenjangan"),
]
