"""Pages that belong to no single app: the home dashboard and the error pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from analisis_beban.choices import ISTILAH
from analisis_beban.views import konteks_dasbor
from instansi.models import Instansi
from pegawai.models import Pegawai


@login_required
def beranda(request):
    user = request.user
    ringkasan = {
        "instansi": Instansi.objects.for_user(user).count(),
        "pegawai": Pegawai.objects.for_user(user).aktif().count(),
    }
    ctx = {"ringkasan": ringkasan}
    if user.has_perm("analisis_beban.view_hasilabk"):
        # The ABK dashboard is the home of everyone who may read ABK results.
        ctx.update(konteks_dasbor(request))
        ctx["dasbor_abk"] = True
    return render(request, "beranda.html", ctx)


@login_required
def glosarium(request):
    """The ABK terms the tables use (EJ, PJ, PU, bezetting, kebutuhan …), in one place."""
    return render(request, "glosarium.html", {"judul": "Glosarium ABK", "istilah": ISTILAH})


def galat_403(request, exception=None):
    return render(request, "403.html", status=403)


def galat_404(request, exception=None):
    return render(request, "404.html", status=404)


def galat_500(request):
    # Rendered without the request context: a broken context processor must not hide the page.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
