from django.urls import path

from . import views

app_name = "pegawai"

urlpatterns = [
    path("", views.PegawaiListView.as_view(), name="pegawai_list"),
    path("tambah/", views.PegawaiEditView.as_view(), name="pegawai_add"),
    path("<int:pk>/", views.PegawaiDetailView.as_view(), name="pegawai_detail"),
    path("<int:pk>/ubah/", views.PegawaiEditView.as_view(), name="pegawai_edit"),
]
