from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import health, pages

admin.site.site_header = "Administrasi Mutasi ASN"
admin.site.site_title = "Mutasi ASN"
admin.site.index_title = "BKPSDM Kota Pematangsiantar"

urlpatterns = [
    path("", pages.beranda, name="beranda"),
    path("healthz", health.healthz, name="healthz"),
    path("glosarium/", pages.glosarium, name="glosarium"),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("instansi/", include("instansi.urls")),
    path("pegawai/", include("pegawai.urls")),
    path("abk/", include("analisis_beban.urls")),
    path("mutasi/", include("usulan_mutasi.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file (no inline script under the CSP); signing in
    # is the login page's, as for every other page.
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path("api/v1/", include("mutasi_asn.api_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "mutasi_asn.pages.galat_403"
handler404 = "mutasi_asn.pages.galat_404"
handler500 = "mutasi_asn.pages.galat_500"
