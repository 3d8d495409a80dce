from django.urls import path

from . import views

app_name = "instansi"

urlpatterns = [
    path("", views.InstansiListView.as_view(), name="instansi_list"),
    path("tambah/", views.InstansiEditView.as_view(), name="instansi_add"),
    path("<int:pk>/", views.InstansiDetailView.as_view(), name="instansi_detail"),
    path("<int:pk>/ubah/", views.InstansiEditView.as_view(), name="instansi_edit"),
    path("unit/", views.UnitKerjaListView.as_view(), name="unitkerja_list"),
    path("unit/tambah/", views.UnitKerjaEditView.as_view(), name="unitkerja_add"),
    path("unit/cari/", views.UnitKerjaCariView.as_view(), name="unitkerja_cari"),
    path("unit/<int:pk>/", views.UnitKerjaDetailView.as_view(), name="unitkerja_detail"),
    path("unit/<int:pk>/ubah/", views.UnitKerjaEditView.as_view(), name="unitkerja_edit"),
    path("jabatan/", views.JabatanListView.as_view(), name="jabatan_list"),
    path("jabatan/tambah/", views.JabatanEditView.as_view(), name="jabatan_add"),
    path("jabatan/cari/", views.JabatanCariView.as_view(), name="jabatan_cari"),
    path("jabatan/<int:pk>/", views.JabatanDetailView.as_view(), name="jabatan_detail"),
    path("jabatan/<int:pk>/ubah/", views.JabatanEditView.as_view(), name="jabatan_edit"),
]
