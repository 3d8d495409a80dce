from django.urls import path

from . import views

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
