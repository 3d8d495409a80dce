from django.urls import path

from pegawai.impor_views import ImporUnggahView, impor_templat

from . import views, views_talenta

app_name = "analisis_beban"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("periode/", views.periode_list, name="periodeabk_list"),
    path("periode/tambah/", views.periode_edit, name="periodeabk_add"),
    path("periode/<int:tahun>/", views.periode_detail, name="periode_detail"),
    path("periode/<int:tahun>/ubah/", views.periode_edit, name="periodeabk_edit"),
    path("periode/<int:tahun>/tetapkan/", views.periode_tetapkan, name="periode_tetapkan"),
    path("periode/<int:tahun>/banding/", views.periode_banding, name="periode_banding"),
    path("periode/<int:tahun>/hitung/", views.periode_hitung, name="periode_hitung"),
    path("periode/<int:tahun>/salin/", views.salin_dari_periode, name="periode_salin"),
    path("periode/<int:tahun>/jabatan/<int:pk>/", views.jabatan_abk, name="jabatan_abk"),
    path("jabatan/<int:pk>/", views.jabatan_abk_terkini, name="jabatan_abk_terkini"),
    path("perhitungan/<int:pk>/status/", views.perhitungan_status, name="perhitungan_status"),
    path("hasil/", views.HasilABKListView.as_view(), name="hasilabk_list"),
    path("peta/", views.peta_jabatan_pilih, name="peta_jabatan"),
    path("peta/instansi/<int:pk>/", views.peta_instansi, name="peta_instansi"),
    path("peta/unit/<int:pk>/", views.peta_unit, name="peta_unit"),
    path("talenta/", views_talenta.talenta_grid, name="talenta"),
    path("talenta/pegawai/<int:pk>/", views_talenta.talenta_cocok, name="talenta_cocok"),
    path("impor/", ImporUnggahView.as_view(jenis="abk"), name="impor"),
    path("impor/templat.xlsx", impor_templat, {"jenis": "abk"}, name="impor_templat"),
]
