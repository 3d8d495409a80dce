from django.urls import path

from . import views, views_dokumen, views_laporan

app_name = "usulan_mutasi"

urlpatterns = [
    path("", views.UsulanListView.as_view(), name="usulan_list"),
    path("tambah/", views.UsulanEditView.as_view(), name="usulan_add"),
    path("menunggu/", views.InboxView.as_view(), name="inbox"),
    path("dampak/", views.dampak, name="dampak"),
    path("cari/pegawai/", views.PegawaiCariView.as_view(), name="pegawai_cari"),
    path("cari/jabatan/", views.JabatanTujuanCariView.as_view(), name="jabatan_tujuan_cari"),
    path("<int:pk>/", views.UsulanDetailView.as_view(), name="usulan_detail"),
    # The model's get_absolute_url uses the <model>_detail name.
    path("<int:pk>/", views.UsulanDetailView.as_view(), name="usulanmutasi_detail"),
    path("<int:pk>/ubah/", views.UsulanEditView.as_view(), name="usulan_edit"),
    path("<int:pk>/aksi/<str:aksi>/", views.usulan_aksi, name="usulan_aksi"),
    path("<int:pk>/langkah-luar/", views.usulan_langkah_luar, name="usulan_langkah_luar"),
    path("<int:pk>/komentar/", views.komentar_tambah, name="komentar_add"),
    path("<int:pk>/dokumen/", views.dokumen_unggah, name="dokumen_add"),
    path(
        "<int:pk>/dokumen/semua-sesuai/",
        views.dokumen_verifikasi_semua,
        name="dokumen_verifikasi_semua",
    ),
    path("dokumen/<int:pk>/unduh/", views.dokumen_unduh, name="dokumen_unduh"),
    path("dokumen/<int:pk>/verifikasi/", views.dokumen_verifikasi, name="dokumen_verifikasi"),
    path("sk/", views.SKListView.as_view(), name="sk_list"),
    path("sk/tambah/", views.SKEditView.as_view(), name="sk_add"),
    path("sk/<int:pk>/", views.SKDetailView.as_view(), name="sk_detail"),
    path("sk/<int:pk>/", views.SKDetailView.as_view(), name="suratkeputusan_detail"),
    path("sk/<int:pk>/tetapkan/", views.sk_tetapkan, name="sk_tetapkan"),
    path(
        "sk/<int:pk>/keluarkan/<int:usulan_pk>/",
        views.sk_keluarkan_usulan,
        name="sk_keluarkan_usulan",
    ),
    # The decree as a document (usulan_mutasi/views_dokumen.py).
    path("sk/nomor/", views_dokumen.RegisterNomorView.as_view(), name="register_nomor"),
    path("sk/nomor/batalkan/", views_dokumen.nomor_batalkan, name="nomor_batalkan"),
    path("sk/<int:pk>/docx/", views_dokumen.sk_docx, name="sk_docx"),
    path("sk/<int:pk>/pdf/", views_dokumen.sk_pdf, name="sk_pdf"),
    path("sk/<int:pk>/pdf/buat/", views_dokumen.sk_pdf_buat, name="sk_pdf_buat"),
    path("sk/<int:pk>/pdf/status/", views_dokumen.sk_pdf_status, name="sk_pdf_status"),
    path(
        "sk/<int:pk>/petikan/<int:usulan_pk>/docx/", views_dokumen.petikan_docx, name="petikan_docx"
    ),
    path("sk/<int:pk>/petikan/<int:usulan_pk>/pdf/", views_dokumen.petikan_pdf, name="petikan_pdf"),
    path("sk/<int:pk>/pindaian/", views_dokumen.scan_unggah, name="sk_scan_unggah"),
    path("sk/<int:pk>/pindaian/unduh/", views_dokumen.scan_unduh, name="sk_scan_unduh"),
    path("<int:pk>/surat/<str:jenis>/docx/", views_dokumen.surat_docx, name="surat_docx"),
    path("<int:pk>/surat/<str:jenis>/pdf/", views_dokumen.surat_pdf, name="surat_pdf"),
    path("templat/<str:nama>/", views_dokumen.templat_bawaan, name="templat_bawaan"),
    # Reports (usulan_mutasi/views_laporan.py).
    path("laporan/rekap/", views_laporan.RekapView.as_view(), name="laporan_rekap"),
    path("laporan/riwayat/", views_laporan.RiwayatMutasiView.as_view(), name="riwayat_mutasi"),
    path("unit/<int:pk>/datang-pergi/", views_laporan.unit_datang_pergi, name="unit_datang_pergi"),
    path("verifikasi/<str:token>/", views_dokumen.verifikasi, name="verifikasi"),
]

# The rebalancing plan (usulan_mutasi/rencana/).
from .rencana import views as rencana_views  # noqa: E402

urlpatterns += [
    path("rencana/", rencana_views.RencanaListView.as_view(), name="rencana_list"),
    path("rencana/tambah/", rencana_views.rencana_tambah, name="rencana_add"),
    path("rencana/<int:pk>/", rencana_views.RencanaDetailView.as_view(), name="rencana_detail"),
    path("rencana/<int:pk>/status/", rencana_views.rencana_status, name="rencana_status"),
    path("rencana/<int:pk>/usulan/", rencana_views.rencana_usulan, name="rencana_usulan"),
]
urlpatterns += [
    path(
        "rencana/kandidat/jabatan/<int:pk>/",
        rencana_views.kandidat_jabatan,
        name="rencana_kandidat_jabatan",
    ),
    path(
        "rencana/tujuan/pegawai/<int:pk>/",
        rencana_views.tujuan_pegawai,
        name="rencana_tujuan_pegawai",
    ),
]
