from django.urls import path

from . import impor_views, views

app_name = "pegawai"

urlpatterns = [
    path("", views.PegawaiListView.as_view(), name="pegawai_list"),
    path("tambah/", views.PegawaiEditView.as_view(), name="pegawai_add"),
    path("<int:pk>/", views.PegawaiDetailView.as_view(), name="pegawai_detail"),
    path("<int:pk>/ubah/", views.PegawaiEditView.as_view(), name="pegawai_edit"),
    path(
        "impor/pegawai/", impor_views.ImporUnggahView.as_view(jenis="pegawai"), name="impor_pegawai"
    ),
    path(
        "impor/jabatan/", impor_views.ImporUnggahView.as_view(jenis="jabatan"), name="impor_jabatan"
    ),
    path(
        "impor/instansi/",
        impor_views.ImporUnggahView.as_view(jenis="instansi"),
        name="impor_instansi",
    ),
    path(
        "impor/unitkerja/",
        impor_views.ImporUnggahView.as_view(jenis="unitkerja"),
        name="impor_unitkerja",
    ),
    *[
        path(
            f"impor/{jenis}/",
            impor_views.ImporUnggahView.as_view(jenis=jenis),
            name=f"impor_{jenis}",
        )
        for jenis in ("pelatihan", "skp", "sertifikasi", "asesmen")
    ],
    path("impor/templat/<str:jenis>/", impor_views.impor_templat, name="impor_templat"),
    path("impor/<int:pk>/", impor_views.impor_detail, name="impor_detail"),
    path("impor/<int:pk>/simpan/", impor_views.impor_simpan, name="impor_simpan"),
    path("impor/<int:pk>/progres/", impor_views.impor_progres, name="impor_progres"),
]
